// Private to the fit module: confidence intervals for fitted parameters and,
// by the delta method, for any smooth function of them.
//
//   const double t = StudentTQuantile(0.95, /*degrees_of_freedom=*/4);
//   base::Estimate n_star = DeltaEstimate(
//       [](const auto* p) { return sqrt((1.0 - p[0]) / p[1]); }, params,
//       covariance, t, 0.0, kInfinity);

#ifndef LOADLAW_FIT_INTERVAL_INTERNAL_H_
#define LOADLAW_FIT_INTERVAL_INTERNAL_H_

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "ceres/jet.h"
#include "loadlaw/base/estimate.h"

namespace loadlaw::fit::internal {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using Vector3 = std::array<double, 3>;
using Matrix3 = std::array<std::array<double, 3>, 3>;

// The two-sided Student-t quantile: t such that P(|T| <= t) = confidence for
// T ~ t(degrees_of_freedom). NaN when degrees_of_freedom < 1 (no interval).
double StudentTQuantile(double confidence, int degrees_of_freedom);

// value +- t * sqrt(variance), clipped to [lower, upper]. A NaN variance or t
// leaves the interval (and, for the variance, the standard error) NaN.
base::Estimate MakeEstimate(double value, double variance, double t_quantile,
                      double lower, double upper);

// Delta method: the value of f at `params` with the variance g' C g, where g
// is the gradient of f (forward-mode automatic differentiation) and C the
// covariance of the parameters. `f` is called with a pointer to three
// ceres::Jet<double, 3> and must be written for any scalar type.
template <typename Function>
base::Estimate DeltaEstimate(const Function& f, const Vector3& params,
                       const Matrix3& covariance, double t_quantile,
                       double lower, double upper) {
  using JetT = ceres::Jet<double, 3>;
  std::array<JetT, 3> jets;
  for (int i = 0; i < 3; ++i) jets[i] = JetT(params[i], i);
  const JetT result = f(jets.data());
  double variance = 0;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      // A parameter that does not move f contributes nothing, even when its
      // variance is undetermined (NaN) or infinite.
      if (result.v[i] == 0 || result.v[j] == 0) continue;
      variance += result.v[i] * covariance[i][j] * result.v[j];
    }
  }
  return MakeEstimate(result.a, variance, t_quantile, lower, upper);
}

}  // namespace loadlaw::fit::internal

#endif  // LOADLAW_FIT_INTERVAL_INTERNAL_H_
