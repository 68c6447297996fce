// Holdout: fit on the lower levels, forecast the upper ones, report the error.

#include "loadlaw/fit/holdout.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "fit/usl_internal.h"

namespace loadlaw::fit {
namespace {

// The distinct concurrency levels, ascending.
std::vector<double> Levels(const std::vector<Observation>& sorted) {
  std::vector<double> levels;
  for (const Observation& o : sorted) {
    if (levels.empty() || levels.back() != o.concurrency) {
      levels.push_back(o.concurrency);
    }
  }
  return levels;
}

HoldoutPoint Forecast(const UslFit& fit, const Observation& o) {
  const base::Estimate x = fit.PredictThroughput(o.concurrency);
  HoldoutPoint point;
  point.concurrency = o.concurrency;
  point.measured = o.value;
  point.predicted = x.value;
  point.predicted_low = x.low;
  point.predicted_high = x.high;
  point.rel_error = (x.value - o.value) / o.value;
  point.inside_band = o.value >= x.low && o.value <= x.high;
  return point;
}

}  // namespace

HoldoutResult Holdout(const std::vector<Observation>& observations,
                      int holdout_count, const FitOptions& options) {
  if (holdout_count < 1) {
    throw std::invalid_argument("Holdout: holdout_count must be >= 1, got " +
                                std::to_string(holdout_count));
  }
  CheckObservations(observations, "throughput", 1);
  std::vector<Observation> sorted = observations;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Observation& a, const Observation& b) {
                     return a.concurrency < b.concurrency;
                   });
  const std::vector<double> levels = Levels(sorted);
  const int num_levels = static_cast<int>(levels.size());
  if (holdout_count >= num_levels) {
    throw std::invalid_argument(
        "Holdout: holdout_count " + std::to_string(holdout_count) +
        " must be below the number of distinct concurrency levels (" +
        std::to_string(num_levels) + ")");
  }
  const double first_held = levels[num_levels - holdout_count];
  std::vector<Observation> kept;
  std::vector<Observation> held;
  for (const Observation& o : sorted) {
    (o.concurrency < first_held ? kept : held).push_back(o);
  }
  int kept_weighted = 0;
  for (const Observation& o : kept) kept_weighted += o.weight > 0 ? 1 : 0;
  const int needed = internal::MinPoints(options.law);
  if (kept_weighted < needed) {
    throw std::invalid_argument(
        "Holdout: holdout_count " + std::to_string(holdout_count) + " leaves " +
        std::to_string(kept_weighted) + " points to fit; the " +
        LawName(options.law) + " law needs at least " + std::to_string(needed));
  }
  HoldoutResult result;
  result.fit = FitUsl(kept, options);
  double sum_abs = 0;
  for (const Observation& o : held) {
    result.points.push_back(Forecast(result.fit, o));
    const double abs_error = std::abs(result.points.back().rel_error);
    result.max_abs_rel_error = std::max(result.max_abs_rel_error, abs_error);
    sum_abs += abs_error;
  }
  result.mean_abs_rel_error = sum_abs / static_cast<double>(held.size());
  return result;
}

}  // namespace loadlaw::fit
