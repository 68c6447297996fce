// Planning flags shared by `loadlaw plan` and `loadlaw report` (plan_args.h).

#include "cli/plan_args.h"

namespace loadlaw::cli {

plan::PlanSpec PlanArgs::Resolve() const {
  plan::PlanSpec out = spec;
  if (!pricing_path.empty()) {
    out.pricing = plan::LoadPricing(pricing_path);
    out.pricing_name = pricing_path;
  }
  return out;
}

void AddPlanOptions(CLI::App* cmd, PlanArgs* args, bool required) {
  plan::PlanSpec* s = &args->spec;
  s->naming = base::Naming::kFlag;
  CLI::Option* demand = cmd->add_option(
      "--demand", s->demand, "demand, e.g. 200rps, 12000/min, 5000tok/s");
  CLI::Option* slo = cmd->add_option(
      "--slo", s->slos, "SLO, e.g. 'p99(e2e)<5s' (repeat for several)");
  if (required) {
    demand->required();
    slo->required();
  }
  cmd->add_option("--headroom", s->headroom,
                  "size for demand x (1 + headroom), e.g. 20% or 0.2");
  cmd->add_option("--price", s->price, "price per replica-hour, e.g. 2.50/h");
  cmd->add_option("--pricing", args->pricing_path,
                  "price list, e.g. models/pricing.json");
  cmd->add_option("--hardware", s->hardware,
                  "hardware label in the price list (default: the model's)");
  cmd->add_option("--gpus-per-replica", s->gpus_per_replica,
                  "accelerators per replica, for --pricing")
      ->capture_default_str();
  cmd->add_option("--replicas", s->replicas,
                  "current replicas: report the headroom of this fleet");
  cmd->add_option("--concurrency-limit", s->concurrency_limit,
                  "server concurrency limit per replica (default: the "
                  "model's)");
}

}  // namespace loadlaw::cli
