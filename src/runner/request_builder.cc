// Per-scenario wire settings and request construction.

#include "runner/request_builder_internal.h"

namespace loadlaw::runner::internal {
namespace {

AnswerMode ModeOf(const workload::Scenario& s) {
  if (s.api == workload::Api::kHttp) return AnswerMode::kHttp;
  return s.stream ? AnswerMode::kStream : AnswerMode::kBody;
}

std::string ModelOf(const RunOptions& options, const workload::Scenario& s) {
  if (!options.model.empty()) return options.model;
  if (!s.model.empty()) return s.model;
  return options.workload.model;
}

// Whether the scenario sets the header `name` itself.
bool Sets(const workload::Scenario& s, std::string_view name) {
  for (const auto& header : s.http.headers) {
    if (workload::SameHeaderName(header.first, name)) return true;
  }
  return false;
}

}  // namespace

std::string ReplaceSeq(const std::string& text, std::uint64_t seq) {
  static const std::string kToken = "{{seq}}";
  std::size_t at = text.find(kToken);
  if (at == std::string::npos) return text;
  std::string out = text;
  const std::string value = std::to_string(seq);
  for (; at != std::string::npos; at = out.find(kToken, at + value.size())) {
    out.replace(at, kToken.size(), value);
  }
  return out;
}

RequestBuilder::RequestBuilder(const RunOptions& options,
                               const std::string& api_key)
    : options_(options) {
  wires_.resize(options.workload.scenarios.size());
  for (std::size_t i = 0; i < wires_.size(); ++i) {
    const workload::Scenario& s = options.workload.scenarios[i];
    Wire& w = wires_[i];
    w.mode = ModeOf(s);
    w.model = ModelOf(options, s);
    w.url = ApiUrl(options.target_url, s.api);
    if (s.api == workload::Api::kHttp) {
      w.url += s.http.path;
      for (const auto& [name, value] : s.http.headers) {
        w.headers.Append(name + ": " + value);
      }
    } else {
      w.headers.Append("Content-Type: application/json");
      w.headers.Append(s.stream ? "Accept: text/event-stream"
                                : "Accept: application/json");
    }
    // A header the scenario sets is sent once, as it says: its own
    // Authorization wins over the API key's.
    if (!api_key.empty() && !Sets(s, "Authorization")) {
      w.headers.Append("Authorization: Bearer " + api_key);
    }
    if (!Sets(s, "Expect")) w.headers.Append("Expect:");  // no 100-continue
    if (!Sets(s, "User-Agent")) {
      w.headers.Append("User-Agent: loadlaw/" LOADLAW_VERSION);
    }
    if (!s.extra_body_json.empty()) {
      w.extra_body = nlohmann::json::parse(s.extra_body_json);
    }
  }
}

RequestPlan RequestBuilder::Build(int scenario, const workload::Turn& turn,
                                  std::uint64_t seq) const {
  const workload::Scenario& s =
      options_.workload.scenarios[static_cast<std::size_t>(scenario)];
  const Wire& w = wires_[static_cast<std::size_t>(scenario)];
  RequestPlan plan;
  plan.headers = w.headers.get();
  plan.mode = w.mode;
  plan.expect = s.expect.kind() == workload::Expectation::Kind::kNone
                    ? nullptr
                    : &s.expect;
  plan.keep_text = plan.expect != nullptr || !turn.last;
  if (s.api == workload::Api::kHttp) {
    plan.url = ReplaceSeq(w.url, seq);
    plan.method = s.http.method;
    plan.body = ReplaceSeq(s.http.body, seq);
    return plan;
  }
  plan.url = w.url;
  plan.method = "POST";
  plan.body =
      BuildBody(s, turn, w.model, w.extra_body ? &*w.extra_body : nullptr);
  return plan;
}

}  // namespace loadlaw::runner::internal
