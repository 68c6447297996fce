// What the decoder needs from one streamed chunk (a chat or completions
// chunk, JSON), read without building a document: DOM parsing of every chunk
// was about a quarter of the client's CPU per streamed token. A chunk that
// reports an error is only flagged; the decoder reads those the slow way.

#ifndef LOADLAW_RUNNER_CHUNK_READER_INTERNAL_H_
#define LOADLAW_RUNNER_CHUNK_READER_INTERNAL_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace loadlaw::runner::internal {

// The most tokens a server's usage may report for one answer. A count that
// is negative, larger, fractional or not a number is not believed: the
// answer is malformed (docs/metrics.md, "Token counts").
inline constexpr std::int64_t kMaxUsageTokens = 1'000'000'000;

// A usage count (prompt_tokens, completion_tokens) that reads as `value`:
// the count, or nullopt when it cannot be one.
std::optional<std::int64_t> UsageCount(double value);
// Why the usage count `key`, written `text`, is not believed:
// "usage.completion_tokens is -5: not a token count (0 to 1000000000)".
std::string UsageProblem(std::string_view key, std::string_view text);

struct ChunkFields {
  bool is_object = false;
  // An "error" member that is not null, or "object": "error".
  bool reports_error = false;
  bool has_id = false;
  std::string id;
  std::optional<std::int64_t> usage_prompt_tokens;
  std::optional<std::int64_t> usage_completion_tokens;
  std::string usage_problem;  // a usage count not believed (UsageCount)
  // Some choice carried output (as ChoiceHasOutput decides), and its text
  // (the content of the deltas or messages, or the completions text) when
  // asked to keep it.
  bool output = false;
  std::string text;
  bool finished = false;  // a choice with a non-null finish_reason

  std::string key_scratch;  // the reader's, kept for its capacity
};

// Reads `data` into *out; false when it is not a JSON object.
bool ReadChunk(std::string_view data, bool keep_text, ChunkFields* out);

}  // namespace loadlaw::runner::internal

#endif  // LOADLAW_RUNNER_CHUNK_READER_INTERNAL_H_
