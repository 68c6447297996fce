#include "loadlaw/workload/tokens.h"

#include <gtest/gtest.h>

#include <string>

namespace loadlaw::workload {
namespace {

TEST(TokensTest, CharactersOverFourRoundedUp) {
  EXPECT_EQ(CountTokens(""), 1);
  EXPECT_EQ(CountTokens("abcd"), 1);
  EXPECT_EQ(CountTokens("abcde"), 2);
  EXPECT_EQ(CountTokens(std::string(400, 'x')), 100);
  EXPECT_EQ(CountCharacters("h\xc3\xa9llo"), 5);  // "héllo": 5 characters
  EXPECT_EQ(CountTokens("h\xc3\xa9llo"), 2);
  EXPECT_EQ(TokensForCharacters(0), 1);
}

}  // namespace
}  // namespace loadlaw::workload
