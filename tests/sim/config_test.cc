// SimConfig: defaults, range checks, the JSON reader and the field table that
// the CLI turns into flags.

#include "loadlaw/sim/config.h"

#include <cstdio>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace loadlaw::sim {
namespace {

std::string WhyInvalid(const SimConfig& config) {
  std::string why;
  EXPECT_FALSE(config.IsValid(&why));
  return why;
}

std::string ThrownMessage(const std::string& json_text) {
  try {
    SimConfig::FromJsonText(json_text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(SimConfigTest, DefaultsAreValid) {
  SimConfig config;
  std::string why = "untouched";
  EXPECT_TRUE(config.IsValid(&why));
  EXPECT_TRUE(config.IsValid(nullptr));
  EXPECT_EQ(config.host, "127.0.0.1");  // loopback unless asked otherwise
}

TEST(SimConfigTest, InvalidValuesNameFieldAndValue) {
  SimConfig config;
  config.engine.max_num_seqs = 0;
  EXPECT_EQ(WhyInvalid(config), "max_num_seqs must be in [1, 1e+06], got 0");
  config = SimConfig();
  config.engine.step_base_ms = -2.5;
  EXPECT_EQ(WhyInvalid(config), "step_base_ms must be in [0, 1e+06], got -2.5");
  config = SimConfig();
  config.error_rate = 1.5;
  EXPECT_EQ(WhyInvalid(config), "error_rate must be in [0, 1], got 1.5");
  config = SimConfig();
  config.output_dist = "zipf";
  EXPECT_NE(WhyInvalid(config).find("output_dist"), std::string::npos);
  EXPECT_NE(WhyInvalid(config).find("zipf"), std::string::npos);
  config = SimConfig();
  config.port = 70000;
  EXPECT_NE(WhyInvalid(config).find("port"), std::string::npos);
  config = SimConfig();
  config.engine.jitter = std::nan("");
  EXPECT_NE(WhyInvalid(config).find("jitter"), std::string::npos);
}

TEST(SimConfigTest, FromJsonSetsFieldsOverDefaults) {
  SimConfig config = SimConfig::FromJsonText(
      R"({"max_num_seqs": 16, "step_base_ms": 2, "jitter": 0.1,
          "seed": 42, "output_dist": "uniform", "truth_log": "t.jsonl"})");
  EXPECT_EQ(config.engine.max_num_seqs, 16);
  EXPECT_DOUBLE_EQ(config.engine.step_base_ms, 2.0);
  EXPECT_DOUBLE_EQ(config.engine.jitter, 0.1);
  EXPECT_EQ(config.seed, 42u);
  EXPECT_EQ(config.output_dist, "uniform");
  EXPECT_EQ(config.truth_log, "t.jsonl");
  EXPECT_EQ(config.engine.kv_capacity_tokens, SimConfig().engine.kv_capacity_tokens);
}

TEST(SimConfigTest, FromJsonRejectsUnknownKeysAndWrongTypes) {
  EXPECT_NE(ThrownMessage(R"({"max_num_seq": 3})").find("/max_num_seq"),
            std::string::npos);
  std::string wrong_type = ThrownMessage(R"({"max_num_seqs": "16"})");
  EXPECT_NE(wrong_type.find("/max_num_seqs"), std::string::npos);
  EXPECT_NE(wrong_type.find("\"16\""), std::string::npos);
  EXPECT_NE(ThrownMessage(R"({"max_num_seqs": 1.5})").find("/max_num_seqs"),
            std::string::npos);
  EXPECT_NE(ThrownMessage(R"({"host": 1})").find("/host"), std::string::npos);
  EXPECT_NE(ThrownMessage(R"({"seed": -1})").find("/seed"), std::string::npos);
  EXPECT_NE(ThrownMessage("[1, 2]").find("object"), std::string::npos);
  EXPECT_NE(ThrownMessage("{not json").find("JSON"), std::string::npos);
}

TEST(SimConfigTest, FromJsonFileNamesThePath) {
  try {
    SimConfig::FromJsonFile("/nonexistent/sim.json");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/sim.json"),
              std::string::npos);
  }
  const std::string path = ::testing::TempDir() + "sim_config_test.json";
  std::ofstream(path) << R"({"step_per_seq_ms": 0.5})";
  EXPECT_DOUBLE_EQ(SimConfig::FromJsonFile(path).engine.step_per_seq_ms, 0.5);
  std::remove(path.c_str());
}

TEST(SimConfigTest, FieldsCoverEveryJsonKeyWithKebabFlags) {
  const SimConfig defaults;
  nlohmann::json all = nlohmann::json::parse(defaults.ToJsonText());
  std::set<std::string> keys;
  for (const ConfigField& field : ConfigFields()) {
    keys.insert(field.key);
    std::string kebab = field.key;
    for (char& c : kebab) c = c == '_' ? '-' : c;
    EXPECT_EQ(field.flag, kebab);
    EXPECT_TRUE(all.contains(field.key)) << field.key;
    EXPECT_FALSE(field.help.empty()) << field.key;
  }
  EXPECT_EQ(keys.size(), all.size());
  // The JSON of the defaults reads back as the defaults.
  SimConfig round = SimConfig::FromJsonText(defaults.ToJsonText());
  EXPECT_EQ(round.ToJsonText(), defaults.ToJsonText());
}

TEST(SimConfigTest, TextSettersParseStrictly) {
  SimConfig config;
  for (const ConfigField& field : ConfigFields()) {
    if (field.key == "max_num_seqs") {
      field.set_from_text(&config, "16");
      EXPECT_THROW(field.set_from_text(&config, "16x"), std::invalid_argument);
      EXPECT_THROW(field.set_from_text(&config, ""), std::invalid_argument);
    }
    if (field.key == "step_base_ms") {
      field.set_from_text(&config, "2.5");
      EXPECT_THROW(field.set_from_text(&config, "inf"), std::invalid_argument);
    }
    if (field.key == "seed") {
      EXPECT_THROW(field.set_from_text(&config, "-3"), std::invalid_argument);
      field.set_from_text(&config, "18446744073709551615");
    }
    if (field.key == "model") field.set_from_text(&config, "m-1");
  }
  EXPECT_EQ(config.engine.max_num_seqs, 16);
  EXPECT_DOUBLE_EQ(config.engine.step_base_ms, 2.5);
  EXPECT_EQ(config.seed, 18446744073709551615ull);
  EXPECT_EQ(config.model, "m-1");
  try {
    ConfigFields()[0].set_from_text(&config, "lots");
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("max_num_seqs"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("lots"), std::string::npos);
  }
}

}  // namespace
}  // namespace loadlaw::sim
