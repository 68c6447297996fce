// The open-loop forecast: the quantile interpolation, the M/M/c closed forms
// it must reproduce exactly, and the choice of the concurrency limit.

#include "loadlaw/plan/open_loop.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "loadlaw/queueing/erlang.h"
#include "plan/replica_model_internal.h"
#include "plan/test_models.h"

namespace loadlaw::testing {
namespace {

using fit::LatencyMetric;
using fit::LatencyQuantile;
using plan::internal::QuantileDistribution;

TEST(QuantileDistributionTest, IsExactForAnExponential) {
  const double rate = 2;
  std::vector<double> p = {0.5, 0.9, 0.95, 0.99}, q;
  for (double pi : p) q.push_back(-std::log1p(-pi) / rate);
  const QuantileDistribution d(p, q);
  for (double t : {0.01, 0.2, 0.9, 1.5, 4.0}) {
    EXPECT_NEAR(d.Cdf(t), 1 - std::exp(-rate * t), 1e-12) << t;
  }
  EXPECT_NEAR(d.Quantile(0.999), -std::log(0.001) / rate, 1e-12);
  EXPECT_NEAR(d.Quantile(0.1), -std::log(0.9) / rate, 1e-12);
  EXPECT_EQ(d.Cdf(-1), 0);
}

TEST(QuantileDistributionTest, HandlesPointMassesAndCrossingCurves) {
  const QuantileDistribution point({0.99}, {2.0});
  EXPECT_EQ(point.Cdf(1.999), 0);
  EXPECT_EQ(point.Cdf(2.0), 1);
  EXPECT_EQ(point.Quantile(0.3), 2.0);
  // p95 fitted below p90: made non-decreasing (flat from p90 to p95).
  const QuantileDistribution crossing({0.5, 0.9, 0.95, 0.99},
                                      {1.0, 2.0, 1.8, 3.0});
  EXPECT_EQ(crossing.Quantile(0.93), 2.0);
  EXPECT_NEAR(crossing.Cdf(2.0), 0.95, 1e-12);
  EXPECT_GE(crossing.Quantile(0.999), 3.0);
}

TEST(OpenLoopTest, ReproducesMmcResponseTimeQuantiles) {
  const double service_s = 0.5;
  const int c = 4;
  const fit::CapacityModel model = MmcModel(service_s, c);
  for (double rate : {2.0, 5.0, 7.0}) {
    const plan::OpenLoopForecast f = plan::PredictOpenLoop(model, rate);
    ASSERT_TRUE(f.stable);
    const queueing::MmcResult mmc = queueing::SolveMmc(rate, service_s, c);
    EXPECT_NEAR(f.mean_concurrency.value, mmc.mean_in_system, 1e-9);
    EXPECT_NEAR(f.queueing_probability.value, mmc.wait_probability, 1e-9);
    for (LatencyQuantile q : fit::kAllLatencyQuantiles) {
      const double want =
          MmcResponseQuantile(rate, service_s, c, fit::QuantileProbability(q));
      const double got = f.Latency(LatencyMetric::kE2e, q).value;
      EXPECT_NEAR(got / want, 1.0, 1e-6)
          << "rate " << rate << " " << fit::LatencyQuantileName(q);
    }
    // Waiting does not stretch the time per output token.
    EXPECT_NEAR(f.Latency(LatencyMetric::kTpot, LatencyQuantile::kP99).value,
                0.010, 1e-9);
    EXPECT_FALSE(f.latency_s[static_cast<int>(LatencyMetric::kTtft)][0]);
    EXPECT_DOUBLE_EQ(f.output_tokens_per_s.value, 100 * rate);
  }
}

TEST(OpenLoopTest, HasNoSteadyStateAtOrBeyondSaturation) {
  const plan::OpenLoopForecast f = plan::PredictOpenLoop(MmcModel(0.5, 4), 8);
  EXPECT_FALSE(f.stable);
  EXPECT_TRUE(
      std::isinf(f.Latency(LatencyMetric::kE2e, LatencyQuantile::kP50).value));
  EXPECT_THROW(plan::PredictOpenLoop(MmcModel(0.5, 4), 0),
               std::invalid_argument);
  EXPECT_THROW(plan::PredictOpenLoop(MmcModel(0.5, 4), 1, -1),
               std::invalid_argument);
}

TEST(ConcurrencyLimitTest, ComesFromTheOptionTheServerOrTheData) {
  fit::CapacityModel model = MmcModel(0.5, 4);
  EXPECT_EQ(plan::ChooseConcurrencyLimit(model).value, 4);
  EXPECT_EQ(plan::ChooseConcurrencyLimit(model).source, "server");
  EXPECT_EQ(plan::ChooseConcurrencyLimit(model, 16).value, 16);
  EXPECT_EQ(plan::ChooseConcurrencyLimit(model, 16).source, "option");
  model.provenance.server_concurrency_limit = 0;
  model.max_concurrency = 11.3;
  const plan::ConcurrencyLimit measured = plan::ChooseConcurrencyLimit(model);
  EXPECT_EQ(measured.value, 12);
  EXPECT_EQ(measured.source, "measured range");
  EXPECT_NE(measured.note.find("--concurrency-limit"), std::string::npos);
}

TEST(ConcurrencyLimitTest, IsCappedAtThePeakOfARetrogradeCurve) {
  fit::CapacityModel model = MmcModel(0.5, 64);
  model.requests.law = fit::Law::kUsl;
  model.requests.params = {0.05, 0.001, 2};  // N* = sqrt(0.95 / 0.001) = 30.8
  const plan::ConcurrencyLimit limit = plan::ChooseConcurrencyLimit(model);
  EXPECT_EQ(limit.value, 30);
  EXPECT_EQ(limit.source, "server, capped at the USL peak");
}

}  // namespace
}  // namespace loadlaw::testing
