// The planning flags shared by `loadlaw plan` and `loadlaw report`: demand,
// SLOs, headroom, prices, current replicas and the concurrency limit, onto
// plan::PlanSpec.

#ifndef LOADLAW_CLI_PLAN_ARGS_H_
#define LOADLAW_CLI_PLAN_ARGS_H_

#include <string>

#include <CLI/CLI.hpp>

#include "loadlaw/plan/plan_spec.h"

namespace loadlaw::cli {

struct PlanArgs {
  plan::PlanSpec spec;
  std::string pricing_path;  // --pricing, read by Resolve()

  // The spec with its price list read (when --pricing was given).
  plan::PlanSpec Resolve() const;
};

// Registers --demand, --slo, --headroom, --price, --pricing, --hardware,
// --gpus-per-replica, --replicas and --concurrency-limit on `cmd`; with
// `required`, --demand and --slo must be given.
void AddPlanOptions(CLI::App* cmd, PlanArgs* args, bool required);

}  // namespace loadlaw::cli

#endif  // LOADLAW_CLI_PLAN_ARGS_H_
