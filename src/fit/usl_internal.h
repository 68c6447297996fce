// Private to the fit module: the USL written once for any scalar type (double
// for evaluation, ceres::Jet for derivatives), and the residual functor the
// fit hands to Ceres.

#ifndef LOADLAW_FIT_USL_INTERNAL_H_
#define LOADLAW_FIT_USL_INTERNAL_H_

#include <cmath>

#include "ceres/ceres.h"
#include "loadlaw/fit/observation.h"
#include "loadlaw/fit/usl.h"

namespace loadlaw::fit::internal {

// Parameter order everywhere in the module (and in UslFit::covariance).
inline constexpr int kSigma = 0;
inline constexpr int kKappa = 1;
inline constexpr int kLambda = 2;

// 1 + sigma (N - 1) + kappa N (N - 1): the USL's denominator, so that
// X(N) = lambda N / D(N) and, by Little's law, R(N) = D(N) / lambda.
template <typename T>
T UslDenominator(const T& sigma, const T& kappa, double concurrency) {
  return 1.0 + sigma * (concurrency - 1.0) +
         kappa * (concurrency * (concurrency - 1.0));
}

template <typename T>
T UslThroughput(const T& sigma, const T& kappa, const T& lambda,
                double concurrency) {
  return lambda * concurrency / UslDenominator(sigma, kappa, concurrency);
}

// The solver works on parameters of order one: sigma as is, kappa * N_max
// (so that kappa N (N - 1) compares with sigma (N - 1)) and lambda divided by
// the largest X/N. This keeps the covariance well conditioned and makes one
// bound tolerance fit all three.
struct UslScale {
  double kappa_unit = 1;   // kappa = kappa_scaled / kappa_unit
  double lambda_unit = 1;  // lambda = lambda_scaled * lambda_unit
};

// r = sqrt(w) (y - X(N)) for one observation, in scaled parameters.
class UslResidual {
 public:
  UslResidual(const Observation& observation, const UslScale& scale)
      : concurrency_(observation.concurrency),
        value_(observation.value),
        sqrt_weight_(std::sqrt(observation.weight)),
        scale_(scale) {}

  template <typename T>
  bool operator()(const T* sigma, const T* kappa_scaled, const T* lambda_scaled,
                  T* residual) const {
    const T kappa = kappa_scaled[0] / scale_.kappa_unit;
    const T lambda = lambda_scaled[0] * scale_.lambda_unit;
    const T denominator = UslDenominator(sigma[0], kappa, concurrency_);
    // Only possible below N = 1 with extreme trial parameters; reporting the
    // point as not evaluable makes Ceres shrink the step instead.
    if (!(denominator > 0.0)) return false;
    residual[0] = sqrt_weight_ * (value_ - lambda * concurrency_ / denominator);
    return true;
  }

  static ceres::CostFunction* Create(const Observation& observation,
                                     const UslScale& scale) {
    return new ceres::AutoDiffCostFunction<UslResidual, 1, 1, 1, 1>(
        new UslResidual(observation, scale));
  }

 private:
  double concurrency_;
  double value_;
  double sqrt_weight_;
  UslScale scale_;
};

// The fewest points each law can be fitted to (its number of parameters).
int MinPoints(Law law);

}  // namespace loadlaw::fit::internal

#endif  // LOADLAW_FIT_USL_INTERNAL_H_
