#include "loadlaw/queueing/allen_cunneen.h"

#include <gtest/gtest.h>

#include <limits>

#include "loadlaw/queueing/erlang.h"
#include "queueing/expect_invalid.h"

namespace loadlaw::queueing {
namespace {

using testing::ExpectInvalid;

// Pollaczek-Khinchine mean wait of M/G/1: rho S (1 + cs2) / (2 (1 - rho)).
double PollaczekKhinchineWait(double arrival_rate, double service_time,
                              double service_scv) {
  const double rho = arrival_rate * service_time;
  return rho * service_time * (1 + service_scv) / (2 * (1 - rho));
}

// [X] M/D/1 at rho = 0.5, S = 1: Wq = 0.5 (queueing_reference.md, sec. 2).
TEST(AllenCunneenTest, MD1) {
  const MmcResult q = SolveAllenCunneen(0.5, 1.0, 1, 1.0, 0.0);
  EXPECT_NEAR(q.mean_wait, 0.5, 1e-12);
  EXPECT_NEAR(q.mean_response, 1.5, 1e-12);
  EXPECT_NEAR(q.mean_queue_length, 0.25, 1e-12);
  EXPECT_NEAR(q.mean_in_system, 0.75, 1e-12);
}

// [X] M/G/1 at rho = 0.8, S = 1, cs2 = 2: Wq = 6.0.
TEST(AllenCunneenTest, MG1) {
  EXPECT_NEAR(SolveAllenCunneen(0.8, 1.0, 1, 1.0, 2.0).mean_wait, 6.0, 1e-12);
}

TEST(AllenCunneenTest, SingleServerIsPollaczekKhinchine) {
  for (double rho : {0.05, 0.3, 0.7, 0.95, 0.999}) {
    for (double scv : {0.0, 0.25, 1.0, 4.0}) {
      const double service_time = 0.2;
      const double rate = rho / service_time;
      const double expected =
          PollaczekKhinchineWait(rate, service_time, scv);
      EXPECT_NEAR(SolveAllenCunneen(rate, service_time, 1, 1.0, scv).mean_wait,
                  expected, 1e-12 * (1 + expected))
          << "rho " << rho << " cs2 " << scv;
    }
  }
}

// [X] ca2 = cs2 = 1 is M/M/c: M/M/3, lambda = 2, S = 1 gives Wq = 0.444444.
TEST(AllenCunneenTest, ExponentialIsErlangC) {
  EXPECT_NEAR(SolveAllenCunneen(2.0, 1.0, 3, 1.0, 1.0).mean_wait, 0.444444,
              1e-6);
  for (int servers : {1, 2, 8, 55}) {
    const double rate = 0.8 * servers / 3.0;
    const MmcResult mmc = SolveMmc(rate, 3.0, servers);
    const MmcResult ac = SolveAllenCunneen(rate, 3.0, servers, 1.0, 1.0);
    EXPECT_DOUBLE_EQ(ac.mean_wait, mmc.mean_wait);
    EXPECT_DOUBLE_EQ(ac.mean_in_system, mmc.mean_in_system);
    EXPECT_DOUBLE_EQ(ac.wait_probability, mmc.wait_probability);
  }
}

// [C] formula values (queueing_reference.md, sec. 2): M/G/3 and G/G/3 at
// lambda = 2, S = 1.
TEST(AllenCunneenTest, MultiServerFormulaValues) {
  EXPECT_NEAR(SolveAllenCunneen(2.0, 1.0, 3, 1.0, 0.5).mean_wait, 0.333333,
              1e-6);
  const MmcResult gg3 = SolveAllenCunneen(2.0, 1.0, 3, 2.0, 0.5);
  EXPECT_NEAR(gg3.mean_wait, 0.555556, 1e-6);
  EXPECT_NEAR(gg3.mean_response, 1.555556, 1e-6);
  EXPECT_NEAR(gg3.mean_queue_length, 2 * 0.555556, 2e-6);
  // The wait probability stays the Erlang C value.
  EXPECT_NEAR(gg3.wait_probability, 4.0 / 9.0, 1e-12);
}

TEST(AllenCunneenTest, DeterministicHasNoWait) {
  EXPECT_EQ(SolveAllenCunneen(0.9, 1.0, 1, 0.0, 0.0).mean_wait, 0.0);
}

TEST(AllenCunneenTest, BadInput) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  ExpectInvalid([] { SolveAllenCunneen(1.0, 0.5, 1, -0.1, 1.0); },
                {"SolveAllenCunneen", "arrival_scv", "-0.1"});
  ExpectInvalid([&] { SolveAllenCunneen(1.0, 0.5, 1, 1.0, kNaN); },
                {"service_scv", "nan"});
  ExpectInvalid([] { SolveAllenCunneen(-2.0, 0.5, 1, 1.0, 1.0); },
                {"SolveAllenCunneen", "arrival_rate", "-2"});
  ExpectInvalid([] { SolveAllenCunneen(1.0, 0.0, 1, 1.0, 1.0); },
                {"service_time"});
  ExpectInvalid([] { SolveAllenCunneen(1.0, 0.5, 0, 1.0, 1.0); },
                {"servers", "0"});
  ExpectInvalid([] { SolveAllenCunneen(4.0, 0.5, 2, 1.0, 1.0); },
                {"SolveAllenCunneen", "saturat", "2 Erlangs", "2 servers"});
}

}  // namespace
}  // namespace loadlaw::queueing
