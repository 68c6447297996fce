// File: loadlaw/fit/estimate.h
// A fitted or derived quantity with its standard error and confidence interval.
//
//   loadlaw::fit::Estimate n_star = fit.peak_concurrency;
//   std::printf("N* = %.1f [%.1f, %.1f]\n", n_star.value, n_star.low, n_star.high);

#ifndef LOADLAW_FIT_ESTIMATE_H_
#define LOADLAW_FIT_ESTIMATE_H_

#include <cmath>
#include <limits>

namespace loadlaw::fit {

// value in the quantity's own units; [low, high] is the two-sided interval at
// the fit's confidence level, clipped to the quantity's domain (a parameter on
// its bound has low == value). NaN fields mean "not determined" (e.g. a fit
// with no degrees of freedom left has no interval).
struct Estimate {
  double value = std::numeric_limits<double>::quiet_NaN();
  double std_error = std::numeric_limits<double>::quiet_NaN();
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();

  // True when the interval is finite on both sides.
  bool HasInterval() const { return std::isfinite(low) && std::isfinite(high); }
};

}  // namespace loadlaw::fit

#endif  // LOADLAW_FIT_ESTIMATE_H_
