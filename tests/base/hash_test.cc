#include "loadlaw/base/hash.h"

#include <gtest/gtest.h>

namespace loadlaw::base {
namespace {

TEST(Fnv1a64HexTest, MatchesTheReferenceVectors) {
  EXPECT_EQ(Fnv1a64Hex(""), "cbf29ce484222325");
  EXPECT_EQ(Fnv1a64Hex("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(Fnv1a64Hex("foobar"), "85944171f73967e8");
}

}  // namespace
}  // namespace loadlaw::base
