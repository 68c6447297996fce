// Decoding OpenAI-compatible answers and building requests.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "loadlaw/workload/session.h"
#include "base/secret_pieces.h"
#include "runner/openai_internal.h"

namespace loadlaw::runner::internal {
namespace {

using std::chrono::milliseconds;
using testing::LongestPiece;

std::string Chunk(const std::string& delta_json,
                  const std::string& extra = "") {
  return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
         "\"choices\":[{\"index\":0,\"delta\":" +
         delta_json + ",\"finish_reason\":null}]" + extra + "}\n\n";
}

TEST(StreamDecoderTest, TimesOutputChunksOnly) {
  StreamDecoder d;
  d.Reset(/*keep_text=*/true);
  d.Feed(Chunk(R"({"role":"assistant","content":""})"), milliseconds(10));
  d.Feed(": keep-alive\n\n", milliseconds(15));
  d.Feed(Chunk(R"({"content":"Hello"})"), milliseconds(20));
  d.Feed(Chunk(R"({"reasoning_content":"hmm"})"), milliseconds(25));
  d.Feed(Chunk(R"({"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]})"),
         milliseconds(32));
  d.Feed(Chunk(R"({"content":" world"})"), milliseconds(40));
  d.Feed(
      "data: "
      "{\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,"
      "\"completion_tokens\":9,\"total_tokens\":21}}\n\ndata: [DONE]\n\n",
      milliseconds(41));
  d.Finish(milliseconds(42));
  const Answer& a = d.answer();
  EXPECT_EQ(a.t_first, milliseconds(20));
  EXPECT_EQ(a.t_last, milliseconds(40));
  EXPECT_EQ(a.output_chunks, 4);
  ASSERT_EQ(a.chunk_gaps.size(), 3u);
  EXPECT_EQ(a.chunk_gaps[1], milliseconds(7));
  EXPECT_EQ(a.usage_prompt_tokens, 12);
  EXPECT_EQ(a.usage_completion_tokens, 9);
  EXPECT_EQ(a.text, "Hello world");
  EXPECT_EQ(a.response_id, "chatcmpl-1");
  EXPECT_TRUE(a.done);
  EXPECT_FALSE(a.malformed);
}

TEST(StreamDecoderTest, CompletionsTextAndFinishReason) {
  StreamDecoder d;
  d.Reset(false);
  d.Feed(
      "data: {\"choices\":[{\"text\":\"a\",\"finish_reason\":null}]}\n\n"
      "data: {\"choices\":[{\"text\":\"b\",\"finish_reason\":\"length\"}]}\n\n",
      milliseconds(5));
  EXPECT_EQ(d.answer().output_chunks, 2);
  EXPECT_TRUE(d.answer().finished);
  EXPECT_FALSE(d.answer().done);
  EXPECT_TRUE(d.answer().text.empty());  // not kept
}

TEST(StreamDecoderTest, MalformedChunkAndErrorEvents) {
  StreamDecoder d;
  d.Reset(false);
  d.Feed(
      "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\ndata: "
      "{\"choi\n\n",
      milliseconds(1));
  EXPECT_TRUE(d.answer().malformed);
  EXPECT_EQ(d.answer().malformed_sample, "{\"choi");
  EXPECT_EQ(d.answer().output_chunks, 1);

  d.Reset(false);
  d.Feed("event: error\ndata: overloaded\n\n", milliseconds(1));
  EXPECT_TRUE(d.answer().error_event);
  EXPECT_EQ(d.answer().error_message, "overloaded");

  d.Reset(false);
  d.Feed("data: {\"error\":{\"message\":\"engine died\",\"code\":500}}\n\n",
         milliseconds(1));
  EXPECT_TRUE(d.answer().error_event);
  EXPECT_EQ(d.answer().error_message, "engine died");
}

