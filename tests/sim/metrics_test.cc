// /metrics under load (parseable, vLLM's series present and moving) and the
// truth log checked against the client's own clock.

#include <fstream>
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
using testing::MetricValue;

std::map<std::string, double> Scrape(HttpClient* client,
                                     const std::string& url) {
  HttpResult r = client->Get(url + "/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.headers["content-type"].find("text/plain"), std::string::npos);
  bool parse_ok = false;
  std::map<std::string, double> samples =
      testing::ParseMetrics(r.body, &parse_ok);
  EXPECT_TRUE(parse_ok) << r.body;
  return samples;
}

SimConfig LoadConfig() {
  SimConfig config;
  config.port = 0;
  config.engine.max_num_seqs = 4;
  config.engine.step_base_ms = 2;
  config.engine.step_per_seq_ms = 0.1;
  return config;
}

TEST(MetricsTest, NamedSeriesExistAndMoveUnderLoad) {
  Server server(LoadConfig());
  server.Start();
  const std::string url = server.BaseUrl();
  HttpClient scraper;
  std::map<std::string, double> idle = Scrape(&scraper, url);
  for (const char* name :
       {"vllm:num_requests_running", "vllm:num_requests_waiting",
        "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc",
        "vllm:prompt_tokens_total", "vllm:generation_tokens_total",
        "vllm:time_to_first_token_seconds_count",
        "vllm:e2e_request_latency_seconds_count",
        "vllm:e2e_request_latency_seconds_sum"}) {
    EXPECT_EQ(MetricValue(idle, name), 0.0) << name;
  }
  constexpr int kClients = 6;
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&url] {
      HttpClient client;
      EXPECT_EQ(client.Post(url + "/v1/chat/completions",
                            ChatBody(100, true, true, /*chars=*/80))
                    .status,
                200);
    });
  }
  double max_running = 0, max_waiting = 0, max_kv = 0, last_tokens = 0;
  int token_increases = 0;
  for (int i = 0; i < 40; ++i) {
    std::map<std::string, double> m = Scrape(&scraper, url);
    max_running =
        std::max(max_running, MetricValue(m, "vllm:num_requests_running"));
    max_waiting =
        std::max(max_waiting, MetricValue(m, "vllm:num_requests_waiting"));
    max_kv = std::max(max_kv, MetricValue(m, "vllm:kv_cache_usage_perc"));
    double tokens = MetricValue(m, "vllm:generation_tokens_total");
    if (tokens > last_tokens) ++token_increases;
    last_tokens = tokens;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(max_running, 4);  // max_num_seqs
  EXPECT_GE(max_waiting, 1);
  EXPECT_GT(max_kv, 0);
  EXPECT_GE(token_increases, 5);
  std::map<std::string, double> done = Scrape(&scraper, url);
  EXPECT_EQ(MetricValue(done, "vllm:num_requests_running"), 0);
  EXPECT_EQ(MetricValue(done, "vllm:kv_cache_usage_perc"), 0);
  EXPECT_EQ(MetricValue(done, "vllm:generation_tokens_total"), kClients * 100);
  EXPECT_EQ(MetricValue(done, "vllm:prompt_tokens_total"), kClients * 20);
  EXPECT_EQ(MetricValue(done, "vllm:time_to_first_token_seconds_count"),
            kClients);
  EXPECT_EQ(MetricValue(done, "vllm:e2e_request_latency_seconds_count"),
            kClients);
  EXPECT_EQ(done["vllm:e2e_request_latency_seconds_bucket{model_name="
                 "\"loadlaw-sim\",le=\"+Inf\"}"],
            kClients);
  EXPECT_EQ(done["vllm:request_success_total{model_name=\"loadlaw-sim\","
                 "finished_reason=\"length\"}"],
            kClients);
  server.Stop();
}

TEST(TruthLogTest, ServerTimestampsBracketTheClientsView) {
  SimConfig config = LoadConfig();
  config.truth_log = ::testing::TempDir() + "sim_truth_log_test.jsonl";
  Server server(config);
  server.Start();
  HttpClient client;
  std::vector<HttpResult> results;
  for (int i = 0; i < 10; ++i) {
    results.push_back(client.Post(server.BaseUrl() + "/v1/chat/completions",
                                  ChatBody(10 + i, i % 2 == 0, false)));
  }
  client.Post(server.BaseUrl() + "/v1/chat/completions", "{}");  // a 400
  server.Stop();
  std::ifstream in(config.truth_log);
  std::string line;
  std::vector<json> lines;
  while (std::getline(in, line)) lines.push_back(json::parse(line));
  ASSERT_EQ(lines.size(), 11u);
  const double kSlackMs = 1.0;  // two clocks read on one machine
  for (int i = 0; i < 10; ++i) {
    const json& t = lines[i];
    const HttpResult& r = results[i];
    EXPECT_EQ(t["status"], 200);
    EXPECT_EQ(t["complete"], true);
    EXPECT_EQ(t["stream"], i % 2 == 0);
    EXPECT_EQ(t["output_tokens"], 10 + i);
    EXPECT_EQ(t["tokens_written"], 10 + i);
    const double arrival = t["arrival_unix_ms"].get<double>();
    const double first = t["first_token_unix_ms"].get<double>();
    const double last = t["last_token_unix_ms"].get<double>();
    const double done = t["done_unix_ms"].get<double>();
    const double client_done = r.start_unix_ms + (r.done_ms - r.start_ms);
    const double client_first =
        r.start_unix_ms + (r.first_byte_ms - r.start_ms);
    EXPECT_LE(r.start_unix_ms, arrival + kSlackMs);
    EXPECT_LE(arrival, first);
    EXPECT_LE(first, last);
    EXPECT_LE(last, done);
    EXPECT_LE(done, client_done + kSlackMs);
    EXPECT_LE(first, client_first + kSlackMs);
    EXPECT_LT(client_first - first, 20.0);  // delivered promptly
  }
  EXPECT_EQ(lines[10]["status"], 400);
  EXPECT_TRUE(lines[10]["first_token_unix_ms"].is_null());
}

}  // namespace
}  // namespace loadlaw::sim
