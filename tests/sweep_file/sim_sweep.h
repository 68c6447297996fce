// Test support: sweep files measured on the virtual-time simulator, built the
// way the sweep runner fills them (per-second series of the whole level, the
// window's summary quantiles and latency reservoirs), for `compare` tests.

#ifndef LOADLAW_TESTS_SWEEP_FILE_SIM_SWEEP_H_
#define LOADLAW_TESTS_SWEEP_FILE_SIM_SWEEP_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "loadlaw/sim/virtual_run.h"
#include "loadlaw/sweep_file/sweep_file.h"

namespace loadlaw::testing {

struct SimSweepSpec {
  sim::SimConfig config;
  sim::RequestShape shape;
  std::vector<int> users = {1, 2, 4, 8};
  double warmup_s = 5;
  double window_s = 30;
  std::uint64_t seed = 1;  // of the engine (jitter, lengths) and the shapes
};

// A noisy engine (step jitter, output lengths uniform in 1..128), so that
// two seeds give two different measurements of the same parameters.
inline SimSweepSpec NoisySpec(std::uint64_t seed, double step_factor = 1.0) {
  SimSweepSpec spec;
  spec.config.engine.step_base_ms = 5.0 * step_factor;
  spec.config.engine.step_per_seq_ms = 0.05 * step_factor;
  spec.config.engine.prefill_per_token_ms = 0.002 * step_factor;
  spec.config.engine.step_per_ctx_token_us = 0.01 * step_factor;
  spec.config.engine.jitter = 0.1;
  spec.config.output_dist = sim::kOutputDistUniform;
  spec.shape.prompt_tokens = sim::TokenCountDist::Uniform(64, 256);
  spec.shape.max_tokens = sim::TokenCountDist::Fixed(128);
  spec.seed = seed;
  return spec;
}

// Quantiles of `values` (not empty) by the inverse empirical distribution.
inline telemetry::Summary SummaryOf(std::vector<double> values) {
  telemetry::Summary s;
  std::sort(values.begin(), values.end());
  s.count = values.size();
  if (values.empty()) return s;
  auto at = [&](double p) {
    const double rank = std::ceil(p * values.size() - 1e-9);
    return values[static_cast<std::size_t>(std::max(rank, 1.0)) - 1];
  };
  for (double v : values) s.mean += v / values.size();
  s.min = values.front();
  s.max = values.back();
  s.p50 = at(0.5);
  s.p90 = at(0.9);
  s.p95 = at(0.95);
  s.p99 = at(0.99);
  s.p999 = at(0.999);
  return s;
}

// At most kMaxRequestSamples values, evenly strided.
inline std::vector<double> Reservoir(const std::vector<double>& values) {
  const std::size_t n = values.size(), k = telemetry::kMaxRequestSamples;
  if (n <= k) return values;
  std::vector<double> kept;
  for (std::size_t i = 0; i < k; ++i) kept.push_back(values[i * n / k]);
  return kept;
}

// Adds a request to the per-second series (grown as needed) of the level.
inline void AddToSeries(const sim::RequestTiming& r,
                        std::vector<telemetry::SecondPoint>* series) {
  const std::size_t second = static_cast<std::size_t>(r.done_ms / 1000);
  while (series->size() <= second) {
    telemetry::SecondPoint p;
    p.t_s = static_cast<double>(series->size());
    series->push_back(p);
  }
  ++(*series)[second].completed;
  (*series)[second].output_tokens += r.output_tokens;
}

// One closed-loop level of `users`, run for warm-up plus window.
inline sweep::SweepLevel SimLevel(const SimSweepSpec& spec, int users,
                                  int index) {
  sim::VirtualLoad load = sim::VirtualLoad::ClosedLoop(users, 0);
  load.duration_ms = 1000 * (spec.warmup_s + spec.window_s);
  load.seed = spec.seed * 7919 + users;
  sim::SimConfig config = spec.config;
  config.seed = spec.seed * 104729 + users;
  const sim::VirtualRunResult run = sim::RunVirtual(config, spec.shape, load);
  sweep::SweepLevel level;
  level.index = index;
  level.concurrency = users;
  level.warmup_s = spec.warmup_s;
  level.duration_s = spec.window_s;
  level.steady.settled = true;
  std::vector<double> e2e, ttft, tpot;
  std::int64_t tokens = 0;
  for (const sim::RequestTiming& r : run.requests) {
    AddToSeries(r, &level.summary.time_series);
    if (r.done_ms < 1000 * spec.warmup_s ||
        r.done_ms >= 1000 * (spec.warmup_s + spec.window_s)) {
      continue;
    }
    e2e.push_back(r.E2eMs() / 1000);
    ttft.push_back(r.TtftMs() / 1000);
    if (r.output_tokens >= 2) tpot.push_back(r.TpotMs() / 1000);
    tokens += r.output_tokens;
  }
  telemetry::WindowSummary& s = level.summary;
  s.window_s = spec.window_s;
  s.finished = s.completed = e2e.size();
  s.requests_per_s = e2e.size() / spec.window_s;
  s.output_tokens_per_s = tokens / spec.window_s;
  s.output_tokens_total = tokens;
  s.achieved_concurrency = users;
  s.e2e = SummaryOf(e2e);
  s.ttft = SummaryOf(ttft);
  s.tpot = SummaryOf(tpot);
  level.samples = {Reservoir(e2e), Reservoir(ttft), Reservoir(tpot)};
  return level;
}

inline sweep::SweepFile SimSweep(const SimSweepSpec& spec) {
  sweep::SweepFile file;
  file.provenance.target = "virtual-sim";
  file.provenance.workload_name = "uniform-chat";
  file.provenance.loop = telemetry::LoopKind::kClosed;
  for (std::size_t i = 0; i < spec.users.size(); ++i) {
    file.levels.push_back(SimLevel(spec, spec.users[i], static_cast<int>(i)));
  }
  file.complete = true;
  return file;
}

}  // namespace loadlaw::testing

#endif  // LOADLAW_TESTS_SWEEP_FILE_SIM_SWEEP_H_
