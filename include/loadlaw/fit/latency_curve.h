// File: loadlaw/fit/latency_curve.h
// Latency-quantile curves: each quantile series (p50/p90/p95/p99 of E2E, TTFT,
// TPOT) against concurrency is fitted with the shape the USL implies for
// latency through Little's law with no think time:
//
//   L(N) = a + b N + c N^2,   a, b, c >= 0.
//
//   loadlaw::fit::LatencyCurveFit p99 = loadlaw::fit::FitLatencyCurve(obs);
//   loadlaw::base::Estimate at64 = p99.Predict(64);  // seconds, with its band

#ifndef LOADLAW_FIT_LATENCY_CURVE_H_
#define LOADLAW_FIT_LATENCY_CURVE_H_

#include <array>
#include <string>
#include <vector>

#include "loadlaw/base/estimate.h"
#include "loadlaw/fit/observation.h"
#include "loadlaw/fit/usl.h"

namespace loadlaw::fit {

struct LatencyCurveFit {
  base::Estimate a, b, c;  // seconds, seconds per request, seconds per request^2
  std::array<std::array<double, 3>, 3> covariance{};  // order a, b, c
  int num_points = 0;
  double sse = 0;
  double residual_std_error = 0;
  double r_squared = 0;
  double confidence = 0.95;
  std::vector<double> residuals;  // measured - fitted, input order
  bool converged = false;
  std::string message;
  std::vector<std::string> warnings;

  bool IsUsable() const;
  // a + b N + c N^2.
  double Evaluate(double concurrency) const;
  // Evaluate() with its confidence band (clipped at 0).
  base::Estimate Predict(double concurrency) const;
  // The largest N with Evaluate(N) <= latency; +infinity when b = c = 0 and
  // a <= latency; 0 when a > latency.
  double ConcurrencyAtLatency(double latency) const;
};

// Fits the quadratic with non-negative coefficients (Ceres, bounds). Uses
// `options.loss`, `loss_scale`, `confidence`, `max_iterations`; `law` is
// ignored. Throws std::invalid_argument on bad input (at least 3 points).
LatencyCurveFit FitLatencyCurve(const std::vector<Observation>& observations,
                                const FitOptions& options = {});

}  // namespace loadlaw::fit

#endif  // LOADLAW_FIT_LATENCY_CURVE_H_
