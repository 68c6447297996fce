// File: loadlaw/workload/workload.h
// A workload model: a weighted mix of scenarios (short Q&A, long analysis,
// agent sessions...), each with its prompts, output lengths, turns, simulated
// tool calls, think times and an optional expectation on the answer. Read
// from the JSON files in models/workloads/ (format in its README.md).
//
//   loadlaw::workload::Workload w =
//       loadlaw::workload::LoadWorkloadFile("models/workloads/chat_mix.json");
//   // or, for quick runs: one synthetic scenario
//   loadlaw::workload::Workload quick =
//       loadlaw::workload::SyntheticWorkload(/*prompt_tokens=*/128,
//                                            /*max_tokens=*/64);

#ifndef LOADLAW_WORKLOAD_WORKLOAD_H_
#define LOADLAW_WORKLOAD_WORKLOAD_H_

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "loadlaw/workload/distribution.h"

namespace re2 {
class RE2;
}

namespace loadlaw::workload {

// Which API a scenario calls.
enum class Api {
  kChat,         // POST {base}/v1/chat/completions
  kCompletions,  // POST {base}/v1/completions
  kHttp,         // any request; status and latency only
};
std::string_view ApiName(Api api);  // "chat", "completions", "http"

// A check of the answer's text; a failed check is a `validation` error.
class Expectation {
 public:
  enum class Kind { kNone, kContains, kRegex, kJson };

  Expectation() = default;
  static Expectation Contains(std::string substring);
  // An RE2 regex (https://github.com/google/re2/wiki/Syntax), searched in
  // the answer in time linear in its length: no backreferences or
  // lookaround, and no recursion however long the answer. Throws
  // std::invalid_argument when `pattern` is not one.
  static Expectation Regex(std::string pattern);
  static Expectation ValidJson();

  Kind kind() const { return kind_; }
  const std::string& pattern() const { return pattern_; }
  // True when `text` passes (always for kNone); otherwise false with a short
  // reason in *why (when not null).
  bool Check(std::string_view text, std::string* why) const;

 private:
  Kind kind_ = Kind::kNone;
  std::string pattern_;
  std::shared_ptr<const re2::RE2> regex_;
};

// Where a scenario's user messages come from (exactly one of the three).
struct PromptSource {
  enum class Kind { kSynthetic, kTemplates, kDataset };
  Kind kind = Kind::kSynthetic;
  // kSynthetic: English-like text of this many tokens (4 characters each).
  Distribution synthetic_tokens = Distribution::Constant(128);
  // kTemplates: "{name}" in a template is replaced by a random value of
  // variables["name"].
  std::vector<std::string> templates;
  std::map<std::string, std::vector<std::string>> variables;
  // kDataset: the prompts of a JSONL file, loaded when the workload is read.
  std::vector<std::string> dataset;
  std::string dataset_path;
};

// A client-side pause between turns, as an agent's tool would take.
struct ToolCallSpec {
  double probability = 0;  // per turn after the first
  Distribution delay_s;    // the tool's run time
  Distribution result_tokens = Distribution::Constant(64);  // its output
};

// The request of a generic HTTP scenario. "{{seq}}" in the path or body is
// replaced by the request's sequence number.
struct HttpSpec {
  std::string method = "GET";
  std::string path;  // appended to the target URL; empty: the URL itself
  // Header names are distinct ignoring case. An Authorization header here
  // replaces the one the API key would add.
  std::vector<std::pair<std::string, std::string>> headers;
  // Names of further headers whose values are secrets (IsSecretHeader).
  std::vector<std::string> secret_headers;
  std::string body;
};

// True when the value of the header `name` of `spec` is a secret, redacted
// from every output: a name in spec.secret_headers, or (ignoring case) a
// name that holds "auth", "key", "token", "secret", "passw" or "cookie"
// (Authorization, Proxy-Authorization, X-Api-Key, Api-Key, X-Auth-Token,
// Cookie, ...).
bool IsSecretHeader(const HttpSpec& spec, std::string_view name);
// True when `a` and `b` name the same header (ASCII case ignored).
bool SameHeaderName(std::string_view a, std::string_view b);

struct Scenario {
  std::string name = "default";
  double weight = 1;
  Api api = Api::kChat;
  bool stream = true;
  std::string model;  // empty: the workload's (or the run's) model
  std::string system_prompt;
  PromptSource prompt;
  Distribution max_tokens = Distribution::Constant(64);
  std::optional<double> temperature;
  std::string extra_body_json;  // JSON object merged into the request body
  Distribution turns = Distribution::Constant(1);
  Distribution turn_think_time_s;  // between turns of a session
  ToolCallSpec tool_call;
  Expectation expect;
  HttpSpec http;
};

struct Workload {
  std::string name = "synthetic";  // from a file: its "name", else file name
  std::string description;
  std::string model;  // default model of every scenario
  // Closed loop: a virtual user's pause between sessions.
  Distribution think_time_s;
  std::vector<Scenario> scenarios;
};

// The largest token count of a workload: a synthetic prompt, a simulated
// tool's result (4 MB of text at 4 characters a token) or max_tokens. The
// reader refuses a distribution whose mean is above it; larger samples are
// cut to it.
inline constexpr std::int64_t kMaxTokens = 1'000'000;

// The largest workload file read (16 MiB); datasets it names are read
// separately.
inline constexpr std::size_t kMaxWorkloadFileBytes = std::size_t{16} << 20;

// Reads a workload file; relative dataset paths are taken from the file's
// folder. Throws std::invalid_argument naming the file and, for a bad field,
// its JSON pointer (e.g. "/scenarios/1/max_tokens/mean").
Workload LoadWorkloadFile(const std::string& path);

// Parses workload JSON text; `base_dir` resolves relative dataset paths.
// Throws std::invalid_argument naming the JSON pointer of a bad field.
Workload ParseWorkload(std::string_view json_text, const std::string& base_dir);

// The default quick workload: one streaming chat scenario with synthetic
// prompts of `prompt_tokens` tokens and max_tokens = `max_tokens`, each in
// [1, kMaxTokens] (else std::invalid_argument).
Workload SyntheticWorkload(std::int64_t prompt_tokens, std::int64_t max_tokens);

}  // namespace loadlaw::workload

#endif  // LOADLAW_WORKLOAD_WORKLOAD_H_
