#include "loadlaw/sweep/auto_levels.h"

#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

namespace loadlaw::sweep {
namespace {

// A USL with its peak near N = 21.8: X(16) = 71.7, X(32) = 70.6.
double Usl(int n) { return 10.0 * n / (1 + 0.05 * (n - 1) + 0.002 * n * (n - 1.0)); }

std::vector<int> Drive(const AutoLevelPolicy& policy,
                       std::vector<LevelOutcome>* done) {
  std::vector<int> levels;
  while (auto n = policy.Next(*done)) {
    levels.push_back(*n);
    done->push_back({*n, Usl(*n), 0.0, true});
    if (levels.size() > 50) break;
  }
  return levels;
}

TEST(AutoLevelsTest, DoublesUntilThroughputStopsGrowingThenRefinesTheKnee) {
  AutoLevelPolicy policy(AutoLevelOptions{});
  std::vector<LevelOutcome> done;
  const std::vector<int> levels = Drive(policy, &done);
  EXPECT_EQ(levels, (std::vector<int>{1, 2, 4, 8, 16, 32, 23, 27}));
  EXPECT_NE(policy.StopReason(done).find("grew only"), std::string::npos);
}

TEST(AutoLevelsTest, RefinementFollowsTheUncertaintyScore) {
  // A score that prefers the lowest candidate picks 23, then 19.
  AutoLevelPolicy policy(AutoLevelOptions{},
                         [](int c, const std::vector<LevelOutcome>&) {
                           return -double(c);
                         });
  std::vector<LevelOutcome> done;
  const std::vector<int> levels = Drive(policy, &done);
  EXPECT_EQ(levels, (std::vector<int>{1, 2, 4, 8, 16, 32, 23, 19}));
}

TEST(AutoLevelsTest, StopsOnErrorsSlosAndTheMaximum) {
  AutoLevelOptions options;
  options.refine_levels = 0;
  AutoLevelPolicy policy(options);
  std::vector<LevelOutcome> done = {{1, 10, 0, true}, {2, 20, 0.2, true}};
  EXPECT_FALSE(policy.Next(done).has_value());
  EXPECT_NE(policy.StopReason(done).find("budget"), std::string::npos);
  done = {{1, 10, 0, true}, {2, 20, 0, false}};
  EXPECT_FALSE(policy.Next(done).has_value());
  EXPECT_NE(policy.StopReason(done).find("SLO"), std::string::npos);
  options.max_concurrency = 6;
  AutoLevelPolicy capped(options);
  done = {{1, 10, 0, true}, {2, 20, 0, true}, {4, 40, 0, true}};
  EXPECT_EQ(capped.Next(done), 6);
  done.push_back({6, 60, 0, true});
  EXPECT_FALSE(capped.Next(done).has_value());
  EXPECT_EQ(options.MaxLevelCount(), 4);  // 1, 2, 4, 6
}

TEST(AutoLevelsTest, NeverExceedsMaxLevels) {
  AutoLevelOptions options;
  options.max_levels = 4;
  AutoLevelPolicy policy(options);
  std::vector<LevelOutcome> done;
  EXPECT_EQ(Drive(policy, &done).size(), 4u);
  EXPECT_EQ(AutoLevelOptions{}.MaxLevelCount(), 11);  // 1..256: 9, + 2
}

TEST(AutoLevelsTest, InvalidOptionsThrow) {
  AutoLevelOptions bad;
  bad.max_concurrency = 0;
  EXPECT_THROW(AutoLevelPolicy{bad}, std::invalid_argument);
}

}  // namespace
}  // namespace loadlaw::sweep
