// File: loadlaw/telemetry/request_record.h
// One measured request, as the runner hands it to the recorders and writes it
// to the records file, and the error classes of docs/metrics.md.
//
//   loadlaw::telemetry::RequestRecord r;
//   r.t_send = std::chrono::milliseconds(10);
//   r.t_first = std::chrono::milliseconds(60);
//   r.t_done = std::chrono::milliseconds(900);
//   double ttft_s = loadlaw::base::ToSeconds(r.t_first - r.t_send);
//   std::string_view name = loadlaw::telemetry::ErrorClassName(
//       loadlaw::telemetry::ErrorClass::kHttp429);  // "http_429"

#ifndef LOADLAW_TELEMETRY_REQUEST_RECORD_H_
#define LOADLAW_TELEMETRY_REQUEST_RECORD_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loadlaw::telemetry {

// Why a request failed; kNone for a completion. Errors are data: each class is
// counted, never thrown.
enum class ErrorClass {
  kNone = 0,
  kConnect,       // DNS failure, refused or unreachable, TLS handshake
  kTimeout,       // no complete answer within the request timeout
  kHttp429,       // rate limited
  kHttp4xx,       // any other non-2xx status below 500
  kHttp5xx,       // status 500 and above
  kStreamBroken,  // the answer stopped before its end (cut, error event)
  kMalformed,     // unparseable answer: bad JSON or SSE, not SSE, too big
  kValidation,    // a complete answer that failed the scenario's expectation
};
inline constexpr int kErrorClassCount = 8;  // classes other than kNone

// "connect", "timeout", "http_429", "http_4xx", "http_5xx", "stream_broken",
// "malformed", "validation"; "none" for kNone.
std::string_view ErrorClassName(ErrorClass error);

// The classes other than kNone, in declaration order.
const std::array<ErrorClass, kErrorClassCount>& AllErrorClasses();

// Where a request's output token count comes from.
enum class TokenSource {
  kNone = 0,  // nothing known (failed request, generic HTTP)
  kUsage,     // the server's `usage` object
  kChunks,    // the count of output chunks (the server sent no usage)
};
std::string_view TokenSourceName(TokenSource source);  // "usage", "chunks"

// Which part of a level a request belongs to (by its t_done, or, for runs
// that stop after a request count, by whether it was counted).
enum class Phase { kWarmup, kMeasure, kDrain };
std::string_view PhaseName(Phase phase);  // "warmup", "measure", "drain"

// Timestamps are from the start of the run (see docs/metrics.md): t_sched
// intended start, t_send handed to the transport, t_first / t_last first and
// last chunk carrying output, t_done end of the answer.
struct RequestRecord {
  std::uint64_t id = 0;
  int level = 0;
  Phase phase = Phase::kMeasure;
  bool open_loop = false;
  int scenario = 0;
  std::uint64_t session = 0;
  int turn = 0;           // 0-based turn within the session
  bool last_turn = true;  // whether the session ends with this turn

  std::chrono::nanoseconds t_sched{0};
  std::chrono::nanoseconds t_send{0};
  std::optional<std::chrono::nanoseconds> t_first;
  std::optional<std::chrono::nanoseconds> t_last;
  std::chrono::nanoseconds t_done{0};

  int http_status = 0;  // 0 when no status line arrived
  ErrorClass error = ErrorClass::kNone;
  std::string error_message;  // one line; never carries a credential

  std::int64_t input_tokens = 0;  // the server's usage; 0 when unknown
  std::int64_t output_tokens = 0;
  TokenSource output_tokens_source = TokenSource::kNone;
  std::int64_t output_chunks = 0;
  // Gaps between consecutive output chunks (the ITL samples).
  std::vector<std::chrono::nanoseconds> chunk_gaps;
  std::int64_t response_bytes = 0;
  std::string response_id;  // the `id` of the completion, when sent

  bool ok() const { return error == ErrorClass::kNone; }
};

}  // namespace loadlaw::telemetry

#endif  // LOADLAW_TELEMETRY_REQUEST_RECORD_H_