// A stream as llama.cpp's llama-server (b11434) sent it, shortened: a role
// chunk with "content": null, one token per chunk, a finish chunk with an
// empty delta, then the usage chunk (with its own "timings").
TEST(StreamDecoderTest, LlamaServerStream) {
  const std::string head =
      R"(data: {"choices":[{"finish_reason":null,"index":0,"delta":)";
  const std::string tail =
      R"(}],"created":1795860691,"id":"chatcmpl-B17k","model":"smollm2-135m",)"
      R"("system_fingerprint":"b0-unknown","object":"chat.completion.chunk"})"
      "\n\n";
  StreamDecoder d;
  d.Reset(/*keep_text=*/true);
  d.Feed(head + R"({"role":"assistant","content":null})" + tail,
         milliseconds(5));
  d.Feed(head + R"({"content":"C"})" + tail, milliseconds(30));
  d.Feed(head + R"({"content":"aching"})" + tail, milliseconds(48));
  d.Feed(
      R"(data: {"choices":[{"finish_reason":"length","index":0,"delta":{}}],)"
      R"("id":"chatcmpl-B17k","object":"chat.completion.chunk"})"
      "\n\n"
      R"(data: {"choices":[],"id":"chatcmpl-B17k","object":"chat.completion.chunk",)"
      R"("usage":{"completion_tokens":2,"prompt_tokens":28,"total_tokens":30,)"
      R"("prompt_tokens_details":{"cached_tokens":0}},"timings":{"cache_n":0,)"
      R"("prompt_n":28,"predicted_n":2,"predicted_per_token_ms":18.1}})"
      "\n\ndata: [DONE]\n\n",
      milliseconds(49));
  d.Finish(milliseconds(50));
  const Answer& a = d.answer();
  EXPECT_EQ(a.t_first, milliseconds(30));  // not the role chunk
  EXPECT_EQ(a.t_last, milliseconds(48));
  EXPECT_EQ(a.output_chunks, 2);
  EXPECT_EQ(a.usage_prompt_tokens, 28);
  EXPECT_EQ(a.usage_completion_tokens, 2);
  EXPECT_EQ(a.text, "Caching");
  EXPECT_EQ(a.response_id, "chatcmpl-B17k");
  EXPECT_TRUE(a.finished);
  EXPECT_TRUE(a.done);
  EXPECT_FALSE(a.malformed);
  EXPECT_FALSE(a.error_event);
}

// Error shapes of servers other than the simulator (docs/compatibility.md).
TEST(StreamDecoderTest, ErrorShapesOfOtherServers) {
  StreamDecoder d;
  d.Reset(false);  // TGI: the error is a string
  d.Feed(
      "data: {\"error\":\"Input validation error: too long\","
      "\"error_type\":\"validation\"}\n\n",
      milliseconds(1));
  EXPECT_TRUE(d.answer().error_event);
  EXPECT_EQ(d.answer().error_message, "Input validation error: too long");

  d.Reset(false);  // vLLM before nested errors: {"object": "error", ...}
  d.Feed(
      "data: {\"object\":\"error\",\"message\":\"KV cache full\","
      "\"type\":\"InternalServerError\",\"param\":null,\"code\":500}\n\n"
      "data: [DONE]\n\n",
      milliseconds(1));
  EXPECT_TRUE(d.answer().error_event);
  EXPECT_EQ(d.answer().error_message, "KV cache full");
  EXPECT_TRUE(d.answer().done);

  d.Reset(false);  // "error": null is no error (some servers send it)
  d.Feed(Chunk(R"({"content":"x"})", ",\"error\":null"), milliseconds(1));
  EXPECT_FALSE(d.answer().error_event);
  EXPECT_EQ(d.answer().output_chunks, 1);

  Answer body;
  DecodeBody(R"({"object":"error","message":"bad model","code":404})", &body);
  EXPECT_TRUE(body.error_event);
  EXPECT_EQ(body.error_message, "bad model");
}

TEST(DecodeBodyTest, NonStreamingAnswer) {
  Answer a;
  DecodeBody(
      R"({"id":"x","choices":[{"message":{"role":"assistant","content":"hi"}}],
                 "usage":{"prompt_tokens":3,"completion_tokens":2}})",
      &a);
  EXPECT_FALSE(a.malformed);
  EXPECT_EQ(a.text, "hi");
  EXPECT_EQ(a.usage_completion_tokens, 2);
  Answer html;
  DecodeBody("<html><body>Bad gateway</body></html>", &html);
  EXPECT_TRUE(html.malformed);
}

