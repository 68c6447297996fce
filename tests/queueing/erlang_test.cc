#include "loadlaw/queueing/erlang.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "queueing/expect_invalid.h"

namespace loadlaw::queueing {
namespace {

using testing::ExpectInvalid;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Erlang B by its definition, A^c / c! / sum_k A^k / k!, summed in log space:
// an independent check of the recursion.
double ErlangBBySum(int servers, double offered_load) {
  const double log_a = std::log(offered_load);
  auto log_term = [&](int k) { return k * log_a - std::lgamma(k + 1.0); };
  double peak = log_term(0);
  for (int k = 1; k <= servers; ++k) peak = std::max(peak, log_term(k));
  double sum = 0;
  for (int k = 0; k <= servers; ++k) sum += std::exp(log_term(k) - peak);
  return std::exp(log_term(servers) - peak) / sum;
}

// [X] exact, M/M/3 with lambda = 2, S = 1 (inputs of the PDQ demo
// interfaces/R/pdq/demo/mmm.R; DrQz/pdq-qnm-pkg): B = 4/19, C = 4/9.
TEST(ErlangTest, Mm3ExactValues) {
  EXPECT_NEAR(ErlangB(3, 2.0), 4.0 / 19.0, 1e-12);
  EXPECT_NEAR(ErlangC(3, 2.0), 4.0 / 9.0, 1e-12);
  const MmcResult q = SolveMmc(2.0, 1.0, 3);
  EXPECT_NEAR(q.wait_probability, 4.0 / 9.0, 1e-12);
  EXPECT_NEAR(q.mean_wait, 0.444444, 1e-6);
  EXPECT_NEAR(q.mean_response, 1.444444, 1e-6);
  EXPECT_NEAR(q.mean_queue_length, 0.888889, 1e-6);
  EXPECT_NEAR(q.mean_in_system, 2.888889, 1e-6);
  EXPECT_NEAR(q.utilization, 2.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(q.offered_load, 2.0);
}

// [X] M/M/2 at A = 1: C = 1/3, Wq = S/3.
TEST(ErlangTest, Mm2UnitLoad) {
  EXPECT_NEAR(ErlangC(2, 1.0), 1.0 / 3.0, 1e-12);
  const MmcResult q = SolveMmc(0.25, 4.0, 2);
  EXPECT_NEAR(q.mean_wait, 4.0 / 3.0, 1e-12);
}

// [P] AlgoGraph/Queuing-theory tests/MMC.test.ts ("slide 6 page 12"):
// L = 5.16; [C] L 5.166341, C 0.745890, W 9.393346.
TEST(ErlangTest, Mm2AlgoGraph) {
  const MmcResult q = SolveMmc(11.0 / 20.0, 3.0, 2);
  EXPECT_NEAR(q.mean_in_system, 5.166341, 1e-6);
  EXPECT_NEAR(q.wait_probability, 0.745890, 1e-6);
  EXPECT_NEAR(q.mean_response, 9.393346, 1e-6);
}

// [P] same file ("slide 6 page 7"): M/M/3, lambda = 1/10, mu = 1/20:
// Lq = 0.889, W = 28.88; [C] Lq 0.888889, W 28.888889.
TEST(ErlangTest, Mm3AlgoGraph) {
  const MmcResult q = SolveMmc(0.1, 20.0, 3);
  EXPECT_NEAR(q.mean_queue_length, 0.888889, 1e-6);
  EXPECT_NEAR(q.mean_response, 28.888889, 1e-6);
}

// Erlang-C call-centre tutorial inputs [P]: 360 calls per 30 min, 4 min
// handle time, 55 agents, 15 s target. [C] C = 0.238701, ASA = 8.184 s,
// SL(15 s) = 84.59 %.
TEST(ErlangTest, CallCentre) {
  const MmcResult q = SolveMmc(360.0 / 1800.0, 240.0, 55);
  EXPECT_NEAR(q.offered_load, 48.0, 1e-12);
  EXPECT_NEAR(q.wait_probability, 0.238701, 1e-6);
  EXPECT_NEAR(q.mean_wait, 8.184, 5e-4);
  EXPECT_NEAR(1.0 - q.WaitExceeds(15.0), 0.8459, 5e-5);
}

// [P] al911.org "Erlang C Call Calc": 2 agents, 30 calls/h, 60 s calls,
// "fewer than 8 percent of callers will wait more than 10 seconds";
// with 80 s calls "QOS falls to 14 percent". [C] 0.0779 and 0.1411.
TEST(ErlangTest, Al911WaitTail) {
  const MmcResult q60 = SolveMmc(30.0 / 3600.0, 60.0, 2);
  EXPECT_NEAR(q60.wait_probability, 0.1, 1e-12);
  EXPECT_NEAR(q60.WaitExceeds(10.0), 0.0779, 5e-5);
  EXPECT_LT(q60.WaitExceeds(10.0), 0.08);
  const MmcResult q80 = SolveMmc(30.0 / 3600.0, 80.0, 2);
  EXPECT_NEAR(q80.WaitExceeds(10.0), 0.1411, 5e-5);
  EXPECT_DOUBLE_EQ(q80.WaitExceeds(0.0), q80.wait_probability);
}

// [X] M/M/1 of the PDQ demo mm1.R: lambda = 75/min, S = 0.01 min.
TEST(ErlangTest, Mm1) {
  const MmcResult q = SolveMmc(75.0, 0.01, 1);
  EXPECT_NEAR(q.utilization, 0.75, 1e-12);
  EXPECT_NEAR(q.wait_probability, 0.75, 1e-12);
  EXPECT_NEAR(q.mean_response, 0.04, 1e-12);
  EXPECT_NEAR(q.mean_in_system, 3.0, 1e-12);
  EXPECT_NEAR(q.mean_queue_length, 2.25, 1e-12);
}

TEST(ErlangTest, ErlangBStableForThousandsOfServers) {
  const double b = ErlangB(5000, 4900.0);
  EXPECT_TRUE(std::isfinite(b));
  EXPECT_GT(b, 0.0);
  EXPECT_LT(b, 1.0);
  EXPECT_NEAR(b, ErlangBBySum(5000, 4900.0), 1e-10 * b);
  const double c = ErlangC(5000, 4900.0);
  EXPECT_TRUE(std::isfinite(c));
  EXPECT_GT(c, b);
  EXPECT_LT(c, 1.0);
}

TEST(ErlangTest, ErlangBMatchesDefinition) {
  for (int servers : {1, 2, 7, 40, 300}) {
    for (double load : {0.01, 0.5, 3.0, 35.0, 280.0, 900.0}) {
      const double expected = ErlangBBySum(servers, load);
      EXPECT_NEAR(ErlangB(servers, load), expected, 1e-11 * expected)
          << "servers " << servers << " load " << load;
    }
  }
  EXPECT_EQ(ErlangB(4, 0.0), 0.0);
  EXPECT_EQ(ErlangC(4, 0.0), 0.0);
}

TEST(ErlangTest, LittleAndTailConsistency) {
  const MmcResult q = SolveMmc(17.0, 0.5, 10);
  EXPECT_NEAR(q.mean_in_system, q.mean_queue_length + q.offered_load, 1e-12);
  // The mean wait is the integral of the tail P(W > t) = C exp(-(c-A)t/S).
  EXPECT_NEAR(q.mean_wait,
              q.wait_probability * q.service_time /
                  (q.servers - q.offered_load),
              1e-15);
  EXPECT_LT(q.WaitExceeds(1.0), q.WaitExceeds(0.5));
}

TEST(ErlangTest, SaturatedSystemIsRefused) {
  ExpectInvalid([] { SolveMmc(3.0, 1.0, 3); },
                {"SolveMmc", "saturat", "3 Erlangs", "3 servers"});
  ExpectInvalid([] { SolveMmc(10.0, 0.55, 5); },
                {"saturat", "5.5 Erlangs", "5 servers"});
  ExpectInvalid([] { ErlangC(2, 2.5); }, {"ErlangC", "saturat", "2.5"});
}

TEST(ErlangTest, BadInput) {
  ExpectInvalid([] { ErlangB(0, 1.0); }, {"ErlangB", "servers", "0"});
  ExpectInvalid([] { ErlangB(3, -1.0); }, {"offered_load", "-1"});
  ExpectInvalid([] { ErlangB(3, kNaN); }, {"offered_load", "nan"});
  ExpectInvalid([] { ErlangC(-2, 1.0); }, {"ErlangC", "servers", "-2"});
  ExpectInvalid([] { SolveMmc(0.0, 1.0, 2); }, {"arrival_rate", "0"});
  ExpectInvalid([] { SolveMmc(-1.0, 1.0, 2); }, {"arrival_rate", "-1"});
  ExpectInvalid([] { SolveMmc(kNaN, 1.0, 2); }, {"arrival_rate", "nan"});
  ExpectInvalid([] { SolveMmc(1.0, 0.0, 2); }, {"service_time", "0"});
  ExpectInvalid([] { SolveMmc(1.0, kNaN, 2); }, {"service_time"});
  ExpectInvalid([] { SolveMmc(1.0, 0.1, 0); }, {"servers", "0"});
  const MmcResult q = SolveMmc(1.0, 0.5, 1);
  ExpectInvalid([&] { q.WaitExceeds(-1.0); }, {"WaitExceeds", "t", "-1"});
  ExpectInvalid([&] { q.WaitExceeds(kNaN); }, {"WaitExceeds", "t"});
  ExpectInvalid([] { MmcResult().WaitExceeds(1.0); }, {"WaitExceeds"});
}

}  // namespace
}  // namespace loadlaw::queueing
