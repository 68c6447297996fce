#include "loadlaw/calibrate/calibrate.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "sweep_file/sim_sweep.h"

namespace loadlaw::calibrate {
namespace {

// X(N) = N / (1 + 0.05 (N - 1) + 0.001 N (N - 1)) at 10 req/s per user.
double Usl(double n) { return 10 * n / (1 + 0.05 * (n - 1) + 0.001 * n * (n - 1)); }

std::vector<sweep::LevelOutcome> Levels(std::vector<int> users, double noise) {
  std::vector<sweep::LevelOutcome> out;
  int i = 0;
  for (int n : users) {
    out.push_back({n, Usl(n) * (1 + noise * ((i++ % 2) ? 1 : -1)), 0, true});
  }
  return out;
}

TEST(UslBandWidthTest, WidestWhereTheFitKnowsLeast) {
  const auto done = Levels({1, 2, 4, 8, 32}, 0.02);
  const double inside = UslBandWidth(6, done);
  const double gap = UslBandWidth(16, done);     // between 8 and 32
  const double beyond = UslBandWidth(128, done);  // far past the data
  EXPECT_GT(inside, 0);
  EXPECT_GT(gap, inside);
  EXPECT_GT(beyond, gap);
  // Fewer than 4 levels with throughput: no fit, no preference.
  EXPECT_EQ(UslBandWidth(16, Levels({1, 2, 4}, 0.02)), 0);
}

TEST(FitSweepTest, FitsAClosedLoopSweepAndRefusesAnOpenOne) {
  testing::SimSweepSpec spec = testing::NoisySpec(3);
  spec.users = {1, 2, 4, 8, 16};
  spec.window_s = 20;
  sweep::SweepFile sweep = testing::SimSweep(spec);
  sweep.provenance.label = "h100";
  const fit::CapacityModel model = FitSweep(sweep);
  EXPECT_TRUE(model.requests.IsUsable());
  EXPECT_EQ(model.levels.size(), 5u);
  EXPECT_EQ(model.provenance.hardware, "h100");
  EXPECT_EQ(model.provenance.endpoint, "virtual-sim");

  sweep.provenance.loop = telemetry::LoopKind::kOpen;
  EXPECT_THROW(FitSweep(sweep), std::invalid_argument);
  sweep.provenance.loop = telemetry::LoopKind::kClosed;
  sweep.levels.clear();
  EXPECT_THROW(FitSweep(sweep), std::invalid_argument);
}

}  // namespace
}  // namespace loadlaw::calibrate
