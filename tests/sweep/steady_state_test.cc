#include "loadlaw/sweep/steady_state.h"

#include <random>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

namespace loadlaw::sweep {
namespace {

std::vector<double> PoissonSeconds(double mean, int seconds, unsigned seed) {
  std::mt19937 rng(seed);
  std::poisson_distribution<int> d(mean);
  std::vector<double> out;
  for (int i = 0; i < seconds; ++i) out.push_back(d(rng));
  return out;
}

TEST(SteadyStateTest, StationaryCountsSettleAtLowAndHighRates) {
  // Counting noise alone must never unsettle a level, however low the rate.
  int settled = 0;
  for (unsigned seed = 1; seed <= 50; ++seed) {
    settled += CheckSteadyState(PoissonSeconds(3, 30, seed)).settled;
    settled += CheckSteadyState(PoissonSeconds(400, 30, seed)).settled;
  }
  EXPECT_GE(settled, 97);
}

TEST(SteadyStateTest, ARampIsATrend) {
  std::vector<double> ramp;
  for (int i = 0; i < 30; ++i) ramp.push_back(100 + 5 * i);
  const SteadyState s = CheckSteadyState(ramp);
  EXPECT_FALSE(s.settled);
  EXPECT_GT(s.trend, 0.5);
  EXPECT_NE(s.reason.find("trend"), std::string::npos) << s.reason;
}

TEST(SteadyStateTest, ScatterBeyondCountingNoiseIsFlagged) {
  std::vector<double> bursty;
  for (int i = 0; i < 30; ++i) bursty.push_back(i % 2 ? 300 : 100);
  const SteadyState s = CheckSteadyState(bursty);
  EXPECT_FALSE(s.settled);
  EXPECT_NEAR(s.cv, 0.5, 0.02);
  EXPECT_NE(s.reason.find("CV"), std::string::npos) << s.reason;
}

TEST(SteadyStateTest, TooShortOrEmptyIsNotSettled) {
  EXPECT_FALSE(CheckSteadyState({10, 10, 10}).settled);
  EXPECT_NE(CheckSteadyState({0, 0, 0, 0, 0, 0}).reason.find("no completions"),
            std::string::npos);
}

TEST(SteadyStateTest, BadInputThrows) {
  EXPECT_THROW(CheckSteadyState({1, -1, 2, 3, 4}), std::invalid_argument);
  SteadyStateOptions bad;
  bad.max_trend = 0;
  EXPECT_THROW(CheckSteadyState({1, 2, 3, 4, 5}, bad), std::invalid_argument);
}

}  // namespace
}  // namespace loadlaw::sweep
