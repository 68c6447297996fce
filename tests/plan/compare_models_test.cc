// Baseline comparison of capacity models fitted on the virtual-time
// simulator: a 15 % slower step is a regression with the USL drift to show
// for it; identical parameters measured with other seeds pass.

#include "loadlaw/plan/compare_models.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "plan/sim_levels.h"

namespace loadlaw::plan {
namespace {

// The model of a noisy simulated endpoint (step jitter, output lengths
// uniform in 1..128) whose step times are `step_factor` times the default.
fit::CapacityModel SimModel(std::uint64_t seed, double step_factor = 1.0) {
  sim::SimConfig config;
  config.engine.step_base_ms = 5.0 * step_factor;
  config.engine.step_per_seq_ms = 0.05 * step_factor;
  config.engine.prefill_per_token_ms = 0.002 * step_factor;
  config.engine.step_per_ctx_token_us = 0.01 * step_factor;
  config.engine.jitter = 0.1;
  config.output_dist = sim::kOutputDistUniform;
  config.seed = seed;
  sim::RequestShape shape;
  shape.prompt_tokens = sim::TokenCountDist::Uniform(64, 256);
  shape.max_tokens = sim::TokenCountDist::Fixed(128);
  std::vector<fit::LevelMeasurement> levels;
  for (int users : {1, 2, 4, 8, 16, 32, 64}) {
    levels.push_back(testing::MeasureLevel(
        config, shape, users, 40 * users + 200, seed * 131 + users));
  }
  fit::Provenance provenance;
  provenance.hardware = "sim";
  return fit::FitCapacityModel(levels, provenance);
}

const ModelChange* Find(const ModelComparison& c, const std::string& quantity,
                        double n) {
  for (const ModelChange& change : c.changes) {
    if (change.quantity == quantity &&
        (std::isnan(n) || std::fabs(change.concurrency - n) < 1e-9)) {
      return &change;
    }
  }
  return nullptr;
}

const ParameterDrift& DriftOf(const ModelComparison& c,
                              const std::string& name) {
  for (const ParameterDrift& d : c.drift) {
    if (d.name == name) return d;
  }
  throw std::out_of_range(name);
}

class CompareModelsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    base_ = new fit::CapacityModel(SimModel(1));
    same_ = new fit::CapacityModel(SimModel(2));
    slow_ = new fit::CapacityModel(SimModel(3, 1.15));
  }
  static void TearDownTestSuite() {
    delete base_;
    delete same_;
    delete slow_;
  }
  static fit::CapacityModel* base_;
  static fit::CapacityModel* same_;
  static fit::CapacityModel* slow_;
};
fit::CapacityModel* CompareModelsTest::base_ = nullptr;
fit::CapacityModel* CompareModelsTest::same_ = nullptr;
fit::CapacityModel* CompareModelsTest::slow_ = nullptr;

TEST_F(CompareModelsTest, FlagsAFifteenPercentSlowerStep) {
  const ModelComparison c = CompareModels(*base_, *slow_);
  EXPECT_EQ(c.verdict, compare::Verdict::kRegression) << c.worst;
  EXPECT_NE(c.worst.find("regression"), std::string::npos);
  ASSERT_FALSE(c.concurrencies.empty());
  for (double n : c.concurrencies) {
    const ModelChange* x = Find(c, "requests_per_s", n);
    ASSERT_NE(x, nullptr);
    EXPECT_NEAR(x->relative, 1 / 1.15 - 1, 0.05) << n;
    EXPECT_LT(x->low, x->relative);
    EXPECT_GT(x->high, x->relative);
  }
  const ParameterDrift& lambda = DriftOf(c, "requests.lambda");
  EXPECT_NEAR(lambda.relative, 1 / 1.15 - 1, 0.05);
  EXPECT_TRUE(lambda.significant);
  EXPECT_LT(lambda.relative_low, lambda.relative);
  EXPECT_EQ(c.drift.size(), 8u);  // sigma, kappa, lambda, N* of 2 fits
}

TEST_F(CompareModelsTest, PassesIdenticalParametersWithOtherSeeds) {
  const ModelComparison c = CompareModels(*base_, *same_);
  EXPECT_EQ(c.verdict, compare::Verdict::kPass) << c.worst;
  const ParameterDrift& lambda = DriftOf(c, "requests.lambda");
  EXPECT_LE(lambda.low, 0);
  EXPECT_GE(lambda.high, 0);
  EXPECT_GT(c.interval_confidence, 0.999);  // Bonferroni over the changes
  const ModelChange* peak = Find(c, "requests.peak_throughput", NAN);
  ASSERT_NE(peak, nullptr);
}

TEST_F(CompareModelsTest, SelfComparisonIsExactlyNoChange) {
  const ModelComparison c = CompareModels(*base_, *base_);
  EXPECT_EQ(c.verdict, compare::Verdict::kPass);
  for (const ModelChange& change : c.changes) {
    if (std::isfinite(change.relative)) EXPECT_EQ(change.relative, 0);
  }
}

TEST_F(CompareModelsTest, WritesJsonAndRejectsBadOptions) {
  const nlohmann::json j = nlohmann::json::parse(
      ModelComparisonToJsonText(CompareModels(*base_, *slow_)));
  EXPECT_EQ(j.at("kind").get<std::string>(), "model");
  EXPECT_EQ(j.at("verdict").get<std::string>(), "regression");
  EXPECT_EQ(j.at("drift").at(0).at("name").get<std::string>(),
            "requests.sigma");
  EXPECT_EQ(j.at("changes").at(0).at("interval").size(), 2u);
  ModelCompareOptions bad;
  bad.confidence = 1.5;
  EXPECT_THROW(CompareModels(*base_, *slow_, bad), std::invalid_argument);
  fit::CapacityModel broken = *slow_;
  broken.requests.converged = false;
  EXPECT_THROW(CompareModels(*base_, broken), std::invalid_argument);
}

// Across 50 seeded pairs of models: identical parameters are rarely called a
// regression (at most 5 %), a 15 % slower step nearly always is (95 %).
TEST(CompareModelsCalibrationTest, FalseAlarmsAreRareAndSlowdownsAreCaught) {
  constexpr int kPairs = 50;
  int false_alarms = 0, detected = 0;
  for (int i = 0; i < kPairs; ++i) {
    const fit::CapacityModel base = SimModel(100 + 3 * i);
    const ModelComparison same = CompareModels(base, SimModel(101 + 3 * i));
    if (same.verdict == compare::Verdict::kRegression) {
      ++false_alarms;
      std::printf("false alarm: %s\n", same.worst.c_str());
    }
    detected += CompareModels(base, SimModel(102 + 3 * i, 1.15)).verdict ==
                compare::Verdict::kRegression;
  }
  std::printf(
      "models: identical %d/%d regression; 15%% slower %d/%d detected\n",
      false_alarms, kPairs, detected, kPairs);
  EXPECT_LE(false_alarms, kPairs * 5 / 100);
  EXPECT_GE(detected, kPairs * 95 / 100);
}

}  // namespace
}  // namespace loadlaw::plan
