#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "loadlaw/queueing/mva.h"
#include "queueing/expect_invalid.h"

namespace loadlaw::queueing {
namespace {

using testing::ExpectInvalid;

// Per-class Little's law over the cycle: N_c = X_c (R_c + Z_c).
void ExpectLittle(const MulticlassMvaResult& r,
                  const std::vector<double>& think_times_s,
                  const std::vector<int>& populations) {
  for (size_t c = 0; c < populations.size(); ++c) {
    EXPECT_NEAR(r.throughputs[c] * (r.response_times[c] + think_times_s[c]),
                populations[c], 1e-9 * (1 + populations[c]))
        << "class " << c;
    double queued = 0;
    for (double q : r.queue_lengths[c]) queued += q;
    EXPECT_NEAR(queued, r.throughputs[c] * r.response_times[c],
                1e-9 * (1 + populations[c]));
  }
}

// [P] Lazowska et al., QSP ch. 7 p. 131, from layeredqueuing/V6
// libmva/regression/test2.cc, row "Exact MVA": batch class N = 10, Z = 0;
// interactive class N = 25, Z = 30. X and R per class are [C].
TEST(MulticlassMvaTest, LazowskaChapter7) {
  const std::vector<std::vector<double>> demands = {{1.0, 0.09},
                                                    {0.1, 0.9}};
  const MulticlassMvaResult r =
      SolveMulticlassMva(demands, {0.0, 30.0}, {10, 25});
  EXPECT_NEAR(r.queue_lengths[0][0], 9.717, 5e-4);   // CPU, batch
  EXPECT_NEAR(r.queue_lengths[1][0], 0.8496, 5e-5);  // CPU, interactive
  EXPECT_NEAR(r.queue_lengths[0][1], 0.2827, 5e-5);  // disk, batch
  EXPECT_NEAR(r.queue_lengths[1][1], 2.090, 5e-4);   // disk, interactive
  EXPECT_NEAR(r.throughputs[0], 0.92647, 5e-6);
  EXPECT_NEAR(r.throughputs[1], 0.73534, 5e-6);
  EXPECT_NEAR(r.response_times[0], 10.7937, 5e-5);
  EXPECT_NEAR(r.response_times[1], 3.9978, 5e-5);
  EXPECT_NEAR(r.utilizations[0], 0.92647 * 1.0 + 0.73534 * 0.1, 1e-5);
  ExpectLittle(r, {0.0, 30.0}, {10, 25});
}

// One class is the single-class recursion (Lazowska ch. 6 p. 117 model).
TEST(MulticlassMvaTest, OneClassEqualsSingleClass) {
  const MvaResult single =
      SolveMva({{"cpu", 0.605}, {"disk1", 2.1}, {"disk2", 1.35}}, 15.0, 3);
  const MulticlassMvaResult multi =
      SolveMulticlassMva({{0.605, 2.1, 1.35}}, {15.0}, {3});
  EXPECT_NEAR(multi.throughputs[0], single.throughput, 1e-12);
  EXPECT_NEAR(multi.response_times[0], single.response_time, 1e-12);
  for (size_t k = 0; k < 3; ++k) {
    EXPECT_NEAR(multi.queue_lengths[0][k], single.queue_lengths[k], 1e-12);
    EXPECT_NEAR(multi.utilizations[k], single.utilizations[k], 1e-12);
  }
}

// Identical classes aggregate exactly into one class of N1 + N2 users.
TEST(MulticlassMvaTest, IdenticalClassesAggregate) {
  const std::vector<double> d = {0.2, 0.05, 0.31};
  const MulticlassMvaResult multi =
      SolveMulticlassMva({d, d}, {2.0, 2.0}, {7, 12});
  const MvaResult single =
      SolveMva({{"a", d[0]}, {"b", d[1]}, {"c", d[2]}}, 2.0, 19);
  EXPECT_NEAR(multi.throughputs[0] + multi.throughputs[1], single.throughput,
              1e-12);
  EXPECT_NEAR(multi.throughputs[0] / 7, multi.throughputs[1] / 12, 1e-12);
  EXPECT_NEAR(multi.response_times[0], single.response_time, 1e-12);
  for (size_t k = 0; k < d.size(); ++k) {
    EXPECT_NEAR(multi.queue_lengths[0][k] + multi.queue_lengths[1][k],
                single.queue_lengths[k], 1e-12);
  }
}

// A class without users: no throughput, and the response time a single
// added user would see (the arrival theorem: R_c(N + e_c)).
TEST(MulticlassMvaTest, EmptyClass) {
  const std::vector<std::vector<double>> demands = {{1.0, 0.09}, {0.1, 0.9}};
  const MulticlassMvaResult r =
      SolveMulticlassMva(demands, {0.0, 30.0}, {10, 0});
  const MvaResult batch = SolveMva({{"cpu", 1.0}, {"disk", 0.09}}, 0.0, 10);
  EXPECT_EQ(r.throughputs[1], 0.0);
  EXPECT_NEAR(r.throughputs[0], batch.throughput, 1e-12);
  EXPECT_NEAR(r.response_times[1],
              0.1 * (1 + batch.queue_lengths[0]) +
                  0.9 * (1 + batch.queue_lengths[1]),
              1e-12);
  const MulticlassMvaResult nobody =
      SolveMulticlassMva(demands, {0.0, 30.0}, {0, 0});
  EXPECT_EQ(nobody.throughputs[0], 0.0);
  EXPECT_NEAR(nobody.response_times[0], 1.09, 1e-12);
}

// A class that skips a station (zero demand) and three classes at once.
TEST(MulticlassMvaTest, ThreeClassesWithZeroDemand) {
  const std::vector<std::vector<double>> demands = {
      {0.5, 0.04, 0.06}, {0.4, 0.0, 0.3}, {1.2, 0.05, 0.06}};
  const std::vector<double> think = {20.0, 30.0, 0.0};
  const std::vector<int> pop = {5, 10, 5};
  const MulticlassMvaResult r = SolveMulticlassMva(demands, think, pop);
  EXPECT_EQ(r.queue_lengths[1][1], 0.0);
  ExpectLittle(r, think, pop);
  for (double u : r.utilizations) EXPECT_LE(u, 1.0 + 1e-12);
}

TEST(MulticlassMvaTest, BadInput) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  ExpectInvalid([] { SolveMulticlassMva({}, {}, {}); },
                {"SolveMulticlassMva", "demands_s", "empty"});
  ExpectInvalid([] { SolveMulticlassMva({{}}, {1.0}, {1}); },
                {"demands_s[0]", "empty"});
  ExpectInvalid([] { SolveMulticlassMva({{1.0}, {1.0, 2.0}}, {1, 1}, {1, 1}); },
                {"demands_s[1]", "2 stations"});
  ExpectInvalid([] { SolveMulticlassMva({{1.0}}, {1.0, 2.0}, {1}); },
                {"think_times_s", "populations", "one entry per class"});
  ExpectInvalid([] { SolveMulticlassMva({{1.0, -0.5}}, {1.0}, {1}); },
                {"demands_s[0][1]", "-0.5"});
  ExpectInvalid([&] { SolveMulticlassMva({{kNaN}}, {1.0}, {1}); },
                {"demands_s[0][0]", "nan"});
  ExpectInvalid([] { SolveMulticlassMva({{1.0}}, {-1.0}, {1}); },
                {"think_times_s[0]", "-1"});
  ExpectInvalid([] { SolveMulticlassMva({{1.0}}, {1.0}, {-3}); },
                {"populations[0]", "-3"});
  ExpectInvalid([] { SolveMulticlassMva({{0.0}}, {0.0}, {2}); },
                {"class 0", "zero"});
  ExpectInvalid(
      [] {
        SolveMulticlassMva({{1.0}, {1.0}, {1.0}}, {1.0, 1.0, 1.0},
                           {1000, 1000, 1000});
      },
      {"populations", "population vectors"});
}

}  // namespace
}  // namespace loadlaw::queueing
