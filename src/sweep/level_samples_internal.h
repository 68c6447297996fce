// Measuring one sweep level: runs the runner with one level (again, with a
// longer window, when it has not settled), samples resource gauges meanwhile,
// and keeps the runner's sample of the window's requests.

#ifndef LOADLAW_SWEEP_LEVEL_SAMPLES_INTERNAL_H_
#define LOADLAW_SWEEP_LEVEL_SAMPLES_INTERNAL_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loadlaw/sweep/sweep.h"

namespace loadlaw::sweep::internal {

// Completions in each whole second of the measurement window
// [warmup_s, warmup_s + duration_s) of a level's time series.
std::vector<double> WindowPerSecond(const telemetry::WindowSummary& summary,
                                    double warmup_s, double duration_s);

// The latencies of sampled requests, as `compare` bootstraps them.
LatencySamples LatenciesOf(const std::vector<telemetry::RequestSample>& r);

class LevelRunner {
 public:
  LevelRunner(const SweepOptions& options, const SweepHooks& hooks,
              ResourceSampler* sampler);
  // Measures the level at `load` (users or requests/s) as the sweep's level
  // `index`; nullopt when the run was cancelled or failed (failure()).
  std::optional<SweepLevel> Measure(double load, int index);
  // Why a run failed so that the sweep must stop (its records could not be
  // written); "" when none did.
  const std::string& failure() const { return failure_; }

 private:
  // One run of the level with a window of `duration`; false when cancelled
  // or failed.
  bool RunOnce(double load, int index, std::chrono::nanoseconds duration,
               SweepLevel* level);
  void Log(const std::string& line) const;

  const SweepOptions& options_;
  const SweepHooks& hooks_;
  ResourceSampler* sampler_;
  std::string failure_;
};

}  // namespace loadlaw::sweep::internal

#endif  // LOADLAW_SWEEP_LEVEL_SAMPLES_INTERNAL_H_
