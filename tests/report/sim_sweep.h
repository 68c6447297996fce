// Test support: a closed-loop sweep of the virtual-time simulator, measured
// the way `loadlaw sweep` measures a real endpoint (summaries of the steady
// middle of each level, steady-state verdicts, the vLLM gauges the
// simulator's state implies), with its fitted capacity model and plan.

#ifndef LOADLAW_TESTS_REPORT_SIM_SWEEP_H_
#define LOADLAW_TESTS_REPORT_SIM_SWEEP_H_

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/plan/demand.h"
#include "loadlaw/plan/planner.h"
#include "loadlaw/plan/pricing.h"
#include "loadlaw/plan/slo.h"
#include "loadlaw/sim/virtual_run.h"
#include "loadlaw/calibrate/calibrate.h"
#include "loadlaw/sweep_file/steady_state.h"
#include "loadlaw/sweep_file/sweep_file.h"
#include "plan/sim_levels.h"

namespace loadlaw::testing {

inline constexpr int kSimMaxNumSeqs = 32;
inline constexpr int kSimPromptTokens = 128;

// A continuous-batching replica: 5 ms a step plus 0.4 ms per sequence, at
// most 32 sequences at once, 10 % jitter, 128-token prompts, 16..112 output
// tokens.
inline sim::SimConfig SimReplica() {
  sim::SimConfig c;
  c.engine.max_num_seqs = kSimMaxNumSeqs;
  c.engine.step_base_ms = 5;
  c.engine.step_per_seq_ms = 0.4;
  c.engine.prefill_per_token_ms = 0.002;
  c.engine.step_per_ctx_token_us = 0.01;
  c.engine.jitter = 0.1;
  c.engine.kv_capacity_tokens = 16384;
  return c;
}

inline sim::RequestShape SimShape() {
  sim::RequestShape s;
  s.prompt_tokens = sim::TokenCountDist::Fixed(kSimPromptTokens);
  s.max_tokens = sim::TokenCountDist::Uniform(16, 112);
  return s;
}

// The digest of `values` (seconds or tokens) as the telemetry reports it.
inline telemetry::Summary SummaryOf(const std::vector<double>& values) {
  telemetry::Summary s;
  if (values.empty()) return s;
  s.count = values.size();
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / values.size();
  s.min = *std::min_element(values.begin(), values.end());
  s.max = *std::max_element(values.begin(), values.end());
  s.p50 = SampleQuantile(values, 0.50);
  s.p90 = SampleQuantile(values, 0.90);
  s.p95 = SampleQuantile(values, 0.95);
  s.p99 = SampleQuantile(values, 0.99);
  s.p999 = SampleQuantile(values, 0.999);
  return s;
}

inline sweep::GaugeStats Gauge(double mean, double max) {
  sweep::GaugeStats g;
  g.mean = mean;
  g.max = max;
  g.samples = 20;
  return g;
}

// One level of `users`: the window is the middle 80 % of the run.
inline sweep::SweepLevel SimLevel(int index, int users) {
  sim::VirtualLoad load =
      sim::VirtualLoad::ClosedLoop(users, 300 * users + 600);
  load.seed = 7 + index;
  const sim::VirtualRunResult run =
      sim::RunVirtual(SimReplica(), SimShape(), load);
  const double from_ms = 0.1 * run.end_ms, to_ms = 0.9 * run.end_ms;
  std::vector<double> e2e, ttft, tpot, out_tokens, per_second;
  per_second.assign(static_cast<size_t>((to_ms - from_ms) / 1000) + 1, 0);
  for (const sim::RequestTiming& r : run.requests) {
    if (r.done_ms < from_ms || r.done_ms >= to_ms) continue;
    e2e.push_back(r.E2eMs() / 1000);
    ttft.push_back(r.TtftMs() / 1000);
    if (r.output_tokens >= 2) tpot.push_back(r.TpotMs() / 1000);
    out_tokens.push_back(static_cast<double>(r.output_tokens));
    per_second[static_cast<size_t>((r.done_ms - from_ms) / 1000)] += 1;
  }
  if (per_second.size() > 1) per_second.pop_back();  // a partial second
  sweep::SweepLevel level;
  level.index = index;
  level.concurrency = users;
  level.duration_s = (to_ms - from_ms) / 1000;
  level.warmup_s = from_ms / 1000;
  level.steady = sweep::CheckSteadyState(per_second);
  telemetry::WindowSummary& s = level.summary;
  s.window_s = level.duration_s;
  s.finished = s.completed = e2e.size();
  s.e2e = SummaryOf(e2e);
  s.ttft = SummaryOf(ttft);
  s.tpot = SummaryOf(tpot);
  s.output_tokens = SummaryOf(out_tokens);
  s.input_tokens = SummaryOf(std::vector<double>(e2e.size(), kSimPromptTokens));
  s.requests_per_s = run.ThroughputRps(from_ms, to_ms);
  s.output_tokens_per_s = run.OutputTokensPerS(from_ms, to_ms);
  s.input_tokens_per_s = s.requests_per_s * kSimPromptTokens;
  s.achieved_concurrency = MeanInFlight(run, from_ms, to_ms);
  const double running =
      std::min<double>(s.achieved_concurrency, kSimMaxNumSeqs);
  const double waiting = std::max(0.0, s.achieved_concurrency - running - 1e-9);
  const double context = kSimPromptTokens + 0.5 * s.output_tokens.mean;
  level.gauges["vllm:num_requests_running"] =
      Gauge(running, std::min(users, kSimMaxNumSeqs));
  level.gauges["vllm:num_requests_waiting"] =
      Gauge(waiting, std::max(0, users - kSimMaxNumSeqs));
  level.gauges["vllm:gpu_cache_usage_perc"] =
      Gauge(running * context / SimReplica().engine.kv_capacity_tokens,
            std::min(users, kSimMaxNumSeqs) * (kSimPromptTokens + 112.0) /
                SimReplica().engine.kv_capacity_tokens);
  return level;
}

inline sweep::SweepFile SimSweep(const std::vector<int>& users = {
                                     1, 2, 4, 8, 12, 16, 24, 32, 48, 64}) {
  sweep::SweepFile sweep;
  sweep::SweepProvenance& p = sweep.provenance;
  p.target = "sim://virtual-time";
  p.served_model = "loadlaw-sim";
  p.workload_name = "chat-128in-16to112out";
  p.workload_hash = "5f3c9a1e00b2d7c4";
  p.label = "sim";
  p.date = "2025-06-01T12:00:00Z";
  p.loadlaw_version = LOADLAW_VERSION;
  p.server_concurrency_limit = kSimMaxNumSeqs;
  for (size_t i = 0; i < users.size(); ++i) {
    sweep.levels.push_back(SimLevel(static_cast<int>(i), users[i]));
  }
  sweep.complete = true;
  sweep.stop_reason = "all levels done";
  return sweep;
}

// The plan options of the tests and the demo: 200 req/s under two SLOs with
// 20 % headroom, priced with the repository's models/pricing.json.
inline plan::PlanOptions SimPlanOptions(bool priced = true) {
  plan::PlanOptions o;
  o.slos = {plan::ParseSlo("p99(e2e)<1.5s"), plan::ParseSlo("p95(ttft)<150ms")};
  o.demand = plan::ParseDemand("200rps");
  o.headroom = 0.2;
  if (priced) {
    const plan::Pricing pricing = plan::LoadPricing(
        std::string(LOADLAW_SOURCE_DIR) + "/models/pricing.json");
    o.price_per_replica_hour = pricing.FindHardware("sim")->per_gpu_hour;
    o.price_source = "models/pricing.json: sim";
    o.api_prices = pricing.api;
  }
  return o;
}

}  // namespace loadlaw::testing

#endif  // LOADLAW_TESTS_REPORT_SIM_SWEEP_H_
