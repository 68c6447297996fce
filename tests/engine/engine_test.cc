// The engine's step model: step times, batch and prefill limits, the KV
// cache, FCFS order, cancellation and jitter.

#include "loadlaw/engine/engine.h"

#include <cmath>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

namespace loadlaw::engine {
namespace {

EngineParams ExactConfig() {
  EngineParams config;
  config.step_base_ms = 5;
  config.step_per_seq_ms = 1;
  config.prefill_per_token_ms = 0.01;
  config.step_per_ctx_token_us = 10;
  return config;
}

// Runs one step; returns its plan and appends its events to *events.
StepPlan Step(Engine* engine, base::ManualClock* clock,
              std::vector<TokenEvent>* events = nullptr) {
  StepPlan plan = engine->BeginStep();
  clock->AdvanceMs(plan.duration_ms);
  const StepOutcome& outcome = engine->FinishStep();
  EXPECT_DOUBLE_EQ(outcome.end_ms, clock->NowMs());
  if (events != nullptr) {
    events->insert(events->end(), outcome.tokens.begin(),
                   outcome.tokens.end());
  }
  return plan;
}

TEST(EngineTest, SingleRequestFollowsTheStepModel) {
  base::ManualClock clock;
  Engine engine(ExactConfig(), /*seed=*/1, &clock);
  SubmitResult r = engine.Submit(100, 3);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.output_tokens, 3);
  std::vector<TokenEvent> events;
  // Prefill: 5 + 1 x 1 seq + 0.01 x 100 tokens + 0.01 x 100 context = 8 ms.
  StepPlan first = Step(&engine, &clock, &events);
  EXPECT_EQ(first.batch_seqs, 1);
  EXPECT_EQ(first.prefill_tokens, 100);
  EXPECT_EQ(first.context_tokens, 100);
  EXPECT_DOUBLE_EQ(first.duration_ms, 8.0);
  // Decodes hold 101 and 102 tokens of context.
  EXPECT_DOUBLE_EQ(Step(&engine, &clock, &events).duration_ms, 7.01);
  EXPECT_DOUBLE_EQ(Step(&engine, &clock, &events).duration_ms, 7.02);
  ASSERT_EQ(events.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(events[i].id, r.id);
    EXPECT_EQ(events[i].index, i + 1);
    EXPECT_EQ(events[i].finished, i == 2);
  }
  EXPECT_FALSE(engine.HasWork());
  EXPECT_NEAR(clock.NowMs(), 22.03, 1e-9);
  EngineStats stats = engine.Stats();
  EXPECT_EQ(stats.prompt_tokens_total, 100);
  EXPECT_EQ(stats.generation_tokens_total, 3);
  EXPECT_EQ(stats.steps_total, 3);
  EXPECT_EQ(stats.kv_reserved_tokens, 0);
}

TEST(EngineTest, BatchIsCappedAtMaxNumSeqs) {
  EngineParams config = ExactConfig();
  config.max_num_seqs = 2;
  base::ManualClock clock;
  Engine engine(config, /*seed=*/1, &clock);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(engine.Submit(10, 2).ok());
  StepPlan plan = Step(&engine, &clock);
  EXPECT_EQ(plan.batch_seqs, 2);
  EXPECT_EQ(engine.Stats().running, 2);
  EXPECT_EQ(engine.Stats().waiting, 3);
}

TEST(EngineTest, RequestsWaitForKvRoomInArrivalOrder) {
  EngineParams config = ExactConfig();
  config.kv_capacity_tokens = 250;
  base::ManualClock clock;
  Engine engine(config, /*seed=*/1, &clock);
  SubmitResult a = engine.Submit(90, 10);  // 100 tokens of KV
  SubmitResult b = engine.Submit(90, 10);
  SubmitResult c = engine.Submit(90, 10);  // no room until a or b ends
  SubmitResult d = engine.Submit(10, 10);  // fits, but FCFS: waits behind c
  Step(&engine, &clock);
  EXPECT_EQ(engine.Stats().running, 2);
  EXPECT_EQ(engine.Stats().waiting, 2);
  EXPECT_DOUBLE_EQ(engine.Stats().KvUsage(), 0.8);
  std::vector<TokenEvent> events;
  while (engine.Stats().waiting == 2) Step(&engine, &clock, &events);
  // a and b emit tokens 2..10; then c and d enter together (FCFS: d could
  // have fitted before, but not ahead of c) and emit their first tokens.
  EXPECT_EQ(events.size(), 2u * 9 + 2);
  EXPECT_EQ(engine.Stats().running, 2);
  EXPECT_EQ(engine.Stats().kv_reserved_tokens, 120);
  (void)a, (void)b, (void)c, (void)d;
}

TEST(EngineTest, LongPromptsArePrefilledInChunksOfTheBudget) {
  EngineParams config = ExactConfig();
  config.prefill_budget_tokens = 64;
  base::ManualClock clock;
  Engine engine(config, /*seed=*/1, &clock);
  SubmitResult r = engine.Submit(150, 2);
  std::vector<TokenEvent> events;
  EXPECT_EQ(Step(&engine, &clock, &events).prefill_tokens, 64);
  EXPECT_EQ(Step(&engine, &clock, &events).prefill_tokens, 64);
  EXPECT_TRUE(events.empty());
  StepPlan last = Step(&engine, &clock, &events);
  EXPECT_EQ(last.prefill_tokens, 22);
  EXPECT_EQ(last.context_tokens, 150);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].id, r.id);
  EXPECT_EQ(events[0].index, 1);
}

