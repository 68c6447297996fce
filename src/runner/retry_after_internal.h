// Retry-After (RFC 9110, section 10.2.3): how long a server that answered 429
// asks a client to wait. Either delay-seconds ("120") or an HTTP-date in any
// of the three forms a recipient must accept: IMF-fixdate ("Sun, 06 Nov 1994
// 08:49:37 GMT"), the obsolete RFC 850 form ("Sunday, 06-Nov-94 08:49:37
// GMT") and asctime's ("Sun Nov  6 08:49:37 1994"). A date is read against
// the answer's own Date header when it has one (the server's clock, so that
// clock skew does not count), else against this machine's clock.
//
//   std::optional<std::chrono::nanoseconds> wait = RetryAfterDelay(
//       "Wed, 21 Oct 2015 07:28:00 GMT", ParseHttpDate(date_header), now_s);

#ifndef LOADLAW_RUNNER_RETRY_AFTER_INTERNAL_H_
#define LOADLAW_RUNNER_RETRY_AFTER_INTERNAL_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace loadlaw::runner::internal {

// The longest wait a Retry-After can say (a larger one, such as an integer
// that overflows, is taken as this; the run's max_retry_after cuts it).
inline constexpr std::int64_t kMaxRetryAfterSeconds = 1'000'000'000;

// The Unix time of an HTTP-date in any of its three forms; nullopt when
// `text` is not one.
std::optional<std::int64_t> ParseHttpDate(std::string_view text);

// The wait a Retry-After `value` asks for: seconds, or an HTTP-date less the
// answer's Date (`server_now_s`, when it sent one) or `local_now_s` (never
// below 0, at most kMaxRetryAfterSeconds); nullopt when `value` is neither.
std::optional<std::chrono::nanoseconds> RetryAfterDelay(
    std::string_view value, std::optional<std::int64_t> server_now_s,
    std::int64_t local_now_s);

}  // namespace loadlaw::runner::internal

#endif  // LOADLAW_RUNNER_RETRY_AFTER_INTERNAL_H_
