// The report's one number formatter: significant digits, grouping, units,
// money, percentages and intervals as every rendering prints them.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "report/format_internal.h"

namespace loadlaw::report::internal {
namespace {

TEST(FormatNumber, ThreeSignificantDigits) {
  EXPECT_EQ(FormatNumber(412.4), "412");
  EXPECT_EQ(FormatNumber(4.8149), "4.81");
  EXPECT_EQ(FormatNumber(0.042349), "0.0423");
  EXPECT_EQ(FormatNumber(2.5), "2.50");
  EXPECT_EQ(FormatNumber(0), "0");
  EXPECT_EQ(FormatNumber(-3.14159), "-3.14");
  EXPECT_EQ(FormatNumber(0.000012345), "0.0000123");
  EXPECT_EQ(FormatNumber(3.2e-13), "3.20e-13");
}

TEST(FormatNumber, GroupsThousandsAndRoundsCarries) {
  EXPECT_EQ(FormatNumber(12345), "12,300");
  EXPECT_EQ(FormatNumber(1234567, 4), "1,235,000");
  EXPECT_EQ(FormatNumber(9.996), "10.0");
  EXPECT_EQ(FormatNumber(999.7), "1,000");
  EXPECT_EQ(FormatNumber(1234.5, 6), "1,234.50");
}

TEST(FormatNumber, NonFiniteValuesAreSpelledOut) {
  EXPECT_EQ(FormatNumber(std::numeric_limits<double>::quiet_NaN()), "–");
  EXPECT_EQ(FormatNumber(std::numeric_limits<double>::infinity()), "∞");
  EXPECT_EQ(FormatCount(std::numeric_limits<double>::quiet_NaN()), "–");
}

TEST(FormatCount, RoundsToWholeNumbers) {
  EXPECT_EQ(FormatCount(11.6), "12");
  EXPECT_EQ(FormatCount(26281.4), "26,281");
  EXPECT_EQ(FormatCount(-1500), "-1,500");
}

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
