// Validation of OpenAI completion requests and the error bodies that answer
// bad ones. Prompt tokens follow the rule of tokens.h over the text the
// request carries (docs/simulator.md, "Token counts").

#include <nlohmann/json.hpp>

#include "loadlaw/sim/tokens.h"
#include "loadlaw/workload/tokens.h"
#include "sim/openai_internal.h"

namespace loadlaw::sim {
namespace {

using nlohmann::json;

bool Reject(ApiError* error, const std::string& param,
            const std::string& message) {
  error->status = 400;
  error->type = "invalid_request_error";
  error->param = param;
  error->message = message;
  error->code.clear();
  return false;
}

// Characters of one message's content: a string, an array of parts whose
// "text" counts, or null.
bool ContentCharacters(const json& content, std::int64_t* chars) {
  if (content.is_null()) return true;
  if (content.is_string()) {
    *chars += workload::CountCharacters(content.get_ref<const std::string&>());
    return true;
  }
  if (!content.is_array()) return false;
  for (const json& part : content) {
    if (!part.is_object()) return false;
    auto text = part.find("text");
    if (text == part.end()) continue;  // images and other parts: no text
    if (!text->is_string()) return false;
    *chars += workload::CountCharacters(text->get_ref<const std::string&>());
  }
  return true;
}

bool ChatPromptTokens(const json& body, std::int64_t* tokens,
                      ApiError* error) {
  auto messages = body.find("messages");
  if (messages == body.end()) {
    return Reject(error, "messages", "'messages' is a required property");
  }
  if (!messages->is_array() || messages->empty()) {
    return Reject(error, "messages", "'messages' must be a non-empty array");
  }
  std::int64_t chars = 0;
  for (const json& message : *messages) {
    if (!message.is_object() || !message.contains("role")) {
      return Reject(error, "messages",
                    "each message must be an object with a 'role'");
    }
    auto content = message.find("content");
    if (content != message.end() && !ContentCharacters(*content, &chars)) {
      return Reject(error, "messages",
                    "message content must be a string, an array of parts "
                    "or null");
    }
  }
  *tokens = workload::TokensForCharacters(chars);
  return true;
}

bool CompletionPromptTokens(const json& body, std::int64_t* tokens,
                            ApiError* error) {
  auto prompt = body.find("prompt");
  if (prompt == body.end()) {
    return Reject(error, "prompt", "'prompt' is a required property");
  }
  if (prompt->is_string()) {
    *tokens = workload::CountTokens(prompt->get_ref<const std::string&>());
    return true;
  }
  if (prompt->is_array() && prompt->size() == 1 && (*prompt)[0].is_string()) {
    *tokens = workload::CountTokens((*prompt)[0].get_ref<const std::string&>());
    return true;
  }
  if (prompt->is_array() && !prompt->empty()) {
    for (const json& id : *prompt) {
      if (!id.is_number_integer()) {
        return Reject(error, "prompt",
                      "'prompt' must be a string, one string in an array, or "
                      "an array of token ids");
      }
    }
    *tokens = static_cast<std::int64_t>(prompt->size());
    return true;
  }
  return Reject(error, "prompt",
                "'prompt' must be a string, one string in an array, or a "
                "non-empty array of token ids");
}

bool ReadMaxTokens(const json& body, Endpoint endpoint,
                   std::int64_t default_max_tokens, std::int64_t* max_tokens,
                   ApiError* error) {
  const char* key = "max_tokens";
  if (endpoint == Endpoint::kChat && body.contains("max_completion_tokens") &&
      !body["max_completion_tokens"].is_null()) {
    key = "max_completion_tokens";
  }
  auto value = body.find(key);
  if (value == body.end() || value->is_null()) {
    *max_tokens = default_max_tokens;
    return true;
  }
  if (!value->is_number_integer()) {
    return Reject(error, key, std::string("'") + key +
                                  "' must be an integer, got " + value->dump());
  }
  std::int64_t parsed = value->get<std::int64_t>();
  if (parsed < 1) {
    return Reject(error, key, std::string("'") + key +
                                  "' must be at least 1, got " +
                                  std::to_string(parsed));
  }
  *max_tokens = parsed;
  return true;
}

bool ReadStreamFlags(const json& body, CompletionRequest* request,
                     ApiError* error) {
  auto stream = body.find("stream");
  if (stream != body.end() && !stream->is_null()) {
    if (!stream->is_boolean()) {
      return Reject(error, "stream", "'stream' must be a boolean");
    }
    request->stream = stream->get<bool>();
  }
  auto options = body.find("stream_options");
  if (options == body.end() || options->is_null()) return true;
  if (!options->is_object()) {
    return Reject(error, "stream_options",
                  "'stream_options' must be an object");
  }
  auto usage = options->find("include_usage");
  if (usage != options->end() && !usage->is_null()) {
    if (!usage->is_boolean()) {
      return Reject(error, "stream_options.include_usage",
                    "'include_usage' must be a boolean");
    }
    request->include_usage = usage->get<bool>();
  }
  return true;
}

bool ReadOtherFields(const json& body, ApiError* error) {
  auto model = body.find("model");
  if (model != body.end() && !model->is_string()) {
    return Reject(error, "model", "'model' must be a string");
  }
  auto n = body.find("n");
  if (n != body.end() && !n->is_null() &&
      !(n->is_number_integer() && n->get<std::int64_t>() == 1)) {
    return Reject(error, "n", "only n = 1 is supported, got " + n->dump());
  }
  return true;
}

}  // namespace

bool ParseCompletionRequest(Endpoint endpoint, std::string_view body,
                            std::int64_t default_max_tokens,
                            CompletionRequest* request, ApiError* error) {
  json root = json::parse(body.begin(), body.end(), nullptr, false);
  if (root.is_discarded()) {
    return Reject(error, "", "the request body is not valid JSON");
  }
  if (!root.is_object()) {
    return Reject(error, "", "the request body must be a JSON object");
  }
  *request = CompletionRequest();
  request->endpoint = endpoint;
  bool prompt_ok =
      endpoint == Endpoint::kChat
          ? ChatPromptTokens(root, &request->prompt_tokens, error)
          : CompletionPromptTokens(root, &request->prompt_tokens, error);
  return prompt_ok &&
         ReadMaxTokens(root, endpoint, default_max_tokens,
                       &request->max_tokens, error) &&
         ReadStreamFlags(root, request, error) && ReadOtherFields(root, error);
}

std::string ErrorBody(const ApiError& error) {
  json inner = {{"message", error.message},
                {"type", error.type},
                {"param", nullptr},
                {"code", nullptr}};
  if (!error.param.empty()) inner["param"] = error.param;
  if (!error.code.empty()) inner["code"] = error.code;
  return json{{"error", inner}}.dump();
}

}  // namespace loadlaw::sim
