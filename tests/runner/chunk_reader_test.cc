// The SAX chunk reader against the document reading it replaced: for chunk
// shapes of every server in docs/compatibility.md and odd ones, the fields
// must be what ChoiceHasOutput and a parsed document say.

#include "runner/chunk_reader_internal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "runner/openai_internal.h"

namespace loadlaw::runner::internal {
namespace {

using nlohmann::json;

// What the document reading of StreamDecoder made of a chunk.
ChunkFields FromDocument(const std::string& text) {
  ChunkFields f;
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return f;
  f.is_object = true;
  const auto error = doc.find("error");
  const auto object = doc.find("object");
  f.reports_error = (error != doc.end() && !error->is_null()) ||
                    (object != doc.end() && object->is_string() &&
                     *object == "error");
  const auto id = doc.find("id");
  if (id != doc.end() && id->is_string()) {
    f.has_id = true;
    f.id = id->get<std::string>();
  }
  const auto usage = doc.find("usage");
  if (usage != doc.end() && usage->is_object()) {
    // A count is a whole number in [0, 1e9]; anything else (but null) is a
    // problem.
    for (const char* key : {"prompt_tokens", "completion_tokens"}) {
      const auto v = usage->find(key);
      if (v == usage->end() || v->is_null()) continue;
      const bool count = v->is_number() && v->get<double>() >= 0 &&
                         v->get<double>() <= 1e9 &&
                         v->get<double>() == std::floor(v->get<double>());
      if (!count) {
        if (f.usage_problem.empty()) f.usage_problem = key;
        continue;
      }
      (std::string(key) == "prompt_tokens" ? f.usage_prompt_tokens
                                           : f.usage_completion_tokens) =
          static_cast<std::int64_t>(v->get<double>());
    }
  }
  const auto choices = doc.find("choices");
  if (choices == doc.end() || !choices->is_array()) return f;
  for (const json& choice : *choices) {
    f.output = ChoiceHasOutput(choice, &f.text) || f.output;
    if (!choice.is_object()) continue;
    const auto finish = choice.find("finish_reason");
    if (finish != choice.end() && !finish->is_null()) f.finished = true;
  }
  return f;
}

TEST(ChunkReaderTest, ReadsWhatTheDocumentSays) {
  const std::vector<std::string> chunks = {
      // vLLM / OpenAI chat
      R"({"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"logprobs":null,"finish_reason":null}],"usage":null})",
      R"({"id":"c","choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop"}]})",
      R"({"id":"c","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":34,"total_tokens":46,"prompt_tokens_details":{"cached_tokens":3}}})",
      // reasoning and tools
      R"({"choices":[{"delta":{"content":null,"reasoning_content":"think"}}]})",
      R"({"choices":[{"delta":{"reasoning":"hm"}}]})",
      R"({"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"name":"f","arguments":"{}"}}]}}]})",
      R"({"choices":[{"delta":{"tool_calls":[]}}]})",
      // completions API, llama.cpp's timings, TGI-like extras
      R"({"id":"cmpl-2","object":"text_completion","choices":[{"text":" world","index":0,"finish_reason":null}]})",
      R"({"choices":[{"text":"","finish_reason":"length"}],"timings":{"predicted_ms":1.5,"prompt_n":3}})",
      // precedence: a delta (of any type) over a message over a text
      R"({"choices":[{"text":"t","delta":{"content":"d"}}]})",
      R"({"choices":[{"delta":{"content":"d"},"text":"t"}]})",
      R"({"choices":[{"text":"t","delta":null}]})",
      R"({"choices":[{"message":{"content":"m"},"text":"t"}]})",
      R"({"choices":[{"delta":[],"message":{"content":"m"}}]})",
      // several choices, odd values
      R"({"choices":[{"delta":{"content":"a"}},{"delta":{"content":"b"},"finish_reason":{"x":1}},7,null,[1]]})",
      R"({"choices":{"delta":{"content":"not an array"}}})",
      R"({"choices":[{"delta":{"content":[{"type":"text","text":"part"}]}}]})",
      R"({"choices":[{"delta":{"content":"\u00e9t\u00e9 \"q\" \\ \ud83d\ude00"}}]})",
      R"({"usage":{"prompt_tokens":1.5,"completion_tokens":-2},"id":7})",
      // usage a server cannot mean: not believed (the answer is malformed)
      R"({"usage":{"prompt_tokens":3,"completion_tokens":18446744073709551615}})",
      R"({"usage":{"prompt_tokens":-9223372036854775808,"completion_tokens":4}})",
      R"({"usage":{"completion_tokens":1e30}})",
      R"({"usage":{"completion_tokens":1000000001}})",
      R"({"usage":{"completion_tokens":"12"}})",
      R"({"usage":{"completion_tokens":true}})",
      R"({"usage":{"completion_tokens":{"n":1}}})",
      R"({"usage":{"completion_tokens":[1]}})",
      R"({"usage":{"prompt_tokens":null,"completion_tokens":12.0}})",
      R"({"usage":{"completion_tokens":1000000000}})",
      R"({"usage":[{"prompt_tokens":1}],"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":{"k":{"l":{"m":{"n":{"o":{"p":{"q":{"content":"deep"}}}}}}}}}}}}}}}}}})",
      // errors: flagged only
      R"({"error":{"message":"boom","code":500}})",
      R"({"error":"text","error_type":"generation"})",
      R"({"error":null,"choices":[{"delta":{"content":"x"}}]})",
      R"({"object":"error","message":"bad"})",
      R"({"object":{"kind":"error"},"choices":[{"delta":{"content":"y"}}]})",
      // not a chunk
      R"([{"choices":[]}])", R"("text")", R"(42)", R"({"a":1)", R"({"a":1} x)", "",
  };
  ChunkFields got;
  for (const std::string& text : chunks) {
    for (bool keep : {false, true}) {
      const ChunkFields want = FromDocument(text);
      const bool ok = ReadChunk(text, keep, &got);
      SCOPED_TRACE(text);
      EXPECT_EQ(ok, want.is_object);
      if (!ok) continue;
      EXPECT_EQ(got.reports_error, want.reports_error);
      EXPECT_EQ(got.has_id, want.has_id);
      EXPECT_EQ(got.id, want.id);
      EXPECT_EQ(got.usage_prompt_tokens, want.usage_prompt_tokens);
      EXPECT_EQ(got.usage_completion_tokens, want.usage_completion_tokens);
      EXPECT_EQ(got.usage_problem.empty(), want.usage_problem.empty())
          << got.usage_problem;
      EXPECT_EQ(got.output, want.output);
      EXPECT_EQ(got.finished, want.finished);
      EXPECT_EQ(got.text, keep ? want.text : "");
    }
  }
}

TEST(ChunkReaderTest, ImpossibleUsageIsNamedWithItsValue) {
  ChunkFields got;
  ASSERT_TRUE(ReadChunk(
      R"({"usage":{"prompt_tokens":3,"completion_tokens":18446744073709551615}})",
      false, &got));
  EXPECT_EQ(got.usage_problem,
            "usage.completion_tokens is 18446744073709551615: not a token "
            "count (0 to 1000000000)");
  EXPECT_EQ(got.usage_prompt_tokens, 3);
  EXPECT_FALSE(got.usage_completion_tokens);
  Answer body;
  DecodeBody(
      R"({"choices":[{"message":{"content":"x"}}],"usage":{"completion_tokens":-5}})",
      &body);
  EXPECT_EQ(body.usage_problem,
            "usage.completion_tokens is -5: not a token count (0 to "
            "1000000000)");
  EXPECT_FALSE(body.usage_completion_tokens);
}

}  // namespace
}  // namespace loadlaw::runner::internal
