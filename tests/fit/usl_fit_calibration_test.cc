// Do the reported intervals mean what they say? Data are simulated from a
// known USL with 2 % multiplicative noise, fitted with relative-error weights
// w = 1 / y^2 (the measured y, as a user would), and the nominal 95 %
// intervals must contain the true parameters in at least 90 % of 200 trials.
// Intervals from a wrong quantile (a z or one-sided t), a wrong variance
// scale s^2, or the wrong weights fall below that.

#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "loadlaw/fit/usl.h"

namespace loadlaw::fit {
namespace {

constexpr UslParams kTruth = {0.05, 0.002, 100.0};
constexpr double kLevels[] = {1, 2, 4, 8, 16, 24, 32, 48, 64};
constexpr double kRelativeNoise = 0.02;
constexpr int kTrials = 200;
constexpr int kMinCovered = 180;  // 90 % of kTrials

std::vector<Observation> Simulate(std::mt19937& rng) {
  std::normal_distribution<double> noise(0.0, kRelativeNoise);
  const UslModel model(kTruth);
  std::vector<Observation> data;
  for (double n : kLevels) {
    const double y = model.Throughput(n) * (1.0 + noise(rng));
    data.push_back({n, y, 1.0 / (y * y)});
  }
  return data;
}

bool Covers(const base::Estimate& e, double truth) {
  return e.low <= truth && truth <= e.high;
}

TEST(UslFitCalibrationTest, NominalIntervalsCoverTheTruth) {
  std::mt19937 rng(20240611);
  int sigma_covered = 0, kappa_covered = 0, lambda_covered = 0;
  int peak_covered = 0, usable = 0;
  const double true_peak = UslModel(kTruth).PeakConcurrency();
  for (int trial = 0; trial < kTrials; ++trial) {
    const UslFit fit = FitUsl(Simulate(rng));
    if (!fit.IsUsable()) continue;
    ++usable;
    sigma_covered += Covers(fit.sigma, kTruth.sigma);
    kappa_covered += Covers(fit.kappa, kTruth.kappa);
    lambda_covered += Covers(fit.lambda, kTruth.lambda);
    peak_covered += Covers(fit.peak_concurrency, true_peak);
  }
  EXPECT_EQ(usable, kTrials);
  EXPECT_GE(sigma_covered, kMinCovered);
  EXPECT_GE(kappa_covered, kMinCovered);
  EXPECT_GE(lambda_covered, kMinCovered);
  EXPECT_GE(peak_covered, kMinCovered);
  // Not trivially wide either: 199 or 200 of 200 would be very unlikely for
  // honest 95 % intervals.
  EXPECT_LE(sigma_covered, kTrials - 2);
  EXPECT_LE(kappa_covered, kTrials - 2);
  EXPECT_LE(lambda_covered, kTrials - 2);
  RecordProperty("sigma_covered", sigma_covered);
  RecordProperty("kappa_covered", kappa_covered);
  RecordProperty("lambda_covered", lambda_covered);
  RecordProperty("peak_covered", peak_covered);
}

TEST(UslFitCalibrationTest, RecoversTheTruthOnAverage) {
  std::mt19937 rng(7);
  double sigma_sum = 0, kappa_sum = 0, lambda_sum = 0;
  constexpr int kRuns = 50;
  for (int run = 0; run < kRuns; ++run) {
    const UslFit fit = FitUsl(Simulate(rng));
    sigma_sum += fit.params.sigma;
    kappa_sum += fit.params.kappa;
    lambda_sum += fit.params.lambda;
  }
  EXPECT_NEAR(sigma_sum / kRuns, kTruth.sigma, 0.1 * kTruth.sigma);
  EXPECT_NEAR(kappa_sum / kRuns, kTruth.kappa, 0.05 * kTruth.kappa);
  EXPECT_NEAR(lambda_sum / kRuns, kTruth.lambda, 0.02 * kTruth.lambda);
}

}  // namespace
}  // namespace loadlaw::fit
