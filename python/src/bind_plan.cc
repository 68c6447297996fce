// Python bindings of loadlaw/plan: plan() (replicas, capacity, headroom and
// cost for a demand under SLOs) with a typed result shaped as `loadlaw plan
// --json` (plan.cost.monthly), compare_plans(), price lists and the parsers.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "args.h"
#include "bindings.h"
#include "json_view.h"
#include "loadlaw/plan/demand.h"
#include "loadlaw/plan/planner.h"
#include "loadlaw/plan/pricing.h"
#include "loadlaw/plan/slo.h"
#include "name_enum.h"
#include "plan_request.h"

namespace py = pybind11;

namespace loadlaw::python {
namespace {

std::vector<std::string> SloTexts(const py::object& slos) {
  if (slos.is_none()) return {};
  if (py::isinstance<py::str>(slos)) return {slos.cast<std::string>()};
  return slos.cast<std::vector<std::string>>();
}

}  // namespace

plan::PlanSpec SpecOf(const PlanRequest& r) {
  plan::PlanSpec spec;
  spec.naming = base::Naming::kKeyword;
  spec.slos = SloTexts(r.slos);
  if (!r.demand.is_none()) spec.demand = NumberText(r.demand, "rps", "demand");
  if (!r.headroom.is_none()) {
    spec.headroom = NumberText(r.headroom, "", "headroom");
  }
  if (!r.price.is_none()) spec.price = NumberText(r.price, "", "price");
  if (py::isinstance<plan::Pricing>(r.pricing)) {
    spec.pricing = r.pricing.cast<plan::Pricing>();
  } else if (!r.pricing.is_none()) {
    spec.pricing_name = PathArg(r.pricing);
    spec.pricing = plan::LoadPricing(spec.pricing_name);
  }
  spec.hardware = r.hardware;
  spec.gpus_per_replica = r.gpus_per_replica;
  spec.replicas = r.replicas;
  spec.concurrency_limit = r.concurrency_limit;
  return spec;
}

namespace {

std::string PlanText(const plan::PlanResult& p, int indent) {
  return plan::PlanToJsonText(p, indent);
}

std::string ComparisonText(const plan::PlanComparison& c, int indent) {
  return plan::ComparisonToJsonText(c, indent);
}

py::object Frame(const char* function, const py::object& self) {
  return py::module_::import("loadlaw._frames").attr(function)(self);
}

void BindSloCheck(py::module_& m) {
  py::class_<plan::SloCheck>(
      m, "SloCheck",
      "One SLO at an operating point: the forecast quantile (value at the "
      "central fit, [low, high] at the ends of the model's bands).")
      .def_property_readonly(
          "slo", [](const plan::SloCheck& c) { return c.slo.text; },
          "The SLO as written, e.g. 'p99(e2e)<5s'.")
      .def_property_readonly(
          "metric", [](const plan::SloCheck& c) { return c.slo.metric; })
      .def_property_readonly(
          "quantile", [](const plan::SloCheck& c) { return c.slo.quantile; })
      .def_property_readonly(
          "target_s", [](const plan::SloCheck& c) { return c.slo.target_s; })
      .def_readonly("predicted_s", &plan::SloCheck::predicted_s)
      .def_readonly("met", &plan::SloCheck::met);
  py::class_<plan::ApiCost>(m, "ApiCost",
                            "A hosted API serving the same demand.")
      .def_readonly("name", &plan::ApiCost::name)
      .def_readonly("monthly", &plan::ApiCost::monthly)
      .def_readonly("per_million_output_tokens",
                    &plan::ApiCost::per_million_output_tokens);
}

void BindPlanParts(py::module_& m) {
  using plan::PlanCost, plan::PlanHeadroom, plan::PlanSaturation;
  py::class_<plan::PlanDemand>(m, "PlanDemand", "plan.demand")
      .def_readonly("requests_per_s", &plan::PlanDemand::requests_per_s)
      .def_readonly("sizing_requests_per_s",
                    &plan::PlanDemand::sizing_requests_per_s);
  py::class_<PlanSaturation>(m, "PlanSaturation",
                             "plan.saturation: where one replica saturates.")
      .def_readonly("concurrency", &PlanSaturation::concurrency)
      .def_readonly("throughput_rps", &PlanSaturation::throughput_rps)
      .def_readonly("peak_concurrency", &PlanSaturation::peak_concurrency)
      .def_readonly("limited_by", &PlanSaturation::limited_by)
      .def_readonly("concurrency_limit", &PlanSaturation::concurrency_limit)
      .def_readonly("concurrency_limit_source",
                    &PlanSaturation::concurrency_limit_source);
  py::class_<plan::PlanClosedLoop>(m, "PlanClosedLoop", "plan.closed_loop")
      .def_readonly("concurrency", &plan::PlanClosedLoop::concurrency)
      .def_readonly("throughput_rps", &plan::PlanClosedLoop::throughput_rps)
      .def_readonly("replicas", &plan::PlanClosedLoop::replicas);
  py::class_<plan::PlanOperatingPoint>(m, "PlanOperatingPoint",
                                       "plan.operating_point")
      .def_readonly("per_replica_rate_rps",
                    &plan::PlanOperatingPoint::per_replica_rate_rps)
      .def_readonly("utilization", &plan::PlanOperatingPoint::utilization)
      .def_readonly("saturation_utilization",
                    &plan::PlanOperatingPoint::saturation_utilization)
      .def_readonly("mean_concurrency",
                    &plan::PlanOperatingPoint::mean_concurrency)
      .def_readonly("slo_checks", &plan::PlanOperatingPoint::slo_checks);
  py::class_<PlanHeadroom>(
      m, "PlanHeadroom",
      "plan.headroom: the sizing headroom, and that of the current fleet "
      "(None where no replicas= was given).")
      .def_readonly("sizing_fraction", &PlanHeadroom::sizing_fraction)
      .def_readonly("current_replicas", &PlanHeadroom::current_replicas)
      .def_readonly("capacity_ratio", &PlanHeadroom::capacity_ratio)
      .def_readonly("extra_demand_fraction",
                    &PlanHeadroom::extra_demand_fraction)
      .def_readonly("slo_checks", &PlanHeadroom::slo_checks);
  py::class_<PlanCost>(m, "PlanCost",
                       "plan.cost: the price (None when not priced) and the "
                       "fleet's cost (None unless priced and feasible).")
      .def_readonly("priced", &PlanCost::priced)
      .def_readonly("currency", &PlanCost::currency)
      .def_readonly("price_source", &PlanCost::price_source)
      .def_readonly("price_per_replica_hour", &PlanCost::price_per_replica_hour)
      .def_readonly("fleet_per_hour", &PlanCost::fleet_per_hour)
      .def_readonly("monthly", &PlanCost::monthly)
      .def_readonly("per_million_output_tokens",
                    &PlanCost::per_million_output_tokens)
      .def_readonly("per_million_tokens", &PlanCost::per_million_tokens)
      .def_readonly("hours_per_month", &PlanCost::hours_per_month)
      .def_readonly("api", &PlanCost::api);
  py::class_<plan::PlanTokens>(m, "PlanTokens", "plan.tokens_per_request")
      .def_readonly("input", &plan::PlanTokens::input)
      .def_readonly("output", &plan::PlanTokens::output);
}

void BindPlanResult(py::module_& m) {
  using plan::PlanResult;
  py::class_<PlanResult> cls(
      m, "PlanResult",
      "A capacity plan, shaped as `loadlaw plan --json`: feasible, replicas "
      "(an Estimate), per_replica_capacity_rps, demand, saturation, "
      "closed_loop, operating_point, headroom, cost, tokens_per_request, "
      "warnings.",
      py::dynamic_attr());
  AddJsonView<PlanResult>(cls, PlanText);
  cls.def_readonly("label", &PlanResult::label)
      .def_readonly("hardware", &PlanResult::hardware)
      .def_readonly("feasible", &PlanResult::feasible)
      .def_readonly("message", &PlanResult::message)
      .def_readonly("demand", &PlanResult::demand)
      .def_readonly("saturation", &PlanResult::saturation)
      .def_readonly("closed_loop", &PlanResult::closed_loop)
      .def_readonly("per_replica_capacity_rps",
                    &PlanResult::per_replica_capacity_rps)
      .def_readonly("replicas", &PlanResult::replicas)
      .def_readonly("operating_point", &PlanResult::operating_point)
      .def_readonly("headroom", &PlanResult::headroom)
      .def_readonly("cost", &PlanResult::cost)
      .def_readonly("tokens_per_request", &PlanResult::tokens_per_request)
      .def_readonly("warnings", &PlanResult::warnings)
      .def(
          "to_pandas",
          [](const py::object& self) { return Frame("plan_frame", self); },
          "The plan as a one-row DataFrame of flat columns (needs pandas).")
      .def("__repr__", [](const PlanResult& p) {
        return "PlanResult(label='" + p.label +
               "', feasible=" + (p.feasible ? "True" : "False") +
               ", replicas=" +
               py::repr(py::float_(p.replicas.value)).cast<std::string>() + ")";
      });
}

void BindPlanComparison(py::module_& m) {
  py::class_<plan::PlanComparison> cls(
      m, "PlanComparison",
      "Several plans for the same demand and SLOs, the cheapest named; "
      "shaped as `loadlaw plan A B --json`.",
      py::dynamic_attr());
  AddJsonView<plan::PlanComparison>(cls, ComparisonText);
  cls.def_readonly("plans", &plan::PlanComparison::plans)
      .def_readonly("cheapest", &plan::PlanComparison::cheapest,
                    "The label of the cheapest plan, None if none is "
                    "feasible.")
      .def_readonly("cheapest_index", &plan::PlanComparison::cheapest_index)
      .def_readonly("verdict", &plan::PlanComparison::verdict)
      .def(
          "to_pandas",
          [](const py::object& self) {
            return Frame("comparison_frame", self);
          },
          "One row per plan (needs pandas).")
      .def("__repr__", [](const plan::PlanComparison& c) {
        return "PlanComparison(plans=" + std::to_string(c.plans.size()) +
               ", verdict='" + c.verdict + "')";
      });
}

void BindPricing(py::module_& m) {
  py::class_<plan::HardwarePrice>(m, "HardwarePrice")
      .def_readonly("name", &plan::HardwarePrice::name)
      .def_readonly("per_gpu_hour", &plan::HardwarePrice::per_gpu_hour)
      .def_readonly("date", &plan::HardwarePrice::date)
      .def_readonly("source", &plan::HardwarePrice::source);
  py::class_<plan::ApiPrice>(m, "ApiPrice")
      .def_readonly("name", &plan::ApiPrice::name)
      .def_readonly("input_per_million", &plan::ApiPrice::input_per_million)
      .def_readonly("output_per_million", &plan::ApiPrice::output_per_million)
      .def_readonly("date", &plan::ApiPrice::date)
      .def_readonly("source", &plan::ApiPrice::source);
  py::class_<plan::Pricing>(m, "Pricing", "A price list (models/pricing.json).")
      .def_readonly("currency", &plan::Pricing::currency)
      .def_readonly("date", &plan::Pricing::date)
      .def_readonly("note", &plan::Pricing::note)
      .def_readonly("hardware", &plan::Pricing::hardware)
      .def_readonly("api", &plan::Pricing::api)
      .def("find_hardware", &plan::Pricing::FindHardware, py::arg("name"),
           py::return_value_policy::copy,
           "The entry of that hardware label (ignoring case), or None.");
  m.def(
      "load_pricing",
      [](const std::filesystem::path& path) {
        return plan::LoadPricing(path.string());
      },
      py::arg("path"), "Reads a price list (models/pricing.json).");
}

void BindParsers(py::module_& m) {
  py::class_<plan::Slo>(m, "Slo",
                        "A latency objective: quantile(metric) < target_s.")
      .def_readonly("metric", &plan::Slo::metric)
      .def_readonly("quantile", &plan::Slo::quantile)
      .def_readonly("target_s", &plan::Slo::target_s)
      .def_readonly("text", &plan::Slo::text)
      .def("describe", &plan::Slo::Describe)
      .def("__repr__",
           [](const plan::Slo& s) { return "Slo('" + s.Describe() + "')"; });
  m.def("parse_slo", &plan::ParseSlo, py::arg("text"),
        "Parses 'p99(e2e)<5s', 'p95(ttft)<500ms', ... as the CLI's --slo.");
  m.def(
      "parse_demand",
      [](const std::string& text) {
        const plan::Demand d = plan::ParseDemand(text);
        return py::make_tuple(d.per_s, d.unit == plan::Demand::Unit::kRequests
                                           ? "requests"
                                           : "output_tokens");
      },
      py::arg("text"),
      "(per second, 'requests' or 'output_tokens') of '200rps', '12000/min', "
      "'5000tok/s', ...");
  m.def("parse_headroom", &plan::ParseHeadroom, py::arg("text"),
        "'20%' or '0.2' -> 0.2.");
  m.def("parse_price_per_hour", &plan::ParsePricePerHour, py::arg("text"),
        "'2.50/h', '$2.5/hr', '2.5' -> 2.5.");
}

void BindPlanFunctions(py::module_& m) {
  m.def(
      "plan",
      [](const fit::CapacityModel& model, const py::object& demand,
         const py::object& slos, const py::object& headroom,
         const py::object& price, const py::object& pricing,
         const std::string& hardware, int gpus_per_replica, int replicas,
         int concurrency_limit, const std::string& label) {
        const PlanRequest request{
            demand,           slos,     headroom,         price,
            pricing,          hardware, gpus_per_replica, replicas,
            concurrency_limit};
        const plan::PlanOptions options =
            plan::BuildPlanOptions(SpecOf(request), model, "model");
        py::gil_scoped_release release;
        plan::PlanResult result = plan::Plan(model, options);
        result.label = plan::PlanLabel(label, model);
        return result;
      },
      py::arg("model"), py::kw_only(), py::arg("demand"), py::arg("slos"),
      py::arg("headroom") = 0.0, py::arg("price") = py::none(),
      py::arg("pricing") = py::none(), py::arg("hardware") = "",
      py::arg("gpus_per_replica") = 1, py::arg("replicas") = 0,
      py::arg("concurrency_limit") = 0, py::arg("label") = "",
      "Plans `model` as `loadlaw plan` does: demand ('200rps', '12000/min', "
      "'5000tok/s' or requests/s as a number), slos (one or a list, e.g. "
      "'p99(e2e)<5s'), headroom ('20%' or 0.2), price per replica-hour "
      "('2.50/h' or 2.5) or pricing (a price list or its path, with hardware "
      "and gpus_per_replica), replicas (the current fleet, for its headroom).");
  m.def("compare_plans", &plan::ComparePlans, py::arg("plans"),
        "Names the cheapest feasible plan (or the one of fewest replicas).");
}

}  // namespace

void BindPlan(py::module_& m) {
  BindSloCheck(m);
  BindPlanParts(m);
  BindPlanResult(m);
  BindPlanComparison(m);
  BindPricing(m);
  BindParsers(m);
  BindPlanFunctions(m);
}

}  // namespace loadlaw::python
