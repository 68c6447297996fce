// FitUsl against published fits. Expected values are copied from the oracle
// notes (usl_reference.md, shared data of the project), which cite: [P]
// published verbatim (R package usl test outputs and README, B. Schwartz's
// "Practical Scalability Analysis with the USL", usl4j/Go tests, smoeding/usl
// issue #7); [C] an independent bounded Levenberg-Marquardt fit.

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "fit/test_data.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loadlaw/fit/usl.h"

namespace loadlaw::fit {
namespace {

using ::loadlaw::fit::testing::AgreesToDigits;
using ::loadlaw::fit::testing::MakeObservations;
using ::loadlaw::fit::testing::Prefix;
using ::loadlaw::fit::testing::ReadExample;
using ::loadlaw::fit::testing::RelativeError;
using ::testing::HasSubstr;

constexpr double kInf = std::numeric_limits<double>::infinity();

// specsdm91 (§4.1). [C] coefficients (more digits than the [P] 0.0277285,
// 0.0001044, 89.9952330 of the R usl README), checked at 1e-4 relative.
constexpr double kSpecSigma = 0.02772848;
constexpr double kSpecKappa = 1.043655e-4;
constexpr double kSpecLambda = 89.99523;
// [P] standard errors (README, tests/summary.Rout.save).
constexpr double kSpecSigmaSe = 0.0091217;
constexpr double kSpecKappaSe = 0.0000199;
constexpr double kSpecLambdaSe = 14.2134894;
// [P] tests/peak-scalability.R (1e-4), tests/limit-scalability.R,
// summary.Rout.save (residual standard error 82.85 on 4 df).
constexpr double kSpecPeak = 96.51956;
constexpr double kSpecLimit = 3245.589;
constexpr double kSpecResidualSe = 82.85;

TEST(UslFitTest, Specsdm91ReproducesRPackageUsl) {
  const UslFit fit = FitUsl(ReadExample("specsdm91"));
  ASSERT_TRUE(fit.IsUsable()) << fit.message;
  EXPECT_LT(RelativeError(fit.params.sigma, kSpecSigma), 1e-4);
  EXPECT_LT(RelativeError(fit.params.kappa, kSpecKappa), 1e-4);
  EXPECT_LT(RelativeError(fit.params.lambda, kSpecLambda), 1e-4);
  EXPECT_LT(RelativeError(fit.peak_concurrency.value, kSpecPeak), 1e-4);
  EXPECT_LT(RelativeError(fit.amdahl_ceiling.value, kSpecLimit), 1e-6);
  EXPECT_TRUE(AgreesToDigits(fit.sigma.std_error, kSpecSigmaSe, 3));
  EXPECT_TRUE(AgreesToDigits(fit.kappa.std_error, kSpecKappaSe, 3));
  EXPECT_TRUE(AgreesToDigits(fit.lambda.std_error, kSpecLambdaSe, 3));
  EXPECT_TRUE(AgreesToDigits(fit.residual_std_error, kSpecResidualSe, 4));
  EXPECT_EQ(fit.num_points, 7);
  EXPECT_EQ(fit.num_parameters, 3);
  EXPECT_FALSE(fit.kappa_at_bound);
  EXPECT_TRUE(fit.warnings.empty());
}

TEST(UslFitTest, Specsdm91ResidualsMatchPublished) {
  // [P] tests/residuals.Rout.save, printed to 2 decimals.
  const std::vector<double> kResiduals = {-25.10, -81.66, 111.09, 3.05,
                                          -49.99, -46.60, 56.00};
  const UslFit fit = FitUsl(ReadExample("specsdm91"));
  ASSERT_EQ(fit.residuals.size(), kResiduals.size());
  for (size_t i = 0; i < kResiduals.size(); ++i) {
    EXPECT_NEAR(fit.residuals[i], kResiduals[i], 0.005) << "point " << i;
  }
}

TEST(UslFitTest, IntervalsAreTwoSidedStudentT) {
  // t(0.975, df = 4) = 2.776445 (standard tables); t(0.95, 4) = 2.131847.
  const std::vector<Observation> data = ReadExample("specsdm91");
  const UslFit fit = FitUsl(data);
  EXPECT_NEAR((fit.sigma.high - fit.sigma.value) / fit.sigma.std_error,
              2.776445, 1e-5);
  EXPECT_NEAR((fit.lambda.value - fit.lambda.low) / fit.lambda.std_error,
              2.776445, 1e-5);
  FitOptions options;
  options.confidence = 0.90;
  const UslFit narrow = FitUsl(data, options);
  EXPECT_NEAR((narrow.kappa.high - narrow.kappa.value) / narrow.kappa.std_error,
              2.131847, 1e-5);
  // The covariance is symmetric and its diagonal gives the standard errors.
  EXPECT_DOUBLE_EQ(fit.covariance[0][2], fit.covariance[2][0]);
  EXPECT_NEAR(std::sqrt(fit.covariance[1][1]), fit.kappa.std_error, 1e-15);
}

TEST(UslFitTest, RaytracerFirstSixRowsMatchConfintOutput) {
  // [P] tests/confint.Rout.save (coefficients as printed); [C] the SEs.
  const UslFit fit = FitUsl(Prefix(ReadExample("raytracer"), 6));
  ASSERT_TRUE(fit.IsUsable()) << fit.message;
  EXPECT_TRUE(AgreesToDigits(fit.params.sigma, 0.02444, 4));
  EXPECT_TRUE(AgreesToDigits(fit.params.kappa, 0.00163, 3));
  EXPECT_NEAR(fit.params.lambda, 20.85605, 1e-5);
  EXPECT_LT(RelativeError(fit.sigma.std_error, 0.008391), 1e-3);
  EXPECT_LT(RelativeError(fit.kappa.std_error, 2.614e-4), 1e-3);
  EXPECT_LT(RelativeError(fit.lambda.std_error, 0.7885), 1e-3);
}

TEST(UslFitTest, FullRaytracerRestsOnTheKappaBound) {
  // [C]: unconstrained least squares wants kappa < 0; the bounded optimum has
  // kappa = 0, sigma 0.057771, lambda 21.8488, SSR 697.24. A projected step
  // that stalls beside the bound stops at SSR 707.6 or above.
  const UslFit fit = FitUsl(ReadExample("raytracer"));
  ASSERT_TRUE(fit.IsUsable()) << fit.message;
  EXPECT_TRUE(fit.kappa_at_bound);
  EXPECT_FALSE(fit.sigma_at_bound);
  EXPECT_EQ(fit.params.kappa, 0.0);
  EXPECT_LE(fit.sse, 697.25);
  EXPECT_LT(RelativeError(fit.params.sigma, 0.057771), 1e-4);
  EXPECT_LT(RelativeError(fit.params.lambda, 21.8488), 1e-4);
  // On its bound: low == value == 0, a one-sided interval above.
  EXPECT_EQ(fit.kappa.low, 0.0);
  EXPECT_GT(fit.kappa.high, 0.0);
  // No peak; the Amdahl ceiling (gamma/alpha ~ 378.2, 1/alpha ~ 17.31) is it.
  EXPECT_EQ(fit.peak_concurrency.value, kInf);
  EXPECT_GT(fit.peak_concurrency.low, 0.0);
  EXPECT_NEAR(fit.amdahl_ceiling.value, 378.2, 0.05);
  EXPECT_NEAR(fit.inverse_sigma.value, 17.31, 0.005);
  EXPECT_DOUBLE_EQ(fit.peak_throughput.value, fit.amdahl_ceiling.value);
}

TEST(UslFitTest, CiscoMatchesSchwartzWithin002Percent) {
  // [P] scalability.tex l. 519-521; usl4j and Go use 0.02 % tolerance.
  const UslFit fit = FitUsl(ReadExample("cisco"));
  ASSERT_TRUE(fit.IsUsable()) << fit.message;
  EXPECT_LT(RelativeError(fit.params.lambda, 995.6486), 2e-4);
  EXPECT_LT(RelativeError(fit.params.sigma, 0.02671591), 2e-4);
  EXPECT_LT(RelativeError(fit.params.kappa, 0.0007690945), 2e-4);
  EXPECT_TRUE(fit.Model().IsContentionLimited());
}

TEST(UslFitTest, CiscoTenPointForecastMatchesTheBook) {
  // [P] book: the fit on the first 10 rows forecasts X(20) = 12,572 and
  // R(20) = 0.00159 s; Go/usl4j tests: N(R) of that model.
  const UslFit fit = FitUsl(Prefix(ReadExample("cisco"), 10));
  ASSERT_TRUE(fit.IsUsable()) << fit.message;
  EXPECT_LT(RelativeError(fit.PredictThroughput(20).value, 12572), 5e-4);
  EXPECT_TRUE(AgreesToDigits(fit.PredictResponseTime(20).value, 0.00159, 3));
  const UslModel model = fit.Model();
  EXPECT_LT(
      RelativeError(model.ConcurrencyAtResponseTime(0.0012), 7.230628979597649),
      1e-5);
  EXPECT_LT(
      RelativeError(model.ConcurrencyAtResponseTime(0.0016), 20.25106409917121),
      1e-5);
  EXPECT_LT(
      RelativeError(model.ConcurrencyAtResponseTime(0.0020), 29.88889360938781),
      1e-5);
  // [P] book: N(R = 1.5 ms) is about 17, "approximately 11,450 QPS".
  EXPECT_NEAR(model.ConcurrencyAtResponseTime(0.0015), 17.44, 0.01);
  EXPECT_NEAR(model.Throughput(17), 11450, 5);
}

TEST(UslFitTest, ToySetFromRPackageTests) {
  // [P] tests/coef.Rout.save: 0.02, 0.02, 1.00 at 3 significant digits.
  const UslFit fit = FitUsl(MakeObservations(
      {1, 2, 4, 6, 8, 10}, {1, 1.8868, 3.0769, 3.5294, 3.5398, 3.3557}));
  ASSERT_TRUE(fit.IsUsable()) << fit.message;
  EXPECT_TRUE(AgreesToDigits(fit.params.sigma, 0.0200, 3));
  EXPECT_TRUE(AgreesToDigits(fit.params.kappa, 0.0200, 3));
  EXPECT_TRUE(AgreesToDigits(fit.params.lambda, 1.00, 3));
}

TEST(UslFitTest, IssueSevenDataMatchesPublishedOutput) {
  // [P] smoeding/usl issue #7.
  const UslFit fit = FitUsl(
      MakeObservations({1, 2, 4, 8, 12, 16}, {60, 120, 220, 400, 440, 490}));
  ASSERT_TRUE(fit.IsUsable()) << fit.message;
  EXPECT_TRUE(AgreesToDigits(fit.params.sigma, 0.012318, 5));
  EXPECT_TRUE(AgreesToDigits(fit.params.kappa, 0.003549, 4));
  EXPECT_TRUE(AgreesToDigits(fit.params.lambda, 61.372822, 8));
  EXPECT_TRUE(AgreesToDigits(fit.sigma.std_error, 0.030875, 5));
  EXPECT_TRUE(AgreesToDigits(fit.kappa.std_error, 0.001327, 4));
  EXPECT_TRUE(AgreesToDigits(fit.lambda.std_error, 6.680004, 7));
  EXPECT_TRUE(AgreesToDigits(fit.residual_std_error, 16.39, 4));
  EXPECT_TRUE(AgreesToDigits(fit.amdahl_ceiling.value, 4982, 4));
  EXPECT_TRUE(AgreesToDigits(fit.peak_concurrency.value, 16.68, 4));
  EXPECT_TRUE(AgreesToDigits(fit.peak_throughput.value, 482.6, 4));
  EXPECT_TRUE(AgreesToDigits(fit.inverse_sigma.value, 81.18, 4));
}

TEST(UslFitTest, OracleDbMatchesIndependentFit) {
  // [C] only (no published numbers): cross-check at 1e-3 relative.
  const UslFit fit = FitUsl(ReadExample("oracledb"));
  ASSERT_TRUE(fit.IsUsable()) << fit.message;
  EXPECT_EQ(fit.num_points, 360);
  EXPECT_LT(RelativeError(fit.params.sigma, 0.44137), 1e-3);
  EXPECT_LT(RelativeError(fit.params.kappa, 0.045298), 1e-3);
  EXPECT_LT(RelativeError(fit.params.lambda, 3.38608), 1e-3);
  EXPECT_TRUE(AgreesToDigits(fit.sigma.std_error, 0.0467, 3));
  EXPECT_TRUE(AgreesToDigits(fit.kappa.std_error, 0.0162, 3));
  EXPECT_TRUE(AgreesToDigits(fit.lambda.std_error, 0.0611, 3));
  EXPECT_LT(RelativeError(fit.sse, 205.493), 1e-5);
  EXPECT_LT(RelativeError(fit.peak_concurrency.value, 3.5117), 1e-4);
}

TEST(UslFitTest, PredictionsCarryDeltaMethodBands) {
  const UslFit fit = FitUsl(ReadExample("specsdm91"));
  const base::Estimate x = fit.PredictThroughput(100);
  EXPECT_DOUBLE_EQ(x.value, fit.Model().Throughput(100));
  EXPECT_LT(x.low, x.value);
  EXPECT_GT(x.high, x.value);
  EXPECT_EQ(fit.PredictThroughput(0).value, 0.0);
  const base::Estimate r = fit.PredictResponseTime(100, 0.5);
  EXPECT_DOUBLE_EQ(r.value, 100 / x.value - 0.5);
  EXPECT_TRUE(r.HasInterval());
  EXPECT_TRUE(fit.peak_concurrency.HasInterval());
  EXPECT_LT(fit.peak_concurrency.low, kSpecPeak);
  EXPECT_GT(fit.peak_concurrency.high, kSpecPeak);
  EXPECT_THROW(fit.PredictThroughput(-1), std::invalid_argument);
  EXPECT_THROW(fit.PredictResponseTime(0), std::invalid_argument);
}

TEST(UslFitTest, AmdahlAndLinearHoldTheirParametersFixed) {
  const std::vector<Observation> data = ReadExample("specsdm91");
  FitOptions options;
  options.law = Law::kAmdahl;
  const UslFit amdahl = FitUsl(data, options);
  ASSERT_TRUE(amdahl.IsUsable()) << amdahl.message;
  EXPECT_EQ(amdahl.params.kappa, 0.0);
  EXPECT_EQ(amdahl.kappa.std_error, 0.0);
  EXPECT_FALSE(amdahl.kappa_at_bound);
  EXPECT_EQ(amdahl.num_parameters, 2);
  EXPECT_EQ(amdahl.covariance[1][1], 0.0);
  EXPECT_EQ(amdahl.peak_concurrency.value, kInf);
  options.law = Law::kLinear;
  const UslFit linear = FitUsl(data, options);
  ASSERT_TRUE(linear.IsUsable()) << linear.message;
  EXPECT_EQ(linear.params.sigma, 0.0);
  EXPECT_EQ(linear.num_parameters, 1);
  EXPECT_EQ(linear.amdahl_ceiling.value, kInf);
  // lambda of the linear law is the weighted least-squares slope.
  double sum_xy = 0, sum_xx = 0;
  for (const Observation& o : data) {
    sum_xy += o.concurrency * o.value;
    sum_xx += o.concurrency * o.concurrency;
  }
  EXPECT_LT(RelativeError(linear.params.lambda, sum_xy / sum_xx), 1e-9);
}

TEST(UslFitTest, WeightsScaleOutAndZeroWeightDropsAPoint) {
  std::vector<Observation> data = ReadExample("specsdm91");
  const UslFit plain = FitUsl(data);
  for (Observation& o : data) o.weight = 4;
  const UslFit scaled = FitUsl(data);
  EXPECT_LT(RelativeError(scaled.params.kappa, plain.params.kappa), 1e-7);
  EXPECT_LT(RelativeError(scaled.kappa.std_error, plain.kappa.std_error), 1e-6);
  std::vector<Observation> with_outlier = ReadExample("specsdm91");
  with_outlier.push_back({50, 100.0, 0.0});
  const UslFit ignored = FitUsl(with_outlier);
  EXPECT_EQ(ignored.num_points, 7);
  EXPECT_LT(RelativeError(ignored.params.sigma, plain.params.sigma), 1e-7);
  EXPECT_EQ(ignored.residuals.size(), 8u);
}

TEST(UslFitTest, RobustLossResistsAnOutlier) {
  const std::vector<Observation> clean = ReadExample("cisco");
  std::vector<Observation> dirty = clean;
  dirty[15].value *= 0.5;  // one broken level at N = 16
  const UslFit reference = FitUsl(clean);
  const UslFit plain = FitUsl(dirty);
  FitOptions options;
  options.loss = RobustLoss::kCauchy;
  const UslFit robust = FitUsl(dirty, options);
  ASSERT_TRUE(robust.IsUsable()) << robust.message;
  const double robust_error =
      RelativeError(robust.params.kappa, reference.params.kappa);
  const double plain_error =
      RelativeError(plain.params.kappa, reference.params.kappa);
  EXPECT_LT(robust_error, 0.05);
  EXPECT_LT(robust_error, plain_error / 4);
  options.loss = RobustLoss::kHuber;
  EXPECT_TRUE(FitUsl(dirty, options).IsUsable());
}

TEST(UslFitTest, NoDegreesOfFreedomMeansNoIntervals) {
  const UslFit fit = FitUsl(MakeObservations({1, 2, 4}, {10, 19, 34}));
  EXPECT_TRUE(fit.IsUsable()) << fit.message;
  EXPECT_TRUE(std::isnan(fit.sigma.std_error));
  EXPECT_FALSE(fit.lambda.HasInterval());
  EXPECT_FALSE(fit.PredictThroughput(3).HasInterval());
  EXPECT_THAT(fit.message, HasSubstr("no degrees of freedom"));
  EXPECT_TRUE(std::isnan(fit.residual_std_error));
}

TEST(UslFitTest, RankDeficientCovarianceIsReportedNotFatal) {
  // Every point at one level: sigma and kappa cannot be told apart.
  const std::vector<Observation> data =
      MakeObservations({4, 4, 4, 4}, {30, 31, 29, 30.5});
  const UslFit fit = FitUsl(data);
  EXPECT_THAT(fit.message, HasSubstr("rank-deficient"));
  EXPECT_FALSE(fit.sigma.HasInterval());
  EXPECT_FALSE(fit.lambda.HasInterval());
  EXPECT_FALSE(fit.PredictThroughput(4).HasInterval());
  EXPECT_LT(std::abs(fit.PredictThroughput(4).value - 30.125), 1e-6);
}

TEST(UslFitTest, BadInputAndOptionsThrowWithAReason) {
  const auto message = [](const std::vector<Observation>& data,
                          const FitOptions& options) -> std::string {
    try {
      FitUsl(data, options);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "no exception";
  };
  const FitOptions defaults;
  EXPECT_THAT(message(MakeObservations({1, 2}, {1, 2}), defaults),
              HasSubstr("at least 3"));
  EXPECT_THAT(message(MakeObservations({1, 2, 3}, {1, 0, 2}), defaults),
              HasSubstr("value 0"));
  EXPECT_THAT(message(MakeObservations({1, -2, 3}, {1, 1, 2}), defaults),
              HasSubstr("concurrency -2"));
  EXPECT_THAT(message(MakeObservations({1, 2, 3}, {1, NAN, 2}), defaults),
              HasSubstr("value nan"));
  std::vector<Observation> weighted = ReadExample("cisco");
  weighted[4].weight = -0.5;
  EXPECT_THAT(message(weighted, defaults),
              HasSubstr("point 4 has weight -0.5"));
  FitOptions amdahl;
  amdahl.law = Law::kAmdahl;
  EXPECT_EQ(message(MakeObservations({1, 2}, {1, 1.9}), amdahl),
            "no exception");
  FitOptions bad;
  bad.confidence = 1.0;
  EXPECT_THAT(message(ReadExample("cisco"), bad), HasSubstr("confidence"));
  bad = FitOptions();
  bad.max_iterations = 0;
  EXPECT_THAT(message(ReadExample("cisco"), bad), HasSubstr("max_iterations"));
  bad = FitOptions();
  bad.loss_scale = -1;
  EXPECT_THAT(message(ReadExample("cisco"), bad), HasSubstr("loss_scale"));
  std::string why;
  EXPECT_FALSE(bad.IsValid(&why));
  EXPECT_THAT(why, HasSubstr("-1"));
}

TEST(UslFitTest, FewPointsAndReplicatesWarn) {
  const UslFit few = FitUsl(Prefix(ReadExample("raytracer"), 5));
  ASSERT_FALSE(few.warnings.empty());
  EXPECT_THAT(few.warnings[0], HasSubstr("weakly determined"));
  const UslFit replicated = FitUsl(
      MakeObservations({1, 2, 4, 4, 8, 16, 32}, {10, 19, 34, 35, 55, 70, 72}));
  ASSERT_EQ(replicated.warnings.size(), 1u);
  EXPECT_THAT(replicated.warnings[0], HasSubstr("concurrency 4"));
}

}  // namespace
}  // namespace loadlaw::fit
