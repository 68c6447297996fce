// Turns a session's turn into what goes on the wire: URL, method, headers and
// body, per scenario. Header lists (with the bearer token) are built once and
// live as long as the builder; the token is never copied anywhere else.

#ifndef LOADLAW_RUNNER_REQUEST_BUILDER_INTERNAL_H_
#define LOADLAW_RUNNER_REQUEST_BUILDER_INTERNAL_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "loadlaw/runner/run_options.h"
#include "loadlaw/workload/session.h"
#include "runner/curl_handles_internal.h"
#include "runner/request_internal.h"

namespace loadlaw::runner::internal {

class RequestBuilder {
 public:
  // `options` must outlive the builder; `api_key` empty: no Authorization.
  RequestBuilder(const RunOptions& options, const std::string& api_key);

  // The request of `turn` of a session of scenario `scenario`; `seq`
  // replaces "{{seq}}" in generic HTTP paths and bodies.
  RequestPlan Build(int scenario, const workload::Turn& turn,
                    std::uint64_t seq) const;

 private:
  struct Wire {
    std::string url;
    std::string model;
    HeaderList headers;
    std::optional<nlohmann::json> extra_body;
    AnswerMode mode = AnswerMode::kStream;
  };

  const RunOptions& options_;
  std::vector<Wire> wires_;  // one per scenario
};

// `text` with every "{{seq}}" replaced by `seq`.
std::string ReplaceSeq(const std::string& text, std::uint64_t seq);

}  // namespace loadlaw::runner::internal

#endif  // LOADLAW_RUNNER_REQUEST_BUILDER_INTERNAL_H_
