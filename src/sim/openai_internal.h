// The OpenAI wire format of the simulator: request validation, error bodies,
// SSE chunks and non-streaming bodies. No I/O here.

#ifndef LOADLAW_SIM_OPENAI_INTERNAL_H_
#define LOADLAW_SIM_OPENAI_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace loadlaw::sim {

enum class Endpoint { kChat, kCompletions };

inline constexpr char kChatPath[] = "/v1/chat/completions";
inline constexpr char kCompletionsPath[] = "/v1/completions";

// The parts of a completion request the simulator acts on.
struct CompletionRequest {
  Endpoint endpoint = Endpoint::kChat;
  std::int64_t prompt_tokens = 1;
  std::int64_t max_tokens = 1;
  bool stream = false;
  bool include_usage = false;  // stream_options.include_usage
};

// An OpenAI-style error: {"error": {"message", "type", "param", "code"}}.
struct ApiError {
  int status = 400;
  std::string type = "invalid_request_error";
  std::string message;
  std::string param;  // empty: null
  std::string code;   // empty: null
};

// Validates a request body for `endpoint`. Returns false with *error filled
// (status 400, naming the bad parameter) for invalid JSON, a missing or
// malformed `messages` / `prompt`, max_tokens < 1, or n != 1.
bool ParseCompletionRequest(Endpoint endpoint, std::string_view body,
                            std::int64_t default_max_tokens,
                            CompletionRequest* request, ApiError* error);

std::string ErrorBody(const ApiError& error);

// GET /v1/models.
std::string ModelsBody(const std::string& model, std::int64_t created_s,
                       std::int64_t max_model_len);

// "length" when the output reached max_tokens, else "stop".
const char* FinishReason(std::int64_t output_tokens, std::int64_t max_tokens);

// The SSE events and bodies of one request; the common JSON head is built
// once so a token chunk costs a few appends.
class ResponseFormat {
 public:
  ResponseFormat(Endpoint endpoint, const std::string& id,
                 std::int64_t created_s, const std::string& model);

  // One `data: {...}\n\n` event carrying token `index` (1-based);
  // finish_reason is null (nullptr) except on the last token.
  void AppendTokenEvent(std::string* out, std::int64_t index,
                        const char* finish_reason) const;
  // The same event cut in the middle of its JSON: a malformed chunk.
  void AppendGarbledEvent(std::string* out, std::int64_t index) const;
  // The final usage event (choices empty), for stream_options.include_usage.
  void AppendUsageEvent(std::string* out, std::int64_t prompt_tokens,
                        std::int64_t completion_tokens) const;
  static void AppendDoneEvent(std::string* out);

  // The non-streaming response body.
  std::string Body(std::int64_t output_tokens, std::int64_t prompt_tokens,
                   const char* finish_reason) const;

 private:
  void AppendTokenJson(std::string* out, std::int64_t index,
                       const char* finish_reason) const;

  Endpoint endpoint_;
  std::string id_;
  std::int64_t created_s_;
  std::string model_;
  std::string meta_;  // {"id":..,"object":..,"created":..,"model":..,
};

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_OPENAI_INTERNAL_H_
