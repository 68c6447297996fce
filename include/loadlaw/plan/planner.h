// File: loadlaw/plan/planner.h
// The capacity plan: from a capacity model, SLOs, a demand and prices, the
// saturation point, the SLO-limited capacity of one replica (open loop, with
// the closed-loop operating point beside it), the replicas needed with
// headroom, the utilisation at that size, the headroom left on the current
// fleet, and the cost — each with an interval where it comes from fitted
// parameters. docs/planning.md explains every number.
//
//   loadlaw::plan::PlanOptions options;
//   options.slos = {loadlaw::plan::ParseSlo("p99(e2e)<5s")};
//   options.demand = loadlaw::plan::ParseDemand("200rps");
//   options.headroom = 0.2;
//   options.price_per_replica_hour = 2.5;
//   loadlaw::plan::PlanResult plan = loadlaw::plan::Plan(model, options);
//   if (plan.feasible) std::cout << plan.replicas.value << " replicas, "
//                                << plan.cost.monthly->value << "/month\n";
//   std::string json = loadlaw::plan::PlanToJsonText(plan);

#ifndef LOADLAW_PLAN_PLANNER_H_
#define LOADLAW_PLAN_PLANNER_H_

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "loadlaw/base/estimate.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/plan/demand.h"
#include "loadlaw/plan/pricing.h"
#include "loadlaw/plan/slo.h"

namespace loadlaw::plan {

struct PlanOptions {
  std::vector<Slo> slos;  // at least one
  Demand demand;          // per_s > 0
  // Sizing headroom: the fleet is sized for demand x (1 + headroom), >= 0.
  double headroom = 0;
  // Currency per replica-hour; NaN = not priced (no cost figures).
  double price_per_replica_hour = std::numeric_limits<double>::quiet_NaN();
  std::string currency = "USD";
  std::string price_source;  // e.g. "pricing.json: h100 x 1 GPU", for show
  std::vector<ApiPrice> api_prices;  // hosted APIs to compare with
  int current_replicas = 0;          // > 0: report the headroom of this fleet
  int concurrency_limit = 0;  // > 0: overrides the model's (see open_loop.h)
  int max_replicas = 1000000;

