#include "loadlaw/sweep_file/steady_state.h"

#include <cmath>
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

// A 30 s window of 16 users whose answers take 0.5 s: Little's law says
// 32 completions a second.
telemetry::WindowSummary LittleWindow(double counted_rps) {
  telemetry::WindowSummary w;
  w.window_s = 30;
  w.achieved_concurrency = 16;
  w.e2e.mean = 0.5;
  w.requests_per_s = counted_rps;
  w.completed = static_cast<std::uint64_t>(counted_rps * w.window_s);
  w.finished = w.completed;
  return w;
}

TEST(SteadyStateTest, CountedThroughputMustAgreeWithLittlesLaw) {
  SteadyState s;
  s.settled = true;
  CheckLittlesLaw(LittleWindow(32.5), {}, &s);
  EXPECT_TRUE(s.settled) << s.reason;
  EXPECT_NEAR(s.little_gap, 32.5 / 32 - 1, 1e-12);
  EXPECT_DOUBLE_EQ(s.little_limit, 0.05);
  // A window that caught the users' waves: 8 % fewer completions counted.
  CheckLittlesLaw(LittleWindow(32 * 0.92), {}, &s);
  EXPECT_FALSE(s.settled);
  EXPECT_NE(s.reason.find("Little's law"), std::string::npos) << s.reason;
}

TEST(SteadyStateTest, LittlesLawToleratesEdgesAndSkipsFailures) {
  // Answers of 1.2 s in a 30 s window: requests straddling its edges move
  // the count by up to 2 x 1.2 / 30 = 8 %.
  telemetry::WindowSummary w = LittleWindow(16 / 1.2 * 0.93);
  w.e2e.mean = 1.2;
  SteadyState s;
  s.settled = true;
  CheckLittlesLaw(w, {}, &s);
  EXPECT_DOUBLE_EQ(s.little_limit, 0.08);
  EXPECT_TRUE(s.settled) << s.reason;
  // Failed requests spend time in flight that the mean E2E leaves out.
  w = LittleWindow(20);
  w.failed = w.finished / 50;
  SteadyState f;
  f.settled = true;
  CheckLittlesLaw(w, {}, &f);
  EXPECT_TRUE(f.settled);
  EXPECT_TRUE(std::isnan(f.little_gap));
  // An unsettled level keeps its first reason.
  SteadyState trend;
  trend.reason = "throughput trend";
  CheckLittlesLaw(LittleWindow(20), {}, &trend);
  EXPECT_EQ(trend.reason, "throughput trend");
  EXPECT_LT(trend.little_gap, -0.3);
}

}  // namespace
}  // namespace loadlaw::sweep
