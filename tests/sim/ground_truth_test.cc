// Ground truth: with jitter 0, the HTTP server driven by N closed-loop users,
// the virtual-time engine at concurrency N, and the closed form of the step
// model (docs/simulator.md) agree on throughput: HTTP and virtual within 3 %,
// each within 2 % of the closed form.

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "loadlaw/sim/server.h"
#include "loadlaw/sim/virtual_run.h"
#include "sim/http_test_util.h"

namespace loadlaw::sim {
namespace {

using testing::ChatBody;
using testing::HttpClient;
using testing::HttpResult;

constexpr int kPromptChars = 400;  // 100 prompt tokens
constexpr std::int64_t kPromptTokens = 100;
constexpr int kOutputTokens = 128;

SimConfig GroundTruthConfig() {
  SimConfig config;
  config.port = 0;
  config.engine.step_base_ms = 2;
  config.engine.step_per_seq_ms = 0.25;
  config.engine.prefill_per_token_ms = 0.002;
  config.engine.step_per_ctx_token_us = 0.5;
  config.engine.jitter = 0;
  return config;
}

// Requests per second of n users, each sending `per_user` streaming requests
// back to back. Each user's rate is measured from the start of its second
// request to the end of its last (the first one is the warm-up).
double HttpThroughputRps(const std::string& url, int n, int per_user) {
  std::vector<double> user_rps(n, 0.0);
  std::vector<std::thread> users;
  for (int u = 0; u < n; ++u) {
    users.emplace_back([&url, &user_rps, u, per_user] {
      HttpClient client;
      double second_start_ms = 0;
      double last_done_ms = 0;
      for (int i = 0; i < per_user; ++i) {
        HttpResult r = client.Post(
            url + "/v1/chat/completions",
            ChatBody(kOutputTokens, true, true, kPromptChars));
        EXPECT_EQ(r.status, 200);
        if (i == 1) second_start_ms = r.start_ms;
        last_done_ms = r.done_ms;
      }
      user_rps[u] = 1000.0 * (per_user - 1) / (last_done_ms - second_start_ms);
    });
  }
  for (std::thread& t : users) t.join();
  double total_rps = 0;
  for (double rps : user_rps) total_rps += rps;
  return total_rps;
}

class GroundTruthTest : public ::testing::TestWithParam<int> {};

TEST_P(GroundTruthTest, HttpVirtualAndClosedFormAgree) {
  const int n = GetParam();
  SimConfig config = GroundTruthConfig();
  const double closed_form_rps =
      ClosedFormThroughputRps(config, n, kPromptTokens, kOutputTokens);

  RequestShape shape;
  shape.prompt_tokens = TokenCountDist::Fixed(kPromptTokens);
  shape.max_tokens = TokenCountDist::Fixed(kOutputTokens);
  const double virtual_rps =
      RunVirtual(config, shape, VirtualLoad::ClosedLoop(n, 100 * n))
          .throughput_rps;

  Server server(config);
  server.Start();
  const double http_rps = HttpThroughputRps(server.BaseUrl(), n, 5);
  server.Stop();

  RecordProperty("closed_form_rps", std::to_string(closed_form_rps));
  RecordProperty("virtual_rps", std::to_string(virtual_rps));
  RecordProperty("http_rps", std::to_string(http_rps));
  EXPECT_NEAR(virtual_rps / closed_form_rps, 1.0, 0.02);
  EXPECT_NEAR(http_rps / closed_form_rps, 1.0, 0.02)
      << "http " << http_rps << " closed form " << closed_form_rps;
  EXPECT_NEAR(http_rps / virtual_rps, 1.0, 0.03);
}

INSTANTIATE_TEST_SUITE_P(Concurrency, GroundTruthTest,
                         ::testing::Values(4, 12));

}  // namespace
}  // namespace loadlaw::sim
