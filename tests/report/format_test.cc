// The report's one number formatter: significant digits, grouping, units,
// money, percentages and intervals as every rendering prints them.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "report/format_internal.h"

namespace loadlaw::report::internal {
namespace {

TEST(FormatInterval, BothEndsOrNothing) {
  EXPECT_EQ(FormatInterval({12, 0.5, 11.2, 14.1}), "11.2–14.1");
  EXPECT_EQ(FormatInterval({12, 0.5, 11.2, 14.1}, /*whole=*/true), "11–14");
  EXPECT_EQ(FormatInterval({12, NAN, NAN, NAN}), "");
  EXPECT_EQ(FormatInterval({12, 1, 10, INFINITY}), "10.0–∞");
}

TEST(FormatSeconds, MillisecondsBelowOneSecond) {
  EXPECT_EQ(FormatSeconds(0.4123), "412 ms");
  EXPECT_EQ(FormatSeconds(0.0155), "15.5 ms");
  EXPECT_EQ(FormatSeconds(4.8149), "4.81 s");
  EXPECT_EQ(FormatSeconds(0.9999), "1.00 s");
  EXPECT_STREQ(SecondsUnit(0.2), "ms");
  EXPECT_EQ(SecondsFactor(2.0), 1.0);
}

TEST(FormatMoney, DollarsAndOtherCurrencies) {
  EXPECT_EQ(FormatMoney(8760.4, "USD"), "$8,760");
  EXPECT_EQ(FormatMoney(0.42349, "USD"), "$0.423");
  EXPECT_EQ(FormatMoney(2.99, "USD"), "$2.99");
  EXPECT_EQ(FormatMoney(120.5, "EUR"), "121 EUR");
  EXPECT_EQ(CurrencyLabel("USD"), "$");
  EXPECT_EQ(CurrencyLabel("EUR"), "EUR");
}

TEST(FormatPercent, WholeAboveTenTwoDigitsBelow) {
  EXPECT_EQ(FormatPercent(0.2), "20 %");
  EXPECT_EQ(FormatPercent(0.034), "3.4 %");
  EXPECT_EQ(FormatPercent(0.95), "95 %");
  EXPECT_EQ(FormatSignedPercent(0.25), "+25 %");
  EXPECT_EQ(FormatSignedPercent(-0.031), "-3.1 %");
  EXPECT_EQ(FormatFactor(1.5), "×1.5");
  EXPECT_EQ(FormatFactor(4), "×4");
}

}  // namespace
}  // namespace loadlaw::report::internal
