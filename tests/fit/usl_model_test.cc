// UslModel: the law, its Little's-law inversions with kappa, and their
// limits. Published values are from the Go and usl4j test suites, as copied in
// the project's oracle notes (usl_reference.md §4.6, tag [P]).

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loadlaw/fit/usl.h"

namespace loadlaw::fit {
namespace {

using ::testing::HasSubstr;

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string ErrorOf(const UslParams& params) {
  try {
    UslModel model(params);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no exception";
}

TEST(UslModelTest, RejectsParametersOutsideTheirDomain) {
  EXPECT_THAT(ErrorOf({1.5, 0, 1}), HasSubstr("sigma"));
  EXPECT_THAT(ErrorOf({0.1, -1e-3, 1}), HasSubstr("kappa"));
  EXPECT_THAT(ErrorOf({0.1, 0, 0}), HasSubstr("lambda"));
  EXPECT_THAT(ErrorOf({NAN, 0, 1}), HasSubstr("nan"));
  EXPECT_EQ(ErrorOf({1.0, 0.5, 2}), "no exception");
}

TEST(UslModelTest, ThroughputAndResponseTime) {
  const UslModel model({0.1, 0.01, 50});
  EXPECT_EQ(model.Throughput(0), 0.0);
  EXPECT_DOUBLE_EQ(model.Throughput(1), 50.0);
  // X(10) = 500 / (1 + 0.9 + 0.9) = 178.57...
  EXPECT_DOUBLE_EQ(model.Throughput(10), 500.0 / 2.8);
  EXPECT_DOUBLE_EQ(model.ResponseTime(10), 10 / model.Throughput(10));
  EXPECT_DOUBLE_EQ(model.ResponseTime(10, 0.01),
                   10 / model.Throughput(10) - 0.01);
  EXPECT_THROW(model.Throughput(-1), std::invalid_argument);
  EXPECT_THROW(model.ResponseTime(0), std::invalid_argument);
  EXPECT_THROW(model.ResponseTime(1, -1), std::invalid_argument);
}

TEST(UslModelTest, ThroughputAtResponseTimeMatchesGoAndUsl4j) {
  // [P] Model(sigma 0.06, kappa 0.06, lambda 40): X(R) for R = 0.03, 0.04,
  // 0.05 (Go model_test.go, usl4j ModelTest.java).
  const UslModel model({0.06, 0.06, 40});
  EXPECT_NEAR(model.ThroughputAtResponseTime(0.03), 69.38886664887109, 1e-11);
  EXPECT_NEAR(model.ThroughputAtResponseTime(0.04), 82.91561975888501, 1e-11);
  EXPECT_NEAR(model.ThroughputAtResponseTime(0.05), 84.06346808612327, 1e-11);
}

TEST(UslModelTest, ConcurrencyAtResponseTimeInvertsResponseTime) {
  for (const UslParams& p : {UslParams{0.03, 7e-4, 995}, UslParams{0.2, 0, 3},
                             UslParams{0, 0.01, 10}, UslParams{0.5, 0.5, 1}}) {
    const UslModel model(p);
    for (double n : {1.0, 1.5, 3.0, 17.0, 120.0}) {
      for (double z : {0.0, 0.25}) {
        const double r = model.ResponseTime(n, z);
        EXPECT_NEAR(model.ConcurrencyAtResponseTime(r, z), n, 1e-9 * n)
            << "sigma " << p.sigma << " kappa " << p.kappa << " N " << n;
      }
    }
  }
}

TEST(UslModelTest, ConcurrencyAtResponseTimeLimits) {
  const UslModel model({0.1, 0.01, 50});
  // Below (1 - sigma) / lambda - Z no concurrency is that fast.
  EXPECT_EQ(model.ConcurrencyAtResponseTime(0.9 / 50 * 0.99), 0.0);
  EXPECT_EQ(model.ConcurrencyAtResponseTime(0.005, 0.01), 0.0);
  // With kappa > sigma, R(N) dips below its N -> 0 limit before rising; the
  // answer is the larger root, below 1 here.
  const UslModel coherency({0.0, 0.5, 1.0});
  EXPECT_NEAR(coherency.ConcurrencyAtResponseTime(coherency.ResponseTime(0.8)),
              0.8, 1e-12);
  EXPECT_EQ(coherency.ConcurrencyAtResponseTime(0.5), 0.0);
  const UslModel linear({0, 0, 50});
  EXPECT_EQ(linear.ConcurrencyAtResponseTime(1.0 / 50), kInf);
  EXPECT_EQ(linear.ConcurrencyAtResponseTime(0.01), 0.0);
  EXPECT_EQ(linear.ThroughputAtResponseTime(0.05), kInf);
  EXPECT_THROW(model.ConcurrencyAtResponseTime(-1), std::invalid_argument);
  EXPECT_THROW(model.ConcurrencyAtResponseTime(0.1, -1), std::invalid_argument);
}

TEST(UslModelTest, TinyKappaJoinsTheAmdahlFormWithoutCancellation) {
  const UslModel amdahl({0.05, 0, 100});
  const UslModel almost({0.05, 1e-15, 100});
  // Amdahl: N(R) = (lambda R + sigma - 1) / sigma.
  EXPECT_DOUBLE_EQ(amdahl.ConcurrencyAtResponseTime(0.5),
                   (100 * 0.5 + 0.05 - 1) / 0.05);
  // kappa moves N by about kappa N^2 / sigma = 2e-8 here; the textbook root
  // (kappa - sigma + sqrt(...)) / (2 kappa) would be off by far more.
  EXPECT_NEAR(almost.ConcurrencyAtResponseTime(0.5),
              amdahl.ConcurrencyAtResponseTime(0.5), 1e-7);
  // Amdahl: N(X) = X (1 - sigma) / (lambda - sigma X).
  EXPECT_DOUBLE_EQ(amdahl.ConcurrencyAtThroughput(1000),
                   1000 * 0.95 / (100 - 0.05 * 1000));
  EXPECT_NEAR(almost.ConcurrencyAtThroughput(1000),
              amdahl.ConcurrencyAtThroughput(1000), 1e-7);
}

TEST(UslModelTest, ResponseTimeAtThroughputUsesKappa) {
  // R(X(N)) must give back R(N) on the rising branch. The kappa-free
  // shortcut R(X) = (sigma - 1) / (sigma X - lambda) does not.
  const UslParams p = {0.06, 0.06, 40};
  const UslModel model(p);
  for (double n : {1.0, 2.0, 3.0, 3.9}) {
    const double x = model.Throughput(n);
    EXPECT_NEAR(model.ResponseTimeAtThroughput(x), model.ResponseTime(n),
                1e-12);
    EXPECT_NEAR(model.ConcurrencyAtThroughput(x), n, 1e-9);
    EXPECT_NEAR(model.ResponseTimeAtThroughput(x, 0.1),
                model.ResponseTime(n, 0.1), 1e-12);
  }
  const double x = model.Throughput(3);
  const double kappa_free = (p.sigma - 1) / (p.sigma * x - p.lambda);
  EXPECT_GT(std::abs(model.ResponseTimeAtThroughput(x) - kappa_free), 1e-3);
}

TEST(UslModelTest, ThroughputBeyondThePeakIsAnError) {
  // The Go/usl4j tests ask for R(X = 400, 500, 600) of this model and get
  // 0.05875, 0.094, 0.235 from the kappa-free formula; its peak is 84.2, so
  // those throughputs are unattainable and the question has no answer.
  const UslModel model({0.06, 0.06, 40});
  EXPECT_NEAR(model.PeakThroughput(), 84.2, 0.05);
  for (double x : {400.0, 500.0, 600.0}) {
    try {
      model.ResponseTimeAtThroughput(x);
      ADD_FAILURE() << "no exception for X = " << x;
    } catch (const std::invalid_argument& e) {
      EXPECT_THAT(e.what(), HasSubstr("exceeds the peak"));
    }
  }
  EXPECT_NEAR(model.ConcurrencyAtThroughput(model.PeakThroughput()),
              model.PeakConcurrency(), 1e-6);
  EXPECT_THROW(model.ConcurrencyAtThroughput(0), std::invalid_argument);
}

TEST(UslModelTest, PeakCeilingAndRegime) {
  const UslModel cisco({0.02671591, 0.0007690945, 995.6486});
  // [P] book: N_max 35 (floor), X_max 12341.
  EXPECT_EQ(std::floor(cisco.PeakConcurrency()), 35.0);
  EXPECT_NEAR(cisco.PeakThroughput(), 12342.9, 0.1);
  EXPECT_NEAR(cisco.Throughput(35), 12341.7, 0.1);
  EXPECT_TRUE(cisco.IsContentionLimited());
  const UslModel amdahl({0.05, 0, 100});
  EXPECT_EQ(amdahl.PeakConcurrency(), kInf);
  EXPECT_DOUBLE_EQ(amdahl.PeakThroughput(), 2000.0);
  EXPECT_DOUBLE_EQ(amdahl.AmdahlCeiling(), 2000.0);
  const UslModel linear({0, 0, 100});
  EXPECT_EQ(linear.PeakThroughput(), kInf);
  EXPECT_EQ(linear.AmdahlCeiling(), kInf);
  EXPECT_FALSE(UslModel({0.01, 0.02, 1}).IsContentionLimited());
}

TEST(UslModelTest, LimitingFactorIsTheLargerOfSigmaAndKappa) {
  EXPECT_EQ(LimitingFactor({0.02, 0.001, 1}), LimitedBy::kContention);
  EXPECT_EQ(LimitingFactor({0.01, 0.02, 1}), LimitedBy::kCoherency);
  EXPECT_EQ(LimitingFactor({0, 0, 1}), LimitedBy::kCoherency);  // a tie
  // Parameters UslModel would reject still get an answer (an unusable fit).
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(LimitingFactor({nan, nan, nan}), LimitedBy::kCoherency);
  EXPECT_STREQ(LimitedByName(LimitedBy::kContention), "contention");
  EXPECT_STREQ(LimitedByName(LimitedBy::kCoherency), "coherency");
}

TEST(UslModelTest, LawNames) {
  EXPECT_STREQ(LawName(Law::kUsl), "usl");
  EXPECT_STREQ(LawName(Law::kAmdahl), "amdahl");
  EXPECT_STREQ(LawName(Law::kLinear), "linear");
}

}  // namespace
}  // namespace loadlaw::fit
