// Fault injection over HTTP: each switch produces its fault at about its rate
// (within binomial tolerance, seeded), and only its own fault.

#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "loadlaw/sim/server.h"
#include "sim/http_test_util.h"

namespace loadlaw::sim {
namespace {

using nlohmann::json;
using testing::ChatBody;
using testing::HttpClient;
using testing::HttpResult;

// Fast steps so hundreds of requests take well under a second.
SimConfig FastConfig() {
  SimConfig config;
  config.port = 0;
  config.engine.step_base_ms = 0.05;
  config.engine.step_per_seq_ms = 0;
  config.seed = 2024;
  return config;
}

// |count - n p| within four standard deviations (and one for rounding).
void ExpectBinomial(int count, int n, double p) {
  double sd = std::sqrt(n * p * (1 - p));
  EXPECT_NEAR(count, n * p, 4 * sd + 1) << count << " of " << n;
}

// Runs n streaming requests one after another.
std::vector<HttpResult> RunStreams(const std::string& url, int n,
                                   int max_tokens) {
  HttpClient client;
  std::vector<HttpResult> results;
  for (int i = 0; i < n; ++i) {
    results.push_back(client.Post(url + "/v1/chat/completions",
                                  ChatBody(max_tokens, true, true)));
  }
  return results;
}

bool EndsWithDone(const std::string& body) {
  const std::string done = "data: [DONE]\n\n";
  return body.size() >= done.size() &&
         body.compare(body.size() - done.size(), done.size(), done) == 0;
}

std::vector<long> Statuses(double error_rate, int n) {
  SimConfig config = FastConfig();
  config.error_rate = error_rate;
  Server server(config);
  server.Start();
  HttpClient client;
  std::vector<long> statuses;
  for (int i = 0; i < n; ++i) {
    HttpResult r = client.Post(server.BaseUrl() + "/v1/chat/completions",
                               ChatBody(1, false, false));
    if (r.status == 500) {
      EXPECT_EQ(json::parse(r.body)["error"]["type"], "server_error");
    }
    statuses.push_back(r.status);
  }
  return statuses;
}

TEST(FaultTest, ErrorRateAnswers500AtItsRateAndIsSeeded) {
  constexpr int kRequests = 400;
  std::vector<long> statuses = Statuses(0.2, kRequests);
  int errors = 0;
  for (long status : statuses) {
    EXPECT_TRUE(status == 200 || status == 500) << status;
    errors += status == 500;
  }
  ExpectBinomial(errors, kRequests, 0.2);
  EXPECT_EQ(statuses, Statuses(0.2, kRequests));  // same seed, same faults
}

TEST(FaultTest, RateLimitAnswers429AboveTheConcurrency) {
  SimConfig config = FastConfig();
  config.engine.step_base_ms = 5;  // requests of 0.5 s: all 12 overlap
  config.rate_limit_concurrency = 4;
  config.retry_after_s = 2;
  Server server(config);
  server.Start();
  std::vector<HttpResult> results(12);
  std::vector<std::thread> threads;
  for (HttpResult& result : results) {
    threads.emplace_back([&result, &server] {
      HttpClient client;
      result = client.Post(server.BaseUrl() + "/v1/chat/completions",
                           ChatBody(100, true, false));
    });
  }
  for (std::thread& t : threads) t.join();
  int ok = 0, limited = 0;
  for (const HttpResult& r : results) {
    ok += r.status == 200;
    if (r.status != 429) continue;
    ++limited;
    EXPECT_EQ(r.headers.at("retry-after"), "2");
    EXPECT_EQ(json::parse(r.body)["error"]["code"], "rate_limit_exceeded");
  }
  EXPECT_EQ(ok, 4);
  EXPECT_EQ(limited, 8);
}

TEST(FaultTest, DisconnectCutsStreamsMidWay) {
  SimConfig config = FastConfig();
  config.disconnect_rate = 0.3;
  Server server(config);
  server.Start();
  constexpr int kRequests = 300;
  int cut = 0;
  for (const HttpResult& r : RunStreams(server.BaseUrl(), kRequests, 6)) {
    bool ended = EndsWithDone(r.body);
    EXPECT_EQ(ended, r.curl_code == 0);  // a cut stream is a transfer error
    if (ended) continue;
    ++cut;
    bool framing_ok = false;
    std::vector<std::string> events = testing::SplitSse(r.body, &framing_ok);
    EXPECT_TRUE(framing_ok);
    EXPECT_EQ(events.size(), 3u);  // cut after token T / 2
  }
  ExpectBinomial(cut, kRequests, 0.3);
}

TEST(FaultTest, MalformedSendsOneGarbledChunk) {
  SimConfig config = FastConfig();
  config.malformed_rate = 0.25;
  Server server(config);
  server.Start();
  constexpr int kRequests = 300;
  int garbled_streams = 0;
  for (const HttpResult& r : RunStreams(server.BaseUrl(), kRequests, 6)) {
    ASSERT_EQ(r.curl_code, 0);
    bool framing_ok = false;
    std::vector<std::string> events = testing::SplitSse(r.body, &framing_ok);
    EXPECT_TRUE(framing_ok);
    ASSERT_EQ(events.size(), 8u);  // 6 tokens, usage, [DONE]
    int bad = 0;
    for (std::size_t i = 0; i + 1 < events.size(); ++i) {
      bad += json::parse(events[i], nullptr, false).is_discarded();
    }
    EXPECT_LE(bad, 1);
    garbled_streams += bad;
  }
  ExpectBinomial(garbled_streams, kRequests, 0.25);
}

TEST(FaultTest, StallPausesTheStream) {
  SimConfig config = FastConfig();
  config.engine.step_base_ms = 0.5;
  config.stall_rate = 0.3;
  config.stall_ms = 50;
  Server server(config);
  server.Start();
  constexpr int kRequests = 100;
  int stalled = 0;
  for (const HttpResult& r : RunStreams(server.BaseUrl(), kRequests, 6)) {
    ASSERT_EQ(r.curl_code, 0);
    EXPECT_TRUE(EndsWithDone(r.body));
    double e2e_ms = r.done_ms - r.start_ms;
    if (e2e_ms >= 48) {
      ++stalled;
    } else {
      EXPECT_LT(e2e_ms, 30);
    }
  }
  ExpectBinomial(stalled, kRequests, 0.3);
}

}  // namespace
}  // namespace loadlaw::sim
