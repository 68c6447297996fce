// The planning options shared by `loadlaw plan` and `loadlaw report`: demand,
// SLOs, headroom, prices, current replicas and the concurrency limit, as
// flags, and their conversion into plan::PlanOptions.

#ifndef LOADLAW_CLI_PLAN_ARGS_H_
#define LOADLAW_CLI_PLAN_ARGS_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/plan/planner.h"
#include "loadlaw/plan/pricing.h"

namespace loadlaw::cli {

struct PlanArgs {
  std::string demand;
  std::vector<std::string> slos;
  std::string headroom = "0";
  std::string price;
  std::string pricing_path;
  std::string hardware;
  int gpus_per_replica = 1;
  int replicas = 0;
  int concurrency_limit = 0;

  // True when --demand or --slo was given (the command is asked to plan).
  bool AnyGiven() const { return !demand.empty() || !slos.empty(); }
};

// Registers --demand, --slo, --headroom, --price, --pricing, --hardware,
// --gpus-per-replica, --replicas and --concurrency-limit on `cmd`; with
// `required`, --demand and --slo must be given.
void AddPlanOptions(CLI::App* cmd, PlanArgs* args, bool required);

// The options every model shares. Throws std::invalid_argument starting with
// `command` (e.g. "plan: give --slo") for missing or conflicting flags, and
// as the parsers do for bad values.
plan::PlanOptions CommonPlanOptions(const PlanArgs& args,
                                    const std::string& command);

// The price list of --pricing, or nullptr without one.
std::unique_ptr<plan::Pricing> LoadPricingArg(const PlanArgs& args);

// Sets the price of `model`'s replicas from --price or the price list (by
// --hardware or the model's hardware label); `model_name` names the model in
// errors. Throws std::invalid_argument when the list has no such hardware.
void ApplyPrice(const PlanArgs& args, const plan::Pricing* pricing,
                const fit::CapacityModel& model, const std::string& model_name,
                plan::PlanOptions* options);

}  // namespace loadlaw::cli

#endif  // LOADLAW_CLI_PLAN_ARGS_H_
