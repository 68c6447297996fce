// The OpenAI-compatible wire format: request bodies and URLs for the chat and
// completions APIs, and the decoding of their answers (an SSE stream of
// chunks, or one JSON body).

#ifndef LOADLAW_RUNNER_OPENAI_INTERNAL_H_
#define LOADLAW_RUNNER_OPENAI_INTERNAL_H_

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loadlaw/base/redact.h"
#include "loadlaw/workload/session.h"
#include "loadlaw/workload/workload.h"
#include "runner/chunk_reader_internal.h"
#include "runner/sse_parser_internal.h"

namespace loadlaw::runner::internal {

// What an answer said, streamed or not.
struct Answer {
  std::optional<std::chrono::nanoseconds> t_first;  // first output chunk
  std::optional<std::chrono::nanoseconds> t_last;
  std::vector<std::chrono::nanoseconds> chunk_gaps;
  std::int64_t output_chunks = 0;
  std::optional<std::int64_t> usage_prompt_tokens;
  std::optional<std::int64_t> usage_completion_tokens;
  // A usage count not believed (negative, too large, not a whole number):
  // the answer is malformed.
  std::string usage_problem;
  std::string text;  // the output, when kept
  std::string response_id;
  bool done = false;       // "[DONE]" seen
  bool finished = false;   // a finish_reason seen
  bool malformed = false;  // a chunk that is not the expected JSON
  std::string malformed_sample;
  bool error_event = false;  // the server reported an error in the stream
  std::string error_message;
};

// Decodes the SSE stream of a streaming chat or completions request. Text
// the server sends that may be shown (an error, a malformed chunk, the
// response id) is redacted with `redactor` before it is cut to length.
class StreamDecoder {
 public:
  // `redactor` (not owned) outlives the decoder; null: nothing to redact.
  explicit StreamDecoder(const base::Redactor* redactor = nullptr);
  // keep_text: accumulate the output text (for history and expectations).
  void Reset(bool keep_text);
  void Feed(std::string_view bytes, std::chrono::nanoseconds now);
  void Finish(std::chrono::nanoseconds now);

  const Answer& answer() const { return answer_; }
  Answer& mutable_answer() { return answer_; }
  const SseParser& parser() const { return parser_; }

 private:
  void OnEvent(const SseEvent& event, std::chrono::nanoseconds now);
  void OnChunk(const nlohmann::json& chunk, std::chrono::nanoseconds now);
  void CountOutput(std::chrono::nanoseconds now);
  void MarkMalformed(std::string_view data);

  const base::Redactor* redactor_;
  SseParser parser_;
  Answer answer_;
  ChunkFields fields_;  // reused from chunk to chunk
  bool keep_text_ = false;
};

// Decodes a non-streaming chat or completions body into `answer` (text and
// usage); marks it malformed when it is not the expected JSON. Text that may
// be shown is redacted with `redactor` (null: none) before it is cut.
void DecodeBody(std::string_view body, Answer* answer,
                const base::Redactor* redactor = nullptr);

// Output carried by one choice of a chunk (chat delta or completions text);
// appends its text to *text when not null. True when the choice carries
// content, reasoning or a tool call.
bool ChoiceHasOutput(const nlohmann::json& choice, std::string* text);

// URLs of the APIs under a base URL given with or without "/v1".
std::string ApiUrl(std::string_view target, workload::Api api);

// The JSON body of a chat or completions request.
std::string BuildBody(const workload::Scenario& scenario,
                      const workload::Turn& turn, const std::string& model,
                      const nlohmann::json* extra_body);

}  // namespace loadlaw::runner::internal

#endif  // LOADLAW_RUNNER_OPENAI_INTERNAL_H_
