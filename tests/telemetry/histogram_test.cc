// The log-linear histogram: quantiles within 0.1 % over 1 us .. 1 h, exact
// merges, exact min / max / mean.

#include "loadlaw/telemetry/histogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

namespace loadlaw::telemetry {
namespace {

// The nearest-rank quantile of sorted values (the histogram's definition).
double ExactQuantile(const std::vector<double>& sorted, double q) {
  const auto n = static_cast<double>(sorted.size());
  std::size_t rank = static_cast<std::size_t>(std::ceil(q * n));
  rank = std::max<std::size_t>(rank, 1);
  return sorted[std::min(rank, sorted.size()) - 1];
}

std::vector<double> LogUniform(std::size_t n, double low, double high,
                               std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(std::log(low), std::log(high));
  std::vector<double> values(n);
  for (double& v : values) v = std::exp(u(rng));
  return values;
}

TEST(HistogramTest, QuantilesWithinATenthOfAPercentFromMicrosecondToHour) {
  std::vector<double> values = LogUniform(200000, 1e-6, 3600, 1);
  Histogram h;
  for (double v : values) h.Record(v);
  std::sort(values.begin(), values.end());
  double worst = 0;
  for (double q = 0.0; q <= 1.0; q += 0.001) {
    const double exact = ExactQuantile(values, q);
    worst = std::max(worst, std::fabs(h.Quantile(q) - exact) / exact);
  }
  EXPECT_LE(worst, 0.001);
  EXPECT_LE(worst, Histogram::kMaxRelativeError * 1.0001);
}

TEST(HistogramTest, EveryBucketBoundIsWithinHalfABucket) {
  // Values sweeping one octave densely: each reported value is within 1/2048.
  Histogram h;
  for (double v = 1e-3; v < 2e-3; v *= 1.00003) {
    h.Reset();
    h.Record(v);
    h.Record(1.0);  // keeps min / max clamping from hiding the bucket middle
    EXPECT_LE(std::fabs(h.Quantile(0.5) - v) / v, Histogram::kMaxRelativeError);
  }
}

TEST(HistogramTest, MinMaxMeanAndCountAreExact) {
  Histogram h;
  h.Record(0.25);
  h.Record(0.5, 3);
  h.Record(2.0);
  EXPECT_EQ(h.count(), 5u);
  EXPECT_DOUBLE_EQ(h.min(), 0.25);
  EXPECT_DOUBLE_EQ(h.max(), 2.0);
  EXPECT_DOUBLE_EQ(h.Mean(), (0.25 + 1.5 + 2.0) / 5);
  EXPECT_DOUBLE_EQ(h.Quantile(1.0), 2.0);
  EXPECT_DOUBLE_EQ(h.Quantile(0.0), 0.25);
}

TEST(HistogramTest, MergeEqualsRecordingEverythingInOne) {
  const std::vector<double> values = LogUniform(50000, 1e-5, 100, 2);
  Histogram all, a, b;
  for (std::size_t i = 0; i < values.size(); ++i) {
    all.Record(values[i]);
    (i % 3 == 0 ? a : b).Record(values[i]);
  }
  a.Merge(b);
  EXPECT_EQ(a.count(), all.count());
  EXPECT_DOUBLE_EQ(a.min(), all.min());
  EXPECT_DOUBLE_EQ(a.max(), all.max());
  EXPECT_NEAR(a.sum(), all.sum(), 1e-9 * all.sum());
  for (double q : {0.1, 0.5, 0.9, 0.99, 0.999}) {
    EXPECT_DOUBLE_EQ(a.Quantile(q), all.Quantile(q)) << q;
  }
}

TEST(HistogramTest, ZeroNegativeAndOutOfRangeValues) {
  Histogram h(1e-6, 10);
  h.Record(0);
  h.Record(-1);   // counts as 0
  h.Record(1e6);  // clamped into the last bucket; max stays exact
  EXPECT_EQ(h.count(), 3u);
  EXPECT_DOUBLE_EQ(h.min(), 0);
  EXPECT_DOUBLE_EQ(h.max(), 1e6);
  EXPECT_DOUBLE_EQ(h.Quantile(0.5), 0);
  EXPECT_DOUBLE_EQ(h.Quantile(1.0), 1e6);
}

TEST(HistogramTest, EmptyAndBadArguments) {
  Histogram h;
  EXPECT_EQ(h.Quantile(0.99), 0);
  EXPECT_EQ(h.Mean(), 0);
  EXPECT_THROW(h.Quantile(1.5), std::invalid_argument);
  EXPECT_THROW(Histogram(0, 1), std::invalid_argument);
  EXPECT_THROW(Histogram(2, 1), std::invalid_argument);
  Histogram other(1, 1e8);
  EXPECT_THROW(h.Merge(other), std::invalid_argument);
}

TEST(HistogramTest, SummaryCarriesTheUsualQuantiles) {
  Histogram h;
  for (int i = 1; i <= 1000; ++i) h.Record(i * 1e-3);
  const Summary s = Summarize(h);
  EXPECT_EQ(s.count, 1000u);
  EXPECT_NEAR(s.p50, 0.500, 0.0005);
  EXPECT_NEAR(s.p90, 0.900, 0.0009);
  EXPECT_NEAR(s.p99, 0.990, 0.001);
  EXPECT_NEAR(s.p999, 0.999, 0.001);
  EXPECT_DOUBLE_EQ(s.max, 1.0);
}

}  // namespace
}  // namespace loadlaw::telemetry
