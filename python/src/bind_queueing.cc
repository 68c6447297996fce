// Python bindings of loadlaw/queueing: Erlang B/C, M/M/c, Allen-Cunneen,
// exact MVA, the flow-equivalent server and sizing.

#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bindings.h"
#include "loadlaw/queueing/allen_cunneen.h"
#include "loadlaw/queueing/erlang.h"
#include "loadlaw/queueing/flow_equivalent.h"
#include "loadlaw/queueing/mva.h"
#include "loadlaw/queueing/sizing.h"

namespace py = pybind11;

namespace loadlaw::python {
namespace {

using queueing::FlowEquivalentResult;
using queueing::MmcResult;
using queueing::MvaResult;

void BindMmc(py::module_& m) {
  py::class_<MmcResult>(m, "MmcResult",
                        "Steady state of an M/M/c (or G/G/c) queue; times in "
                        "the units of the service time.")
      .def_readonly("servers", &MmcResult::servers)
      .def_readonly("arrival_rate", &MmcResult::arrival_rate)
      .def_readonly("service_time", &MmcResult::service_time)
      .def_readonly("offered_load", &MmcResult::offered_load)
      .def_readonly("utilization", &MmcResult::utilization)
      .def_readonly("wait_probability", &MmcResult::wait_probability)
      .def_readonly("mean_wait", &MmcResult::mean_wait)
      .def_readonly("mean_response", &MmcResult::mean_response)
      .def_readonly("mean_queue_length", &MmcResult::mean_queue_length)
      .def_readonly("mean_in_system", &MmcResult::mean_in_system)
      .def("wait_exceeds", &MmcResult::WaitExceeds, py::arg("t"),
           "P(wait > t) = C exp(-(c - A) t / S).")
      .def("__repr__", [](const MmcResult& r) {
        return "MmcResult(servers=" + std::to_string(r.servers) +
               ", utilization=" + std::to_string(r.utilization) +
               ", wait_probability=" + std::to_string(r.wait_probability) +
               ", mean_wait=" + std::to_string(r.mean_wait) + ")";
      });
  m.def("erlang_b", &queueing::ErlangB, py::arg("servers"),
        py::arg("offered_load"),
        "Erlang B blocking probability of `servers` offered `offered_load` "
        "Erlangs.");
  m.def("erlang_c", &queueing::ErlangC, py::arg("servers"),
        py::arg("offered_load"),
        "Erlang C wait probability; ValueError when the load saturates the "
        "servers.");
  m.def("mmc", &queueing::SolveMmc, py::arg("arrival_rate"),
        py::arg("service_time"), py::arg("servers"),
        "Solve M/M/c; ValueError for a saturated system.");
  m.def("allen_cunneen", &queueing::SolveAllenCunneen, py::arg("arrival_rate"),
        py::arg("service_time"), py::arg("servers"),
        py::arg("arrival_scv") = 1.0, py::arg("service_scv") = 1.0,
        "G/G/c by the Allen-Cunneen approximation (exact for M/G/1 and "
        "M/M/c).");
}

std::vector<queueing::Station> MakeStations(
    const std::vector<double>& demands,
    const std::optional<std::vector<int>>& servers) {
  if (servers && servers->size() != demands.size()) {
    throw std::invalid_argument("servers: " + std::to_string(servers->size()) +
                                " counts for " +
                                std::to_string(demands.size()) + " demands");
  }
  std::vector<queueing::Station> stations;
  for (size_t k = 0; k < demands.size(); ++k) {
    stations.push_back({"station" + std::to_string(k + 1), demands[k],
                        servers ? (*servers)[k] : 1});
  }
  return stations;
}

void BindMva(py::module_& m) {
  py::class_<MvaResult>(m, "MvaResult", "Exact MVA at one population.")
      .def_readonly("users", &MvaResult::users)
      .def_readonly("throughput", &MvaResult::throughput)
      .def_readonly("response_time", &MvaResult::response_time)
      .def_readonly("residence_times", &MvaResult::residence_times)
      .def_readonly("queue_lengths", &MvaResult::queue_lengths)
      .def_readonly("utilizations", &MvaResult::utilizations);
  m.def(
      "mva",
      [](const std::vector<double>& demands, double think_time, int users,
         const std::optional<std::vector<int>>& servers) {
        return queueing::SolveMva(MakeStations(demands, servers), think_time,
                                  users);
      },
      py::arg("demands"), py::arg("think_time"), py::arg("users"),
      py::arg("servers") = py::none(),
      "Exact MVA of a closed network: service demands per station (seconds), "
      "think time, population; optional servers per station.");
  m.def(
      "mva_series",
      [](const std::vector<double>& demands, double think_time, int users,
         const std::optional<std::vector<int>>& servers) {
        return queueing::SolveMvaSeries(MakeStations(demands, servers),
                                        think_time, users);
      },
      py::arg("demands"), py::arg("think_time"), py::arg("users"),
      py::arg("servers") = py::none(),
      "Exact MVA for every population 1..users.");
  py::class_<queueing::MulticlassMvaResult>(m, "MulticlassMvaResult")
      .def_readonly("throughputs", &queueing::MulticlassMvaResult::throughputs)
      .def_readonly("response_times",
                    &queueing::MulticlassMvaResult::response_times)
      .def_readonly("queue_lengths",
                    &queueing::MulticlassMvaResult::queue_lengths)
      .def_readonly("utilizations",
                    &queueing::MulticlassMvaResult::utilizations);
  m.def("mva_multiclass", &queueing::SolveMulticlassMva, py::arg("demands"),
        py::arg("think_times"), py::arg("populations"),
        "Multi-class exact MVA: demands[c][k], think time and population per "
        "class.");
}

void BindFlowEquivalent(py::module_& m) {
  py::class_<FlowEquivalentResult>(
      m, "FlowEquivalentResult",
      "Stationary solution of the flow-equivalent server under Poisson "
      "arrivals.")
      .def_readonly("arrival_rate", &FlowEquivalentResult::arrival_rate)
      .def_readonly("throughput", &FlowEquivalentResult::throughput)
      .def_property_readonly("state_probabilities",
                             [](const FlowEquivalentResult& r) {
                               return py::array_t<double>(
                                   r.state_probabilities.size(),
                                   r.state_probabilities.data());
                             })
      .def_readonly("tail_probability", &FlowEquivalentResult::tail_probability)
      .def_readonly("mean_in_system", &FlowEquivalentResult::mean_in_system)
      .def_readonly("mean_in_service", &FlowEquivalentResult::mean_in_service)
      .def_readonly("mean_queue_length",
                    &FlowEquivalentResult::mean_queue_length)
      .def_readonly("mean_response_time",
                    &FlowEquivalentResult::mean_response_time)
      .def_readonly("mean_wait", &FlowEquivalentResult::mean_wait)
      .def_readonly("queueing_probability",
                    &FlowEquivalentResult::queueing_probability)
      .def_readonly("loss_probability", &FlowEquivalentResult::loss_probability)
      .def_readonly("utilization", &FlowEquivalentResult::utilization);
  m.def(
      "flow_equivalent",
      [](const std::vector<double>& throughputs, double arrival_rate,
         int concurrency_limit, int queue_limit) {
        queueing::FlowEquivalentOptions options;
        options.concurrency_limit = concurrency_limit;
        options.queue_limit = queue_limit;
        return queueing::SolveFlowEquivalent(throughputs, arrival_rate,
                                             options);
      },
      py::arg("throughputs"), py::arg("arrival_rate"),
      py::arg("concurrency_limit") = 0, py::arg("queue_limit") = -1,
      "Flow-equivalent server: throughputs[n-1] = X(n) per second, Poisson "
      "arrivals; queue_limit -1 is unbounded, 0 pure loss.");
}

void BindSizing(py::module_& m) {
  m.def("smallest_count", &queueing::SmallestCount, py::arg("meets"),
        py::arg("min_count"), py::arg("max_count"),
        "The smallest count in [min, max] for which meets(count) is true "
        "(monotone predicate).");
  m.def(
      "servers_for",
      [](double arrival_rate, double service_time,
         std::optional<double> max_wait, std::optional<double> max_response,
         std::optional<double> wait_time,
         std::optional<double> max_probability) {
        if (max_wait) {
          return queueing::ServersForMeanWait(arrival_rate, service_time,
                                              *max_wait);
        }
        if (max_response) {
          return queueing::ServersForMeanResponse(arrival_rate, service_time,
                                                  *max_response);
        }
        if (wait_time && max_probability) {
          return queueing::ServersForWaitProbability(
              arrival_rate, service_time, *wait_time, *max_probability);
        }
        throw std::invalid_argument(
            "servers_for needs a target: max_wait, max_response, or wait_time "
            "with max_probability");
      },
      py::arg("arrival_rate"), py::arg("service_time"), py::kw_only(),
      py::arg("max_wait") = py::none(), py::arg("max_response") = py::none(),
      py::arg("wait_time") = py::none(),
      py::arg("max_probability") = py::none(),
      "The fewest M/M/c servers meeting one target.");
}

}  // namespace

void BindQueueing(py::module_& m) {
  BindMmc(m);
  BindMva(m);
  BindFlowEquivalent(m);
  BindSizing(m);
}

}  // namespace loadlaw::python
