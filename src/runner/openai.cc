// Building OpenAI-compatible requests and decoding their answers.

#include "runner/openai_internal.h"

namespace loadlaw::runner::internal {
namespace {

using nlohmann::json;

constexpr std::size_t kSampleBytes = 160;
// A response id longer than this is cut (ids join records with server logs).
constexpr std::size_t kMaxIdBytes = 256;

const base::Redactor& OrNone(const base::Redactor* redactor) {
  static const base::Redactor kNone;
  return redactor != nullptr ? *redactor : kNone;
}

bool NonEmptyString(const json& object, const char* key, std::string* text) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return false;
  const std::string& value = it->get_ref<const std::string&>();
  if (value.empty()) return false;
  if (text != nullptr) *text += value;
  return true;
}

bool DeltaHasOutput(const json& delta, std::string* text) {
  if (!delta.is_object()) return false;
  bool output = NonEmptyString(delta, "content", text);
  output = NonEmptyString(delta, "reasoning_content", nullptr) || output;
  output = NonEmptyString(delta, "reasoning", nullptr) || output;
  const auto tools = delta.find("tool_calls");
  if (tools != delta.end() && tools->is_array() && !tools->empty()) {
    output = true;
  }
  return output;
}

// The usage count `key` of `usage`, as UsageCount believes it.
std::optional<std::int64_t> ReadCount(const json& usage, const char* key,
                                      Answer* answer) {
  const auto it = usage.find(key);
  if (it == usage.end() || it->is_null()) return std::nullopt;
  const std::optional<std::int64_t> count =
      it->is_number() ? UsageCount(it->get<double>()) : std::nullopt;
  if (!count && answer->usage_problem.empty()) {
    answer->usage_problem = UsageProblem(key, it->dump());
  }
  return count;
}

void ReadUsage(const json& doc, Answer* answer) {
  const auto usage = doc.find("usage");
  if (usage == doc.end() || !usage->is_object()) return;
  if (const auto n = ReadCount(*usage, "prompt_tokens", answer)) {
    answer->usage_prompt_tokens = n;
  }
  if (const auto n = ReadCount(*usage, "completion_tokens", answer)) {
    answer->usage_completion_tokens = n;
  }
}

std::string ErrorText(const json& error) {
  // TGI sends {"error": "text", "error_type": ...}.
  if (error.is_string()) return error.get<std::string>();
  if (error.is_object()) {
    const auto message = error.find("message");
    if (message != error.end() && message->is_string()) {
      return message->get<std::string>();
    }
  }
  return error.dump();
}

// The error a chunk or body reports, if any: an "error" member (OpenAI,
// llama.cpp, newer vLLM: an object; TGI: a string), or the whole document
// when it is {"object": "error", "message": ...} (vLLM before its errors
// were nested under "error").
std::optional<std::string> ReportedError(const json& doc) {
  const auto error = doc.find("error");
  if (error != doc.end() && !error->is_null()) return ErrorText(*error);
  const auto object = doc.find("object");
  if (object != doc.end() && object->is_string() && *object == "error") {
    return ErrorText(doc);
  }
  return std::nullopt;
}

}  // namespace

bool ChoiceHasOutput(const json& choice, std::string* text) {
  if (!choice.is_object()) return false;
  const auto delta = choice.find("delta");
  if (delta != choice.end()) return DeltaHasOutput(*delta, text);
  const auto message = choice.find("message");
  if (message != choice.end()) return DeltaHasOutput(*message, text);
  return NonEmptyString(choice, "text", text);
}

StreamDecoder::StreamDecoder(const base::Redactor* redactor)
    : redactor_(&OrNone(redactor)) {}

void StreamDecoder::Reset(bool keep_text) {
  parser_.Reset();
  answer_ = Answer();
  keep_text_ = keep_text;
}

void StreamDecoder::Feed(std::string_view bytes, std::chrono::nanoseconds now) {
  parser_.Feed(bytes, [&](const SseEvent& e) { OnEvent(e, now); });
}

void StreamDecoder::Finish(std::chrono::nanoseconds now) {
  parser_.Finish([&](const SseEvent& e) { OnEvent(e, now); });
}

void StreamDecoder::MarkMalformed(std::string_view data) {
  if (!answer_.malformed) {
    answer_.malformed = true;
    answer_.malformed_sample = redactor_->Line(data, kSampleBytes);
  }
}

