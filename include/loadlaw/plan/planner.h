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
//   if (plan.feasible) std::cout << plan.replicas.value << "\n";
//   std::string json = loadlaw::plan::PlanToJsonText(plan);

#ifndef LOADLAW_PLAN_PLANNER_H_
#define LOADLAW_PLAN_PLANNER_H_

#include <limits>
#include <string>
#include <vector>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/base/estimate.h"
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

// Estimates here have std_error NaN: [low, high] comes from evaluating the
// plan at the optimistic and pessimistic ends of the model's bands.
struct PlanResult {
  std::string label;  // the model's name for comparisons (CLI: file name)
  std::string hardware;
  bool feasible = false;              // some load per replica meets every SLO
  std::string message;                // why not, when not feasible
  std::vector<std::string> warnings;  // model trust and planning notes

  // Saturation: the USL peak N* (+inf without one), the effective
  // saturation point min(N*, concurrency limit) and its throughput.
  base::Estimate peak_concurrency;
  base::Estimate saturation_concurrency;
  base::Estimate saturation_throughput_rps;
  std::string limited_by;  // "contention" or "coherency"
  int concurrency_limit = 0;
  std::string concurrency_limit_source;

  // Closed loop: the largest concurrency meeting every SLO and its
  // throughput; the replicas that would need (each run at that concurrency).
  base::Estimate closed_loop_concurrency;
  base::Estimate closed_loop_throughput_rps;
  base::Estimate closed_loop_replicas;

  // Open loop (the answer): Poisson demand spread over the replicas.
  double demand_rps = 0;         // as given (converted from tokens if so)
  double sizing_demand_rps = 0;  // demand x (1 + headroom)
  double headroom = 0;
  base::Estimate per_replica_capacity_rps;  // largest SLO-meeting rate
  base::Estimate replicas;                  // smallest count meeting the SLOs
  double per_replica_rate_rps = 0;         // demand / replicas
  double utilization = 0;                  // per-replica rate / SLO capacity
  double saturation_utilization = 0;       // per-replica rate / X(K)
  double mean_concurrency = 0;             // per replica at the operating point
  std::vector<SloCheck> slo_checks;        // at the operating point

  // Headroom of the current fleet (current_replicas > 0): how many times the
  // demand it can carry within the SLOs (1.25 = 25 % more demand).
  int current_replicas = 0;
  base::Estimate current_capacity_ratio;
  std::vector<SloCheck> current_slo_checks;

  // Cost (priced only). Intervals follow the replicas'.
  bool priced = false;
  std::string currency;
  std::string price_source;
  double price_per_replica_hour = 0;
  base::Estimate fleet_per_hour;
  base::Estimate monthly;  // 730 hours
  base::Estimate per_million_output_tokens;
  base::Estimate per_million_tokens;  // input and output together
  double mean_input_tokens = 0;
  double mean_output_tokens = 0;
  std::vector<ApiCost> api_costs;
};

// Plans `model` for `options`. Throws std::invalid_argument for invalid
// options or an SLO on a metric the model has no curves for. An SLO that no
// load meets is not an error: the result says feasible = false and why.
PlanResult Plan(const fit::CapacityModel& model, const PlanOptions& options);

// Several plans for the same demand and SLOs (e.g. one per GPU type).
struct PlanComparison {
  std::vector<PlanResult> plans;
  int cheapest = -1;    // index of the cheapest feasible plan, -1 if none
  std::string verdict;  // one sentence naming it, or why there is none
};

// Picks the feasible plan of lowest monthly cost (when every feasible plan
// is priced), else of fewest replicas (the verdict says so).
PlanComparison ComparePlans(std::vector<PlanResult> plans);

// The plan as JSON text (models/README.md and docs/planning.md list the
// fields); non-finite numbers are written as null.
std::string PlanToJsonText(const PlanResult& plan, int indent = 2);
std::string ComparisonToJsonText(const PlanComparison& comparison,
                                 int indent = 2);

}  // namespace loadlaw::plan

#endif  // LOADLAW_PLAN_PLANNER_H_
