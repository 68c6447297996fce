// File: loadlaw/sweep/auto_levels.h
// The --auto level policy of a closed-loop sweep: double the concurrency
// until throughput stops growing (gain under a threshold), an SLO or the
// error budget is broken, or the maximum is reached; then add levels around
// the knee, where a fitted curve is least certain. The policy is a pure
// function of the levels measured so far, so a resumed sweep continues where
// it stopped.
//
//   loadlaw::sweep::AutoLevelPolicy policy(options);
//   std::vector<loadlaw::sweep::LevelOutcome> done;
//   while (auto n = policy.Next(done)) {
//     done.push_back(MeasureLevel(*n));   // the caller runs the level
//   }

#ifndef LOADLAW_SWEEP_AUTO_LEVELS_H_
#define LOADLAW_SWEEP_AUTO_LEVELS_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "loadlaw/sweep_file/sweep_file.h"

namespace loadlaw::sweep {

struct AutoLevelOptions {
  int start = 1;           // first concurrency
  int max_concurrency = 256;
  double min_gain = 0.10;  // doubling stops when X(2N) < (1 + min_gain) X(N)
  double error_budget = 0.05;  // stop when a level's error fraction exceeds it
  int refine_levels = 2;   // levels added around the knee afterwards
  int max_levels = 12;     // hard bound on the number of levels

  bool IsValid(std::string* why) const;
  // The most levels the policy can ask for (for the announced time bound).
  int MaxLevelCount() const;
};

// Scores a candidate concurrency given the levels so far: larger means the
// model is less certain there (e.g. the relative width of a fitted curve's
// confidence band). The caller supplies it (the sweep module fits nothing):
// calibrate::UslBandWidth.
using UncertaintyScore =
    std::function<double(int candidate, const std::vector<LevelOutcome>&)>;

class AutoLevelPolicy {
 public:
  // Throws std::invalid_argument for invalid options.
  explicit AutoLevelPolicy(AutoLevelOptions options,
                           UncertaintyScore score = nullptr);

  // The next concurrency to measure, or nullopt when the sweep is done.
  std::optional<int> Next(const std::vector<LevelOutcome>& done) const;
  // Why doubling stopped (empty while it has not): for the log.
  std::string StopReason(const std::vector<LevelOutcome>& done) const;

 private:
  // Index of the level at which doubling stopped, or -1.
  int StopIndex(const std::vector<LevelOutcome>& done,
                std::string* reason) const;
  // A level between the last one that grew (done[stop - 1]) and the top.
  std::optional<int> Refinement(const std::vector<LevelOutcome>& done,
                                int stop) const;

  AutoLevelOptions options_;
  UncertaintyScore score_;
};

}  // namespace loadlaw::sweep

#endif  // LOADLAW_SWEEP_AUTO_LEVELS_H_
