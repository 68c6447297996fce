// Measuring one sweep level: runs the runner with one level (again, with a
// longer window, when it has not settled), samples resource gauges meanwhile,
// and keeps a reservoir of the window's latencies from the records file.

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

// Reads the JSON-lines records of one single-level run: the completed
// requests of the measurement phase feed uniform reservoirs (at most
// kMaxLatencySamples each, seeded); when `all_records` is not empty every line
// is appended to it with its "level" set to `level`.
LatencySamples ReadLevelRecords(const std::string& level_records, int level,
                                const std::string& all_records,
                                std::uint64_t seed);

class LevelRunner {
 public:
  LevelRunner(const SweepOptions& options, const SweepHooks& hooks,
              ResourceSampler* sampler);
  // Measures the level at `load` (users or requests/s) as the sweep's level
  // `index`; nullopt when the run was cancelled.
  std::optional<SweepLevel> Measure(double load, int index);

 private:
  // One run of the level with a window of `duration`; false when cancelled.
  bool RunOnce(double load, int index, std::chrono::nanoseconds duration,
               SweepLevel* level);
  std::string LevelRecordsPath() const;

  const SweepOptions& options_;
  const SweepHooks& hooks_;
  ResourceSampler* sampler_;
};

}  // namespace loadlaw::sweep::internal

#endif  // LOADLAW_SWEEP_LEVEL_SAMPLES_INTERNAL_H_
