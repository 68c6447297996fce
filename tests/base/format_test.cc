#include "loadlaw/base/format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace loadlaw::base {
namespace {

TEST(FormatNumberTest, EchoesTheValueExactly) {
  EXPECT_EQ(FormatNumber(0.1), "0.1");
  EXPECT_EQ(FormatNumber(2), "2");
  EXPECT_EQ(FormatNumber(-1.5), "-1.5");
  EXPECT_EQ(FormatNumber(1e308), "1e+308");
  EXPECT_EQ(FormatNumber(1e-320), "1e-320");  // a subnormal, not "0"
  EXPECT_EQ(FormatNumber(NAN), "nan");
  EXPECT_EQ(FormatNumber(INFINITY), "inf");
  EXPECT_EQ(FormatNumber(-INFINITY), "-inf");
  for (double v : {1.0 / 3, 0.123456789012345678, 6.02214076e23, 5e-324}) {
    EXPECT_EQ(std::strtod(FormatNumber(v).c_str(), nullptr), v)
        << FormatNumber(v);
  }
}

TEST(FormatSignificantTest, RoundsDerivedFigures) {
  EXPECT_EQ(FormatSignificant(2.718281828, 3), "2.72");
  EXPECT_EQ(FormatSignificant(1234567, 3), "1.23e+06");
  EXPECT_EQ(FormatSignificant(NAN, 3), "nan");
}

TEST(FormatGroupedTest, ReadsLikeAReport) {
  EXPECT_EQ(FormatGrouped(12400.7), "12,400");
  EXPECT_EQ(FormatGrouped(1234.4), "1,230");
  EXPECT_EQ(FormatGrouped(412.2), "412");
  EXPECT_EQ(FormatGrouped(0.04234), "0.0423");
  EXPECT_EQ(FormatGrouped(3.2e-7), "3.20e-07");
  EXPECT_EQ(FormatGrouped(-12400), "-12,400");
  EXPECT_EQ(FormatGrouped(0), "0");
  EXPECT_EQ(FormatGrouped(NAN), "–");
  EXPECT_EQ(FormatGrouped(INFINITY), "∞");
  EXPECT_EQ(FormatGrouped(1e300), FormatGrouped(1e300));  // no overflow
  EXPECT_EQ(FormatCount(1204.4), "1,204");
  EXPECT_EQ(FormatCount(NAN), "–");
}

TEST(FormatGroupedTest, ThreeSignificantDigits) {
  EXPECT_EQ(FormatGrouped(412.4), "412");
  EXPECT_EQ(FormatGrouped(4.8149), "4.81");
  EXPECT_EQ(FormatGrouped(0.042349), "0.0423");
  EXPECT_EQ(FormatGrouped(2.5), "2.50");
  EXPECT_EQ(FormatGrouped(0), "0");
  EXPECT_EQ(FormatGrouped(-3.14159), "-3.14");
  EXPECT_EQ(FormatGrouped(0.000012345), "0.0000123");
  EXPECT_EQ(FormatGrouped(3.2e-13), "3.20e-13");
}

TEST(FormatGroupedTest, GroupsThousandsAndRoundsCarries) {
  EXPECT_EQ(FormatGrouped(12345), "12,300");
  EXPECT_EQ(FormatGrouped(1234567, 4), "1,235,000");
  EXPECT_EQ(FormatGrouped(9.996), "10.0");
  EXPECT_EQ(FormatGrouped(999.7), "1,000");
  EXPECT_EQ(FormatGrouped(1234.5, 6), "1,234.50");
}

TEST(FormatGroupedTest, NonFiniteValuesAreSpelledOut) {
  EXPECT_EQ(FormatGrouped(std::numeric_limits<double>::quiet_NaN()), "–");
  EXPECT_EQ(FormatGrouped(std::numeric_limits<double>::infinity()), "∞");
  EXPECT_EQ(FormatCount(std::numeric_limits<double>::quiet_NaN()), "–");
}

TEST(FormatCountTest, RoundsToWholeNumbers) {
  EXPECT_EQ(FormatCount(11.6), "12");
  EXPECT_EQ(FormatCount(26281.4), "26,281");
  EXPECT_EQ(FormatCount(-1500), "-1,500");
}

TEST(TruncateTest, NeverSplitsACharacter) {
  EXPECT_EQ(Truncate("short", 10), "short");
  EXPECT_EQ(Truncate("abcdefgh", 4), "abcd…");
  // "é" is two bytes: cutting after its first byte backs up before it.
  EXPECT_EQ(Truncate("abé", 3), "ab…");
  EXPECT_EQ(Truncate(std::string(10 << 20, 'x'), 80).size(),
            80 + std::string("…").size());
}

}  // namespace
}  // namespace loadlaw::base
