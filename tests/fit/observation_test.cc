// CheckObservations: which data every fit refuses, and what it warns about.

#include "loadlaw/fit/observation.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "fit/test_data.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace loadlaw::fit {
namespace {

using ::loadlaw::fit::testing::MakeObservations;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The message of the std::invalid_argument that CheckObservations throws.
std::string ErrorOf(const std::vector<Observation>& observations,
                    int min_points = 3) {
  try {
    CheckObservations(observations, "throughput", min_points);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no exception";
}

std::vector<Observation> SixLevels() {
  return MakeObservations({1, 2, 4, 8, 16, 32}, {10, 19, 35, 60, 80, 85});
}

TEST(CheckObservationsTest, CleanDataHasNoWarnings) {
  EXPECT_THAT(CheckObservations(SixLevels(), "throughput", 3), IsEmpty());
}

TEST(CheckObservationsTest, TooFewPointsNamesTheSeriesAndTheCount) {
  EXPECT_THAT(ErrorOf(MakeObservations({1, 2}, {10, 19})),
              AllOf(HasSubstr("throughput"), HasSubstr("2 points"),
                    HasSubstr("at least 3")));
  EXPECT_THAT(ErrorOf({}), HasSubstr("0 points"));
}

TEST(CheckObservationsTest, NonPositiveOrNonFiniteValuesNameIndexAndValue) {
  std::vector<Observation> data = SixLevels();
  data[1].concurrency = 0;
  EXPECT_THAT(ErrorOf(data),
              AllOf(HasSubstr("point 1"), HasSubstr("concurrency 0")));
  data = SixLevels();
  data[3].value = -2.5;
  EXPECT_THAT(ErrorOf(data), AllOf(HasSubstr("point 3"), HasSubstr("-2.5")));
  data = SixLevels();
  data[2].value = std::nan("");
  EXPECT_THAT(ErrorOf(data), HasSubstr("value nan"));
  data = SixLevels();
  data[4].concurrency = INFINITY;
  EXPECT_THAT(ErrorOf(data), HasSubstr("concurrency inf"));
}

TEST(CheckObservationsTest, BadWeightsAreRejected) {
  std::vector<Observation> data = SixLevels();
  data[5].weight = -1;
  EXPECT_THAT(ErrorOf(data),
              AllOf(HasSubstr("point 5"), HasSubstr("weight -1")));
  data[5].weight = std::nan("");
  EXPECT_THAT(ErrorOf(data), HasSubstr("weight nan"));
  data = SixLevels();
  for (Observation& o : data) o.weight = 0;
  data[0].weight = 1;
  EXPECT_THAT(ErrorOf(data), HasSubstr("1 with a positive weight"));
}

TEST(CheckObservationsTest, FewPointsWarnWeaklyDetermined) {
  const std::vector<std::string> warnings = CheckObservations(
      MakeObservations({1, 2, 4, 8}, {10, 19, 35, 60}), "latency", 3);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0], AllOf(HasSubstr("latency"), HasSubstr("only 4"),
                                 HasSubstr("weakly determined")));
}

TEST(CheckObservationsTest, ReplicatesAreKeptAndNamed) {
  std::vector<Observation> data = SixLevels();
  data.push_back({4, 36.5, 1.0});
  data.push_back({4, 34.25, 1.0});
  const std::vector<std::string> warnings =
      CheckObservations(data, "throughput", 3);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0],
              AllOf(HasSubstr("concurrency 4"), HasSubstr("3 times"),
                    HasSubstr("35, 36.5, 34.25"), HasSubstr("replicates")));
}

TEST(CheckObservationsTest, MinPointsMustBePositive) {
  EXPECT_THAT(ErrorOf(SixLevels(), 0), HasSubstr("min_points"));
}

}  // namespace
}  // namespace loadlaw::fit
