// File: loadlaw/plan/plan_spec.h
// A plan as the user asks for it, on the command line or as Python keywords
// (demand, SLOs, headroom, a price or a price list): one builder turns it
// into PlanOptions for a model, so that `loadlaw plan`, `loadlaw report`,
// loadlaw.plan() and loadlaw.build_report() check and price alike.
//
//   loadlaw::plan::PlanSpec spec;
//   spec.demand = "200rps";
//   spec.slos = {"p99(e2e)<5s"};
//   spec.headroom = "20%";
//   spec.pricing = loadlaw::plan::LoadPricing("models/pricing.json");
//   spec.pricing_name = "models/pricing.json";
//   loadlaw::plan::PlanOptions options =
//       loadlaw::plan::BuildPlanOptions(spec, model, "models/h100.model.json");

#ifndef LOADLAW_PLAN_PLAN_SPEC_H_
#define LOADLAW_PLAN_PLAN_SPEC_H_

#include <optional>
#include <string>
#include <vector>

#include "loadlaw/base/field_name.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/plan/planner.h"
#include "loadlaw/plan/pricing.h"

namespace loadlaw::plan {

// Option names are the Python keywords (the CLI's flags are derived, with
// "slos" written --slo). Empty text means "not given".
struct PlanSpec {
  base::Naming naming = base::Naming::kFlag;  // how errors name the options
  std::string demand;              // "200rps", "12000/min", "5000tok/s"
  std::vector<std::string> slos;   // "p99(e2e)<5s", ...
  std::string headroom = "0";      // "20%" or "0.2"
  std::string price;               // per replica-hour: "2.50/h"
  std::optional<Pricing> pricing;  // a price list, by hardware label
  std::string pricing_name;        // its path, for messages and the source
  std::string hardware;            // in the price list; "": the model's
  int gpus_per_replica = 1;
  int replicas = 0;           // the current fleet, for its headroom
  int concurrency_limit = 0;  // > 0: overrides the model's

  // Whether a plan was asked for at all (a demand or an SLO given).
  bool Requested() const { return !demand.empty() || !slos.empty(); }
};

// The options of `spec` for `model` (named `model_name` in messages),
// validated: a demand and at least one SLO, a price or a price list (not
// both), the price list's entry for the hardware (--hardware or the model's
// label). Throws std::invalid_argument naming the option as the user spelled
// it.
PlanOptions BuildPlanOptions(const PlanSpec& spec,
                             const fit::CapacityModel& model,
                             const std::string& model_name);

// For a report, where the plan is optional: nullopt when no plan was asked
// for (no demand, no SLO), else BuildPlanOptions. Throws
// std::invalid_argument when a price, a price list or the current replicas
// are given without a plan.
std::optional<PlanOptions> BuildOptionalPlanOptions(
    const PlanSpec& spec, const fit::CapacityModel& model,
    const std::string& model_name);

// The label of a plan: `label`, else the model's hardware, else "model".
std::string PlanLabel(const std::string& label,
                      const fit::CapacityModel& model);

}  // namespace loadlaw::plan

#endif  // LOADLAW_PLAN_PLAN_SPEC_H_
