// Holdout: fit the lower levels, forecast the upper ones.

#include "loadlaw/fit/holdout.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "fit/test_data.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace loadlaw::fit {
namespace {

using ::loadlaw::fit::testing::ReadExample;
using ::loadlaw::fit::testing::RelativeError;
using ::testing::HasSubstr;

std::string ErrorOf(const std::vector<Observation>& data, int count,
                    const FitOptions& options = {}) {
  try {
    Holdout(data, count, options);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no exception";
}

TEST(HoldoutTest, CiscoForecastFromTenLevelsMatchesTheBook) {
  // [P] Schwartz: the 10-level fit forecasts X(20) = 12,572 where 10,798.52
  // was measured (usl_reference.md §4.6).
  const HoldoutResult h = Holdout(ReadExample("cisco"), 22);
  EXPECT_EQ(h.fit.num_points, 10);
  ASSERT_EQ(h.points.size(), 22u);
  EXPECT_EQ(h.points.front().concurrency, 11);
  EXPECT_EQ(h.points.back().concurrency, 32);
  const HoldoutPoint& at20 = h.points[9];
  ASSERT_EQ(at20.concurrency, 20);
  EXPECT_EQ(at20.measured, 10798.52);
  EXPECT_LT(RelativeError(at20.predicted, 12572), 5e-4);
  EXPECT_NEAR(at20.rel_error, (at20.predicted - 10798.52) / 10798.52, 1e-15);
  EXPECT_GT(at20.rel_error, 0.15);  // the forecast is optimistic
  EXPECT_LT(at20.predicted_low, at20.predicted);
  EXPECT_GT(at20.predicted_high, at20.predicted);
  double max_error = 0, sum_error = 0;
  for (const HoldoutPoint& p : h.points) {
    max_error = std::max(max_error, std::abs(p.rel_error));
    sum_error += std::abs(p.rel_error);
    EXPECT_EQ(p.inside_band,
              p.measured >= p.predicted_low && p.measured <= p.predicted_high);
  }
  EXPECT_DOUBLE_EQ(h.max_abs_rel_error, max_error);
  EXPECT_DOUBLE_EQ(h.mean_abs_rel_error, sum_error / 22);
}

TEST(HoldoutTest, InputOrderDoesNotMatterAndReplicatesStayTogether) {
  std::vector<Observation> data = ReadExample("cisco");
  data.push_back({32, 12100.0, 1.0});  // a replicate of the top level
  std::vector<Observation> shuffled = data;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(3));
  const HoldoutResult a = Holdout(data, 2);
  const HoldoutResult b = Holdout(shuffled, 2);
  ASSERT_EQ(a.points.size(), 3u);  // levels 31 and 32, with 32 twice
  EXPECT_EQ(a.fit.num_points, 30);
  EXPECT_LT(RelativeError(a.fit.params.kappa, b.fit.params.kappa), 1e-6);
  EXPECT_EQ(b.points[1].concurrency, 32);
  EXPECT_EQ(b.points[2].concurrency, 32);
}

TEST(HoldoutTest, BadHoldoutCountsAreRejected) {
  const std::vector<Observation> data = ReadExample("cisco");
  EXPECT_THAT(ErrorOf(data, 0), HasSubstr("holdout_count must be >= 1"));
  EXPECT_THAT(ErrorOf(data, 32), HasSubstr("distinct concurrency levels (32)"));
  EXPECT_THAT(
      ErrorOf(data, 30),
      HasSubstr("leaves 2 points to fit; the usl law needs at least 3"));
  FitOptions amdahl;
  amdahl.law = Law::kAmdahl;
  EXPECT_EQ(ErrorOf(data, 30, amdahl), "no exception");
  EXPECT_THAT(ErrorOf({{1, -3, 1}, {2, 5, 1}}, 1), HasSubstr("value -3"));
}

}  // namespace
}  // namespace loadlaw::fit
