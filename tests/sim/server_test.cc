// The HTTP server over real loopback HTTP: SSE framing and chunk JSON, usage,
// non-streaming bodies, the other endpoints, and bad requests answered with
// OpenAI-style errors.

#include "loadlaw/sim/server.h"

#include <set>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sim/http_test_util.h"

namespace loadlaw::sim {
namespace {

using nlohmann::json;
using testing::ChatBody;
using testing::HttpClient;
using testing::HttpResult;
using testing::SplitSse;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.port = 0;
    config_.engine.step_base_ms = 0.5;
    config_.engine.step_per_seq_ms = 0.01;
    config_.engine.prefill_per_token_ms = 0.0001;
    config_.engine.kv_capacity_tokens = 100000;
    server_ = std::make_unique<Server>(config_);
    server_->Start();
    url_ = server_->BaseUrl();
  }
  void TearDown() override { server_->Stop(); }

  // Streams a request and returns the parsed JSON of each data event before
  // [DONE]; checks the framing, the headers and the [DONE] terminator.
  std::vector<json> StreamEvents(const std::string& path,
                                 const std::string& body) {
    HttpResult r = client_.Post(url_ + path, body);
    EXPECT_EQ(r.curl_code, 0);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["content-type"], "text/event-stream");
    EXPECT_EQ(r.headers["transfer-encoding"], "chunked");
    bool framing_ok = false;
    std::vector<std::string> payloads = SplitSse(r.body, &framing_ok);
    EXPECT_TRUE(framing_ok) << r.body;
    EXPECT_FALSE(payloads.empty());
    if (payloads.empty()) return {};
    EXPECT_EQ(payloads.back(), "[DONE]");
    std::vector<json> events;
    for (std::size_t i = 0; i + 1 < payloads.size(); ++i) {
      json event = json::parse(payloads[i], nullptr, false);
      EXPECT_FALSE(event.is_discarded()) << payloads[i];
      events.push_back(event);
    }
    return events;
  }

  void ExpectError(const HttpResult& r, long status,
                   const std::string& param) {
    EXPECT_EQ(r.status, status) << r.body;
    json body = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << r.body;
    ASSERT_TRUE(body.contains("error")) << r.body;
    EXPECT_TRUE(body["error"]["message"].is_string());
    EXPECT_TRUE(body["error"]["type"].is_string());
    if (param.empty()) {
      EXPECT_TRUE(body["error"]["param"].is_null());
    } else {
      EXPECT_EQ(body["error"]["param"], param);
    }
  }

  SimConfig config_;
  std::unique_ptr<Server> server_;
  std::string url_;
  HttpClient client_;
};

TEST_F(ServerTest, StreamingChatChunksFollowTheOpenAiFormat) {
  std::vector<json> events = StreamEvents(
      "/v1/chat/completions", ChatBody(5, true, true, /*chars=*/41));
  ASSERT_EQ(events.size(), 6u);  // 5 tokens and the usage event
  std::string text;
  for (int i = 0; i < 5; ++i) {
    const json& e = events[i];
    EXPECT_EQ(e["object"], "chat.completion.chunk");
    EXPECT_EQ(e["id"], events[0]["id"]);
    EXPECT_EQ(e["model"], "loadlaw-sim");
    EXPECT_TRUE(e["created"].is_number_integer());
    ASSERT_EQ(e["choices"].size(), 1u);
    const json& choice = e["choices"][0];
    EXPECT_EQ(choice["index"], 0);
    text += choice["delta"]["content"].get<std::string>();
    EXPECT_EQ(choice["delta"].contains("role"), i == 0);
    if (i < 4) {
      EXPECT_TRUE(choice["finish_reason"].is_null());
    }
  }
  EXPECT_EQ(events[4]["choices"][0]["finish_reason"], "length");
  EXPECT_TRUE(events[5]["choices"].empty());
  EXPECT_EQ(events[5]["usage"]["prompt_tokens"], 11);  // ceil(41 / 4)
  EXPECT_EQ(events[5]["usage"]["completion_tokens"], 5);
  EXPECT_EQ(events[5]["usage"]["total_tokens"], 16);
  // The same text as the non-streaming answer.
  HttpResult plain =
      client_.Post(url_ + "/v1/chat/completions", ChatBody(5, false, false));
  json body = json::parse(plain.body);
  EXPECT_EQ(body["choices"][0]["message"]["content"], text);
}

TEST_F(ServerTest, UsageEventOnlyWhenAskedFor) {
  std::vector<json> events =
      StreamEvents("/v1/chat/completions", ChatBody(3, true, false));
  ASSERT_EQ(events.size(), 3u);
  for (const json& e : events) EXPECT_FALSE(e.contains("usage"));
}

TEST_F(ServerTest, StreamingCompletions) {
  std::vector<json> events = StreamEvents(
      "/v1/completions",
      R"({"prompt": "abcdefghi", "max_tokens": 4, "stream": true,
          "stream_options": {"include_usage": true}})");
  ASSERT_EQ(events.size(), 5u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(events[i]["object"], "text_completion");
    EXPECT_TRUE(events[i]["choices"][0]["text"].is_string());
  }
  EXPECT_EQ(events[4]["usage"]["prompt_tokens"], 3);
  EXPECT_EQ(events[4]["usage"]["completion_tokens"], 4);
}

