// The simulator's output lengths from max_tokens (SimConfig::output_dist).

#include <gtest/gtest.h>

#include <random>

#include "loadlaw/sim/tokens.h"
#include "sim/output_length_internal.h"

namespace loadlaw::sim {
namespace {

TEST(OutputLengthTest, Distributions) {
  SimConfig config;
  std::mt19937_64 rng(1);
  EXPECT_EQ(SampleOutputTokens(config, 100, rng), 100);  // fixed
  config.output_dist = kOutputDistUniform;
  double sum = 0;
  for (int i = 0; i < 4000; ++i) {
    const std::int64_t n = SampleOutputTokens(config, 100, rng);
    ASSERT_GE(n, 1);
    ASSERT_LE(n, 100);
    sum += n;
  }
  EXPECT_NEAR(sum / 4000, 50.5, 1.5);
  config.output_dist = kOutputDistGeometric;
  config.output_mean_tokens = 20;
  sum = 0;
  for (int i = 0; i < 4000; ++i) {
    const std::int64_t n = SampleOutputTokens(config, 100000, rng);
    ASSERT_GE(n, 1);
    sum += n;
  }
  EXPECT_NEAR(sum / 4000, 20.0, 1.2);
  EXPECT_LE(SampleOutputTokens(config, 3, rng), 3);
}

TEST(TokensTest, OutputTokensAreWordsThatCycle) {
  EXPECT_FALSE(OutputTokenText(1).empty());
  EXPECT_EQ(OutputTokenText(1), OutputTokenText(17));
}

}  // namespace
}  // namespace loadlaw::sim
