// Engine calibration against the simulator's known parameters: sweeps of the
// engine in virtual time (virtual_sweep.h), calibrated as a real sweep would
// be, must give back the parameters they were run with.

#include "loadlaw/engine/calibration.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "loadlaw/base/json.h"
#include "engine/virtual_sweep.h"

namespace loadlaw::engine {
namespace {

// The truth of the recovery trials: a GPU-like step (a large fixed part, a
// small per-sequence one) and a cap of 24 that levels 32 crosses.
EngineParams Truth() {
  EngineParams p;
  p.max_num_seqs = 24;
  p.step_base_ms = 8;
  p.step_per_seq_ms = 0.15;
  p.prefill_per_token_ms = 0.02;
  p.step_per_ctx_token_us = 0.08;
  p.jitter = 0.05;
  p.request_overhead_ms = 0.3;
  return p;
}

// A mixed-length workload: prompts of 100 to 4000 tokens, answers of 16 to
// 256, one turn each.
FixedSessions MixedWorkload(std::uint64_t seed, int prompt_low = 100,
                            int prompt_high = 4000) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> prompt(prompt_low, prompt_high);
  std::uniform_int_distribution<int> output(16, 256);
  std::vector<SessionShape> shapes;
  for (int i = 0; i < 400; ++i) {
    SessionShape s;
    s.turns = {TurnShape{prompt(rng), output(rng), 0}};
    shapes.push_back(s);
  }
  return FixedSessions(shapes);
}

std::vector<ObservedLevel> Sweep(const EngineParams& truth, std::uint64_t seed,
                                 bool gauges = true,
                                 std::vector<int> users = {1, 2, 4, 8, 16, 32},
                                 int prompt_low = 100,
                                 int prompt_high = 4000) {
  FixedSessions sessions = MixedWorkload(1000 + seed, prompt_low, prompt_high);
  testing::VirtualSweepSpec spec;
  spec.truth = truth;
  spec.users = std::move(users);
  spec.seed = seed;
  spec.window_ms = 120000;  // a 2-minute window a level
  spec.gauges = gauges;
  return testing::VirtualSweep(spec, sessions);
}

bool Within(const base::Estimate& e, double truth, double tolerance) {
  return std::fabs(e.value / truth - 1) <= tolerance;
}

bool Covers(const base::Estimate& e, double truth) {
  return e.low <= truth && truth <= e.high;
}

// The claim: over 100 seeded trials the cap exactly and the step's
// four costs within 10 % in at least 90, and the 95 % intervals covering the
// truth about 95 % of the time (85 to 100 of 100 allows the binomial scatter
// of 100 trials, 95 +- 2.2 sd, and some conservatism).
TEST(EngineCalibrationTest, RecoversTheSimulatorsParametersIn100Trials) {
  const EngineParams truth = Truth();
  const double values[4] = {truth.step_base_ms, truth.step_per_seq_ms,
                            truth.prefill_per_token_ms,
                            truth.step_per_ctx_token_us};
  const char* names[4] = {"step_base_ms", "step_per_seq_ms",
                          "prefill_per_token_ms", "step_per_ctx_token_us"};
  int within[4] = {0, 0, 0, 0}, covered[4] = {0, 0, 0, 0}, cap_exact = 0;
  int usable = 0;
  const int trials = 100;
  for (int t = 0; t < trials; ++t) {
    const EngineModel m = CalibrateEngine(Sweep(truth, t + 1), {});
    usable += m.usable;
    cap_exact += m.max_num_seqs.value == truth.max_num_seqs &&
                 m.max_num_seqs.source == LimitSource::kGauges;
    const base::Estimate* e[4] = {&m.step_base_ms, &m.step_per_seq_ms,
                                  &m.prefill_per_token_ms,
                                  &m.step_per_ctx_token_us};
    for (int k = 0; k < 4; ++k) {
      within[k] += Within(*e[k], values[k], 0.10);
      covered[k] += Covers(*e[k], values[k]);
    }
  }
  EXPECT_EQ(usable, trials);
  EXPECT_GE(cap_exact, 90);
  for (int k = 0; k < 4; ++k) {
    SCOPED_TRACE(names[k]);
    EXPECT_GE(within[k], 90);
    EXPECT_GE(covered[k], 85);
    EXPECT_LE(covered[k], 100);
  }
}

TEST(EngineCalibrationTest, FindsTheCapFromLatencyWithoutGauges) {
  const EngineParams truth = Truth();
  int exact = 0, within = 0;
  const int trials = 20;
  for (int t = 0; t < trials; ++t) {
    const EngineModel m = CalibrateEngine(Sweep(truth, 500 + t, false), {});
    ASSERT_TRUE(m.usable) << m.message;
    exact += m.max_num_seqs.value == truth.max_num_seqs &&
             m.max_num_seqs.source == LimitSource::kLatency;
    within += Within(m.step_base_ms, truth.step_base_ms, 0.10) &&
              Within(m.prefill_per_token_ms, truth.prefill_per_token_ms, 0.10);
    EXPECT_EQ(m.kv_capacity_tokens.source, LimitSource::kNotIdentified);
  }
  EXPECT_GE(exact, 18);
  EXPECT_GE(within, 18);
}

// A CPU-like server: the step grows almost in proportion to the batch.
TEST(EngineCalibrationTest, RecoversAStepProportionalToTheBatch) {
  EngineParams truth = Truth();
  truth.step_base_ms = 2;
  truth.step_per_seq_ms = 3;
  truth.max_num_seqs = 6;
  int within = 0;
  const int trials = 10;
  for (int t = 0; t < trials; ++t) {
    const EngineModel m =
        CalibrateEngine(Sweep(truth, 900 + t, true, {1, 2, 3, 4, 6, 8}), {});
    ASSERT_TRUE(m.usable) << m.message;
    EXPECT_EQ(m.max_num_seqs.value, 6);
    within += Within(m.step_base_ms, 2, 0.10) &&
              Within(m.step_per_seq_ms, 3, 0.10);
  }
  EXPECT_GE(within, 9);
}

TEST(EngineCalibrationTest, ReproducesTheLevelsItWasCalibratedOn) {
  const EngineModel m = CalibrateEngine(Sweep(Truth(), 77), {});
  ASSERT_TRUE(m.usable) << m.message;
  ASSERT_EQ(m.levels.size(), 6u);
  EXPECT_LT(m.max_throughput_error, 0.05);
  EXPECT_LT(m.max_tpot_error, 0.05);
  for (const LevelFit& f : m.levels) {
    EXPECT_NEAR(f.e2e_p99_ms_fitted / f.e2e_p99_ms_measured, 1, 0.15)
        << f.load << " users";
  }
  // The batch by Little's law follows the users up to the cap.
  EXPECT_NEAR(m.levels[0].batch_size, 1, 0.05);
  EXPECT_NEAR(m.levels[5].batch_size, 24, 0.5);
  EXPECT_GT(m.requests_used, 1000);
}

TEST(EngineCalibrationTest, ACapNeverReachedIsNotIdentifiedOrTakenFromTheConfig) {
  const std::vector<ObservedLevel> levels =
      Sweep(Truth(), 3, true, {1, 2, 4, 8});
  const EngineModel unknown = CalibrateEngine(levels, {});
  ASSERT_TRUE(unknown.usable) << unknown.message;
  EXPECT_EQ(unknown.max_num_seqs.source, LimitSource::kNotIdentified);
  EXPECT_GE(unknown.params.max_num_seqs, 1000000);
  bool noted = false;
  for (const std::string& n : unknown.notes) {
    noted |= n.find("max_num_seqs not identified") != std::string::npos;
  }
  EXPECT_TRUE(noted);

  CalibrationOptions options;
  options.configured_max_num_seqs = 24;
  const EngineModel configured = CalibrateEngine(levels, options);
  EXPECT_EQ(configured.max_num_seqs.source, LimitSource::kConfigured);
  EXPECT_EQ(configured.params.max_num_seqs, 24);
}

TEST(EngineCalibrationTest, PromptsOfOneLengthLeaveThePrefillCostUnidentified) {
  // Every prompt 1000 tokens: prefill cannot be told from overhead.
  const EngineModel m =
      CalibrateEngine(Sweep(Truth(), 5, true, {1, 2, 4, 8, 16, 32}, 1000, 1000),
                      {});
  ASSERT_TRUE(m.usable) << m.message;
  EXPECT_EQ(m.params.prefill_per_token_ms, 0);
  EXPECT_TRUE(std::isnan(m.prefill_per_token_ms.low));
  EXPECT_TRUE(std::isnan(m.prefill_per_token_ms.high));
  bool noted = false;
  for (const std::string& n : m.notes) {
    noted |= n.find("prefill_per_token_ms not identified") != std::string::npos;
  }
  EXPECT_TRUE(noted);
  // The decode side still holds: the answers vary.
  EXPECT_TRUE(Within(m.step_base_ms, Truth().step_base_ms, 0.10));
}

TEST(EngineCalibrationTest, TooLittleDataGivesAnUnusableModelWithTheReason) {
  std::vector<ObservedLevel> levels = Sweep(Truth(), 9, true, {1, 2});
  levels[1].requests.clear();
  const EngineModel m = CalibrateEngine(levels, {});
  EXPECT_FALSE(m.usable);
  EXPECT_NE(m.message.find("at least 2 levels"), std::string::npos)
      << m.message;

  EXPECT_THROW(CalibrateEngine({}, {}), std::invalid_argument);
  CalibrationOptions bad;
  bad.confidence = 1.5;
  try {
    CalibrateEngine(levels, bad);
    FAIL() << "a confidence of 1.5 was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("confidence"), std::string::npos);
  }
}

TEST(EngineCalibrationTest, WhatIfSettingsApplyToTheCalibratedParameters) {
  const EngineModel m = CalibrateEngine(Sweep(Truth(), 11), {});
  ASSERT_TRUE(m.usable) << m.message;
  const EngineParams p =
      m.WithSettings({"max_num_seqs=48", "kv_capacity_tokens=200000"}, "--set");
  EXPECT_EQ(p.max_num_seqs, 48);
  EXPECT_EQ(p.kv_capacity_tokens, 200000);
  EXPECT_EQ(p.step_base_ms, m.params.step_base_ms);
  try {
    m.WithSettings({"max_num_seqz=4"}, "--set");
    FAIL() << "an unknown setting was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("--set"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("max_num_seqz"), std::string::npos);
  }
}

TEST(EngineCalibrationTest, TheModelRoundTripsThroughJson) {
  const EngineModel m = CalibrateEngine(Sweep(Truth(), 13), {});
  ASSERT_TRUE(m.usable) << m.message;
  const nlohmann::json j = EngineModelToJson(m);
  const EngineModel back = EngineModelFromJson(
      base::JsonNode(base::ParseJson(j.dump(), "model.json"), "model.json"));
  EXPECT_EQ(EngineModelToJson(back), j);
  EXPECT_EQ(back.params.max_num_seqs, m.params.max_num_seqs);
  EXPECT_DOUBLE_EQ(back.step_per_seq_ms.high, m.step_per_seq_ms.high);
  EXPECT_EQ(back.notes, m.notes);

  nlohmann::json bad = j;
  bad["params"]["max_num_seqs"] = "many";
  try {
    EngineModelFromJson(base::JsonNode(bad, "model.json"));
    FAIL() << "a text batch cap was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("max_num_seqs"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace loadlaw::engine
