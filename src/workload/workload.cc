// Expectations, API names and the default synthetic workload.

#include "loadlaw/workload/workload.h"

#include <re2/re2.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace loadlaw::workload {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

bool SameHeaderName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && Lower(a) == Lower(b);
}

bool IsSecretHeader(const HttpSpec& spec, std::string_view name) {
  for (const std::string& secret : spec.secret_headers) {
    if (SameHeaderName(secret, name)) return true;
  }
  const std::string lower = Lower(name);
  for (const char* part :
       {"auth", "key", "token", "secret", "passw", "cookie"}) {
    if (lower.find(part) != std::string::npos) return true;
  }
  return false;
}

std::string_view ApiName(Api api) {
  switch (api) {
    case Api::kChat:
      return "chat";
    case Api::kCompletions:
      return "completions";
    case Api::kHttp:
      return "http";
  }
  return "chat";
}

Expectation Expectation::Contains(std::string substring) {
  Expectation e;
  e.kind_ = Kind::kContains;
  e.pattern_ = std::move(substring);
  return e;
}

Expectation Expectation::Regex(std::string pattern) {
  Expectation e;
  e.kind_ = Kind::kRegex;
  RE2::Options options;
  options.set_log_errors(false);
  auto regex = std::make_shared<const RE2>(pattern, options);
  if (!regex->ok()) {
    throw std::invalid_argument("not a valid RE2 regex: " + pattern + " (" +
                                regex->error() + ")");
  }
  e.regex_ = std::move(regex);
  e.pattern_ = std::move(pattern);
  return e;
}

Expectation Expectation::ValidJson() {
  Expectation e;
  e.kind_ = Kind::kJson;
  return e;
}

bool Expectation::Check(std::string_view text, std::string* why) const {
  bool ok = true;
  std::string reason;
  switch (kind_) {
    case Kind::kNone:
      break;
    case Kind::kContains:
      ok = text.find(pattern_) != std::string_view::npos;
      reason = "answer does not contain \"" + pattern_ + "\"";
      break;
    case Kind::kRegex:
      ok = RE2::PartialMatch(re2::StringPiece(text.data(), text.size()),
                             *regex_);
      reason = "answer does not match /" + pattern_ + "/";
      break;
    case Kind::kJson:
      ok = nlohmann::json::accept(text);
      reason = "answer is not valid JSON";
      break;
  }
  if (!ok && why != nullptr) *why = reason;
  return ok;
}

Workload SyntheticWorkload(std::int64_t prompt_tokens,
                           std::int64_t max_tokens) {
  for (const auto& [name, count] : {std::pair{"prompt_tokens", prompt_tokens},
                                    {"max_tokens", max_tokens}}) {
    if (count < 1 || count > kMaxTokens) {
      throw std::invalid_argument(std::string(name) + ": must be in [1, " +
                                  std::to_string(kMaxTokens) +
                                  "] tokens, got " + std::to_string(count));
    }
  }
  Workload w;
  w.name = "synthetic";
  w.description = "one streaming chat scenario with synthetic prompts";
  Scenario s;
  s.name = "synthetic";
  s.prompt.kind = PromptSource::Kind::kSynthetic;
  s.prompt.synthetic_tokens =
      Distribution::Constant(static_cast<double>(prompt_tokens));
  s.max_tokens = Distribution::Constant(static_cast<double>(max_tokens));
  w.scenarios.push_back(std::move(s));
  return w;
}

}  // namespace loadlaw::workload
