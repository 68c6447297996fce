// Distributions, durations and delay specs.

#include "loadlaw/workload/distribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "loadlaw/workload/arrival.h"
#include "loadlaw/workload/duration.h"

namespace loadlaw::workload {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

double SampleMean(const Distribution& d, int n, double* max_seen = nullptr) {
  std::mt19937_64 rng(11);
  double sum = 0;
  double most = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.Sample(rng);
    sum += x;
    most = std::max(most, x);
  }
  if (max_seen != nullptr) *max_seen = most;
  return sum / n;
}

TEST(DistributionTest, MeansMatch) {
  EXPECT_DOUBLE_EQ(SampleMean(Distribution::Constant(3), 10), 3);
  EXPECT_NEAR(SampleMean(Distribution::Uniform(1, 3), 100000), 2, 0.01);
  EXPECT_NEAR(SampleMean(Distribution::Exponential(2), 200000), 2, 0.02);
  EXPECT_NEAR(SampleMean(Distribution::Normal(100, 10), 100000), 100, 0.1);
  EXPECT_NEAR(SampleMean(Distribution::LogNormal(50, 30), 200000), 50, 0.5);
  EXPECT_DOUBLE_EQ(Distribution::LogNormal(50, 30).Mean(), 50);
}

TEST(DistributionTest, BoundsClampAndCountsAreAtLeastOne) {
  double max_seen = 0;
  const Distribution d = Distribution::Exponential(10).WithBounds(0, 12);
  SampleMean(d, 10000, &max_seen);
  EXPECT_LE(max_seen, 12);
  std::mt19937_64 rng(1);
  EXPECT_EQ(Distribution::Constant(0).SampleCount(rng), 1);
  EXPECT_EQ(Distribution::Constant(127.6).SampleCount(rng), 128);
  // A normal never goes negative.
  const Distribution n = Distribution::Normal(0, 5);
  for (int i = 0; i < 1000; ++i) EXPECT_GE(n.Sample(rng), 0);
}

TEST(DistributionTest, RejectsBadParameters) {
  EXPECT_THROW(Distribution::Constant(-1), std::invalid_argument);
  EXPECT_THROW(Distribution::Uniform(3, 1), std::invalid_argument);
  EXPECT_THROW(Distribution::Exponential(NAN), std::invalid_argument);
  EXPECT_THROW(Distribution::LogNormal(0, 1), std::invalid_argument);
  EXPECT_THROW(Distribution::Constant(1).WithBounds(5, 2),
               std::invalid_argument);
}

TEST(DurationTest, ParsesUnits) {
  EXPECT_EQ(ParseDuration("60s", "--duration"), seconds(60));
  EXPECT_EQ(ParseDuration("500ms", "--duration"), milliseconds(500));
  EXPECT_EQ(ParseDuration("2m", "--duration"), seconds(120));
  EXPECT_EQ(ParseDuration("1h", "--duration"), seconds(3600));
  EXPECT_EQ(ParseDuration("250us", "--duration"), nanoseconds(250000));
  EXPECT_EQ(ParseDuration("1.5", "--duration"), milliseconds(1500));
}

TEST(DurationTest, ErrorsNameTheFlagAndText) {
  for (const char* bad : {"", "abc", "10x", "-5s", "s", "1e300s"}) {
    try {
      ParseDuration(bad, "--warmup");
      ADD_FAILURE() << bad;
    } catch (const std::invalid_argument& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("--warmup"), std::string::npos) << what;
      EXPECT_NE(what.find(std::string("'") + bad + "'"), std::string::npos)
          << what;
    }
  }
}

TEST(DurationTest, DelaySpecs) {
  EXPECT_EQ(ParseDelaySpec("2s", "--think-time").kind(),
            Distribution::Kind::kConstant);
  const Distribution e = ParseDelaySpec("exp:500ms", "--think-time");
  EXPECT_EQ(e.kind(), Distribution::Kind::kExponential);
  EXPECT_DOUBLE_EQ(e.Mean(), 0.5);
  const Distribution u = ParseDelaySpec("uniform:1s:3s", "--think-time");
  EXPECT_EQ(u.kind(), Distribution::Kind::kUniform);
  EXPECT_DOUBLE_EQ(u.Mean(), 2);
  EXPECT_THROW(ParseDelaySpec("uniform:3s", "--think-time"),
               std::invalid_argument);
  EXPECT_THROW(ParseDelaySpec("pareto:1s", "--think-time"),
               std::invalid_argument);
}

TEST(ArrivalTest, ConstantGapsAreExact) {
  ArrivalProcess p(ArrivalKind::kConstant, 1000);
  std::mt19937_64 rng(1);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(p.NextGap(rng), milliseconds(1));
}

// Mean and coefficient of variation of 200k gaps.
void GapStats(ArrivalProcess p, double* mean_s, double* cv) {
  std::mt19937_64 rng(5);
  double sum = 0, sum2 = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double g = std::chrono::duration<double>(p.NextGap(rng)).count();
    sum += g;
    sum2 += g * g;
  }
  *mean_s = sum / n;
  *cv = std::sqrt(sum2 / n - *mean_s * *mean_s) / *mean_s;
}

TEST(ArrivalTest, PoissonAndGammaHaveTheRightMeanAndBurstiness) {
  double mean = 0, cv = 0;
  GapStats(ArrivalProcess(ArrivalKind::kPoisson, 500), &mean, &cv);
  EXPECT_NEAR(mean, 0.002, 0.00002);
  EXPECT_NEAR(cv, 1.0, 0.01);
  GapStats(ArrivalProcess(ArrivalKind::kGamma, 500, 0.25), &mean, &cv);
  EXPECT_NEAR(mean, 0.002, 0.00004);
  EXPECT_NEAR(cv, 2.0, 0.05);  // 1 / sqrt(0.25)
  EXPECT_THROW(ArrivalProcess(ArrivalKind::kPoisson, 0), std::invalid_argument);
  EXPECT_EQ(ParseArrivalKind("gamma", "--arrival"), ArrivalKind::kGamma);
  EXPECT_THROW(ParseArrivalKind("bursty", "--arrival"), std::invalid_argument);
}

TEST(ArrivalTest, GapsOfTinyRatesAreBoundedNotOverflowed) {
  std::mt19937_64 rng(1);
  for (ArrivalKind kind :
       {ArrivalKind::kConstant, ArrivalKind::kPoisson, ArrivalKind::kGamma}) {
    ArrivalProcess p(kind, 1e-20, 0.01);
    for (int i = 0; i < 100; ++i) {
      const auto gap = p.NextGap(rng);
      EXPECT_GE(gap.count(), 0);
      EXPECT_LE(gap, std::chrono::seconds(1'000'000));
    }
  }
}

TEST(DistributionTest, DurationsAndCapsNeverOverflow) {
  std::mt19937_64 rng(2);
  const Distribution huge = Distribution::Constant(1e300);
  EXPECT_EQ(huge.SampleDuration(rng), std::chrono::seconds(1'000'000));
  EXPECT_EQ(Distribution::Constant(0.25).SampleDuration(rng),
            milliseconds(250));
  const Distribution capped = Distribution::Exponential(1e9).CappedAt(10);
  for (int i = 0; i < 100; ++i) EXPECT_LE(capped.Sample(rng), 10);
  EXPECT_DOUBLE_EQ(Distribution::Uniform(20, 30).CappedAt(10).Sample(rng), 10);
}

}  // namespace
}  // namespace loadlaw::workload