TEST_F(ServerTest, NonStreamingBodies) {
  HttpResult chat = client_.Post(url_ + "/v1/chat/completions",
                                 R"({"messages": [
      {"role": "system", "content": "abcd"},
      {"role": "user", "content": [{"type": "text", "text": "efghi"}]}],
      "max_completion_tokens": 7})");
  ASSERT_EQ(chat.status, 200);
  EXPECT_EQ(chat.headers["content-type"], "application/json");
  json body = json::parse(chat.body);
  EXPECT_EQ(body["object"], "chat.completion");
  EXPECT_EQ(body["choices"][0]["message"]["role"], "assistant");
  EXPECT_EQ(body["choices"][0]["finish_reason"], "length");
  EXPECT_EQ(body["usage"]["prompt_tokens"], 3);  // ceil(9 / 4)
  EXPECT_EQ(body["usage"]["completion_tokens"], 7);
  HttpResult text = client_.Post(url_ + "/v1/completions",
                                 R"({"prompt": [1, 2, 3, 4, 5, 6]})");
  body = json::parse(text.body);
  EXPECT_EQ(body["object"], "text_completion");
  EXPECT_EQ(body["usage"]["prompt_tokens"], 6);  // token ids count as tokens
  EXPECT_EQ(body["usage"]["completion_tokens"], config_.default_max_tokens);
  EXPECT_TRUE(body["choices"][0]["text"].is_string());
  EXPECT_EQ(text.new_connections, 0);  // kept alive from the first request
}

TEST_F(ServerTest, ModelsHealthAndUnknownRoutes) {
  HttpResult models = client_.Get(url_ + "/v1/models");
  EXPECT_EQ(models.status, 200);
  json body = json::parse(models.body);
  EXPECT_EQ(body["object"], "list");
  EXPECT_EQ(body["data"][0]["id"], "loadlaw-sim");
  EXPECT_EQ(client_.Get(url_ + "/health").status, 200);
  ExpectError(client_.Get(url_ + "/v1/nothing"), 404, "");
  ExpectError(client_.Get(url_ + "/v1/chat/completions"), 405, "");
  ExpectError(client_.Post(url_ + "/health", "{}"), 405, "");
}

TEST_F(ServerTest, BadRequestsGetOpenAiErrors) {
  const std::string chat = url_ + "/v1/chat/completions";
  ExpectError(client_.Post(chat, "{not json"), 400, "");
  ExpectError(client_.Post(chat, "[1, 2]"), 400, "");
  ExpectError(client_.Post(chat, R"({"max_tokens": 5})"), 400, "messages");
  ExpectError(client_.Post(chat, R"({"messages": []})"), 400, "messages");
  ExpectError(client_.Post(chat, R"({"messages": [{"content": "x"}]})"), 400,
              "messages");
  ExpectError(client_.Post(chat, R"({"messages": [{"role": "user",
      "content": "x"}], "max_tokens": -5})"), 400, "max_tokens");
  ExpectError(client_.Post(chat, R"({"messages": [{"role": "user",
      "content": "x"}], "max_tokens": "many"})"), 400, "max_tokens");
  ExpectError(client_.Post(chat, R"({"messages": [{"role": "user",
      "content": "x"}], "stream": "yes"})"), 400, "stream");
  ExpectError(client_.Post(chat, R"({"messages": [{"role": "user",
      "content": "x"}], "n": 2})"), 400, "n");
  ExpectError(client_.Post(chat, ChatBody(200000, false, false)), 400,
              "max_tokens");  // more than the KV cache holds
  ExpectError(client_.Post(url_ + "/v1/completions", R"({"prompt": 5})"), 400,
              "prompt");
  // The server is still fine.
  EXPECT_EQ(client_.Post(chat, ChatBody(2, false, false)).status, 200);
}

TEST_F(ServerTest, LargeBodiesWithExpectContinue) {
  client_.set_allow_expect(true);  // curl waits up to 1 s for "100 Continue"
  HttpResult r = client_.Post(url_ + "/v1/chat/completions",
                              ChatBody(2, false, false, /*chars=*/200000));
  EXPECT_EQ(r.status, 200);
  EXPECT_LT(r.done_ms - r.start_ms, 500.0);
  EXPECT_EQ(json::parse(r.body)["usage"]["prompt_tokens"], 50000);
}

TEST_F(ServerTest, ClientDisconnectFreesTheSequence) {
  HttpClient quitter;
  quitter.set_abort_after_bytes(1);
  HttpResult r = quitter.Post(url_ + "/v1/chat/completions",
                              ChatBody(5000, true, false));
  EXPECT_NE(r.curl_code, 0);
  bool parse_ok = false;
  double running = 1;
  for (int i = 0; i < 200 && running != 0; ++i) {
    running = testing::MetricValue(
        testing::ParseMetrics(client_.Get(url_ + "/metrics").body, &parse_ok),
        "vllm:num_requests_running");
  }
  EXPECT_EQ(running, 0);
}

TEST(ServerLifecycleTest, StartFailsOnABadAddressAndStopIsIdempotent) {
  SimConfig config;
  config.port = 0;
  config.host = "not-an-address";
  Server bad(config);
  EXPECT_THROW(bad.Start(), std::invalid_argument);
  config.host = "127.0.0.1";
  config.truth_log = "/nonexistent/dir/truth.jsonl";
  Server no_log(config);
  EXPECT_THROW(no_log.Start(), std::invalid_argument);
  config.truth_log.clear();
  config.engine.max_num_seqs = -1;
  EXPECT_THROW(Server{config}, std::invalid_argument);
  config.engine.max_num_seqs = 4;
  Server server(config);
  server.Start();
  EXPECT_GT(server.port(), 0);
  EXPECT_THROW(server.Start(), std::logic_error);
  server.Stop();
  server.Stop();
}

}  // namespace
}  // namespace loadlaw::sim
