// The planner against closed forms: on an M/M/c replica the plan is M/M/c
// sizing; cost, headroom and the comparison follow their formulas; the JSON
// carries the documented fields.

#include "loadlaw/plan/planner.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "loadlaw/fit/capacity_model.h"
#include "plan/test_models.h"

namespace loadlaw::testing {
namespace {

using nlohmann::json;

constexpr double kServiceS = 0.5;
constexpr int kServers = 4;

plan::PlanOptions Options(const std::string& demand,
                          const std::vector<std::string>& slos) {
  plan::PlanOptions options;
  options.demand = plan::ParseDemand(demand);
  for (const std::string& s : slos) options.slos.push_back(plan::ParseSlo(s));
  return options;
}

// The fewest M/M/c replicas whose exact response-time quantile meets it.
int MmcReplicas(double demand_rps, double p, double target_s) {
  for (int r = 1;; ++r) {
    const double rate = demand_rps / r;
    if (rate >= kServers / kServiceS) continue;
    if (MmcResponseQuantile(rate, kServiceS, kServers, p) <= target_s) return r;
  }
}

TEST(PlannerTest, OnAnMmcReplicaThePlanIsMmcSizing) {
  const fit::CapacityModel model = MmcModel(kServiceS, kServers);
  for (auto [demand, slo, p, target] :
       {std::tuple{50.0, "p99(e2e)<3s", 0.99, 3.0},
        std::tuple{50.0, "p90(e2e)<1.3s", 0.90, 1.3},
        std::tuple{333.0, "p99(e2e)<2.5s", 0.99, 2.5}}) {
    const plan::PlanResult r =
        plan::Plan(model, Options(std::to_string(demand) + "rps", {slo}));
    ASSERT_TRUE(r.feasible) << r.message;
    EXPECT_EQ(r.replicas.value, MmcReplicas(demand, p, target)) << slo;
    // No parameter uncertainty: the interval collapses.
    EXPECT_EQ(r.replicas.low, r.replicas.value);
    EXPECT_EQ(r.replicas.high, r.replicas.value);
    // The capacity is where the exact quantile reaches the target.
    EXPECT_NEAR(MmcResponseQuantile(r.per_replica_capacity_rps.value, kServiceS,
                                    kServers, p),
                target, 1e-6 * target);
  }
}

TEST(PlannerTest, SaturationAndTheClosedLoopOperatingPoint) {
  const plan::PlanResult r = plan::Plan(MmcModel(kServiceS, kServers),
                                        Options("50rps", {"p99(e2e)<3s"}));
  const plan::PlanSaturation& s = r.saturation;
  EXPECT_TRUE(std::isinf(s.peak_concurrency.value));
  EXPECT_EQ(s.concurrency.value, kServers);
  EXPECT_DOUBLE_EQ(s.throughput_rps.value, kServers / kServiceS);
  // sigma = kappa = 0: not contention
  EXPECT_EQ(s.limited_by, fit::LimitedBy::kCoherency);
  EXPECT_EQ(s.concurrency_limit, kServers);
  EXPECT_EQ(s.concurrency_limit_source, "server");
  // Flat latency: every concurrency up to the limit meets the SLO.
  EXPECT_EQ(r.closed_loop.concurrency.value, kServers);
  EXPECT_DOUBLE_EQ(r.closed_loop.throughput_rps.value, kServers / kServiceS);
  EXPECT_EQ(r.closed_loop.replicas.value,
            std::ceil(50 / (kServers / kServiceS)));
  const plan::PlanOperatingPoint& op = r.operating_point;
  EXPECT_NEAR(op.per_replica_rate_rps, 50 / r.replicas.value, 1e-12);
  EXPECT_NEAR(op.utilization,
              op.per_replica_rate_rps / r.per_replica_capacity_rps.value,
              1e-12);
  EXPECT_NEAR(op.saturation_utilization, op.per_replica_rate_rps / 8, 1e-12);
  ASSERT_EQ(op.slo_checks.size(), 1u);
  EXPECT_TRUE(op.slo_checks[0].met);
  EXPECT_NEAR(
      op.slo_checks[0].predicted_s.value,
      MmcResponseQuantile(op.per_replica_rate_rps, kServiceS, kServers, 0.99),
      1e-6);
}

TEST(PlannerTest, HeadroomSizesForTheLargerDemand) {
  const fit::CapacityModel model = MmcModel(kServiceS, kServers);
  plan::PlanOptions with = Options("100rps", {"p99(e2e)<3s"});
  with.headroom = 0.5;
  const plan::PlanResult a = plan::Plan(model, with);
  const plan::PlanResult b =
      plan::Plan(model, Options("150rps", {"p99(e2e)<3s"}));
  EXPECT_EQ(a.replicas.value, b.replicas.value);
  EXPECT_DOUBLE_EQ(a.demand.sizing_requests_per_s, 150);
  EXPECT_DOUBLE_EQ(a.demand.requests_per_s, 100);
  EXPECT_DOUBLE_EQ(a.headroom.sizing_fraction, 0.5);
  EXPECT_NEAR(a.operating_point.per_replica_rate_rps, 100 / a.replicas.value,
              1e-12);
  EXPECT_FALSE(a.headroom.current_replicas.has_value());
  EXPECT_FALSE(a.headroom.capacity_ratio.has_value());
}

TEST(PlannerTest, HeadroomOfTheCurrentFleet) {
  const fit::CapacityModel model = MmcModel(kServiceS, kServers);
  plan::PlanOptions options = Options("50rps", {"p99(e2e)<3s"});
  options.current_replicas = 12;
  const plan::PlanResult r = plan::Plan(model, options);
  const double capacity = r.per_replica_capacity_rps.value;
  const plan::PlanHeadroom& h = r.headroom;
  EXPECT_EQ(h.current_replicas, 12);
  ASSERT_TRUE(h.capacity_ratio && h.extra_demand_fraction);
  EXPECT_NEAR(h.capacity_ratio->value, 12 * capacity / 50, 1e-12);
  EXPECT_DOUBLE_EQ(h.extra_demand_fraction->value, h.capacity_ratio->value - 1);
  EXPECT_DOUBLE_EQ(h.extra_demand_fraction->low, h.capacity_ratio->low - 1);
  EXPECT_DOUBLE_EQ(h.extra_demand_fraction->high, h.capacity_ratio->high - 1);
  ASSERT_EQ(h.slo_checks.size(), 1u);
  EXPECT_EQ(h.slo_checks[0].met, h.capacity_ratio->value >= 1);
  options.current_replicas = 2;  // 25 req/s each: beyond saturation (8)
  const plan::PlanResult over = plan::Plan(model, options);
  EXPECT_LT(over.headroom.capacity_ratio->value, 1);
  EXPECT_FALSE(over.headroom.slo_checks[0].met);
}

TEST(PlannerTest, CostFollowsItsFormulas) {
  plan::PlanOptions options = Options("50rps", {"p99(e2e)<3s"});
  options.price_per_replica_hour = 2.5;
  options.api_prices.push_back({"api", 1.0, 4.0, "2025-01", ""});
  const plan::PlanResult r = plan::Plan(MmcModel(kServiceS, kServers), options);
  const plan::PlanCost& c = r.cost;
  ASSERT_TRUE(c.priced);
  ASSERT_TRUE(c.fleet_per_hour && c.monthly && c.per_million_output_tokens &&
              c.per_million_tokens);
  EXPECT_EQ(c.price_per_replica_hour, 2.5);
  EXPECT_EQ(c.hours_per_month, 730);
  const double fleet = r.replicas.value * 2.5;
  EXPECT_DOUBLE_EQ(c.fleet_per_hour->value, fleet);
  EXPECT_DOUBLE_EQ(c.monthly->value, fleet * 730);
  // 50 req/s x 100 output tokens = 18 M output tokens an hour.
  EXPECT_NEAR(c.per_million_output_tokens->value, fleet / 18.0, 1e-12);
  EXPECT_NEAR(c.per_million_tokens->value, fleet / 90.0, 1e-12);
  ASSERT_EQ(c.api.size(), 1u);
  // 50 req/s: 72 M input and 18 M output tokens an hour.
  EXPECT_NEAR(c.api[0].monthly, (72 * 1.0 + 18 * 4.0) * 730, 1e-9);
  EXPECT_NEAR(c.api[0].per_million_output_tokens, 144.0 / 18, 1e-12);
  EXPECT_EQ(r.tokens_per_request.input, 400);
  EXPECT_EQ(r.tokens_per_request.output, 100);
}

TEST(PlannerTest, AnInfeasiblePricedPlanHasAPriceButNoFleetCost) {
  plan::PlanOptions options = Options("50rps", {"p99(e2e)<1s"});
  options.price_per_replica_hour = 2.5;
  const plan::PlanResult r = plan::Plan(MmcModel(kServiceS, kServers), options);
  ASSERT_FALSE(r.feasible);
  EXPECT_TRUE(r.cost.priced);
  EXPECT_EQ(r.cost.price_per_replica_hour, 2.5);
  EXPECT_FALSE(r.cost.monthly || r.cost.fleet_per_hour ||
               r.cost.per_million_output_tokens || r.cost.per_million_tokens);
  const json j = json::parse(plan::PlanToJsonText(r));
  EXPECT_EQ(j["cost"]["price_per_replica_hour"].get<double>(), 2.5);
  EXPECT_TRUE(j["cost"]["monthly"].is_null());
  EXPECT_TRUE(j["headroom"]["current_replicas"].is_null());
}

TEST(PlannerTest, TokenDemandIsConvertedWithTheMeanOutputTokens) {
  const fit::CapacityModel model = MmcModel(kServiceS, kServers);
  const plan::PlanResult r =
      plan::Plan(model, Options("5000tok/s", {"p99(e2e)<3s"}));
  EXPECT_DOUBLE_EQ(r.demand.requests_per_s, 50);
}

TEST(PlannerTest, AnSloNoLoadMeetsIsReportedNotThrown) {
  // Even an idle M/M/4 replica has p99 = 0.5 ln 100 = 2.30 s.
  const plan::PlanResult r = plan::Plan(MmcModel(kServiceS, kServers),
                                        Options("50rps", {"p99(e2e)<1s"}));
  EXPECT_FALSE(r.feasible);
  EXPECT_EQ(
      r.message,
      "no load meets p99(e2e) < 1 s: even an idle replica gives 2.30259 s");
  EXPECT_TRUE(std::isinf(r.replicas.value));
  EXPECT_EQ(r.closed_loop.concurrency.value, 0);
}

TEST(PlannerTest, BadOptionsAndUnmeasuredMetricsThrow) {
  const fit::CapacityModel model = MmcModel(kServiceS, kServers);
  try {
    plan::Plan(model, Options("50rps", {"p95(ttft)<500ms"}));
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "SLO 'p95(ttft)<500ms': the model has no ttft latency curves");
  }
  EXPECT_THROW(plan::Plan(model, Options("50rps", {})), std::invalid_argument);
  plan::PlanOptions negative = Options("50rps", {"p99(e2e)<3s"});
  negative.headroom = -0.1;
  std::string why;
  EXPECT_FALSE(negative.IsValid(&why));
  EXPECT_EQ(why, "headroom must be >= 0, got -0.1");
}

TEST(PlannerTest, ComparisonNamesTheCheapestOptionMeetingTheSlos) {
  plan::PlanOptions options = Options("50rps", {"p99(e2e)<3s"});
  options.price_per_replica_hour = 2.0;
  plan::PlanResult slow = plan::Plan(MmcModel(1.0, kServers), options);
  slow.label = "slow";
  options.price_per_replica_hour = 3.0;
  plan::PlanResult fast = plan::Plan(MmcModel(0.25, kServers), options);
  fast.label = "fast";
  plan::PlanResult infeasible =
      plan::Plan(MmcModel(2.0, kServers), Options("50rps", {"p99(e2e)<3s"}));
  infeasible.label = "too slow";
  ASSERT_FALSE(infeasible.feasible);
  const plan::PlanComparison c = plan::ComparePlans({slow, fast, infeasible});
  // An infeasible plan has no monthly cost.
  auto monthly = [](const plan::PlanResult& p) {
    return p.cost.monthly ? p.cost.monthly->value
                          : std::numeric_limits<double>::infinity();
  };
  const int cheaper = monthly(slow) < monthly(fast) ? 0 : 1;
  EXPECT_EQ(c.cheapest_index, cheaper);
  EXPECT_EQ(c.cheapest, c.plans[cheaper].label);
  EXPECT_EQ(c.verdict.find(c.plans[cheaper].label +
                           " is the cheapest option meeting the SLOs"),
            0u)
      << c.verdict;
  EXPECT_EQ(plan::ComparePlans({infeasible}).cheapest_index, -1);
  EXPECT_FALSE(plan::ComparePlans({infeasible}).cheapest.has_value());
  EXPECT_EQ(plan::ComparePlans({infeasible}).verdict,
            "no option meets the SLOs");
}

TEST(PlannerTest, JsonCarriesTheDocumentedFields) {
  plan::PlanOptions options = Options("50rps", {"p99(e2e)<3s"});
  options.price_per_replica_hour = 2.5;
  options.current_replicas = 10;
  options.headroom = 0.2;
  const plan::PlanResult r = plan::Plan(MmcModel(kServiceS, kServers), options);
  const json j = json::parse(plan::PlanToJsonText(r));
  EXPECT_EQ(j["replicas"]["value"].get<double>(), r.replicas.value);
  EXPECT_TRUE(j["replicas"]["low"].is_number());
  EXPECT_TRUE(j["replicas"]["high"].is_number());
  EXPECT_EQ(j["saturation"]["concurrency"]["value"].get<double>(), kServers);
  EXPECT_EQ(j["saturation"]["throughput_rps"]["value"].get<double>(), 8);
  EXPECT_TRUE(j["saturation"]["peak_concurrency"]["value"].is_null());
  EXPECT_TRUE(j["per_replica_capacity_rps"]["value"].is_number());
  EXPECT_DOUBLE_EQ(j["cost"]["monthly"]["value"].get<double>(),
                   r.cost.monthly->value);
  EXPECT_TRUE(j["cost"]["per_million_output_tokens"]["value"].is_number());
  EXPECT_DOUBLE_EQ(j["headroom"]["sizing_fraction"].get<double>(), 0.2);
  EXPECT_EQ(j["headroom"]["current_replicas"].get<int>(), 10);
  EXPECT_TRUE(j["headroom"]["capacity_ratio"]["value"].is_number());
  EXPECT_EQ(j["operating_point"]["slo_checks"][0]["slo"].get<std::string>(),
            "p99(e2e)<3s");
  const json c =
      json::parse(plan::ComparisonToJsonText(plan::ComparePlans({r})));
  EXPECT_EQ(c["plans"].size(), 1u);
  EXPECT_EQ(c["cheapest_index"].get<int>(), 0);
}

}  // namespace
}  // namespace loadlaw::testing