TEST(ApiUrlTest, WithOrWithoutV1) {
  EXPECT_EQ(ApiUrl("http://h:1", workload::Api::kChat),
            "http://h:1/v1/chat/completions");
  EXPECT_EQ(ApiUrl("http://h:1/v1/", workload::Api::kChat),
            "http://h:1/v1/chat/completions");
  EXPECT_EQ(ApiUrl("http://h:1/", workload::Api::kCompletions),
            "http://h:1/v1/completions");
  EXPECT_EQ(ApiUrl("http://h:1/", workload::Api::kHttp), "http://h:1");
}

TEST(BuildBodyTest, AsksForUsageAndMergesExtraBody) {
  workload::Workload w = workload::SyntheticWorkload(4, 7);
  workload::Scenario& s = w.scenarios[0];
  s.temperature = 0.5;
  std::mt19937_64 rng(1);
  workload::Session session(w, 0, 1, rng);
  const workload::Turn turn = session.NextTurn(rng);
  const nlohmann::json extra = {{"ignore_eos", true}};
  const nlohmann::json body =
      nlohmann::json::parse(BuildBody(s, turn, "m", &extra));
  EXPECT_EQ(body.at("model").get<std::string>(), "m");
  EXPECT_EQ(body.at("max_tokens").get<int>(), 7);
  EXPECT_TRUE(body.at("stream").get<bool>());
  EXPECT_TRUE(body.at("stream_options").at("include_usage").get<bool>());
  EXPECT_TRUE(body.at("ignore_eos").get<bool>());
  EXPECT_EQ(body.at("messages").at(0).at("content").get<std::string>().size(),
            16u);
  s.stream = false;
  const nlohmann::json plain =
      nlohmann::json::parse(BuildBody(s, turn, "", nullptr));
  EXPECT_FALSE(plain.contains("stream_options"));
  EXPECT_FALSE(plain.contains("model"));
}

// A server echoing the key in everything the decoder keeps: an error event,
// a malformed chunk, the response id, an error body; at the start, past the
// 160-byte cut, and split across two events.
TEST(StreamDecoderTest, EchoedSecretsAreRedactedBeforeTheyAreCut) {
  std::string key = "sk-";
  for (int i = 0; i < 16; ++i) key += "q9w8e7r6t5";
  key += "z";  // 164 characters
  base::Redactor secrets;
  secrets.AddSecret(key);
  const std::string pad(150, '.');
  const std::vector<std::string> streams = {
      "event: error\ndata: " + key + "\n\n",
      "event: error\ndata: " + pad + key + "\n\n",
      "data: {not json " + pad + key + "\n\n",
      "data: {\"error\": {\"message\": \"" + pad + key + "\"}}\n\n",
      "data: {\"id\": \"" + key + "\", \"choices\": []}\n\n",
      "event: error\ndata: " + pad + key.substr(0, 82) +
          "\n\nevent: error\ndata: " + key.substr(82) + "\n\n",
  };
  for (const std::string& stream : streams) {
    StreamDecoder decoder(&secrets);
    decoder.Reset(false);
    decoder.Feed(stream, std::chrono::nanoseconds(1));
    decoder.Finish(std::chrono::nanoseconds(2));
    const Answer& a = decoder.answer();
    const std::string shown =
        a.error_message + a.malformed_sample + a.response_id;
    EXPECT_FALSE(shown.empty()) << stream;
    EXPECT_LT(LongestPiece(shown, key), base::kMinFragmentBytes) << shown;
  }
  Answer body;
  DecodeBody("{\"error\": \"" + pad + key + "\"}", &body, &secrets);
  EXPECT_TRUE(body.error_event);
  EXPECT_LT(LongestPiece(body.error_message, key), base::kMinFragmentBytes);
  EXPECT_NE(body.error_message.find("[REDACTED]"), std::string::npos);
}

}  // namespace
}  // namespace loadlaw::runner::internal
