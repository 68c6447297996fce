// File: loadlaw/runner/http_get.h
// One-off GET requests beside a load run: the target's /v1/models (which
// model it serves) and /metrics (why a level saturates). Failures are
// returned, never thrown, so a target without these endpoints is no error.
//
//   loadlaw::runner::HttpGetResult r = loadlaw::runner::HttpGet(
//       loadlaw::runner::ServerRootUrl(target) + "/metrics",
//       std::chrono::seconds(2));
//   if (r.ok()) Parse(r.body);

#ifndef LOADLAW_RUNNER_HTTP_GET_H_
#define LOADLAW_RUNNER_HTTP_GET_H_

#include <chrono>
#include <string>

namespace loadlaw::runner {

struct HttpGetResult {
  int status = 0;      // 0 when no response arrived
  std::string body;
  std::string error;   // transport error; empty when a response arrived
  bool ok() const { return error.empty() && status >= 200 && status < 300; }
};

// GETs `url` with a total timeout and a body limit (bytes). With a non-empty
// `api_key_env` naming a set variable, sends its value as a bearer token
// (never echoed in `error`).
HttpGetResult HttpGet(const std::string& url, std::chrono::milliseconds timeout,
                      const std::string& api_key_env = "",
                      bool verify_tls = true,
                      std::size_t max_body_bytes = std::size_t{8} << 20);

// The server's root URL: `target` without a trailing "/" or "/v1" (where
// /metrics and /health live).
std::string ServerRootUrl(const std::string& target);

// The id of the first model listed by the target's /v1/models; empty when the
// endpoint is missing or answers something else.
std::string FetchServedModel(const std::string& target,
                             const std::string& api_key_env = "",
                             bool verify_tls = true);

}  // namespace loadlaw::runner

#endif  // LOADLAW_RUNNER_HTTP_GET_H_
