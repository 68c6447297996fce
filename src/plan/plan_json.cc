// The plan as JSON: what `loadlaw plan --json` prints and what the report and
// the Python module read. One JSON group per sub-struct of PlanResult, field
// for field; docs/planning.md lists them.

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "loadlaw/plan/planner.h"

namespace loadlaw::plan {
namespace {

using nlohmann::json;

json Number(double value) {
  if (!std::isfinite(value)) return nullptr;
  return value;
}

// An estimate as {value, low, high} (plan intervals have no standard error).
json Range(const base::Estimate& e) {
  return {{"value", Number(e.value)},
          {"low", Number(e.low)},
          {"high", Number(e.high)}};
}

template <class T, class ToJson>
json OrNull(const std::optional<T>& value, ToJson to_json) {
  return value ? to_json(*value) : json(nullptr);
}

json ChecksJson(const std::vector<SloCheck>& checks) {
  json out = json::array();
  for (const SloCheck& c : checks) {
    out.push_back({{"slo", c.slo.text},
                   {"metric", fit::LatencyMetricName(c.slo.metric)},
                   {"quantile", fit::LatencyQuantileName(c.slo.quantile)},
                   {"target_s", c.slo.target_s},
                   {"predicted_s", Range(c.predicted_s)},
                   {"met", c.met}});
  }
  return out;
}

json SaturationJson(const PlanSaturation& s) {
  return {{"concurrency", Range(s.concurrency)},
          {"throughput_rps", Range(s.throughput_rps)},
          {"peak_concurrency", Range(s.peak_concurrency)},
          {"limited_by", fit::LimitedByName(s.limited_by)},
          {"concurrency_limit", s.concurrency_limit},
          {"concurrency_limit_source", s.concurrency_limit_source}};
}

json OperatingPointJson(const PlanOperatingPoint& o) {
  return {{"per_replica_rate_rps", Number(o.per_replica_rate_rps)},
          {"utilization", Number(o.utilization)},
          {"saturation_utilization", Number(o.saturation_utilization)},
          {"mean_concurrency", Number(o.mean_concurrency)},
          {"slo_checks", ChecksJson(o.slo_checks)}};
}

json HeadroomJson(const PlanHeadroom& h) {
  return {{"sizing_fraction", h.sizing_fraction},
          {"current_replicas",
           OrNull(h.current_replicas, [](int n) { return json(n); })},
          {"capacity_ratio", OrNull(h.capacity_ratio, Range)},
          {"extra_demand_fraction", OrNull(h.extra_demand_fraction, Range)},
          {"slo_checks", ChecksJson(h.slo_checks)}};
}

json CostJson(const PlanCost& c) {
  json api = json::array();
  for (const ApiCost& a : c.api) {
    api.push_back(
        {{"name", a.name},
         {"monthly", Number(a.monthly)},
         {"per_million_output_tokens", Number(a.per_million_output_tokens)}});
  }
  return {
      {"priced", c.priced},
      {"currency", c.currency},
      {"price_source", c.price_source},
      {"price_per_replica_hour", OrNull(c.price_per_replica_hour, Number)},
      {"fleet_per_hour", OrNull(c.fleet_per_hour, Range)},
      {"monthly", OrNull(c.monthly, Range)},
      {"per_million_output_tokens", OrNull(c.per_million_output_tokens, Range)},
      {"per_million_tokens", OrNull(c.per_million_tokens, Range)},
      {"hours_per_month", c.hours_per_month},
      {"api", api}};
}

json PlanToJson(const PlanResult& p) {
  json out;
  out["label"] = p.label;
  out["hardware"] = p.hardware;
  out["feasible"] = p.feasible;
  out["message"] = p.message;
  out["demand"] = {{"requests_per_s", p.demand.requests_per_s},
                   {"sizing_requests_per_s", p.demand.sizing_requests_per_s}};
  out["saturation"] = SaturationJson(p.saturation);
  out["closed_loop"] = {{"concurrency", Range(p.closed_loop.concurrency)},
                        {"throughput_rps", Range(p.closed_loop.throughput_rps)},
                        {"replicas", Range(p.closed_loop.replicas)}};
  out["per_replica_capacity_rps"] = Range(p.per_replica_capacity_rps);
  out["replicas"] = Range(p.replicas);
  out["operating_point"] = OperatingPointJson(p.operating_point);
  out["headroom"] = HeadroomJson(p.headroom);
  out["cost"] = CostJson(p.cost);
  out["tokens_per_request"] = {{"input", Number(p.tokens_per_request.input)},
                               {"output", Number(p.tokens_per_request.output)}};
  out["warnings"] = p.warnings;
  return out;
}

json ComparisonToJson(const PlanComparison& comparison) {
  json plans = json::array();
  for (const PlanResult& p : comparison.plans) plans.push_back(PlanToJson(p));
  return {{"plans", plans},
          {"cheapest",
           comparison.cheapest ? json(*comparison.cheapest) : json(nullptr)},
          {"cheapest_index", comparison.cheapest_index},
          {"verdict", comparison.verdict}};
}

}  // namespace

std::string PlanToJsonText(const PlanResult& plan, int indent) {
  return PlanToJson(plan).dump(indent);
}

std::string ComparisonToJsonText(const PlanComparison& comparison, int indent) {
  return ComparisonToJson(comparison).dump(indent);
}

}  // namespace loadlaw::plan
