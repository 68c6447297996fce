// Expectations on answers: a regex search that stays linear on long answers.

#include "loadlaw/workload/workload.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace loadlaw::workload {
namespace {

// About `tokens` tokens of output, 4 characters each, one line every 16.
std::string LongAnswer(int tokens) {
  std::string text;
  for (int i = 0; i < tokens; ++i) text += i % 16 == 15 ? "tok\n" : "tok ";
  return text;
}

// std::regex recursed once per character on these and overflowed the stack
// (SIGSEGV) at 16,000 and 4,000 tokens.
TEST(ExpectationTest, RegexOnALongAnswerNeitherRecursesNorCrashes) {
  std::string why;
  const std::string answer = LongAnswer(16000);
  EXPECT_FALSE(Expectation::Regex(".*ZZZ").Check(answer, &why));
  EXPECT_EQ(why, "answer does not match /.*ZZZ/");
  EXPECT_FALSE(Expectation::Regex("(.|\n)*ZZZ").Check(LongAnswer(4000), &why));
  EXPECT_TRUE(Expectation::Regex("(.|\n)*ZZZ").Check(answer + "ZZZ", nullptr));
  const std::string huge = LongAnswer(1 << 20);  // 4 MiB
  EXPECT_TRUE(Expectation::Regex("(?s)tok.*tok\\s*$").Check(huge, nullptr));
}

TEST(ExpectationTest, PatternsAreRe2Syntax) {
  EXPECT_TRUE(Expectation::Regex("(?:billing|outage|other)")
                  .Check("category: outage", nullptr));
  EXPECT_TRUE(Expectation::Regex("^\\d{3}-\\w+$").Check("123-abc", nullptr));
  // Lookaround and backreferences are not RE2: refused when read.
  for (const char* pattern : {"a(?=b)", "(a)\\1", "(("}) {
    try {
      Expectation::Regex(pattern);
      ADD_FAILURE() << pattern;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("not a valid RE2 regex"),
                std::string::npos)
          << e.what();
    }
  }
}

}  // namespace
}  // namespace loadlaw::workload