TEST(EngineTest, SubmitRejectsRequestsThatCanNeverRun) {
  EngineParams config = ExactConfig();
  config.kv_capacity_tokens = 100;
  base::ManualClock clock;
  Engine engine(config, /*seed=*/1, &clock);
  EXPECT_FALSE(engine.Submit(0, 5).ok());
  EXPECT_FALSE(engine.Submit(5, 0).ok());
  SubmitResult too_long = engine.Submit(90, 11);
  EXPECT_FALSE(too_long.ok());
  EXPECT_NE(too_long.error.find("kv_capacity_tokens"), std::string::npos);
  EXPECT_TRUE(engine.Submit(90, 10).ok());
}

TEST(EngineTest, CancelFreesQueuedAndRunningRequests) {
  base::ManualClock clock;
  EngineParams config = ExactConfig();
  config.max_num_seqs = 1;
  Engine engine(config, /*seed=*/1, &clock);
  SubmitResult running = engine.Submit(10, 100);
  SubmitResult queued = engine.Submit(10, 100);
  Step(&engine, &clock);
  EXPECT_TRUE(engine.Cancel(queued.id));
  engine.BeginStep();
  EXPECT_TRUE(engine.Cancel(running.id));  // mid-step
  clock.AdvanceMs(1);
  EXPECT_TRUE(engine.FinishStep().tokens.empty());
  EXPECT_FALSE(engine.HasWork());
  EXPECT_EQ(engine.Stats().kv_reserved_tokens, 0);
  EXPECT_FALSE(engine.Cancel(running.id));
}

TEST(EngineTest, StepCallsOutOfOrderThrow) {
  base::ManualClock clock;
  Engine engine(ExactConfig(), /*seed=*/1, &clock);
  EXPECT_THROW(engine.BeginStep(), std::logic_error);
  EXPECT_THROW(engine.FinishStep(), std::logic_error);
  engine.Submit(1, 1);
  engine.BeginStep();
  EXPECT_THROW(engine.BeginStep(), std::logic_error);
  EngineParams bad;
  bad.max_num_seqs = 0;
  EXPECT_THROW(Engine(bad, 1, &clock), std::invalid_argument);
}

std::vector<double> StepTimes(const EngineParams& config, int steps,
                              std::uint64_t seed = 7) {
  base::ManualClock clock;
  Engine engine(config, seed, &clock);
  engine.Submit(1, steps);
  std::vector<double> times;
  for (int i = 0; i < steps; ++i) {
    times.push_back(Step(&engine, &clock).duration_ms);
  }
  return times;
}

TEST(EngineTest, JitterIsSeededWithTheConfiguredSpread) {
  EngineParams config;
  config.step_base_ms = 10;
  config.step_per_seq_ms = 0;
  config.prefill_per_token_ms = 0;
  config.step_per_ctx_token_us = 0;
  config.jitter = 0.2;
  std::vector<double> a = StepTimes(config, 20000, 7);
  EXPECT_EQ(a, StepTimes(config, 20000, 7));
  EXPECT_NE(a, StepTimes(config, 20000, 8));
  double sum = 0, sum2 = 0;
  for (double t : a) {
    sum += t;
    sum2 += t * t;
  }
  double mean = sum / a.size();
  double cv = std::sqrt(sum2 / a.size() - mean * mean) / mean;
  EXPECT_NEAR(mean, 10.0, 0.1);
  EXPECT_NEAR(cv, 0.2, 0.01);
  config.jitter = 0;
  for (double t : StepTimes(config, 10)) EXPECT_DOUBLE_EQ(t, 10.0);
}

}  // namespace
}  // namespace loadlaw::engine
