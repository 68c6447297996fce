// Retry-After in both of its forms, and the three forms of an HTTP-date.

#include "runner/retry_after_internal.h"

#include <gtest/gtest.h>

namespace loadlaw::runner::internal {
namespace {

using std::chrono::nanoseconds;
using std::chrono::seconds;

// Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110's example).
constexpr std::int64_t kExample = 784111777;

TEST(HttpDateTest, ReadsEveryFormARecipientMustAccept) {
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), kExample);
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), kExample);
  EXPECT_EQ(ParseHttpDate("Sun Nov  6 08:49:37 1994"), kExample);
  EXPECT_EQ(ParseHttpDate("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
  EXPECT_EQ(ParseHttpDate("Wednesday, 01-Jan-30 00:00:00 GMT"), 1893456000);
  for (const char* bad :
       {"", "120", "Sun, 06 Nov 1994 08:49:37 PST",
        "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT",
        "tomorrow"}) {
    EXPECT_FALSE(ParseHttpDate(bad)) << bad;
  }
}

TEST(RetryAfterTest, SecondsAndDatesBecomeAWait) {
  EXPECT_EQ(RetryAfterDelay("120", std::nullopt, 0), seconds(120));
  EXPECT_EQ(RetryAfterDelay(" 0 ", std::nullopt, 0), seconds(0));
  EXPECT_EQ(RetryAfterDelay("1.5", std::nullopt, 0),
            nanoseconds(1'500'000'000));
  // An integer that overflows every type: the longest wait, not none.
  EXPECT_EQ(RetryAfterDelay("99999999999999999999999", std::nullopt, 0),
            seconds(kMaxRetryAfterSeconds));
  // A date against the answer's own Date header (the server's clock) ...
  EXPECT_EQ(RetryAfterDelay("Sun, 06 Nov 1994 08:49:39 GMT", kExample, 5),
            seconds(2));
  // ... else against this machine's clock.
  EXPECT_EQ(RetryAfterDelay("Sun, 06 Nov 1994 08:49:39 GMT", std::nullopt,
                            kExample - 10),
            seconds(12));
  EXPECT_EQ(RetryAfterDelay("Sun, 06 Nov 1994 08:49:30 GMT", kExample, 0),
            seconds(0));  // already past
  for (const char* bad : {"", "-5", "soon", "1.2.3", "0x10"}) {
    EXPECT_FALSE(RetryAfterDelay(bad, std::nullopt, 0)) << bad;
  }
}

}  // namespace
}  // namespace loadlaw::runner::internal
