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
#include "cli/plan_args.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/fit/capacity_model_json.h"
#include "loadlaw/plan/planner.h"
#include "loadlaw/plan/pricing.h"

namespace loadlaw::cli {
namespace {

struct PlanCommandArgs {
  std::vector<std::string> model_paths;
  PlanArgs plan;
  bool json = false;
};

std::string Range(const base::Estimate& e, const char* fmt = "%.4g") {
  char value[64], low[64], high[64];
  std::snprintf(value, sizeof value, fmt, e.value);
  std::snprintf(low, sizeof low, fmt, e.low);
  std::snprintf(high, sizeof high, fmt, e.high);
  return std::string(value) + " [" + low + ", " + high + "]";
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

void PrintCost(const plan::PlanCost& c) {
  if (c.monthly) {  // priced and feasible
    const char* cur = c.currency.c_str();
    std::printf("cost           %.4g %s per replica-hour (%s)\n",
                *c.price_per_replica_hour, cur, c.price_source.c_str());
    std::printf("               fleet %s %s/h, %s %s/month\n",
                Range(*c.fleet_per_hour).c_str(), cur,
                Range(*c.monthly, "%.0f").c_str(), cur);
    std::printf(
        "               %s %s per 1M output tokens (%s per 1M tokens "
        "in+out)\n",
        Range(*c.per_million_output_tokens).c_str(), cur,
        Range(*c.per_million_tokens).c_str());
  }
  for (const plan::ApiCost& a : c.api) {
    std::printf(
        "API %-10s %.0f %s/month for the same demand (%.4g per 1M "
        "output tokens)\n",
        a.name.c_str(), a.monthly, c.currency.c_str(),
        a.per_million_output_tokens);
  }
}

void PrintPlan(const plan::PlanResult& p) {
  std::printf("\nloadlaw plan: %s%s%s\n", p.label.c_str(),
              p.hardware.empty() ? "" : ", hardware ", p.hardware.c_str());
  std::printf(
      "demand         %.4g req/s, sized for %.4g req/s (%.0f %% "
      "headroom)\n",
      p.demand.requests_per_s, p.demand.sizing_requests_per_s,
      100 * p.headroom.sizing_fraction);
  const plan::PlanSaturation& s = p.saturation;
  std::printf(
      "saturation     at concurrency %s: %s req/s per replica, "
      "%s-limited\n               USL peak N* %s; concurrency limit %d "
      "(%s)\n",
      Range(s.concurrency).c_str(), Range(s.throughput_rps).c_str(),
      fit::LimitedByName(s.limited_by),
      std::isfinite(s.peak_concurrency.value)
          ? Range(s.peak_concurrency).c_str()
          : "none (kappa = 0)",
      s.concurrency_limit, s.concurrency_limit_source.c_str());
  std::printf(
      "closed loop    SLOs hold up to concurrency %s: %s req/s per "
      "replica -> %s replicas\n",
      Range(p.closed_loop.concurrency).c_str(),
      Range(p.closed_loop.throughput_rps).c_str(),
      Range(p.closed_loop.replicas).c_str());
  if (!p.feasible) {
    std::printf("NOT FEASIBLE   %s\n", p.message.c_str());
  } else {
    const plan::PlanOperatingPoint& op = p.operating_point;
    std::printf("open loop      %s req/s per replica within the SLOs\n",
                Range(p.per_replica_capacity_rps).c_str());
    std::printf(
        "replicas       %s; utilisation %.0f %% of SLO capacity, "
        "%.0f %% of saturation\n",
        Range(p.replicas, "%.0f").c_str(), 100 * op.utilization,
        100 * op.saturation_utilization);
    std::printf("at %.4g req/s per replica (mean %.3g in flight):\n",
                op.per_replica_rate_rps, op.mean_concurrency);
    PrintChecks("               ", op.slo_checks);
  }
  if (p.headroom.current_replicas) {
    std::printf("headroom       %d replicas carry %s x the demand\n",
                *p.headroom.current_replicas,
                Range(*p.headroom.capacity_ratio).c_str());
    PrintChecks("               ", p.headroom.slo_checks);
  }
  PrintCost(p.cost);
  for (const std::string& w : p.warnings)
    std::printf("warning: %s\n", w.c_str());
}

void RunPlan(const PlanCommandArgs& args) {
  const plan::PlanSpec spec = args.plan.Resolve();
  std::vector<plan::PlanResult> plans;
  for (const std::string& path : args.model_paths) {
    const fit::CapacityModel model = fit::LoadCapacityModel(path);
    plans.push_back(
        plan::Plan(model, plan::BuildPlanOptions(spec, model, path)));
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
  auto args = std::make_shared<PlanCommandArgs>();
  CLI::App* cmd = app.add_subcommand(
      "plan", "Replicas, capacity, headroom and cost for a demand under SLOs");
  cmd->add_option("models", args->model_paths,
                  "capacity models (*.model.json); several are compared")
      ->required();
  AddPlanOptions(cmd, &args->plan, /*required=*/true);
  cmd->add_flag("--json", args->json, "print one JSON object");
  cmd->callback([args] { RunPlan(*args); });
}

}  // namespace loadlaw::cli
