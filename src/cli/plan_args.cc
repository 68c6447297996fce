// Planning flags shared by `loadlaw plan` and `loadlaw report` (plan_args.h).

#include "cli/plan_args.h"

#include <cstdio>
#include <stdexcept>

#include "loadlaw/plan/demand.h"
#include "loadlaw/plan/slo.h"

namespace loadlaw::cli {

void AddPlanOptions(CLI::App* cmd, PlanArgs* args, bool required) {
  CLI::Option* demand = cmd->add_option(
      "--demand", args->demand, "demand, e.g. 200rps, 12000/min, 5000tok/s");
  CLI::Option* slo = cmd->add_option(
      "--slo", args->slos, "SLO, e.g. 'p99(e2e)<5s' (repeat for several)");
  if (required) {
    demand->required();
    slo->required();
  }
  cmd->add_option("--headroom", args->headroom,
                  "size for demand x (1 + headroom), e.g. 20% or 0.2");
  cmd->add_option("--price", args->price,
                  "price per replica-hour, e.g. 2.50/h");
  cmd->add_option("--pricing", args->pricing_path,
                  "price list, e.g. models/pricing.json");
  cmd->add_option("--hardware", args->hardware,
                  "hardware label in the price list (default: the model's)");
  cmd->add_option("--gpus-per-replica", args->gpus_per_replica,
                  "accelerators per replica, for --pricing")
      ->capture_default_str();
  cmd->add_option("--replicas", args->replicas,
                  "current replicas: report the headroom of this fleet");
  cmd->add_option("--concurrency-limit", args->concurrency_limit,
                  "server concurrency limit per replica (default: the "
                  "model's)");
}

plan::PlanOptions CommonPlanOptions(const PlanArgs& args,
                                    const std::string& command) {
  if (args.slos.empty()) throw std::invalid_argument(command + ": give --slo");
  if (!args.price.empty() && !args.pricing_path.empty()) {
    throw std::invalid_argument(command +
                                ": give --price or --pricing, not both");
  }
  if (args.gpus_per_replica < 1) {
    throw std::invalid_argument("--gpus-per-replica must be >= 1, got " +
                                std::to_string(args.gpus_per_replica));
  }
  plan::PlanOptions options;
  for (const std::string& s : args.slos) {
    options.slos.push_back(plan::ParseSlo(s));
  }
  options.demand = plan::ParseDemand(args.demand);
  options.headroom = plan::ParseHeadroom(args.headroom);
  options.current_replicas = args.replicas;
  options.concurrency_limit = args.concurrency_limit;
  return options;
}

std::unique_ptr<plan::Pricing> LoadPricingArg(const PlanArgs& args) {
  if (args.pricing_path.empty()) return nullptr;
  return std::make_unique<plan::Pricing>(plan::LoadPricing(args.pricing_path));
}

void ApplyPrice(const PlanArgs& args, const plan::Pricing* pricing,
                const fit::CapacityModel& model, const std::string& model_name,
                plan::PlanOptions* options) {
  if (!args.price.empty()) {
    options->price_per_replica_hour = plan::ParsePricePerHour(args.price);
    options->price_source = "--price " + args.price;
    return;
  }
  if (pricing == nullptr) return;
  const std::string hardware =
      args.hardware.empty() ? model.provenance.hardware : args.hardware;
  if (hardware.empty()) {
    throw std::invalid_argument("--pricing: model '" + model_name +
                                "' records no hardware label; pass --hardware");
  }
  const plan::HardwarePrice* price = pricing->FindHardware(hardware);
  if (price == nullptr) {
    throw std::invalid_argument("--pricing '" + args.pricing_path +
                                "' has no hardware '" + hardware +
                                "' (it has: " + pricing->HardwareNames() + ")");
  }
  options->price_per_replica_hour = price->per_gpu_hour * args.gpus_per_replica;
  options->currency = pricing->currency;
  options->api_prices = pricing->api;
  char text[256];
  std::snprintf(text, sizeof text, "%s: %s at %g/GPU-h (%s) x %d GPU",
                args.pricing_path.c_str(), price->name.c_str(),
                price->per_gpu_hour, price->date.c_str(),
                args.gpus_per_replica);
  options->price_source = text;
}

}  // namespace loadlaw::cli
