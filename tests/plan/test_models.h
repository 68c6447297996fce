// Test support: capacity models built by hand, whose plans have closed forms.

#ifndef LOADLAW_TESTS_PLAN_TEST_MODELS_H_
#define LOADLAW_TESTS_PLAN_TEST_MODELS_H_

#include <cmath>
#include <limits>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/queueing/erlang.h"

namespace loadlaw::testing {

inline base::Estimate Exact(double value) {
  return base::Estimate{value, 0.0, value, value};
}

// The linear law X(n) = lambda n with no parameter uncertainty.
inline fit::UslFit LinearFit(double lambda) {
  fit::UslFit f;
  f.law = fit::Law::kLinear;
  f.params = {0, 0, lambda};
  f.sigma = Exact(0);
  f.kappa = Exact(0);
  f.lambda = Exact(lambda);
  const double inf = std::numeric_limits<double>::infinity();
  f.peak_concurrency = f.peak_throughput = f.amdahl_ceiling =
      base::Estimate{inf, 0, inf, inf};
  f.num_points = 10;
  f.num_parameters = 1;
  f.converged = true;
  f.r_squared = 1;
  return f;
}

// A latency curve flat at `seconds` at every concurrency.
inline fit::LatencyCurveFit FlatCurve(double seconds) {
  fit::LatencyCurveFit c;
  c.a = Exact(seconds);
  c.b = Exact(0);
  c.c = Exact(0);
  c.num_points = 10;
  c.converged = true;
  c.r_squared = 1;
  return c;
}

// A replica that is exactly M/M/c: `servers` requests in service at once,
// each taking an exponential time of mean service_s whatever the load
// (X(n) = min(n, c) / S through the server limit c; every E2E quantile flat
// at -S ln(1 - p)). TPOT is flat at 10 ms; TTFT is not measured. 100 output
// and 400 input tokens per request.
inline fit::CapacityModel MmcModel(double service_s, int servers) {
  fit::CapacityModel m;
  m.provenance.hardware = "mmc";
  m.provenance.server_concurrency_limit = servers;
  m.requests = LinearFit(1 / service_s);
  m.output_tokens = LinearFit(100 / service_s);
  m.mean_input_tokens = 400;
  m.mean_output_tokens = 100;
  m.min_concurrency = 1;
  m.max_concurrency = servers;
  for (fit::LatencyQuantile q : fit::kAllLatencyQuantiles) {
    const double p = fit::QuantileProbability(q);
    m.latency[static_cast<int>(fit::LatencyMetric::kE2e)][static_cast<int>(q)] =
        FlatCurve(-service_s * std::log1p(-p));
    m.latency[static_cast<int>(fit::LatencyMetric::kTpot)]
             [static_cast<int>(q)] = FlatCurve(0.010);
  }
  return m;
}

// The M/M/c response time: with probability C the arrival waits Exp(c/S -
// lambda) before an Exp(1/S) service.
inline double MmcResponseSurvival(double rate, double service_s, int c,
                                  double t) {
  const double mu = 1 / service_s;
  const double theta = c * mu - rate;
  const double wait = queueing::ErlangC(c, rate * service_s);
  const double both =
      (theta * std::exp(-mu * t) - mu * std::exp(-theta * t)) / (theta - mu);
  return (1 - wait) * std::exp(-mu * t) + wait * both;
}

inline double MmcResponseQuantile(double rate, double service_s, int c,
                                  double p) {
  double low = 0, high = 1000;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (low + high);
    (MmcResponseSurvival(rate, service_s, c, mid) > 1 - p ? low : high) = mid;
  }
  return high;
}

}  // namespace loadlaw::testing

#endif  // LOADLAW_TESTS_PLAN_TEST_MODELS_H_
