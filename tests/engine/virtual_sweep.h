// Test support: sweep levels measured on the engine in virtual time, as
// `loadlaw sweep` measures a server: each level a warm-up and a window, a
// uniform sample of at most 2000 completed requests of the window (their
// token counts, TTFT, TPOT, E2E, median token gap), the throughput, the
// clients' requests in flight, and the server's gauges (running, waiting,
// KV usage) as time averages and maxima over the window.

#ifndef LOADLAW_TESTS_ENGINE_VIRTUAL_SWEEP_H_
#define LOADLAW_TESTS_ENGINE_VIRTUAL_SWEEP_H_

#include <algorithm>
#include <random>
#include <vector>

#include "loadlaw/engine/calibration.h"
#include "loadlaw/engine/simulate.h"

namespace loadlaw::testing {

struct VirtualSweepSpec {
  engine::EngineParams truth;
  std::vector<int> users = {1, 2, 4, 8, 16, 32};
  double warmup_ms = 5000;
  double window_ms = 30000;
  bool gauges = true;  // the server exposes /metrics
  std::uint64_t seed = 1;
};

// Time-average and maximum of a count that is +1 over each [begin, end).
inline void Occupancy(std::vector<std::pair<double, int>> events,
                      double from_ms, double to_ms, double* mean,
                      double* max) {
  std::sort(events.begin(), events.end());
  int level = 0;
  double t = from_ms, area = 0;
  *max = 0;
  for (const auto& [time, delta] : events) {
    if (time >= to_ms) break;
    if (time > t) {
      if (time > from_ms) area += level * (time - std::max(t, from_ms));
      t = time;
    }
    level += delta;
    if (time >= from_ms) *max = std::max<double>(*max, level);
  }
  area += level * (to_ms - std::max(t, from_ms));
  *mean = area / (to_ms - from_ms);
}

inline engine::ObservedLevel VirtualLevel(const VirtualSweepSpec& spec,
                                          engine::SessionSource& sessions,
                                          int users) {
  engine::Fleet fleet;
  fleet.params = spec.truth;
  fleet.seed = spec.seed * 7919 + users;
  engine::Load load;
  load.concurrency = users;
  load.ramp_up_ms = spec.warmup_ms / 2;
  load.duration_ms = spec.warmup_ms + spec.window_ms;
  load.seed = spec.seed * 104729 + users;
  const engine::SimulationResult run =
      engine::Simulate(fleet, sessions, load);
  const double from = spec.warmup_ms, to = spec.warmup_ms + spec.window_ms;
  engine::ObservedLevel level;
  level.load = users;
  std::vector<engine::ObservedRequest> window;
  std::vector<std::pair<double, int>> running, waiting, in_flight;
  std::vector<std::pair<double, int>> kv;
  double busy = 0;
  for (const engine::SimulatedRequest& r : run.requests) {
    const double arrive = r.send_ms + spec.truth.request_overhead_ms;
    running.push_back({r.admit_ms, 1});
    running.push_back({r.done_ms, -1});
    waiting.push_back({arrive, 1});
    waiting.push_back({r.admit_ms, -1});
    for (int i = 0; i < r.prompt_tokens + r.output_tokens; i += 1000) {
      const int part = static_cast<int>(
          std::min<std::int64_t>(1000, r.prompt_tokens + r.output_tokens - i));
      kv.push_back({r.admit_ms, part});
      kv.push_back({r.done_ms, -part});
    }
    busy += std::max(0.0, std::min(r.done_ms, to) - std::max(r.send_ms, from));
    if (r.done_ms < from || r.done_ms >= to) continue;
    engine::ObservedRequest o;
    o.send_ms = r.send_ms - from;
    o.prompt_tokens = r.prompt_tokens;
    o.output_tokens = r.output_tokens;
    o.ttft_ms = r.TtftMs();
    o.e2e_ms = r.E2eMs();
    if (r.output_tokens >= 2) {
      o.tpot_ms = r.TpotMs();
      o.itl_median_ms = r.itl_median_ms;
    }
    window.push_back(o);
  }
  level.throughput_rps = 1000.0 * window.size() / spec.window_ms;
  level.achieved_concurrency = busy / spec.window_ms;
  std::mt19937_64 rng(spec.seed + users);
  std::shuffle(window.begin(), window.end(), rng);
  if (window.size() > 2000) window.resize(2000);
  level.requests = window;
  if (spec.gauges) {
    Occupancy(running, from, to, &level.running_mean, &level.running_max);
    Occupancy(waiting, from, to, &level.waiting_mean, &level.waiting_max);
    double kv_mean = 0, kv_max = 0;
    Occupancy(kv, from, to, &kv_mean, &kv_max);
    level.kv_usage_mean =
        kv_mean / static_cast<double>(spec.truth.kv_capacity_tokens);
  }
  return level;
}

inline std::vector<engine::ObservedLevel> VirtualSweep(
    const VirtualSweepSpec& spec, engine::SessionSource& sessions) {
  std::vector<engine::ObservedLevel> levels;
  for (int n : spec.users) levels.push_back(VirtualLevel(spec, sessions, n));
  return levels;
}

}  // namespace loadlaw::testing

#endif  // LOADLAW_TESTS_ENGINE_VIRTUAL_SWEEP_H_