void StreamDecoder::OnEvent(const SseEvent& event,
                            std::chrono::nanoseconds now) {
  if (event.type == "error") {
    answer_.error_event = true;
    answer_.error_message = redactor_->Line(event.data, kSampleBytes);
    return;
  }
  if (event.data == "[DONE]") {
    answer_.done = true;
    return;
  }
  if (!ReadChunk(event.data, keep_text_, &fields_)) {
    MarkMalformed(event.data);
    return;
  }
  if (fields_.reports_error) {  // rare: read it whole, the slow way
    OnChunk(json::parse(event.data), now);
    return;
  }
  if (fields_.has_id && answer_.response_id.empty()) {
    answer_.response_id = redactor_->Line(fields_.id, kMaxIdBytes);
  }
  if (fields_.usage_prompt_tokens) {
    answer_.usage_prompt_tokens = fields_.usage_prompt_tokens;
  }
  if (fields_.usage_completion_tokens) {
    answer_.usage_completion_tokens = fields_.usage_completion_tokens;
  }
  if (!fields_.usage_problem.empty() && answer_.usage_problem.empty()) {
    answer_.usage_problem = fields_.usage_problem;
  }
  if (fields_.finished) answer_.finished = true;
  if (!fields_.output) return;
  answer_.text += fields_.text;
  CountOutput(now);
}

void StreamDecoder::CountOutput(std::chrono::nanoseconds now) {
  if (answer_.t_last) answer_.chunk_gaps.push_back(now - *answer_.t_last);
  if (!answer_.t_first) answer_.t_first = now;
  answer_.t_last = now;
  ++answer_.output_chunks;
}

void StreamDecoder::OnChunk(const json& chunk, std::chrono::nanoseconds now) {
  if (const auto error = ReportedError(chunk)) {
    answer_.error_event = true;
    answer_.error_message = redactor_->Line(*error, kSampleBytes);
    return;
  }
  if (answer_.response_id.empty()) {
    const auto id = chunk.find("id");
    if (id != chunk.end() && id->is_string()) {
      answer_.response_id =
          redactor_->Line(id->get_ref<const std::string&>(), kMaxIdBytes);
    }
  }
  ReadUsage(chunk, &answer_);
  const auto choices = chunk.find("choices");
  if (choices == chunk.end() || !choices->is_array()) return;
  bool output = false;
  for (const json& choice : *choices) {
    output =
        ChoiceHasOutput(choice, keep_text_ ? &answer_.text : nullptr) || output;
    const auto finish =
        choice.is_object() ? choice.find("finish_reason") : choice.end();
    if (finish != choice.end() && !finish->is_null()) answer_.finished = true;
  }
  if (output) CountOutput(now);
}

void DecodeBody(std::string_view body, Answer* answer,
                const base::Redactor* redactor) {
  const base::Redactor& secrets = OrNone(redactor);
  json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    answer->malformed = true;
    answer->malformed_sample = secrets.Line(body, kSampleBytes);
    return;
  }
  if (const auto error = ReportedError(doc)) {
    answer->error_event = true;
    answer->error_message = secrets.Line(*error, kSampleBytes);
    return;
  }
  const auto id = doc.find("id");
  if (id != doc.end() && id->is_string()) {
    answer->response_id =
        secrets.Line(id->get_ref<const std::string&>(), kMaxIdBytes);
  }
  ReadUsage(doc, answer);
  const auto choices = doc.find("choices");
  if (choices == doc.end() || !choices->is_array()) {
    answer->malformed = true;
    answer->malformed_sample = "no \"choices\" array in the answer";
    return;
  }
  for (const json& choice : *choices) {
    if (ChoiceHasOutput(choice, &answer->text)) ++answer->output_chunks;
  }
  answer->done = true;
  answer->finished = true;
}

std::string ApiUrl(std::string_view target, workload::Api api) {
  std::string base(target);
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (api == workload::Api::kHttp) return base;
  if (base.size() < 3 || base.compare(base.size() - 3, 3, "/v1") != 0) {
    base += "/v1";
  }
  return base +
         (api == workload::Api::kChat ? "/chat/completions" : "/completions");
}

std::string BuildBody(const workload::Scenario& scenario,
                      const workload::Turn& turn, const std::string& model,
                      const json* extra_body) {
  json body = json::object();
  if (!model.empty()) body["model"] = model;
  if (scenario.api == workload::Api::kChat) {
    json messages = json::array();
    for (const workload::Message& m : turn.messages) {
      messages.push_back({{"role", m.role}, {"content", m.content}});
    }
    body["messages"] = std::move(messages);
  } else {
    body["prompt"] = turn.prompt;
  }
  body["max_tokens"] = turn.max_tokens;
  if (scenario.temperature) body["temperature"] = *scenario.temperature;
  body["stream"] = scenario.stream;
  if (scenario.stream) body["stream_options"] = {{"include_usage", true}};
  if (extra_body != nullptr) body.update(*extra_body);
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace loadlaw::runner::internal
