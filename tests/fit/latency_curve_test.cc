// FitLatencyCurve: a + b N + c N^2 with non-negative coefficients.

#include "loadlaw/fit/latency_curve.h"

#include <array>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "Eigen/Dense"
#include "fit/test_data.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace loadlaw::fit {
namespace {

using ::loadlaw::fit::testing::MakeObservations;
using ::testing::HasSubstr;

constexpr double kLevels[] = {1, 2, 4, 8, 12, 16, 24, 32, 48, 64};

std::vector<Observation> Quadratic(double a, double b, double c,
                                   double relative_noise, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0.0, relative_noise);
  std::vector<Observation> data;
  for (double n : kLevels) {
    const double y = a + b * n + c * n * n;
    data.push_back({n, y * (1.0 + noise(rng)), 1.0});
  }
  return data;
}

// Independent oracle for the bounded problem: the least-squares solution on
// every subset of free coefficients (the others at 0), keeping the feasible
// one with the lowest SSE. Exact for a three-coefficient NNLS.
double BestNonNegativeSse(const std::vector<Observation>& data) {
  double best = std::numeric_limits<double>::infinity();
  for (int mask = 1; mask < 8; ++mask) {
    std::vector<int> columns;
    for (int j = 0; j < 3; ++j) {
      if (mask & (1 << j)) columns.push_back(j);
    }
    Eigen::MatrixXd design(data.size(), columns.size());
    Eigen::VectorXd y(data.size());
    for (size_t i = 0; i < data.size(); ++i) {
      for (size_t k = 0; k < columns.size(); ++k) {
        design(i, k) = std::pow(data[i].concurrency, columns[k]);
      }
      y(i) = data[i].value;
    }
    const Eigen::VectorXd x = design.colPivHouseholderQr().solve(y);
    if ((x.array() < 0).any()) continue;
    best = std::min(best, (design * x - y).squaredNorm());
  }
  return best;
}

TEST(LatencyCurveTest, RecoversKnownCoefficientsInsideTheirIntervals) {
  const double a = 0.2, b = 0.01, c = 5e-4;
  const LatencyCurveFit fit = FitLatencyCurve(Quadratic(a, b, c, 0.01, 5));
  ASSERT_TRUE(fit.IsUsable()) << fit.message;
  EXPECT_EQ(fit.num_points, 10);
  EXPECT_TRUE(fit.a.HasInterval());
  EXPECT_LE(fit.a.low, a);
  EXPECT_GE(fit.a.high, a);
  EXPECT_LE(fit.b.low, b);
  EXPECT_GE(fit.b.high, b);
  EXPECT_LE(fit.c.low, c);
  EXPECT_GE(fit.c.high, c);
  EXPECT_GT(fit.r_squared, 0.99);
  EXPECT_DOUBLE_EQ(fit.covariance[0][2], fit.covariance[2][0]);
  const base::Estimate at40 = fit.Predict(40);
  EXPECT_DOUBLE_EQ(at40.value, fit.Evaluate(40));
  EXPECT_LE(at40.low, a + b * 40 + c * 1600);
  EXPECT_GE(at40.high, a + b * 40 + c * 1600);
}

TEST(LatencyCurveTest, ACoefficientThatWantsToBeNegativeEndsAtZero) {
  // 1 - 0.02 N + 0.001 N^2 stays positive but its slope is negative; the
  // unconstrained fit has b < 0, the bounded one rests on b = 0.
  const std::vector<Observation> data = Quadratic(1.0, -0.02, 1e-3, 0.0, 1);
  const LatencyCurveFit fit = FitLatencyCurve(data);
  ASSERT_TRUE(fit.IsUsable()) << fit.message;
  EXPECT_EQ(fit.b.value, 0.0);
  EXPECT_EQ(fit.b.low, 0.0);
  EXPECT_GE(fit.a.value, 0.0);
  EXPECT_GT(fit.c.value, 0.0);
  EXPECT_LE(fit.sse, BestNonNegativeSse(data) * (1 + 1e-8));
}

TEST(LatencyCurveTest, MatchesTheExactBoundedOptimumOnNoisyData) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    const std::vector<Observation> data =
        Quadratic(0.05, 0.001, 2e-5, 0.2, seed);
    const LatencyCurveFit fit = FitLatencyCurve(data);
    EXPECT_LE(fit.sse, BestNonNegativeSse(data) * (1 + 1e-8)) << seed;
  }
}

TEST(LatencyCurveTest, ConcurrencyAtLatencyInvertsTheCurve) {
  LatencyCurveFit fit;
  fit.a.value = 0.2;
  fit.b.value = 0.01;
  fit.c.value = 5e-4;
  const double n = fit.ConcurrencyAtLatency(1.0);
  EXPECT_NEAR(fit.Evaluate(n), 1.0, 1e-12);
  EXPECT_EQ(fit.ConcurrencyAtLatency(0.1), 0.0);
  fit.c.value = 0;
  EXPECT_DOUBLE_EQ(fit.ConcurrencyAtLatency(1.0), 0.8 / 0.01);
  fit.b.value = 0;
  EXPECT_EQ(fit.ConcurrencyAtLatency(1.0),
            std::numeric_limits<double>::infinity());
  EXPECT_THROW(fit.ConcurrencyAtLatency(-1), std::invalid_argument);
}

TEST(LatencyCurveTest, BadInputThrowsAndFewPointsWarn) {
  try {
    FitLatencyCurve(MakeObservations({1, 2}, {0.1, 0.2}));
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("latency"));
    EXPECT_THAT(e.what(), HasSubstr("at least 3"));
  }
  try {
    FitLatencyCurve(MakeObservations({1, 2, 3}, {0.1, -0.2, 0.3}));
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("value -0.2"));
  }
  FitOptions bad;
  bad.confidence = 2;
  EXPECT_THROW(FitLatencyCurve(Quadratic(1, 0.1, 0.01, 0.0, 1), bad),
               std::invalid_argument);
  const LatencyCurveFit few =
      FitLatencyCurve(MakeObservations({1, 2, 4, 8}, {0.1, 0.12, 0.2, 0.5}));
  ASSERT_FALSE(few.warnings.empty());
  EXPECT_THAT(few.warnings[0], HasSubstr("weakly determined"));
}

}  // namespace
}  // namespace loadlaw::fit
