// Plan(): the three band plans (central, optimistic, pessimistic) assembled
// into answers with intervals, then the operating point, the headroom of the
// current fleet and the cost. ComparePlans() picks the cheapest.

#include "loadlaw/plan/planner.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "loadlaw/plan/open_loop.h"
#include "plan/parse_internal.h"
#include "plan/planner_internal.h"

namespace loadlaw::plan {
namespace {

using internal::BandPlan;
using internal::FormatNumber;
using internal::ReplicaModel;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr int kHoursPerMonth = 730;

// The three ends, in this order everywhere below.
constexpr Band kBands[3] = {Band::kCentral, Band::kOptimistic,
                            Band::kPessimistic};

base::Estimate Interval(double value, double low, double high) {
  return base::Estimate{value, kNaN, std::min({value, low, high}),
                       std::max({value, low, high})};
}

double OrInfinity(int count) { return count < 0 ? kInfinity : count; }

void CheckSlosAgainstModel(const fit::CapacityModel& model,
                           const std::vector<Slo>& slos) {
  for (const Slo& slo : slos) {
    bool has_curve = false;
    for (fit::LatencyQuantile q : fit::kAllLatencyQuantiles) {
      const fit::LatencyCurveFit* c = model.Curve(slo.metric, q);
      has_curve |= c != nullptr && c->IsUsable();
    }
    if (!has_curve) {
      throw std::invalid_argument("SLO '" + slo.text + "': the model has no " +
                                  fit::LatencyMetricName(slo.metric) +
                                  " latency curves");
    }
  }
}

void FillSaturation(const fit::CapacityModel& model,
                    const ConcurrencyLimit& limit, PlanResult* plan) {
  const fit::UslFit& usl = model.requests;
  PlanSaturation& s = plan->saturation;
  s.peak_concurrency = usl.peak_concurrency;
  s.limited_by = fit::LimitingFactor(usl.params);
  s.concurrency_limit = limit.value;
  s.concurrency_limit_source = limit.source;
  const double k = limit.value;
  const base::Estimate& n_star = usl.peak_concurrency;
  s.concurrency = {std::min(n_star.value, k), kNaN, std::min(n_star.low, k),
                   std::min(n_star.high, k)};
  if (!std::isfinite(n_star.low)) s.concurrency.low = kNaN;
  s.throughput_rps =
      n_star.value <= k ? usl.peak_throughput : usl.PredictThroughput(k);
}

void FillClosedLoop(const BandPlan (&b)[3], double sizing_rps,
                    PlanResult* plan) {
  PlanClosedLoop& c = plan->closed_loop;
  c.concurrency =
      Interval(b[0].closed_loop_concurrency, b[2].closed_loop_concurrency,
               b[1].closed_loop_concurrency);
  c.throughput_rps =
      Interval(b[0].closed_loop_throughput_rps, b[2].closed_loop_throughput_rps,
               b[1].closed_loop_throughput_rps);
  double r[3];
  for (int i = 0; i < 3; ++i) {
    const double x = b[i].closed_loop_throughput_rps;
    r[i] = x > 0 ? std::ceil(sizing_rps / x) : kInfinity;
  }
  c.replicas = Interval(r[0], r[1], r[2]);
}

std::vector<SloCheck> CheckSlos(const std::vector<ReplicaModel>& replicas,
                                const std::vector<Slo>& slos, double rate_rps) {
  std::vector<SloCheck> checks;
  for (const Slo& slo : slos) {
    double v[3];
    for (int i = 0; i < 3; ++i) {
      v[i] = internal::SloLatency(replicas[i], slo, rate_rps);
    }
    checks.push_back({slo, Interval(v[0], v[1], v[2]), v[0] <= slo.target_s});
  }
  return checks;
}

std::string InfeasibleMessage(const std::vector<ReplicaModel>& replicas,
                              const std::vector<Slo>& slos) {
  const double tiny = replicas[0].throughputs().back() * 1e-9;
  for (const Slo& slo : slos) {
    const double at_idle = internal::SloLatency(replicas[0], slo, tiny);
    if (at_idle > slo.target_s) {
      return "no load meets " + slo.Describe() +
             ": even an idle replica "
             "gives " +
             base::FormatSignificant(at_idle, 6) + " s";
    }
  }
  return "no load meets all SLOs together";
}

void FillOperatingPoint(const std::vector<ReplicaModel>& replicas,
                        const PlanOptions& options, PlanResult* plan) {
  const double demand_rps = plan->demand.requests_per_s;
  const double rate = demand_rps / plan->replicas.value;
  PlanOperatingPoint& op = plan->operating_point;
  op.per_replica_rate_rps = rate;
  op.utilization = rate / plan->per_replica_capacity_rps.value;
  op.saturation_utilization = rate / replicas[0].throughputs().back();
  const internal::OpenLoopState state =
      internal::SolveOpenLoop(replicas[0], rate);
  op.mean_concurrency = state.fes.mean_in_system;
  op.slo_checks = CheckSlos(replicas, options.slos, rate);
  if (options.current_replicas > 0) {
    const double k = options.current_replicas;
    const base::Estimate& c = plan->per_replica_capacity_rps;
    PlanHeadroom& h = plan->headroom;
    h.current_replicas = options.current_replicas;
    const base::Estimate ratio =
        Interval(k * c.value / demand_rps, k * c.low / demand_rps,
                 k * c.high / demand_rps);
    h.capacity_ratio = ratio;
    h.extra_demand_fraction = base::Estimate{ratio.value - 1, ratio.std_error,
                                             ratio.low - 1, ratio.high - 1};
    h.slo_checks = CheckSlos(replicas, options.slos, demand_rps / k);
  }
}

base::Estimate Scaled(const base::Estimate& e, double factor) {
  return {e.value * factor, kNaN, e.low * factor, e.high * factor};
}

// The price and the API costs (any plan), and the fleet's cost (a feasible
// priced plan).
void FillCost(const fit::CapacityModel& model, const PlanOptions& options,
              PlanResult* plan) {
  plan->tokens_per_request = {model.mean_input_tokens,
                              model.mean_output_tokens};
  PlanCost& cost = plan->cost;
  cost.currency = options.currency;
  cost.hours_per_month = kHoursPerMonth;
  const double demand_rps = plan->demand.requests_per_s;
  const double out_per_h = demand_rps * model.mean_output_tokens * 3600;
  const double all_per_h =
      demand_rps * (model.mean_input_tokens + model.mean_output_tokens) * 3600;
  for (const ApiPrice& api : options.api_prices) {
    const double per_h = demand_rps * 3600 *
                         (model.mean_input_tokens * api.input_per_million +
                          model.mean_output_tokens * api.output_per_million) /
                         1e6;
    cost.api.push_back(
        {api.name, per_h * kHoursPerMonth, per_h / out_per_h * 1e6});
  }
  if (std::isnan(options.price_per_replica_hour)) return;
  cost.priced = true;
  cost.price_source = options.price_source;
  cost.price_per_replica_hour = options.price_per_replica_hour;
  if (!plan->feasible) return;
  const base::Estimate fleet =
      Scaled(plan->replicas, options.price_per_replica_hour);
  cost.fleet_per_hour = fleet;
  cost.monthly = Scaled(fleet, kHoursPerMonth);
  cost.per_million_output_tokens = Scaled(fleet, 1e6 / out_per_h);
  cost.per_million_tokens = Scaled(fleet, 1e6 / all_per_h);
}

void WarnAboutRange(const fit::CapacityModel& model, PlanResult* plan) {
  // Achieved concurrency sits a hair below the configured level (the gaps
  // between a request and the next), so 32 users measure as 31.99: allow 5 %.
  const double top = model.max_concurrency;
  const double reach = 1.05 * top;
  if (plan->operating_point.mean_concurrency > reach ||
      plan->closed_loop.concurrency.value > reach) {
    plan->warnings.push_back(
        "the operating point lies beyond the measured concurrency range (up "
        "to " +
        FormatNumber(top) + "): the answer is an extrapolation");
  }
}

}  // namespace

bool PlanOptions::IsValid(std::string* why) const {
  std::string reason;
  if (slos.empty()) {
    reason = "at least one SLO is needed";
  } else if (!(demand.per_s > 0) || !std::isfinite(demand.per_s)) {
    reason = "demand must be > 0, got " + FormatNumber(demand.per_s);
  } else if (!(headroom >= 0) || !std::isfinite(headroom)) {
    reason = "headroom must be >= 0, got " + FormatNumber(headroom);
  } else if (!std::isnan(price_per_replica_hour) &&
             !(price_per_replica_hour >= 0 &&
               std::isfinite(price_per_replica_hour))) {
    reason = "price_per_replica_hour must be >= 0, got " +
             FormatNumber(price_per_replica_hour);
  } else if (current_replicas < 0) {
    reason = "current_replicas must be >= 0, got " +
             std::to_string(current_replicas);
  } else if (concurrency_limit < 0) {
    reason = "concurrency_limit must be >= 0, got " +
             std::to_string(concurrency_limit);
  } else if (max_replicas < 1) {
    reason = "max_replicas must be >= 1, got " + std::to_string(max_replicas);
  }
  if (why != nullptr) *why = reason;
  return reason.empty();
}

PlanResult Plan(const fit::CapacityModel& model, const PlanOptions& options) {
  std::string why;
  if (!options.IsValid(&why)) throw std::invalid_argument("plan: " + why);
  CheckSlosAgainstModel(model, options.slos);
  PlanResult plan;
  plan.hardware = model.provenance.hardware;
  plan.headroom.sizing_fraction = options.headroom;
  const double demand_rps =
      options.demand.RequestsPerS(model.mean_output_tokens);
  const double sizing_rps = demand_rps * (1 + options.headroom);
  plan.demand = {demand_rps, sizing_rps};
  for (const std::string& w : model.trust.warnings) {
    plan.warnings.push_back("model: " + w);
  }
  const ConcurrencyLimit limit =
      ChooseConcurrencyLimit(model, options.concurrency_limit);
  if (!limit.note.empty()) plan.warnings.push_back(limit.note);
  FillSaturation(model, limit, &plan);
  std::vector<ReplicaModel> replicas;
  BandPlan bands[3];
  for (int i = 0; i < 3; ++i) {
    replicas.emplace_back(model, limit.value, kBands[i]);
    bands[i] = internal::PlanBand(replicas[i], options.slos, sizing_rps,
                                  options.max_replicas);
  }
  FillClosedLoop(bands, sizing_rps, &plan);
  plan.per_replica_capacity_rps = Interval(
      bands[0].capacity_rps, bands[2].capacity_rps, bands[1].capacity_rps);
  plan.replicas =
      Interval(OrInfinity(bands[0].replicas), OrInfinity(bands[1].replicas),
               OrInfinity(bands[2].replicas));
  plan.feasible = bands[0].replicas > 0;
  FillCost(model, options, &plan);
  if (!plan.feasible) {
    plan.message = bands[0].capacity_rps > 0
                       ? "the demand needs more than " +
                             std::to_string(options.max_replicas) + " replicas"
                       : InfeasibleMessage(replicas, options.slos);
    return plan;
  }
  FillOperatingPoint(replicas, options, &plan);
  WarnAboutRange(model, &plan);
  return plan;
}

PlanComparison ComparePlans(std::vector<PlanResult> plans) {
  PlanComparison c;
  c.plans = std::move(plans);
  bool all_priced = true;
  for (const PlanResult& p : c.plans) {
    all_priced &= !p.feasible || p.cost.monthly.has_value();
  }
  // Feasible plans are compared by monthly cost when every one is priced.
  auto key = [all_priced](const PlanResult& p) {
    return all_priced ? p.cost.monthly->value : p.replicas.value;
  };
  for (size_t i = 0; i < c.plans.size(); ++i) {
    const PlanResult& p = c.plans[i];
    if (!p.feasible) continue;
    if (c.cheapest_index < 0 || key(p) < key(c.plans[c.cheapest_index])) {
      c.cheapest_index = static_cast<int>(i);
    }
  }
  if (c.cheapest_index < 0) {
    c.verdict = "no option meets the SLOs";
    return c;
  }
  const PlanResult& best = c.plans[c.cheapest_index];
  c.cheapest = best.label;
  c.verdict = all_priced
                  ? best.label + " is the cheapest option meeting the SLOs: " +
                        FormatNumber(best.replicas.value) + " replicas, " +
                        FormatNumber(std::round(best.cost.monthly->value)) +
                        " " + best.cost.currency + "/month"
                  : best.label + " needs the fewest replicas (" +
                        FormatNumber(best.replicas.value) +
                        "); not every option is priced, so cost was not "
                        "compared";
  return c;
}

}  // namespace loadlaw::plan
