#include "loadlaw/queueing/flow_equivalent.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "loadlaw/queueing/erlang.h"
#include "queueing/expect_invalid.h"

namespace loadlaw::queueing {
namespace {

using testing::ExpectInvalid;

// X(n) = min(n, servers) / S for n = 1..size: the M/M/c service rates.
std::vector<double> MultiServerRates(int servers, double service_time,
                                     int size) {
  std::vector<double> x(size);
  for (int n = 1; n <= size; ++n) {
    x[n - 1] = std::min(n, servers) / service_time;
  }
  return x;
}

// Universal Scalability Law X(n) = lambda n / (1 + s (n-1) + k n (n-1)).
std::vector<double> UslRates(double lambda, double sigma, double kappa,
                             int size) {
  std::vector<double> x(size);
  for (int n = 1; n <= size; ++n) {
    x[n - 1] = lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  }
  return x;
}

double Sum(const FlowEquivalentResult& r) {
  double total = r.tail_probability;
  for (double p : r.state_probabilities) total += p;
  return total;
}

void ExpectConsistent(const FlowEquivalentResult& r) {
  EXPECT_NEAR(Sum(r), 1.0, 1e-12);
  for (double p : r.state_probabilities) {
    EXPECT_GE(p, 0.0);
    EXPECT_TRUE(std::isfinite(p));
  }
  // Little: L = X R, Lq = X Wq, L = in service + queued.
  EXPECT_NEAR(r.mean_in_system, r.throughput * r.mean_response_time,
              1e-12 * (1 + r.mean_in_system));
  EXPECT_NEAR(r.mean_queue_length, r.throughput * r.mean_wait,
              1e-12 * (1 + r.mean_queue_length));
  EXPECT_NEAR(r.mean_in_system, r.mean_in_service + r.mean_queue_length,
              1e-12 * (1 + r.mean_in_system));
  EXPECT_NEAR(r.throughput, r.arrival_rate * (1 - r.loss_probability),
              1e-9 * r.arrival_rate);
}

void ExpectEqualsMmc(const FlowEquivalentResult& r, const MmcResult& mmc) {
  EXPECT_NEAR(r.queueing_probability, mmc.wait_probability, 1e-9);
  EXPECT_NEAR(r.mean_wait, mmc.mean_wait, 1e-9 * mmc.mean_response);
  EXPECT_NEAR(r.mean_response_time, mmc.mean_response,
              1e-9 * mmc.mean_response);
  EXPECT_NEAR(r.mean_in_system, mmc.mean_in_system, 1e-9 * mmc.mean_in_system);
  EXPECT_NEAR(r.mean_queue_length, mmc.mean_queue_length,
              1e-9 * mmc.mean_in_system);
  EXPECT_NEAR(r.mean_in_service, mmc.offered_load, 1e-9 * mmc.offered_load);
  EXPECT_EQ(r.loss_probability, 0.0);
  EXPECT_EQ(r.throughput, mmc.arrival_rate);
  ExpectConsistent(r);
}

// With X(n) = min(n, c) / S and the limit at c the chain is M/M/c: every
// output must equal the Erlang C solution. With the limit above c the chain
// is the same, so L and R still agree (wait and queue are then counted
// beyond the larger limit).
TEST(FlowEquivalentTest, EqualsMmc) {
  struct Case {
    double rate;
    double service_time;
    int servers;
  };
  for (const Case& c : {Case{2.0, 1.0, 3}, Case{0.2, 240.0, 55},
                        Case{190.0, 1.0, 200}, Case{0.75, 1.0, 1}}) {
    const MmcResult mmc = SolveMmc(c.rate, c.service_time, c.servers);
    ExpectEqualsMmc(SolveFlowEquivalent(
                        MultiServerRates(c.servers, c.service_time, c.servers),
                        c.rate, {}),
                    mmc);
    const std::vector<double> longer =
        MultiServerRates(c.servers, c.service_time, c.servers + 40);
    FlowEquivalentOptions at_c;
    at_c.concurrency_limit = c.servers;
    ExpectEqualsMmc(SolveFlowEquivalent(longer, c.rate, at_c), mmc);
    const FlowEquivalentResult above = SolveFlowEquivalent(longer, c.rate, {});
    EXPECT_NEAR(above.mean_in_system, mmc.mean_in_system,
                1e-9 * mmc.mean_in_system);
    EXPECT_NEAR(above.mean_response_time, mmc.mean_response,
                1e-9 * mmc.mean_response);
    ExpectConsistent(above);
  }
}

// The M/M/1 distribution is geometric: P(n) = (1 - rho) rho^n.
TEST(FlowEquivalentTest, Mm1Geometric) {
  const FlowEquivalentResult r = SolveFlowEquivalent({4.0}, 3.0, {});
  ASSERT_EQ(r.state_probabilities.size(), 2u);
  EXPECT_NEAR(r.state_probabilities[0], 0.25, 1e-15);
  EXPECT_NEAR(r.state_probabilities[1], 0.25 * 0.75, 1e-15);
  EXPECT_NEAR(r.tail_probability, 0.75 * 0.75, 1e-15);
  EXPECT_NEAR(r.mean_in_system, 3.0, 1e-12);
  EXPECT_NEAR(r.utilization, 0.75, 1e-15);
}

// Pure loss at the limit with X(n) = n / S is M/M/c/c: loss = Erlang B.
TEST(FlowEquivalentTest, PureLossEqualsErlangB) {
  FlowEquivalentOptions options;
  options.queue_limit = 0;
  for (int servers : {1, 10, 55, 256}) {
    for (double load : {0.5, 8.0, 48.0, 300.0}) {
      const double service_time = 2.0;
      const FlowEquivalentResult r = SolveFlowEquivalent(
          MultiServerRates(servers, service_time, servers),
          load / service_time, options);
      const double b = ErlangB(servers, load);
      EXPECT_NEAR(r.loss_probability, b, 1e-12 * (1 + b))
          << servers << " servers, " << load << " Erlangs";
      EXPECT_EQ(r.queueing_probability, 0.0);
      EXPECT_EQ(r.mean_queue_length, 0.0);
      EXPECT_NEAR(r.mean_response_time, service_time, 1e-9);
      ExpectConsistent(r);
    }
  }
}

TEST(FlowEquivalentTest, FiniteQueueLosesAtTheCap) {
  FlowEquivalentOptions options;
  options.concurrency_limit = 4;
  options.queue_limit = 6;
  const std::vector<double> x = MultiServerRates(4, 1.0, 8);
  const FlowEquivalentResult r = SolveFlowEquivalent(x, 5.0, options);
  ASSERT_EQ(r.state_probabilities.size(), 11u);
  EXPECT_EQ(r.tail_probability, 0.0);
  EXPECT_NEAR(r.loss_probability, r.state_probabilities[10], 1e-15);
  EXPECT_GT(r.loss_probability, 0.0);
  EXPECT_LE(r.mean_in_service, 4.0);
  EXPECT_LE(r.mean_queue_length, 6.0);
  ExpectConsistent(r);
  // Among admitted arrivals, those finding 4..9 inside wait.
  double waits = 0;
  for (int n = 4; n < 10; ++n) waits += r.state_probabilities[n];
  EXPECT_NEAR(r.queueing_probability, waits / (1 - r.loss_probability), 1e-12);
}

// A fitted USL (lambda 10, sigma 0.05, kappa 0.001) capped at 256: response
// time rises with the arrival rate all the way to X(256).
TEST(FlowEquivalentTest, UslResponseRisesWithLoad) {
  const std::vector<double> x = UslRates(10.0, 0.05, 0.001, 256);
  const double cap_rate = x.back();  // 32.39 /s, past the peak at n = 31
  double previous_s = 0;
  for (int i = 1; i <= 99; ++i) {
    const double rate = cap_rate * i / 100.0;
    const FlowEquivalentResult r = SolveFlowEquivalent(x, rate, {});
    EXPECT_GT(r.mean_response_time, previous_s) << "rate " << rate;
    previous_s = r.mean_response_time;
    ExpectConsistent(r);
  }
  const double light_s = SolveFlowEquivalent(x, 0.01, {}).mean_response_time;
  EXPECT_NEAR(light_s, 1 / x[0], 1e-2 / x[0]);
  // This curve is retrograde: X(n) > X(256) for 4 < n < 256, so the chain
  // must climb the hump at the peak against a strong drift to reach the
  // limit, and the stationary queue stays short even at lambda -> X(256)-.
  // (A real server would be metastable there: once pushed past the hump it
  // stays congested. Set concurrency_limit <= the peak to model that.)
  const FlowEquivalentResult near =
      SolveFlowEquivalent(x, cap_rate * (1 - 1e-9), {});
  ExpectConsistent(near);
  EXPECT_LT(near.tail_probability, 1e-40);
}

// Where the limit sits at or below the peak, the response time blows up as
// lambda approaches X(limit).
TEST(FlowEquivalentTest, ResponseBlowsUpNearTheLimitRate) {
  FlowEquivalentOptions at_peak;
  at_peak.concurrency_limit = 31;  // N* = sqrt(0.95 / 0.001) ~ 30.8
  const std::vector<double> usl = UslRates(10.0, 0.05, 0.001, 256);
  const std::vector<double> amdahl = UslRates(10.0, 0.05, 0.0, 256);
  for (const auto& [x, options] :
       {std::pair{usl, at_peak}, std::pair{amdahl, FlowEquivalentOptions{}}}) {
    const int limit = options.concurrency_limit == 0 ? 256 : 31;
    const double cap_rate = x[limit - 1];
    const double light_s =
        SolveFlowEquivalent(x, 0.01, options).mean_response_time;
    const FlowEquivalentResult near =
        SolveFlowEquivalent(x, cap_rate * (1 - 1e-6), options);
    ExpectConsistent(near);
    EXPECT_GT(near.mean_response_time, 1e4 * light_s);
    EXPECT_GT(near.queueing_probability, 0.999);
    EXPECT_GT(near.tail_probability, 0.99);
  }
}

TEST(FlowEquivalentTest, UnboundedQueueRefusesSaturation) {
  const std::vector<double> x = UslRates(10.0, 0.05, 0.001, 256);
  ExpectInvalid([&] { SolveFlowEquivalent(x, x.back(), {}); },
                {"SolveFlowEquivalent", "saturat", "arrival_rate", "X(256)"});
  ExpectInvalid([&] { SolveFlowEquivalent(x, 50.0, {}); },
                {"arrival_rate 50", "X(256) 32.39"});
  FlowEquivalentOptions options;
  options.concurrency_limit = 31;  // near the USL peak, X(31) ~ 90.4 /s
  EXPECT_NO_THROW(SolveFlowEquivalent(x, 50.0, options));
}

// K = 256 with arrivals far above and far below X(n): products of 256 rate
// ratios would overflow or underflow; the solution must stay finite.
TEST(FlowEquivalentTest, ExtremeRatesStayFinite) {
  const std::vector<double> x = UslRates(10.0, 0.05, 0.001, 256);
  FlowEquivalentOptions options;
  options.queue_limit = 1000;
  const FlowEquivalentResult heavy = SolveFlowEquivalent(x, 1e7, options);
  ExpectConsistent(heavy);
  EXPECT_NEAR(heavy.loss_probability, 1.0, 1e-5);
  EXPECT_NEAR(heavy.throughput, x.back(), 1e-6 * x.back());
  EXPECT_NEAR(heavy.mean_in_system, 256 + 1000, 1e-3);
  const FlowEquivalentResult light = SolveFlowEquivalent(x, 1e-9, {});
  ExpectConsistent(light);
  EXPECT_NEAR(light.state_probabilities[0], 1.0, 1e-9);
  EXPECT_NEAR(light.utilization, 1e-10, 1e-15);
  EXPECT_NEAR(light.mean_response_time, 0.1, 1e-9);
}

TEST(FlowEquivalentTest, BadInput) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> x = {1.0, 2.0, 3.0};
  ExpectInvalid([] { SolveFlowEquivalent({}, 1.0, {}); },
                {"SolveFlowEquivalent", "throughputs", "empty"});
  ExpectInvalid([] { SolveFlowEquivalent({1.0, 0.0}, 0.5, {}); },
                {"throughputs[1]", "0"});
  ExpectInvalid([&] { SolveFlowEquivalent({1.0, kNaN}, 0.5, {}); },
                {"throughputs[1]", "nan"});
  ExpectInvalid([&] { SolveFlowEquivalent(x, 0.0, {}); },
                {"arrival_rate", "0"});
  ExpectInvalid([&] { SolveFlowEquivalent(x, -1.0, {}); },
                {"arrival_rate", "-1"});
  ExpectInvalid([&] { SolveFlowEquivalent(x, kNaN, {}); },
                {"arrival_rate", "nan"});
  FlowEquivalentOptions options;
  options.concurrency_limit = 4;
  ExpectInvalid([&] { SolveFlowEquivalent(x, 1.0, options); },
                {"concurrency_limit", "4"});
  options.concurrency_limit = -1;
  ExpectInvalid([&] { SolveFlowEquivalent(x, 1.0, options); },
                {"concurrency_limit", "-1"});
  options.concurrency_limit = 0;
  options.queue_limit = -2;
  ExpectInvalid([&] { SolveFlowEquivalent(x, 1.0, options); },
                {"queue_limit", "-2"});
}

}  // namespace
}  // namespace loadlaw::queueing
