// The virtual-time runner: agreement with the closed form of the step model,
// saturation at max_num_seqs, open loops, determinism and validation.

#include "loadlaw/sim/virtual_run.h"

#include <cmath>
#include <stdexcept>

#include <gtest/gtest.h>

namespace loadlaw::sim {
namespace {

SimConfig StepConfig() {
  SimConfig config;
  config.engine.step_base_ms = 2;
  config.engine.step_per_seq_ms = 0.25;
  config.engine.prefill_per_token_ms = 0.002;
  config.engine.step_per_ctx_token_us = 0.5;
  return config;
}

RequestShape FixedShape(std::int64_t prompt, std::int64_t output) {
  RequestShape shape;
  shape.prompt_tokens = TokenCountDist::Fixed(prompt);
  shape.max_tokens = TokenCountDist::Fixed(output);
  return shape;
}

TEST(ClosedFormTest, MatchesAHandComputation) {
  SimConfig config = StepConfig();
  // T (a + b N) + N (p P + c T (P + (T - 1) / 2)) with N=4, P=100, T=10:
  // 10 (2 + 1) + 4 (0.2 + 0.0005 x 10 x 104.5) = 30 + 4 x 0.7225 = 32.89 ms.
  EXPECT_NEAR(ClosedFormResponseMs(config, 4, 100, 10), 32.89, 1e-9);
  EXPECT_NEAR(ClosedFormThroughputRps(config, 4, 100, 10), 4000 / 32.89,
              1e-9);
  EXPECT_THROW(ClosedFormResponseMs(config, 0, 100, 10),
               std::invalid_argument);
}

class ClosedLoopAgreement : public ::testing::TestWithParam<int> {};

TEST_P(ClosedLoopAgreement, VirtualRunMatchesClosedForm) {
  const int n = GetParam();
  SimConfig config = StepConfig();
  VirtualRunResult run = RunVirtual(config, FixedShape(100, 64),
                                    VirtualLoad::ClosedLoop(n, 200 * n));
  ASSERT_EQ(run.requests.size(), static_cast<std::size_t>(200 * n));
  double expected_rps = ClosedFormThroughputRps(config, n, 100, 64);
  EXPECT_NEAR(run.throughput_rps / expected_rps, 1.0, 0.02);
  // Every request takes exactly R(N): the users stay in lockstep.
  double expected_ms = ClosedFormResponseMs(config, n, 100, 64);
  for (const RequestTiming& r : run.requests) {
    ASSERT_NEAR(r.E2eMs(), expected_ms, 1e-6 * expected_ms);
  }
  EXPECT_NEAR(run.output_tokens_per_s / run.throughput_rps, 64.0, 1e-9);
}

INSTANTIATE_TEST_SUITE_P(Concurrency, ClosedLoopAgreement,
                         ::testing::Values(1, 4, 16, 64));

TEST(VirtualRunTest, TimingsAreConsistent) {
  VirtualRunResult run = RunVirtual(StepConfig(), FixedShape(50, 8),
                                    VirtualLoad::ClosedLoop(3, 30));
  for (const RequestTiming& r : run.requests) {
    EXPECT_GE(r.user, 0);
    EXPECT_LT(r.user, 3);
    EXPECT_LT(r.arrival_ms, r.first_token_ms);
    EXPECT_LT(r.first_token_ms, r.last_token_ms);
    EXPECT_EQ(r.last_token_ms, r.done_ms);
    EXPECT_EQ(r.output_tokens, 8);
    EXPECT_GT(r.TpotMs(), 0);
  }
  EXPECT_EQ(run.steps, 10 * 8);  // 30 requests, 3 at a time, 8 steps each
  EXPECT_DOUBLE_EQ(run.end_ms, run.requests.back().done_ms);
}

TEST(VirtualRunTest, ThroughputSaturatesAtMaxNumSeqs) {
  SimConfig config = StepConfig();
  config.engine.max_num_seqs = 8;
  RequestShape shape = FixedShape(100, 32);
  double at_max = RunVirtual(config, shape, VirtualLoad::ClosedLoop(8, 2400))
                      .throughput_rps;
  VirtualRunResult beyond =
      RunVirtual(config, shape, VirtualLoad::ClosedLoop(24, 2400));
  EXPECT_NEAR(beyond.throughput_rps / at_max, 1.0, 0.02);
  // The extra users wait: the mean response is three times as long.
  EXPECT_NEAR(beyond.MeanE2eMs() / ClosedFormResponseMs(config, 8, 100, 32),
              3.0, 0.1);
}

TEST(VirtualRunTest, ThinkTimeFollowsLittlesLaw) {
  SimConfig config = StepConfig();
  VirtualLoad load = VirtualLoad::ClosedLoop(4, 800);
  load.think_ms = 50;
  VirtualRunResult run = RunVirtual(config, FixedShape(20, 16), load);
  double cycle_ms = run.MeanE2eMs() + load.think_ms;
  EXPECT_NEAR(run.throughput_rps / (1000.0 * 4 / cycle_ms), 1.0, 0.03);
}

TEST(VirtualRunTest, OpenLoopBelowCapacityCarriesTheOfferedRate) {
  SimConfig config = StepConfig();
  VirtualLoad load = VirtualLoad::OpenLoop(LoadMode::kPoisson, 20.0, 4000);
  VirtualRunResult run = RunVirtual(config, FixedShape(100, 32), load);
  ASSERT_EQ(run.requests.size(), 4000u);
  EXPECT_NEAR(run.throughput_rps / 20.0, 1.0, 0.06);
  // Constant arrivals are exactly 1 / rate apart.
  load.mode = LoadMode::kConstantRate;
  load.num_requests = 10;
  VirtualRunResult constant = RunVirtual(config, FixedShape(100, 32), load);
  for (std::size_t i = 0; i < constant.requests.size(); ++i) {
    EXPECT_NEAR(constant.requests[i].arrival_ms, 50.0 * i, 1e-9);
  }
}

TEST(VirtualRunTest, DurationBoundsTheIssuing) {
  VirtualLoad load = VirtualLoad::OpenLoop(LoadMode::kConstantRate, 100, 0);
  load.duration_ms = 1000;
  VirtualRunResult run = RunVirtual(StepConfig(), FixedShape(10, 4), load);
  EXPECT_EQ(run.requests.size(), 100u);
  EXPECT_GT(run.end_ms, 990.0);
}

TEST(VirtualRunTest, SeededRunsRepeat) {
  SimConfig config = StepConfig();
  config.engine.jitter = 0.3;
  config.output_dist = kOutputDistUniform;
  RequestShape shape;
  shape.prompt_tokens = TokenCountDist::Uniform(10, 500);
  shape.max_tokens = TokenCountDist::Geometric(40, 200);
  VirtualLoad load = VirtualLoad::OpenLoop(LoadMode::kPoisson, 50, 500);
  VirtualRunResult a = RunVirtual(config, shape, load);
  VirtualRunResult b = RunVirtual(config, shape, load);
  ASSERT_EQ(a.requests.size(), b.requests.size());
  for (std::size_t i = 0; i < a.requests.size(); ++i) {
    EXPECT_EQ(a.requests[i].done_ms, b.requests[i].done_ms);
    EXPECT_EQ(a.requests[i].prompt_tokens, b.requests[i].prompt_tokens);
  }
  load.seed = 2;
  VirtualRunResult c = RunVirtual(config, shape, load);
  EXPECT_NE(a.requests[5].arrival_ms, c.requests[5].arrival_ms);
}

TEST(VirtualRunTest, InvalidInputsThrowNamingTheField) {
  SimConfig config = StepConfig();
  auto message = [&](const SimConfig& c, const RequestShape& s,
                     const VirtualLoad& l) -> std::string {
    try {
      RunVirtual(c, s, l);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "";
  };
  RequestShape shape = FixedShape(10, 10);
  EXPECT_NE(message(config, shape, VirtualLoad::ClosedLoop(0, 10))
                .find("concurrency"),
            std::string::npos);
  EXPECT_NE(message(config, shape, VirtualLoad::ClosedLoop(1, 0))
                .find("num_requests"),
            std::string::npos);
  EXPECT_NE(message(config, FixedShape(0, 10), VirtualLoad::ClosedLoop(1, 5))
                .find("prompt_tokens"),
            std::string::npos);
  EXPECT_NE(message(config, FixedShape(600000, 10),
                    VirtualLoad::ClosedLoop(1, 5))
                .find("kv_capacity_tokens"),
            std::string::npos);
  SimConfig frozen = config;
  frozen.engine.step_base_ms = 0;
  frozen.engine.step_per_seq_ms = 0;
  EXPECT_NE(message(frozen, shape, VirtualLoad::ClosedLoop(1, 5))
                .find("step_base_ms"),
            std::string::npos);
  EXPECT_NE(message(config, shape,
                    VirtualLoad::OpenLoop(LoadMode::kPoisson, -1, 5))
                .find("rate_rps"),
            std::string::npos);
}

}  // namespace
}  // namespace loadlaw::sim
