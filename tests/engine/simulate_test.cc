// The fleet in virtual time: the closed form of one replica, replicas and
// routers, sessions with pauses and growing prompts, open loops, limits.

#include "loadlaw/engine/simulate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "loadlaw/engine/workload_sessions.h"
#include "loadlaw/sim/virtual_run.h"
#include "loadlaw/workload/workload.h"

namespace loadlaw::engine {
namespace {

EngineParams Exact() {
  EngineParams p;
  p.step_base_ms = 5;
  p.step_per_seq_ms = 0.2;
  p.prefill_per_token_ms = 0.002;
  p.step_per_ctx_token_us = 0.05;
  return p;
}

SessionShape OneTurn(std::int64_t prompt, std::int64_t output) {
  SessionShape s;
  s.turns = {TurnShape{prompt, output, 0}};
  return s;
}

double Throughput(const SimulationResult& r, double from_ms, double to_ms) {
  double n = 0;
  for (const SimulatedRequest& q : r.requests) {
    n += q.done_ms >= from_ms && q.done_ms < to_ms;
  }
  return 1000 * n / (to_ms - from_ms);
}

TEST(SimulateTest, OneReplicaMatchesTheClosedForm) {
  Fleet fleet;
  fleet.params = Exact();
  FixedSessions sessions({OneTurn(100, 64)});
  for (int n : {1, 4, 16}) {
    Load load;
    load.concurrency = n;
    load.duration_ms = 60000;
    const SimulationResult r = Simulate(fleet, sessions, load);
    sim::SimConfig config;
    config.engine = fleet.params;
    const double expected = sim::ClosedFormThroughputRps(config, n, 100, 64);
    EXPECT_NEAR(Throughput(r, 6000, 54000), expected, 0.02 * expected) << n;
  }
}

TEST(SimulateTest, ReplicasAddCapacityAndRoutersSpreadTheLoad) {
  Fleet fleet;
  fleet.params = Exact();
  fleet.params.max_num_seqs = 8;
  FixedSessions sessions({OneTurn(100, 64)});
  Load load;
  load.concurrency = 32;
  load.duration_ms = 30000;
  const double one = Throughput(Simulate(fleet, sessions, load), 3000, 27000);
  for (Router router :
       {Router::kRoundRobin, Router::kRandom, Router::kLeastOutstanding}) {
    fleet.replicas = 4;
    fleet.router = router;
    const SimulationResult r = Simulate(fleet, sessions, load);
    std::vector<int> per_replica(4, 0);
    for (const SimulatedRequest& q : r.requests) ++per_replica[q.replica];
    for (int count : per_replica) EXPECT_GT(count, 0) << RouterName(router);
    // 32 users on 4 replicas of 8: every user runs at once, about 4x one.
    EXPECT_GT(Throughput(r, 3000, 27000), 3.2 * one) << RouterName(router);
  }
}

TEST(SimulateTest, SessionsPauseBetweenTurnsAndCarryTheirHistory) {
  workload::Workload w = workload::ParseWorkload(R"({
    "scenarios": [{"name": "agent", "turns": 3,
                   "prompt": {"synthetic_tokens": 40}, "max_tokens": 10,
                   "turn_think_time_s": 0.5}]})",
                                                 ".");
  WorkloadSessions sessions(w, TokenScale{}, 10, 1);
  for (const SessionShape& s : sessions.sessions()) {
    ASSERT_EQ(s.turns.size(), 3u);
    // The conversation grows: earlier prompts and answers are re-sent.
    EXPECT_EQ(s.turns[1].prompt_tokens, 40 + 10 + 40);
    EXPECT_EQ(s.turns[2].prompt_tokens, 40 + 10 + 40 + 10 + 40);
    EXPECT_EQ(s.turns[0].pause_after_ms, 500);
  }
  Fleet fleet;
  fleet.params = Exact();
  Load load;
  load.concurrency = 2;
  load.duration_ms = 20000;
  const SimulationResult r = Simulate(fleet, sessions, load);
  ASSERT_FALSE(r.sessions.empty());
  for (const SimulatedRequest& q : r.requests) {
    if (q.turn == 0) continue;
    // The previous turn of the same session ended 500 ms before this send.
    const auto prev = std::find_if(
        r.requests.begin(), r.requests.end(), [&](const SimulatedRequest& p) {
          return p.session == q.session && p.turn == q.turn - 1;
        });
    ASSERT_NE(prev, r.requests.end());
    EXPECT_NEAR(q.send_ms - prev->done_ms, 500, 1e-6);
  }
  for (const SimulatedSession& s : r.sessions) {
    EXPECT_EQ(s.turns, 3);
    EXPECT_GT(s.end_ms - s.start_ms, 1000);  // two pauses of 500 ms
  }
}

TEST(SimulateTest, OpenLoopMeetsItsRateAndOverheadDelaysTheEngine) {
  Fleet fleet;
  fleet.params = Exact();
  fleet.params.request_overhead_ms = 3;
  FixedSessions sessions({OneTurn(50, 20)});
  Load load;
  load.open_loop = true;
  load.rate_rps = 20;
  load.duration_ms = 60000;
  const SimulationResult r = Simulate(fleet, sessions, load);
  EXPECT_NEAR(static_cast<double>(r.requests.size()), 1200, 4 * 35);
  for (const SimulatedRequest& q : r.requests) {
    EXPECT_GE(q.TtftMs(), 3 + fleet.params.step_base_ms);
  }
  load.arrival = workload::ArrivalKind::kConstant;
  const SimulationResult constant = Simulate(fleet, sessions, load);
  EXPECT_EQ(constant.requests.size(), 1200u);  // at 0, 50 ms, 100 ms, ...
}

TEST(SimulateTest, RefusesWhatCannotRun) {
  Fleet fleet;
  fleet.params = Exact();
  fleet.params.kv_capacity_tokens = 100;
  FixedSessions sessions({OneTurn(90, 20)});
  Load load;
  load.max_requests = 5;
  EXPECT_THROW(Simulate(fleet, sessions, load), std::invalid_argument);
  fleet.params.kv_capacity_tokens = 1000;
  load.max_requests = 0;
  EXPECT_THROW(Simulate(fleet, sessions, load), std::invalid_argument);
  fleet.replicas = 0;
  load.max_requests = 5;
  EXPECT_THROW(Simulate(fleet, sessions, load), std::invalid_argument);
  EXPECT_THROW(FixedSessions({}), std::invalid_argument);
}

}  // namespace
}  // namespace loadlaw::engine
