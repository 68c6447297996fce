#include "loadlaw/engine/params.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace loadlaw::engine {
namespace {

std::string ErrorOf(EngineParams* p, const std::string& assignment) {
  try {
    SetParam(p, assignment, "--set");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(EngineParamsTest, StepTimeIsLinearInWhatTheStepHolds) {
  EngineParams p;
  p.step_base_ms = 5;
  p.step_per_seq_ms = 0.5;
  p.prefill_per_token_ms = 0.01;
  p.step_per_ctx_token_us = 2;
  EXPECT_DOUBLE_EQ(p.StepMs(10, 100, 1000), 5 + 5 + 1 + 2);
}

TEST(EngineParamsTest, SetChangesOneParameterAndChecksIt) {
  EngineParams p;
  SetParam(&p, "max_num_seqs=64", "--set");
  EXPECT_EQ(p.max_num_seqs, 64);
  SetParam(&p, "step_base_ms=7.5", "--set");
  EXPECT_EQ(p.step_base_ms, 7.5);
  EXPECT_NE(ErrorOf(&p, "max_num_seqs=1.5").find("whole number"),
            std::string::npos);
  EXPECT_NE(ErrorOf(&p, "max_num_seqs=0").find("max_num_seqs must be in"),
            std::string::npos);
  EXPECT_NE(ErrorOf(&p, "batch=3").find("unknown engine parameter 'batch'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(&p, "max_num_seqs").find("KEY=VALUE"), std::string::npos);
  EXPECT_NE(ErrorOf(&p, "jitter=nan").find("expected a number"),
            std::string::npos);
  EXPECT_EQ(p.max_num_seqs, 64);  // a refused change changes nothing
}

TEST(EngineParamsTest, JsonRoundTripsAndNamesBadKeys) {
  EngineParams p;
  p.max_num_seqs = 12;
  p.step_per_ctx_token_us = 0.25;
  p.request_overhead_ms = 0.4;
  const nlohmann::json j = ParamsToJson(p);
  const EngineParams back = ParamsFromJson(base::JsonNode(j, "m"));
  EXPECT_EQ(back.max_num_seqs, 12);
  EXPECT_EQ(back.step_per_ctx_token_us, 0.25);
  EXPECT_EQ(back.request_overhead_ms, 0.4);
  nlohmann::json bad = j;
  bad["batch"] = 1;
  try {
    ParamsFromJson(base::JsonNode(bad, "m"));
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("m: /batch: unknown"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace loadlaw::engine
