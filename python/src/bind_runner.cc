// Python bindings of loadlaw/runner: LoadOptions (the options a run and a
// sweep share) and run(), one load level against an endpoint, which releases
// the GIL and stops cleanly on Ctrl-C.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "args.h"
#include "bindings.h"
#include "interrupt.h"
#include "json_view.h"
#include "loadlaw/runner/load_spec.h"
#include "loadlaw/runner/runner.h"
#include "name_enum.h"

namespace py = pybind11;

namespace loadlaw::python {
namespace {

// Seconds as a number, or duration text; None for "not given".
std::string OptionalDuration(const py::object& value, const char* field) {
  return value.is_none() ? "" : DurationText(value, field);
}

runner::LoadSpec MakeLoadSpec(
    const std::string& target, const py::object& workload,
    std::optional<std::int64_t> prompt_tokens,
    std::optional<std::int64_t> max_tokens, const std::string& model,
    std::optional<std::string> api, bool stream, const py::object& think_time,
    const std::string& arrival, double burstiness, int max_in_flight,
    int threads, const py::object& ramp_up,
    std::optional<std::string> api_key_env, bool verify_tls, bool http2,
    const std::string& transport, const py::object& timeout,
    const py::object& connect_timeout, std::int64_t max_response_bytes,
    bool honor_retry_after, std::uint64_t seed, const py::object& slo_ttft,
    const py::object& slo_tpot, const py::object& slo_e2e) {
  runner::LoadSpec s;
  s.naming = base::Naming::kKeyword;
  s.target = target;
  s.workload = PathArg(workload);
  s.prompt_tokens = prompt_tokens;
  s.max_tokens = max_tokens;
  s.api = std::move(api);
  s.model = model;
  s.stream = stream;
  s.think_time = OptionalDuration(think_time, "think_time");
  s.arrival = arrival;
  s.burstiness = burstiness;
  s.max_in_flight = max_in_flight;
  s.threads = threads;
  s.ramp_up = OptionalDuration(ramp_up, "ramp_up");
  s.api_key_env = std::move(api_key_env);
  s.verify_tls = verify_tls;
  s.http2 = http2;
  s.transport = transport;
  s.timeout = DurationText(timeout, "timeout");
  s.connect_timeout = DurationText(connect_timeout, "connect_timeout");
  s.max_response_bytes = max_response_bytes;
  s.honor_retry_after = honor_retry_after;
  s.seed = seed;
  s.slo_ttft = OptionalDuration(slo_ttft, "slo_ttft");
  s.slo_tpot = OptionalDuration(slo_tpot, "slo_tpot");
  s.slo_e2e = OptionalDuration(slo_e2e, "slo_e2e");
  // Checked now, as the CLI checks its flags before it starts.
  runner::BuildRunOptions(s, telemetry::LoopKind::kClosed);
  return s;
}

void BindLoadOptions(py::module_& m) {
  py::class_<runner::LoadSpec>(
      m, "LoadOptions",
      "What run() and sweep() share: the target, the workload (a workload "
      "file, or the synthetic one of prompt_tokens and max_tokens), "
      "transport, goodput SLOs and the seed. Durations are seconds or text "
      "('500ms', '2m').")
      .def(py::init(&MakeLoadSpec), py::arg("target"), py::kw_only(),
           py::arg("workload") = py::none(),
           py::arg("prompt_tokens") = py::none(),
           py::arg("max_tokens") = py::none(), py::arg("model") = "",
           py::arg("api") = py::none(), py::arg("stream") = true,
           py::arg("think_time") = py::none(), py::arg("arrival") = "poisson",
           py::arg("burstiness") = 1.0, py::arg("max_in_flight") = 0,
           py::arg("threads") = 1, py::arg("ramp_up") = py::none(),
           py::arg("api_key_env") = py::none(), py::arg("verify_tls") = true,
           py::arg("http2") = false, py::arg("transport") = "auto",
           py::arg("timeout") = "300s",
           py::arg("connect_timeout") = "10s",
           py::arg("max_response_bytes") = std::int64_t{32} << 20,
           py::arg("honor_retry_after") = true, py::arg("seed") = 1,
           py::arg("slo_ttft") = py::none(), py::arg("slo_tpot") = py::none(),
           py::arg("slo_e2e") = py::none())
      .def_readonly("target", &runner::LoadSpec::target)
      .def_readonly("workload", &runner::LoadSpec::workload)
      .def_readonly("think_time", &runner::LoadSpec::think_time)
      .def_readonly("seed", &runner::LoadSpec::seed)
      .def_property_readonly("workload_identity", &runner::WorkloadIdentity,
                             "What identifies the workload (its hash is a "
                             "sweep's workload_hash), as the CLI has it.");
}

std::string RunText(const runner::RunResult& r, int indent) {
  return runner::RunResultToJson(r, indent);
}

// The keys a one-level result repeats from its level (the level's window
// summary, "complete", "config"), found in the library's own rendering of
// such a result: attributes there, AttributeError with several levels.
void AddLevelFields(py::class_<runner::RunResult>& cls) {
  runner::RunResult one;
  one.levels.resize(1);
  const nlohmann::json doc =
      nlohmann::json::parse(runner::RunResultToJson(one));
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string& key = it.key();
    if (py::hasattr(cls, key.c_str())) continue;  // the run's own field
    const char* doc_text = "Of the level, when the run has only one.";
    if (it->is_boolean()) {
      AddJsonField<bool>(cls, key, doc_text);
    } else if (it->is_number()) {
      AddJsonField<double>(cls, key, doc_text);
    } else {
      AddJsonField<Record>(cls, key, doc_text);
    }
  }
}

void BindRun(py::module_& m) {
  using runner::RunResult;
  py::class_<RunResult> cls(
      m, "RunResult",
      "What a load run measured, shaped as `loadlaw run --json` "
      "(result.levels[0].throughput.requests_per_s, and for one level "
      "result.throughput, result.metrics, ...).",
      py::dynamic_attr());
  AddJsonView<RunResult>(cls, RunText);
  AddJsonField<std::string>(cls, "schema", "'loadlaw.run/1'.");
  cls.def_readonly("target", &RunResult::target)
      .def_readonly("workload", &RunResult::workload)
      .def_readonly("loop", &RunResult::loop);
  AddJsonField<std::optional<workload::ArrivalKind>>(
      cls, "arrival", "The arrival process of an open loop, else None.");
  AddJsonField<std::optional<double>>(cls, "burstiness",
                                      "Of an open loop, else None.");
  AddJsonField<std::optional<int>>(cls, "max_in_flight",
                                   "Of an open loop, else None.");
  cls.def_readonly("threads", &RunResult::threads)
      .def_readonly("transport", &RunResult::transport)
      .def_readonly("cancelled", &RunResult::cancelled)
      .def_readonly("start_unix_s", &RunResult::start_unix_s)
      .def_readonly("elapsed_s", &RunResult::elapsed_s)
      .def_readonly("aborted_requests", &RunResult::aborted_requests)
      .def_readonly("connections_opened", &RunResult::connections_opened);
  AddJsonField<std::vector<Record>>(
      cls, "levels",
      "Each level as `loadlaw run --json` writes it: index, complete, config "
      "and its window summary.");
  AddLevelFields(cls);
  cls.def("__repr__", [](const RunResult& r) {
    return "RunResult(target='" + r.target +
           "', levels=" + std::to_string(r.levels.size()) +
           ", elapsed_s=" + std::to_string(r.elapsed_s) + ")";
  });
  m.def(
      "_run",
      [](const runner::LoadSpec& load, int concurrency, double rate,
         const py::object& duration, std::int64_t requests,
         const py::object& warmup, const py::object& records) {
        runner::LevelSpec level;
        level.concurrency = concurrency;
        level.rate_rps = rate;
        level.duration = OptionalDuration(duration, "duration");
        level.requests = requests;
        level.warmup = DurationText(warmup, "warmup");
        const runner::RunOptions options =
            runner::BuildRun(load, level, PathArg(records));
        Interruptible call;
        runner::RunHooks hooks;
        hooks.cancel = call.cancel();
        return call.Run([&] { return runner::Run(options, hooks); });
      },
      py::arg("load"), py::arg("concurrency") = 0, py::arg("rate") = 0.0,
      py::arg("duration") = py::none(), py::arg("requests") = 0,
      py::arg("warmup") = 0.0, py::arg("records") = py::none(),
      "One load level (see loadlaw.run).");
}

}  // namespace

void BindRunner(py::module_& m) {
  BindLoadOptions(m);
  BindRun(m);
}

}  // namespace loadlaw::python
