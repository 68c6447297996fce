// File: loadlaw/sweep_file/steady_state.h
// Has a load level settled? A level's per-second completions are checked for
// a trend (is throughput still climbing or sinking across the window?) and
// for scatter beyond what counting noise explains. A level that has not
// settled is extended (up to a bound) and flagged when it never does.
//
//   std::vector<double> per_second = {41, 40, 42, 39, 41, 40};
//   loadlaw::sweep::SteadyState s = loadlaw::sweep::CheckSteadyState(per_second);
//   loadlaw::sweep::CheckLittlesLaw(window_summary, {}, &s);
//   if (!s.settled) std::cerr << s.reason;

#ifndef LOADLAW_SWEEP_STEADY_STATE_H_
#define LOADLAW_SWEEP_STEADY_STATE_H_

#include <limits>
#include <string>
#include <vector>

#include "loadlaw/telemetry/window_recorder.h"

namespace loadlaw::sweep {

struct SteadyStateOptions {
  // Largest relative change of throughput across the window that the linear
  // trend may show (|slope| x window / mean) before the level is unsettled,
  // when the trend is also significant (|t| > trend_t).
  double max_trend = 0.10;
  double trend_t = 3.0;
  // Largest coefficient of variation of the per-second counts, as a multiple
  // of the counting-noise CV 1/sqrt(mean count per second), and at least
  // min_cv_limit.
  double max_cv_ratio = 3.0;
  double min_cv_limit = 0.10;
  // Fewer seconds than this: not enough to judge (settled = false).
  int min_seconds = 5;
  // Largest relative gap between the counted throughput and Little's law's
  // (see CheckLittlesLaw); the tolerance is at least twice the mean response
  // time over the window (requests straddling its edges).
  double max_little_gap = 0.05;

  bool IsValid(std::string* why) const;
};

struct SteadyState {
  bool settled = false;
  int seconds = 0;
  double mean_per_s = 0;
  double cv = 0;           // standard deviation / mean of per-second counts
  double cv_limit = 0;     // the CV allowed for this mean
  double trend = 0;        // fitted relative change across the window
  double trend_t = 0;      // t statistic of the slope
  // Little's law: counted completions per second over achieved concurrency
  // / mean E2E, minus 1; NaN when not checked.
  double little_gap = std::numeric_limits<double>::quiet_NaN();
  double little_limit = std::numeric_limits<double>::quiet_NaN();
  std::string reason;      // empty when settled
};

// Judges per-second completion counts of a measurement window (warm-up left
// out). Throws std::invalid_argument for invalid options or a negative or
// non-finite count.
SteadyState CheckSteadyState(const std::vector<double>& per_second,
                             const SteadyStateOptions& options = {});

// Little's law on the window: requests in flight = throughput x response
// time, so the completions counted per second should equal the achieved
// concurrency over the mean E2E. The two part when the window catches whole
// waves of lockstepped users, or when requests straddle its edges. A gap
// beyond the tolerance makes a settled `state` unsettled, with the reason.
// Not checked (little_gap NaN) without completions, or when more than 1 % of
// the requests failed (their time in flight is not in the mean E2E).
void CheckLittlesLaw(const telemetry::WindowSummary& window,
                     const SteadyStateOptions& options, SteadyState* state);

}  // namespace loadlaw::sweep

#endif  // LOADLAW_SWEEP_STEADY_STATE_H_
