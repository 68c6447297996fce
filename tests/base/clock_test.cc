#include "loadlaw/base/clock.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace loadlaw::base {
namespace {

using std::chrono::nanoseconds;

TEST(ManualClockTest, MovesOnlyWhenTold) {
  ManualClock clock;
  EXPECT_EQ(clock.Now(), nanoseconds(0));
  clock.Advance(std::chrono::milliseconds(5));
  clock.AdvanceMs(2.5);
  EXPECT_EQ(clock.Now(), nanoseconds(7500000));
  EXPECT_DOUBLE_EQ(clock.NowMs(), 7.5);
  clock.SetMs(10);
  EXPECT_EQ(clock.Now(), nanoseconds(10000000));
  EXPECT_THROW(clock.SetMs(9), std::invalid_argument);
  EXPECT_THROW(clock.AdvanceMs(-1), std::invalid_argument);
  EXPECT_THROW(clock.AdvanceMs(NAN), std::invalid_argument);
  EXPECT_THROW(clock.Advance(nanoseconds(-1)), std::invalid_argument);
  // What is set is read back exactly (virtual time compares times).
  clock.SetMs(10 + 1.0 / 3);
  EXPECT_EQ(clock.NowMs(), 10 + 1.0 / 3);
  EXPECT_EQ(clock.Now(), nanoseconds(10333333));
}

TEST(SteadyClockTest, NeverGoesBack) {
  SteadyClock clock;
  const nanoseconds a = clock.Now();
  const nanoseconds b = clock.Now();
  EXPECT_LE(a, b);
  EXPECT_EQ(SteadyClock::ToTimePoint(a).time_since_epoch(),
            std::chrono::duration_cast<std::chrono::steady_clock::duration>(a));
}

TEST(FromSecondsTest, RoundsAndSaturates) {
  EXPECT_EQ(FromSeconds(1.5), nanoseconds(1500000000));
  EXPECT_EQ(FromSeconds(1e-9 * 0.6), nanoseconds(1));
  EXPECT_EQ(FromSeconds(1e20), nanoseconds::max());
  EXPECT_EQ(FromSeconds(-1e20), nanoseconds::min());
  EXPECT_EQ(FromSeconds(INFINITY), nanoseconds::max());
  EXPECT_EQ(FromSeconds(NAN), nanoseconds(0));
  EXPECT_DOUBLE_EQ(ToSeconds(nanoseconds(250000000)), 0.25);
}

}  // namespace
}  // namespace loadlaw::base
