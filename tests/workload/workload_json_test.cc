// Reading workload files: the shipped examples load, and every bad field is
// named by its JSON pointer.

#include <dirent.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "loadlaw/workload/workload.h"

namespace loadlaw::workload {
namespace {

std::string ErrorOf(const std::string& json_text,
                    const std::string& dir = ".") {
  try {
    ParseWorkload(json_text, dir);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(WorkloadJsonTest, ShippedExamplesLoad) {
  const std::string dir = LOADLAW_SOURCE_DIR "/models/workloads";
  DIR* d = opendir(dir.c_str());
  ASSERT_NE(d, nullptr);
  int files = 0;
  while (dirent* entry = readdir(d)) {
    const std::string name = entry->d_name;
    if (name.size() < 6 || name.substr(name.size() - 5) != ".json") continue;
    SCOPED_TRACE(name);
    const Workload w = LoadWorkloadFile(dir + "/" + name);
    EXPECT_FALSE(w.scenarios.empty());
    ++files;
  }
  closedir(d);
  EXPECT_GE(files, 4);
}

TEST(WorkloadJsonTest, ReadsEveryScenarioField) {
  const Workload w = LoadWorkloadFile(LOADLAW_SOURCE_DIR
                                      "/models/workloads/agent_sessions.json");
  ASSERT_EQ(w.scenarios.size(), 1u);
  const Scenario& s = w.scenarios[0];
  EXPECT_EQ(s.api, Api::kChat);
  EXPECT_EQ(s.turns.kind(), Distribution::Kind::kUniform);
  EXPECT_DOUBLE_EQ(s.tool_call.probability, 0.6);
  EXPECT_FALSE(s.system_prompt.empty());
  const Workload rag =
      LoadWorkloadFile(LOADLAW_SOURCE_DIR "/models/workloads/rag_dataset.json");
  EXPECT_EQ(rag.scenarios[0].prompt.kind, PromptSource::Kind::kDataset);
  EXPECT_EQ(rag.scenarios[0].prompt.dataset.size(), 5u);
  const Workload json = LoadWorkloadFile(
      LOADLAW_SOURCE_DIR "/models/workloads/json_extraction.json");
  EXPECT_EQ(json.scenarios[0].expect.kind(), Expectation::Kind::kJson);
  EXPECT_EQ(json.scenarios[1].expect.kind(), Expectation::Kind::kRegex);
  EXPECT_NE(json.scenarios[0].extra_body_json.find("json_object"),
            std::string::npos);
}

TEST(WorkloadJsonTest, BadFieldsAreNamedByJsonPointer) {
  const std::string head =
      R"({"scenarios": [{"name": "a", "prompt": {"synthetic_tokens": 10}}, )";
  struct Case {
    std::string json;
    std::string pointer;
  } cases[] = {
      {head +
           R"({"name": "b", "weight": "heavy", "prompt": {"synthetic_tokens": 1}}]})",
       "/scenarios/1/weight"},
      {head +
           R"({"name": "b", "max_token": 5, "prompt": {"synthetic_tokens": 1}}]})",
       "/scenarios/1/max_token"},
      {head +
           R"({"name": "b", "max_tokens": {"dist": "normal", "mean": -3, "stddev": 1}, "prompt": {"synthetic_tokens": 1}}]})",
       "/scenarios/1/max_tokens/mean"},
      {head +
           R"({"name": "b", "max_tokens": {"dist": "zipf"}, "prompt": {"synthetic_tokens": 1}}]})",
       "/scenarios/1/max_tokens/dist"},
      {head +
           R"({"name": "b", "api": "grpc", "prompt": {"synthetic_tokens": 1}}]})",
       "/scenarios/1/api"},
      {head + R"({"name": "b", "prompt": {"templates": ["hi {who}"]}}]})",
       "/scenarios/1/prompt/templates/0"},
      {head + R"({"name": "b", "prompt": {}}]})", "/scenarios/1/prompt"},
      {head +
           R"({"name": "b", "prompt": {"synthetic_tokens": 1}, "expect": {"regex": "(("}}]})",
       "/scenarios/1/expect/regex"},
      {head +
           R"({"name": "b", "prompt": {"synthetic_tokens": 1}, "tool_call": {"probability": 2, "delay_s": 1}}]})",
       "/scenarios/1/tool_call/probability"},
      {head + R"({"prompt": {"synthetic_tokens": 1}}]})", "/scenarios/1"},
      {R"({"scenarios": []})", "/scenarios"},
      // Allocated 4 bytes a token: gigabytes, then std::bad_alloc.
      {head + R"({"name": "b", "prompt": {"synthetic_tokens": 1e12}}]})",
       "/scenarios/1/prompt/synthetic_tokens"},
      {head +
           R"({"name": "b", "prompt": {"synthetic_tokens": 1}, "tool_call": {"probability": 1, "delay_s": 1, "result_tokens": {"dist": "exponential", "mean": 1e9}}}]})",
       "/scenarios/1/tool_call/result_tokens"},
      {R"({"think_time_s": 1e300, "scenarios": [{"name": "a", "prompt": {"synthetic_tokens": 1}}]})",
       "/think_time_s"},
      {R"({"scenario": []})", "/scenario"},
  };
  for (const Case& c : cases) {
    const std::string error = ErrorOf(c.json);
    const bool names_it = error.rfind(c.pointer + ":", 0) == 0 ||
                          error.rfind("missing field " + c.pointer + "/", 0) == 0;
    EXPECT_TRUE(names_it) << c.pointer << " vs " << error;
  }
  EXPECT_NE(ErrorOf("{not json").find("not valid JSON"), std::string::npos);
}

TEST(WorkloadJsonTest, SecretHeadersByNameOrByList) {
  const Workload w = ParseWorkload(
      R"({"scenarios": [{"name": "h", "api": "http", "http": {
           "headers": {"Authorization": "Bearer t", "x-api-key": "k",
                       "Cookie": "c", "X-Signature": "s", "Accept": "a"},
           "secret_headers": ["x-signature"]}}]})",
      ".");
  const HttpSpec& h = w.scenarios[0].http;
  for (const char* name :
       {"Authorization", "x-api-key", "Cookie", "X-Signature",
        "Proxy-Authorization", "Api-Key", "X-Auth-Token"}) {
    EXPECT_TRUE(IsSecretHeader(h, name)) << name;
  }
  EXPECT_FALSE(IsSecretHeader(h, "Accept"));
  EXPECT_FALSE(IsSecretHeader(h, "Content-Type"));
  const std::string twice = ErrorOf(
      R"({"scenarios": [{"name": "h", "api": "http", "http": {
           "headers": {"Authorization": "a", "authorization": "b"}}}]})");
  EXPECT_NE(twice.find("given twice"), std::string::npos) << twice;
  const std::string unknown = ErrorOf(
      R"({"scenarios": [{"name": "h", "api": "http", "http": {
           "headers": {"A": "a"}, "secret_headers": ["B"]}}]})");
  EXPECT_EQ(unknown.rfind("/scenarios/0/http/secret_headers/0:", 0), 0u)
      << unknown;
}

