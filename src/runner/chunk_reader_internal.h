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

struct ChunkFields {
  bool is_object = false;
  // An "error" member that is not null, or "object": "error".
  bool reports_error = false;
  bool has_id = false;
  std::string id;
  std::optional<std::int64_t> usage_prompt_tokens;
  std::optional<std::int64_t> usage_completion_tokens;
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
