// The plan as JSON: what `loadlaw plan --json` prints and what the report and
// the Python module read. Field list in docs/planning.md.

#include <cmath>
#include <nlohmann/json.hpp>
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

json Range(const base::Estimate& e) {
  return {{"value", Number(e.value)},
          {"low", Number(e.low)},
          {"high", Number(e.high)}};
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

json HeadroomJson(const PlanResult& p) {
  json out = {{"sizing_fraction", p.headroom},
              {"current_replicas", nullptr},
              {"capacity_ratio", nullptr},
              {"extra_demand_fraction", nullptr},
              {"slo_checks", ChecksJson(p.current_slo_checks)}};
  if (p.current_replicas > 0) {
    const base::Estimate& r = p.current_capacity_ratio;
    out["current_replicas"] = p.current_replicas;
    out["capacity_ratio"] = Range(r);
    out["extra_demand_fraction"] =
        Range({r.value - 1, r.std_error, r.low - 1, r.high - 1});
  }
  return out;
}

json CostJson(const PlanResult& p) {
  json api = json::array();
  for (const ApiCost& a : p.api_costs) {
    api.push_back(
        {{"name", a.name},
         {"monthly", Number(a.monthly)},
         {"per_million_output_tokens", Number(a.per_million_output_tokens)}});
  }
  json out = {{"priced", p.priced},
              {"currency", p.currency},
              {"price_source", p.price_source},
              {"price_per_replica_hour", nullptr},
              {"fleet_per_hour", nullptr},
              {"monthly", nullptr},
              {"per_million_output_tokens", nullptr},
              {"per_million_tokens", nullptr},
              {"hours_per_month", 730},
              {"api", api}};
  if (p.priced && p.feasible) {
    out["price_per_replica_hour"] = p.price_per_replica_hour;
    out["fleet_per_hour"] = Range(p.fleet_per_hour);
    out["monthly"] = Range(p.monthly);
    out["per_million_output_tokens"] = Range(p.per_million_output_tokens);
    out["per_million_tokens"] = Range(p.per_million_tokens);
  }
  return out;
}

json PlanJson(const PlanResult& p) {
  json out;
  out["label"] = p.label;
  out["hardware"] = p.hardware;
  out["feasible"] = p.feasible;
  out["message"] = p.message;
  out["demand"] = {{"requests_per_s", p.demand_rps},
                   {"sizing_requests_per_s", p.sizing_demand_rps}};
  out["saturation"] = {
      {"concurrency", Range(p.saturation_concurrency)},
      {"throughput_rps", Range(p.saturation_throughput_rps)},
      {"peak_concurrency", Range(p.peak_concurrency)},
      {"limited_by", p.limited_by},
      {"concurrency_limit", p.concurrency_limit},
      {"concurrency_limit_source", p.concurrency_limit_source}};
  out["closed_loop"] = {{"concurrency", Range(p.closed_loop_concurrency)},
                        {"throughput_rps", Range(p.closed_loop_throughput_rps)},
                        {"replicas", Range(p.closed_loop_replicas)}};
  out["per_replica_capacity_rps"] = Range(p.per_replica_capacity_rps);
  out["replicas"] = Range(p.replicas);
  out["operating_point"] = {
      {"per_replica_rate_rps", Number(p.per_replica_rate_rps)},
      {"utilization", Number(p.utilization)},
      {"saturation_utilization", Number(p.saturation_utilization)},
      {"mean_concurrency", Number(p.mean_concurrency)},
      {"slo_checks", ChecksJson(p.slo_checks)}};
  out["headroom"] = HeadroomJson(p);
  out["cost"] = CostJson(p);
  out["tokens_per_request"] = {{"input", Number(p.mean_input_tokens)},
                               {"output", Number(p.mean_output_tokens)}};
  out["warnings"] = p.warnings;
  return out;
}

}  // namespace

std::string PlanToJsonText(const PlanResult& plan, int indent) {
  return PlanJson(plan).dump(indent);
}

std::string ComparisonToJsonText(const PlanComparison& comparison, int indent) {
  json plans = json::array();
  for (const PlanResult& p : comparison.plans) plans.push_back(PlanJson(p));
  json out = {
      {"plans", plans},
      {"cheapest", comparison.cheapest >= 0
                       ? json(comparison.plans[comparison.cheapest].label)
                       : json(nullptr)},
      {"cheapest_index", comparison.cheapest},
      {"verdict", comparison.verdict}};
  return out.dump(indent);
}

}  // namespace loadlaw::plan
