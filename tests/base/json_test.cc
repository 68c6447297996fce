#include "loadlaw/base/json.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <fstream>
#include <stdexcept>
#include <string>

namespace loadlaw::base {
namespace {

std::string ErrorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("loadlaw_json_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

TEST(ReadJsonFileTest, NamesEveryProblemWithThePath) {
  EXPECT_NE(ErrorOf([] { ReadJsonFile("/nonexistent/x.json"); })
                .find("/nonexistent/x.json: cannot open"),
            std::string::npos);
  const std::string dir = std::filesystem::temp_directory_path().string();
  EXPECT_NE(ErrorOf([&] { ReadJsonFile(dir); }).find("is a directory"),
            std::string::npos);
  EXPECT_NE(ErrorOf([] { ReadJsonFile("/dev/zero"); })
                .find("is not a regular file"),
            std::string::npos);

  const std::string path = TempPath("bad.json");
  std::ofstream(path) << "{\n  \"a\": 1,\n  \"b\": oops\n}\n";
  const std::string bad = ErrorOf([&] { ReadJsonFile(path); });
  EXPECT_NE(bad.find(path + ": not valid JSON (line 3, column"),
            std::string::npos)
      << bad;
  EXPECT_EQ(bad.find("json.exception"), std::string::npos) << bad;

  std::ofstream(path) << "{\"x\": 1e400}";
  const std::string huge = ErrorOf([&] { ReadJsonFile(path); });
  EXPECT_NE(huge.find(path + ": not valid JSON"), std::string::npos) << huge;
  EXPECT_EQ(huge.find("json.exception"), std::string::npos) << huge;

  std::ofstream(path) << "[" << std::string(100, ' ') << "]";
  EXPECT_NE(ErrorOf([&] { ReadJsonFile(path, 50); })
                .find("more than the 50"),
            std::string::npos);
  EXPECT_TRUE(ReadJsonFile(path, 200).is_array());
  std::filesystem::remove(path);
}

TEST(JsonNodeTest, ErrorsNameTheSourceAndThePointer) {
  const nlohmann::json doc = nlohmann::json::parse(
      R"({"levels": [{"n": "four", "k": 2.5, "big": 1e30}],
          "a/b": {"t": null}})");
  const JsonNode root(doc, "runs/x.json");
  EXPECT_EQ(ErrorOf([&] { root["levels"].At(0)["n"].Number(); }),
            "runs/x.json: /levels/0/n: expected a number, got string");
  EXPECT_EQ(ErrorOf([&] { root["levels"].At(0)["missing"]; }),
            "runs/x.json: missing field /levels/0/missing");
  EXPECT_EQ(ErrorOf([&] { root["levels"].At(0)["k"].Int(); }),
            "runs/x.json: /levels/0/k: expected a whole number, got 2.5");
  EXPECT_NE(ErrorOf([&] { root["levels"].At(0)["big"].Int(); })
                .find("/levels/0/big: must be in ["),
            std::string::npos);
  EXPECT_EQ(ErrorOf([&] { root["levels"].At(3); }),
            "runs/x.json: /levels: no element 3");
  EXPECT_EQ(ErrorOf([&] { root["a/b"]["t"].String(); }),
            "runs/x.json: /a~1b/t: expected a string, got null");
  EXPECT_TRUE(std::isnan(root["a/b"]["t"].NumberOrNonFinite()));
  EXPECT_EQ(ErrorOf([&] { root.CheckKeys({"levels"}); }),
            "runs/x.json: /a~1b: unknown field");
  const JsonNode bare(doc);
  EXPECT_EQ(ErrorOf([&] { bare["levels"].String(); }),
            "/levels: expected a string, got array");
}

TEST(JsonNodeTest, NonFiniteNumbersRoundTrip) {
  nlohmann::json doc = NumbersJson({1.5, NAN, INFINITY, -INFINITY});
  const std::vector<double> back = JsonNode(doc).Numbers();
  EXPECT_EQ(back[0], 1.5);
  EXPECT_TRUE(std::isnan(back[1]));
  EXPECT_EQ(back[2], INFINITY);
  EXPECT_EQ(back[3], -INFINITY);
  EXPECT_EQ(DumpJson(doc), "[1.5,null,\"inf\",\"-inf\"]");
}

TEST(JsonNodeTest, IntegersAreRangeChecked) {
  const nlohmann::json doc =
      nlohmann::json::parse(R"([-3, 18446744073709551615, 9e15, 7])");
  const JsonNode a(doc, "f");
  EXPECT_NE(ErrorOf([&] { a.At(0).Integer(0); }).find("got -3"),
            std::string::npos);
  EXPECT_NE(ErrorOf([&] { a.At(1).Integer(); })
                .find("got 18446744073709551615"),
            std::string::npos);
  EXPECT_EQ(a.At(2).Integer(), 9000000000000000);
  EXPECT_EQ(a.At(3).Int(), 7);
}

}  // namespace
}  // namespace loadlaw::base
