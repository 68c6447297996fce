// The response side of the OpenAI wire format: SSE chunks in the OpenAI
// chunk format, non-streaming bodies and the model list. Token events are on
// the hot path of the server, so they are built by appending to a JSON head
// prepared once per request.

#include <nlohmann/json.hpp>

#include "loadlaw/sim/tokens.h"
#include "sim/openai_internal.h"

namespace loadlaw::sim {
namespace {

using nlohmann::json;

const char* ObjectName(Endpoint endpoint, bool stream) {
  if (endpoint == Endpoint::kChat) {
    return stream ? "chat.completion.chunk" : "chat.completion";
  }
  return "text_completion";
}

void AppendInt(std::string* out, std::int64_t value) {
  out->append(std::to_string(value));
}

}  // namespace

const char* FinishReason(std::int64_t output_tokens, std::int64_t max_tokens) {
  return output_tokens >= max_tokens ? "length" : "stop";
}

std::string ModelsBody(const std::string& model, std::int64_t created_s,
                       std::int64_t max_model_len) {
  json entry = {{"id", model},           {"object", "model"},
                {"created", created_s},  {"owned_by", "loadlaw"},
                {"root", model},         {"max_model_len", max_model_len}};
  return json{{"object", "list"}, {"data", json::array({entry})}}.dump();
}

ResponseFormat::ResponseFormat(Endpoint endpoint, const std::string& id,
                               std::int64_t created_s, const std::string& model)
    : endpoint_(endpoint), id_(id), created_s_(created_s), model_(model) {
  meta_ = "{\"id\":" + json(id).dump() + ",\"object\":\"" +
          ObjectName(endpoint, /*stream=*/true) +
          "\",\"created\":" + std::to_string(created_s) +
          ",\"model\":" + json(model).dump() + ",";
}

void ResponseFormat::AppendTokenJson(std::string* out, std::int64_t index,
                                     const char* finish_reason) const {
  out->append(meta_);
  if (endpoint_ == Endpoint::kChat) {
    out->append("\"choices\":[{\"index\":0,\"delta\":{");
    if (index == 1) out->append("\"role\":\"assistant\",");
    out->append("\"content\":\"");
    out->append(OutputTokenText(index));
    out->append("\"},");
  } else {
    out->append("\"choices\":[{\"index\":0,\"text\":\"");
    out->append(OutputTokenText(index));
    out->append("\",");
  }
  out->append("\"logprobs\":null,\"finish_reason\":");
  if (finish_reason == nullptr) {
    out->append("null");
  } else {
    out->append("\"").append(finish_reason).append("\"");
  }
  out->append("}]}");
}

void ResponseFormat::AppendTokenEvent(std::string* out, std::int64_t index,
                                      const char* finish_reason) const {
  out->append("data: ");
  AppendTokenJson(out, index, finish_reason);
  out->append("\n\n");
}

void ResponseFormat::AppendGarbledEvent(std::string* out,
                                        std::int64_t index) const {
  std::string event;
  AppendTokenJson(&event, index, nullptr);
  out->append("data: ");
  out->append(event, 0, event.size() / 2);  // an unterminated JSON object
  out->append("\n\n");
}

void ResponseFormat::AppendUsageEvent(std::string* out,
                                      std::int64_t prompt_tokens,
                                      std::int64_t completion_tokens) const {
  out->append("data: ");
  out->append(meta_);
  out->append("\"choices\":[],\"usage\":{\"prompt_tokens\":");
  AppendInt(out, prompt_tokens);
  out->append(",\"completion_tokens\":");
  AppendInt(out, completion_tokens);
  out->append(",\"total_tokens\":");
  AppendInt(out, prompt_tokens + completion_tokens);
  out->append("}}\n\n");
}

void ResponseFormat::AppendDoneEvent(std::string* out) {
  out->append("data: [DONE]\n\n");
}

std::string ResponseFormat::Body(std::int64_t output_tokens,
                                 std::int64_t prompt_tokens,
                                 const char* finish_reason) const {
  std::string text;
  for (std::int64_t i = 1; i <= output_tokens; ++i) {
    text.append(OutputTokenText(i));
  }
  json choice = {{"index", 0},
                 {"logprobs", nullptr},
                 {"finish_reason", finish_reason}};
  if (endpoint_ == Endpoint::kChat) {
    choice["message"] = {{"role", "assistant"}, {"content", text}};
  } else {
    choice["text"] = text;
  }
  json usage = {{"prompt_tokens", prompt_tokens},
                {"completion_tokens", output_tokens},
                {"total_tokens", prompt_tokens + output_tokens}};
  json body = {{"id", id_},
               {"object", ObjectName(endpoint_, /*stream=*/false)},
               {"created", created_s_},
               {"model", model_},
               {"choices", json::array({choice})},
               {"usage", usage}};
  return body.dump();
}

}  // namespace loadlaw::sim