  bool IsValid(std::string* why) const;
};

// One SLO evaluated at an operating point: the predicted quantile (value at
// the central fit, [low, high] at the optimistic / pessimistic band ends).
// The JSON writes the SLO as its text, metric, quantile and target_s.
struct SloCheck {
  Slo slo;
  base::Estimate predicted_s;
  bool met = false;  // predicted_s.value <= slo.target_s
};

struct ApiCost {
  std::string name;
  double monthly = 0;                    // the demand served by the API
  double per_million_output_tokens = 0;  // the same, per 1M output tokens
};

// The sub-structs of PlanResult below are named and nested as the plan's JSON
// groups (`plan.cost.monthly` in C++, JSON and Python alike); a field that
// the JSON writes as null when absent is a std::optional.

// "demand": the demand planned for, in requests per second.
struct PlanDemand {
  double requests_per_s = 0;         // as given (converted from tokens if so)
  double sizing_requests_per_s = 0;  // requests_per_s x (1 + headroom)
};

// "saturation": the USL peak N* (+inf without one), the effective
// saturation point min(N*, concurrency limit) and its throughput.
struct PlanSaturation {
  base::Estimate concurrency;  // min(N*, concurrency_limit)
  base::Estimate throughput_rps;
  base::Estimate peak_concurrency;  // N*
  fit::LimitedBy limited_by = fit::LimitedBy::kCoherency;
  int concurrency_limit = 0;
  std::string concurrency_limit_source;
};

// "closed_loop": the largest concurrency meeting every SLO and its
// throughput; the replicas that would need (each run at that concurrency).
struct PlanClosedLoop {
  base::Estimate concurrency;
  base::Estimate throughput_rps;
  base::Estimate replicas;
};

// "operating_point": one replica of the planned fleet under the demand
// (zeros when the plan is not feasible).
struct PlanOperatingPoint {
  double per_replica_rate_rps = 0;    // demand / replicas
  double utilization = 0;             // per-replica rate / SLO capacity
  double saturation_utilization = 0;  // per-replica rate / X(K)
  double mean_concurrency = 0;        // requests in flight, mean
  std::vector<SloCheck> slo_checks;
};

// "headroom": the sizing headroom, and the headroom of the current fleet
// (PlanOptions::current_replicas > 0): how many times the demand it can carry
// within the SLOs (capacity_ratio 1.25 = extra_demand_fraction 0.25).
struct PlanHeadroom {
  double sizing_fraction = 0;  // PlanOptions::headroom
  std::optional<int> current_replicas;
  std::optional<base::Estimate> capacity_ratio;
  std::optional<base::Estimate> extra_demand_fraction;  // capacity_ratio - 1
  std::vector<SloCheck> slo_checks;                     // of the current fleet
};

// "cost": set when priced; the fleet's cost only when also feasible.
// Intervals follow the replicas'.
struct PlanCost {
  bool priced = false;
  std::string currency;
  std::string price_source;
  std::optional<double> price_per_replica_hour;  // when priced
  std::optional<base::Estimate> fleet_per_hour;  // when priced and feasible
  std::optional<base::Estimate> monthly;         // hours_per_month hours
  std::optional<base::Estimate> per_million_output_tokens;
  std::optional<base::Estimate> per_million_tokens;  // input and output
  int hours_per_month = 730;
  std::vector<ApiCost> api;  // hosted APIs serving the same demand
};

// "tokens_per_request": the model's mean tokens per request.
struct PlanTokens {
  double input = 0;
  double output = 0;
};

// Estimates here have std_error NaN: [low, high] comes from evaluating the
// plan at the optimistic and pessimistic ends of the model's bands.
struct PlanResult {
  std::string label;  // the model's name for comparisons (CLI: file name)
  std::string hardware;
  bool feasible = false;  // some load per replica meets every SLO
  std::string message;    // why not, when not feasible
  PlanDemand demand;
  PlanSaturation saturation;
  PlanClosedLoop closed_loop;
  // Open loop (the answer): Poisson demand spread over the replicas.
  base::Estimate per_replica_capacity_rps;  // largest SLO-meeting rate
  base::Estimate replicas;                  // smallest count meeting the SLOs
  PlanOperatingPoint operating_point;
  PlanHeadroom headroom;
  PlanCost cost;
  PlanTokens tokens_per_request;
  std::vector<std::string> warnings;  // model trust and planning notes
};

// Plans `model` for `options`. Throws std::invalid_argument for invalid
// options or an SLO on a metric the model has no curves for. An SLO that no
// load meets is not an error: the result says feasible = false and why.
PlanResult Plan(const fit::CapacityModel& model, const PlanOptions& options);

// Several plans for the same demand and SLOs (e.g. one per GPU type).
struct PlanComparison {
  std::vector<PlanResult> plans;
  std::optional<std::string> cheapest;  // the label of the cheapest plan
  int cheapest_index = -1;  // its index in `plans`, -1 if there is none
  std::string verdict;      // one sentence naming it, or why there is none
};

// Picks the feasible plan of lowest monthly cost (when every feasible plan
// is priced), else of fewest replicas (the verdict says so).
PlanComparison ComparePlans(std::vector<PlanResult> plans);

// The plan as JSON text, field for field (docs/planning.md lists them);
// non-finite numbers and absent optionals are written as null.
std::string PlanToJsonText(const PlanResult& plan, int indent = 2);
std::string ComparisonToJsonText(const PlanComparison& comparison,
                                 int indent = 2);

}  // namespace loadlaw::plan

#endif  // LOADLAW_PLAN_PLANNER_H_