TEST(WorkloadJsonTest, DatasetErrorsNameFileAndLine) {
  const std::string dir = testing::TempDir();
  {
    std::ofstream out(dir + "/prompts.jsonl");
    out << R"({"prompt": "one"})"
        << "\n\n"
        << R"("two")"
        << "\n"
        << R"({"text": 3})"
        << "\n";
  }
  const std::string error = ErrorOf(
      R"({"scenarios": [{"name": "d", "prompt": {"dataset": "prompts.jsonl"}}]})",
      dir);
  EXPECT_EQ(error.rfind("/scenarios/0/prompt/dataset:", 0), 0u) << error;
  EXPECT_NE(error.find("prompts.jsonl line 4"), std::string::npos) << error;
  const std::string missing = ErrorOf(
      R"({"scenarios": [{"name": "d", "prompt": {"dataset": "none.jsonl"}}]})",
      dir);
  EXPECT_NE(missing.find("cannot read dataset"), std::string::npos) << missing;
}

TEST(WorkloadJsonTest, FileErrorsNameTheFile) {
  try {
    LoadWorkloadFile("/nonexistent/w.json");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/w.json"),
              std::string::npos);
  }
}

TEST(WorkloadJsonTest, HttpScenarios) {
  const Workload w = ParseWorkload(
      R"({"scenarios": [{"name": "h", "api": "http", "http": {"method": "POST",
          "path": "/x/{{seq}}", "headers": {"X-A": "1"}, "body": "{}"}}]})",
      ".");
  EXPECT_EQ(w.scenarios[0].http.method, "POST");
  EXPECT_EQ(w.scenarios[0].http.headers.size(), 1u);
  EXPECT_EQ(ErrorOf(R"({"scenarios": [{"name": "h", "api": "http"}]})")
                .rfind("missing field /scenarios/0/http", 0),
            0u);
}

TEST(ExpectationTest, Checks) {
  std::string why;
  EXPECT_TRUE(Expectation::Contains("fox").Check("the quick brown fox", &why));
  EXPECT_FALSE(
      Expectation::Contains("zebra").Check("the quick brown fox", &why));
  EXPECT_NE(why.find("zebra"), std::string::npos);
  EXPECT_TRUE(Expectation::Regex("b[a-z]+n").Check("the brown", nullptr));
  EXPECT_TRUE(Expectation::ValidJson().Check(R"({"a": [1, 2]})", nullptr));
  EXPECT_FALSE(Expectation::ValidJson().Check(R"({"a": )", nullptr));
  EXPECT_TRUE(Expectation().Check("anything", nullptr));
}

}  // namespace
}  // namespace loadlaw::workload
