// File: loadlaw/fit/holdout.h
// Hold-out validation: fit on the lowest levels, forecast the highest ones the
// fit never saw, and report the error of each forecast. This is how a capacity
// model shows that it can be trusted beyond the data it was fitted to.
//
//   // Fit the 10 lowest Cisco levels and forecast the other 22.
//   loadlaw::fit::HoldoutResult h = loadlaw::fit::Holdout(obs, 22);
//   for (const auto& p : h.points) std::cout << p.concurrency << " " << p.rel_error;

#ifndef LOADLAW_FIT_HOLDOUT_H_
#define LOADLAW_FIT_HOLDOUT_H_

#include <vector>

#include "loadlaw/fit/usl.h"

namespace loadlaw::fit {

struct HoldoutPoint {
  double concurrency = 0;
  double measured = 0;
  double predicted = 0;   // the forecast of the fit on the kept levels
  double predicted_low = 0;  // its confidence band
  double predicted_high = 0;
  double rel_error = 0;   // (predicted - measured) / measured, signed
  bool inside_band = false;  // measured within [predicted_low, predicted_high]
};

struct HoldoutResult {
  UslFit fit;  // fitted on the kept (lowest) levels only
  std::vector<HoldoutPoint> points;  // the held-out levels, ascending
  double max_abs_rel_error = 0;
  double mean_abs_rel_error = 0;
};

// Sorts the observations by concurrency, holds out the `holdout_count` highest
// distinct concurrency levels (with all their replicates), fits `options.law`
// to the rest and forecasts the held-out points. Throws std::invalid_argument
// when holdout_count < 1 or leaves fewer points than the law needs.
HoldoutResult Holdout(const std::vector<Observation>& observations,
                      int holdout_count, const FitOptions& options = {});

}  // namespace loadlaw::fit

#endif  // LOADLAW_FIT_HOLDOUT_H_
