// Test support: measure the virtual-time simulator the way a sweep measures a
// real endpoint, so that its runs can be fitted and planned like a sweep's.

#ifndef LOADLAW_TESTS_PLAN_SIM_LEVELS_H_
#define LOADLAW_TESTS_PLAN_SIM_LEVELS_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/sim/virtual_run.h"

namespace loadlaw::testing {

// The p-quantile of `values` by linear interpolation between order
// statistics (type 7, as numpy's default).
inline double SampleQuantile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const double h = p * (values.size() - 1);
  const size_t i = static_cast<size_t>(std::floor(h));
  if (i + 1 >= values.size()) return values.back();
  return values[i] + (h - i) * (values[i + 1] - values[i]);
}

// The requests that arrived in the middle of a run, [10 %, 80 %) of its
// length, with the ramp-up and the drain left out.
inline std::vector<sim::RequestTiming> SteadyRequests(
    const sim::VirtualRunResult& run) {
  std::vector<sim::RequestTiming> kept;
  for (const sim::RequestTiming& r : run.requests) {
    if (r.arrival_ms >= 0.1 * run.end_ms && r.arrival_ms < 0.8 * run.end_ms) {
      kept.push_back(r);
    }
  }
  return kept;
}

// Latency quantiles (seconds) of the steady requests, E2E, TTFT and TPOT.
inline fit::LatencyTable LatencyQuantiles(
    const std::vector<sim::RequestTiming>& requests) {
  std::vector<double> e2e, ttft, tpot;
  for (const sim::RequestTiming& r : requests) {
    e2e.push_back(r.E2eMs() / 1000);
    ttft.push_back(r.TtftMs() / 1000);
    if (r.output_tokens >= 2) tpot.push_back(r.TpotMs() / 1000);
  }
  fit::LatencyTable table;
  for (fit::LatencyQuantile q : fit::kAllLatencyQuantiles) {
    const double p = fit::QuantileProbability(q);
    table.Set(fit::LatencyMetric::kE2e, q, SampleQuantile(e2e, p));
    table.Set(fit::LatencyMetric::kTtft, q, SampleQuantile(ttft, p));
    if (!tpot.empty()) {
      table.Set(fit::LatencyMetric::kTpot, q, SampleQuantile(tpot, p));
    }
  }
  return table;
}

// Time-averaged requests in flight over [from_ms, to_ms).
inline double MeanInFlight(const sim::VirtualRunResult& run, double from_ms,
                           double to_ms) {
  double busy_ms = 0;
  for (const sim::RequestTiming& r : run.requests) {
    const double start = std::max(r.arrival_ms, from_ms);
    const double end = std::min(r.done_ms, to_ms);
    if (end > start) busy_ms += end - start;
  }
  return busy_ms / (to_ms - from_ms);
}

// One closed-loop level of `users`, measured like a sweep level.
inline fit::LevelMeasurement MeasureLevel(const sim::SimConfig& config,
                                          const sim::RequestShape& shape,
                                          int users, std::int64_t requests,
                                          std::uint64_t seed = 1) {
  sim::VirtualLoad load = sim::VirtualLoad::ClosedLoop(users, requests);
  load.seed = seed;
  const sim::VirtualRunResult run = sim::RunVirtual(config, shape, load);
  const std::vector<sim::RequestTiming> steady = SteadyRequests(run);
  fit::LevelMeasurement level;
  level.configured_concurrency = users;
  level.achieved_concurrency =
      MeanInFlight(run, 0.1 * run.end_ms, 0.9 * run.end_ms);
  level.requests_per_s = run.throughput_rps;
  level.output_tokens_per_s = run.output_tokens_per_s;
  double input = 0, output = 0;
  for (const sim::RequestTiming& r : steady) {
    input += r.prompt_tokens;
    output += r.output_tokens;
  }
  level.mean_input_tokens = input / steady.size();
  level.mean_output_tokens = output / steady.size();
  level.latency_s = LatencyQuantiles(steady);
  level.duration_s = 0.8 * run.end_ms / 1000;
  return level;
}

}  // namespace loadlaw::testing

#endif  // LOADLAW_TESTS_PLAN_SIM_LEVELS_H_
