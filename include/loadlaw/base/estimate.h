// File: loadlaw/base/estimate.h
// A fitted or derived quantity with its standard error and confidence
// interval: the one shape of "a number with an interval" in loadlaw (fits,
// forecasts, plans, comparisons, reports).
//
//   loadlaw::base::Estimate n_star = fit.peak_concurrency;
//   std::printf("N* = %.1f [%.1f, %.1f]\n", n_star.value, n_star.low,
//               n_star.high);

#ifndef LOADLAW_BASE_ESTIMATE_H_
#define LOADLAW_BASE_ESTIMATE_H_

#include <cmath>
#include <limits>

namespace loadlaw::base {

// value in the quantity's own units; [low, high] is the two-sided interval at
// the confidence level of whatever produced it, clipped to the quantity's
// domain (a parameter on its bound has low == value). NaN fields mean "not
// determined" (e.g. a fit with no degrees of freedom left has no interval;
// an interval from band ends has no standard error).
struct Estimate {
  double value = std::numeric_limits<double>::quiet_NaN();
  double std_error = std::numeric_limits<double>::quiet_NaN();
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();

  // True when the interval is finite on both sides.
  bool HasInterval() const { return std::isfinite(low) && std::isfinite(high); }
  // An estimate without an interval.
  static Estimate Point(double value) {
    Estimate e;
    e.value = value;
    return e;
  }
  // value with the interval [low, high] and no standard error.
  static Estimate Interval(double value, double low, double high) {
    Estimate e;
    e.value = value;
    e.low = low;
    e.high = high;
    return e;
  }
};

}  // namespace loadlaw::base

#endif  // LOADLAW_BASE_ESTIMATE_H_
