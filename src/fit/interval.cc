// Student-t quantiles and interval construction for the fit module.

#include <algorithm>
#include <cmath>

#include "boost/math/distributions/students_t.hpp"
#include "fit/interval_internal.h"

namespace loadlaw::fit::internal {

double StudentTQuantile(double confidence, int degrees_of_freedom) {
  if (degrees_of_freedom < 1 || !(confidence > 0 && confidence < 1)) {
    return kNaN;
  }
  const boost::math::students_t distribution(degrees_of_freedom);
  return boost::math::quantile(distribution, 0.5 + 0.5 * confidence);
}

base::Estimate MakeEstimate(double value, double variance, double t_quantile,
                      double lower, double upper) {
  base::Estimate estimate;
  estimate.value = value;
  if (!std::isfinite(value) || std::isnan(variance)) return estimate;
  // Rounding can leave a variance of a few ulps below zero.
  estimate.std_error = std::sqrt(std::max(variance, 0.0));
  if (std::isnan(t_quantile)) return estimate;
  const double half_width = t_quantile * estimate.std_error;
  estimate.low = std::max(lower, value - half_width);
  estimate.high = std::min(upper, value + half_width);
  return estimate;
}

}  // namespace loadlaw::fit::internal
