// `loadlaw plan MODEL.model.json [MORE.model.json ...] --demand 200rps
// --slo 'p99(e2e)<5s' ...`: replicas, capacity, headroom and cost for a demand
// under SLOs; several models are compared and the cheapest named.

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/fit/capacity_model_json.h"
#include "loadlaw/plan/demand.h"
#include "loadlaw/plan/planner.h"
#include "loadlaw/plan/pricing.h"
#include "loadlaw/plan/slo.h"

namespace loadlaw::cli {
namespace {

struct PlanArgs {
  std::vector<std::string> model_paths;
  std::string demand;
  std::vector<std::string> slos;
  std::string headroom = "0";
  std::string price;
  std::string pricing_path;
  std::string hardware;
  int gpus_per_replica = 1;
  int replicas = 0;
  int concurrency_limit = 0;
  bool json = false;
};

std::string Range(const fit::Estimate& e, const char* fmt = "%.4g") {
  char value[64], low[64], high[64];
  std::snprintf(value, sizeof value, fmt, e.value);
  std::snprintf(low, sizeof low, fmt, e.low);
  std::snprintf(high, sizeof high, fmt, e.high);
  return std::string(value) + " [" + low + ", " + high + "]";
}

// Sets the price of one model's replicas from --price or --pricing.
void ApplyPrice(const PlanArgs& args, const plan::Pricing* pricing,
                const fit::CapacityModel& model, const std::string& path,
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
    throw std::invalid_argument("--pricing: model '" + path +
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
  char text[256];
  std::snprintf(text, sizeof text, "%s: %s at %g/GPU-h (%s) x %d GPU",
                args.pricing_path.c_str(), price->name.c_str(),
                price->per_gpu_hour, price->date.c_str(),
                args.gpus_per_replica);
  options->price_source = text;
}

plan::PlanOptions CommonOptions(const PlanArgs& args) {
  if (args.slos.empty()) throw std::invalid_argument("plan: give --slo");
  if (!args.price.empty() && !args.pricing_path.empty()) {
    throw std::invalid_argument("plan: give --price or --pricing, not both");
  }
  if (args.gpus_per_replica < 1) {
    throw std::invalid_argument("--gpus-per-replica must be >= 1, got " +
                                std::to_string(args.gpus_per_replica));
  }
  plan::PlanOptions options;
  for (const std::string& s : args.slos)
    options.slos.push_back(plan::ParseSlo(s));
  options.demand = plan::ParseDemand(args.demand);
  options.headroom = plan::ParseHeadroom(args.headroom);
  options.current_replicas = args.replicas;
  options.concurrency_limit = args.concurrency_limit;
  return options;
}

void PrintChecks(const char* prefix,
                 const std::vector<plan::SloCheck>& checks) {
  for (const plan::SloCheck& c : checks) {
    std::printf("%s%s: %s s (target %g s) %s\n", prefix,
                c.slo.Describe().substr(0, c.slo.Describe().find(" <")).c_str(),
                Range(c.predicted_s).c_str(), c.slo.target_s,
                c.met ? "met" : "NOT MET");
  }
}

void PrintCost(const plan::PlanResult& p) {
  if (p.priced && p.feasible) {
    const char* cur = p.currency.c_str();
    std::printf("cost           %.4g %s per replica-hour (%s)\n",
                p.price_per_replica_hour, cur, p.price_source.c_str());
    std::printf("               fleet %s %s/h, %s %s/month\n",
                Range(p.fleet_per_hour).c_str(), cur,
                Range(p.monthly, "%.0f").c_str(), cur);
    std::printf(
        "               %s %s per 1M output tokens (%s per 1M tokens "
        "in+out)\n",
        Range(p.per_million_output_tokens).c_str(), cur,
        Range(p.per_million_tokens).c_str());
  }
  for (const plan::ApiCost& a : p.api_costs) {
    std::printf(
        "API %-10s %.0f %s/month for the same demand (%.4g per 1M "
        "output tokens)\n",
        a.name.c_str(), a.monthly, p.currency.c_str(),
        a.per_million_output_tokens);
  }
}

void PrintPlan(const plan::PlanResult& p) {
  std::printf("\nloadlaw plan: %s%s%s\n", p.label.c_str(),
              p.hardware.empty() ? "" : ", hardware ", p.hardware.c_str());
  std::printf(
      "demand         %.4g req/s, sized for %.4g req/s (%.0f %% "
      "headroom)\n",
      p.demand_rps, p.sizing_demand_rps, 100 * p.headroom);
  std::printf(
      "saturation     at concurrency %s: %s req/s per replica, "
      "%s-limited\n               USL peak N* %s; concurrency limit %d "
      "(%s)\n",
      Range(p.saturation_concurrency).c_str(),
      Range(p.saturation_throughput_rps).c_str(), p.limited_by.c_str(),
      std::isfinite(p.peak_concurrency.value)
          ? Range(p.peak_concurrency).c_str()
          : "none (kappa = 0)",
      p.concurrency_limit, p.concurrency_limit_source.c_str());
  std::printf(
      "closed loop    SLOs hold up to concurrency %s: %s req/s per "
      "replica -> %s replicas\n",
      Range(p.closed_loop_concurrency).c_str(),
      Range(p.closed_loop_throughput_rps).c_str(),
      Range(p.closed_loop_replicas).c_str());
  if (!p.feasible) {
    std::printf("NOT FEASIBLE   %s\n", p.message.c_str());
  } else {
    std::printf("open loop      %s req/s per replica within the SLOs\n",
                Range(p.per_replica_capacity_rps).c_str());
    std::printf(
        "replicas       %s; utilisation %.0f %% of SLO capacity, "
        "%.0f %% of saturation\n",
        Range(p.replicas, "%.0f").c_str(), 100 * p.utilization,
        100 * p.saturation_utilization);
    std::printf("at %.4g req/s per replica (mean %.3g in flight):\n",
                p.per_replica_rate_rps, p.mean_concurrency);
    PrintChecks("               ", p.slo_checks);
  }
  if (p.current_replicas > 0) {
    std::printf("headroom       %d replicas carry %s x the demand\n",
                p.current_replicas, Range(p.current_capacity_ratio).c_str());
    PrintChecks("               ", p.current_slo_checks);
  }
  PrintCost(p);
  for (const std::string& w : p.warnings)
    std::printf("warning: %s\n", w.c_str());
}

void RunPlan(const PlanArgs& args) {
  const plan::PlanOptions common = CommonOptions(args);
  std::unique_ptr<plan::Pricing> pricing;
  if (!args.pricing_path.empty()) {
    pricing =
        std::make_unique<plan::Pricing>(plan::LoadPricing(args.pricing_path));
  }
  std::vector<plan::PlanResult> plans;
  for (const std::string& path : args.model_paths) {
    const fit::CapacityModel model = fit::LoadCapacityModel(path);
    plan::PlanOptions options = common;
    ApplyPrice(args, pricing.get(), model, path, &options);
    if (pricing) options.api_prices = pricing->api;
    plans.push_back(plan::Plan(model, options));
    plans.back().label = path;
  }
  if (plans.size() == 1) {
    if (args.json) {
      std::cout << plan::PlanToJsonText(plans[0]) << std::endl;
    } else {
      PrintPlan(plans[0]);
    }
    return;
  }
  const plan::PlanComparison comparison = plan::ComparePlans(std::move(plans));
  if (args.json) {
    std::cout << plan::ComparisonToJsonText(comparison) << std::endl;
    return;
  }
  for (const plan::PlanResult& p : comparison.plans) PrintPlan(p);
  std::printf("\n%s\n", comparison.verdict.c_str());
}

}  // namespace

void AddPlanCommand(CLI::App& app) {
  auto args = std::make_shared<PlanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "plan", "Replicas, capacity, headroom and cost for a demand under SLOs");
  cmd->add_option("models", args->model_paths,
                  "capacity models (*.model.json); several are compared")
      ->required();
  cmd->add_option("--demand", args->demand,
                  "demand, e.g. 200rps, 12000/min, 5000tok/s")
      ->required();
  cmd->add_option("--slo", args->slos,
                  "SLO, e.g. 'p99(e2e)<5s' (repeat for several)")
      ->required();
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
  cmd->add_flag("--json", args->json, "print one JSON object");
  cmd->callback([args] { RunPlan(*args); });
}

}  // namespace loadlaw::cli
