// CompareLaws: AIC picks the simplest law that explains the data.

#include "loadlaw/fit/model_choice.h"

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

using ::loadlaw::fit::testing::MakeObservations;
using ::loadlaw::fit::testing::ReadExample;
using ::testing::HasSubstr;

// Throughput of `params` at N = 1..48 (12 levels) with 1 % Gaussian noise.
std::vector<Observation> Noisy(const UslParams& params, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0.0, 0.01);
  const UslModel model(params);
  std::vector<Observation> data;
  for (double n : {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 40, 48}) {
    data.push_back({n, model.Throughput(n) * (1.0 + noise(rng)), 1.0});
  }
  return data;
}

TEST(CompareLawsTest, AmdahlDataPrefersAmdahl) {
  const LawComparison cmp = CompareLaws(Noisy({0.05, 0.0, 100}, 11));
  ASSERT_EQ(cmp.fits.size(), 3u);
  EXPECT_EQ(cmp.fits[0].law, Law::kUsl);
  EXPECT_EQ(cmp.fits[1].law, Law::kAmdahl);
  EXPECT_EQ(cmp.fits[2].law, Law::kLinear);
  EXPECT_EQ(cmp.preferred, Law::kAmdahl);
  EXPECT_EQ(cmp.Preferred().law, Law::kAmdahl);
  EXPECT_LE(cmp.delta_aic[1], 2.0);
  EXPECT_GT(cmp.delta_aic[2], 2.0);
  EXPECT_THAT(cmp.explanation, HasSubstr("amdahl"));
  EXPECT_THAT(cmp.explanation, HasSubstr("no coherency penalty"));
}

TEST(CompareLawsTest, LinearDataPrefersLinear) {
  const LawComparison cmp = CompareLaws(Noisy({0.0, 0.0, 50}, 12));
  EXPECT_EQ(cmp.preferred, Law::kLinear);
  EXPECT_THAT(cmp.explanation, HasSubstr("linear explains the data best:"));
}

TEST(CompareLawsTest, Specsdm91NeedsTheFullLaw) {
  const LawComparison cmp = CompareLaws(ReadExample("specsdm91"));
  EXPECT_EQ(cmp.preferred, Law::kUsl);
  EXPECT_EQ(cmp.delta_aic[0], 0.0);
  EXPECT_GT(cmp.delta_aic[1], 2.0);
  EXPECT_THAT(cmp.explanation, HasSubstr("usl explains the data best"));
  EXPECT_THAT(cmp.explanation, HasSubstr("peaks near N = 96.5"));
  // AIC = n ln(SSE / n) + 2k.
  const UslFit& usl = cmp.fits[0];
  EXPECT_NEAR(usl.aic, 7 * std::log(usl.sse / 7) + 6, 1e-9);
}

TEST(CompareLawsTest, ToleranceDecidesBetweenLaws) {
  const std::vector<Observation> data = ReadExample("specsdm91");
  EXPECT_EQ(CompareLaws(data, {}, 1e6).preferred, Law::kLinear);
  // With no tolerance the preferred law is the one with the lowest AIC.
  const LawComparison strict = CompareLaws(Noisy({0.05, 0.0, 100}, 11), {}, 0);
  for (size_t i = 0; i < strict.fits.size(); ++i) {
    if (strict.fits[i].law == strict.preferred) {
      EXPECT_EQ(strict.delta_aic[i], 0.0);
    }
  }
}

TEST(CompareLawsTest, TooFewPointsForTheUslLeaveItOut) {
  const LawComparison cmp = CompareLaws(MakeObservations({1, 4}, {10, 32}));
  ASSERT_EQ(cmp.fits.size(), 2u);
  EXPECT_EQ(cmp.fits[0].law, Law::kAmdahl);
  EXPECT_EQ(cmp.fits[1].law, Law::kLinear);
  EXPECT_NE(cmp.Preferred().law, Law::kUsl);
}

TEST(CompareLawsTest, BadToleranceOrDataThrow) {
  const std::vector<Observation> data = ReadExample("specsdm91");
  try {
    CompareLaws(data, {}, -1);
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("aic_tolerance"));
  }
  EXPECT_THROW(CompareLaws({}), std::invalid_argument);
  FitOptions bad;
  bad.confidence = 0;
  EXPECT_THROW(CompareLaws(data, bad), std::invalid_argument);
}

}  // namespace
}  // namespace loadlaw::fit
