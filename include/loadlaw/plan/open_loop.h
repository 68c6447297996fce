// File: loadlaw/plan/open_loop.h
// One replica under open-loop (Poisson) demand, forecast from its closed-loop
// capacity model with the flow-equivalent server of the fitted throughput
// curve: the queue that builds near saturation is part of the answer. See
// docs/planning.md for how the latency quantiles are obtained.
//
//   loadlaw::plan::OpenLoopForecast f =
//       loadlaw::plan::PredictOpenLoop(model, /*rate_rps=*/12.0);
//   using loadlaw::fit::LatencyMetric;
//   using loadlaw::fit::LatencyQuantile;
//   if (f.stable) {
//     loadlaw::base::Estimate p99 =
//         f.Latency(LatencyMetric::kE2e, LatencyQuantile::kP99);
//   }

#ifndef LOADLAW_PLAN_OPEN_LOOP_H_
#define LOADLAW_PLAN_OPEN_LOOP_H_

#include <array>
#include <optional>
#include <string>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/base/estimate.h"

namespace loadlaw::plan {

// Which end of the model's confidence bands a forecast is evaluated at:
// optimistic = throughput at the top of its band and latencies at the bottom
// of theirs; pessimistic the reverse.
enum class Band { kCentral, kOptimistic, kPessimistic };

// The most requests a replica serves at once in the forecast (K).
struct ConcurrencyLimit {
  int value = 0;
  // "option", "server" (the model's provenance), "measured range", and
  // ", capped at the USL peak" appended when floor(N*) was lower.
  std::string source;
  std::string note;  // a warning for the user, or empty
};

// `override_limit` (> 0) or the server's limit from the model's provenance,
// or else the largest measured concurrency (rounded up, with a note: the
// model is not extrapolated past what was measured); then at most floor(N*)
// of the request USL when it peaks below that (past the peak the
// flow-equivalent server's steady state is not what a real server does).
// Throws std::invalid_argument when override_limit < 0.
ConcurrencyLimit ChooseConcurrencyLimit(const fit::CapacityModel& model,
                                        int override_limit = 0);

struct OpenLoopForecast {
  double rate_rps = 0;  // offered Poisson arrivals per second
  int concurrency_limit = 0;
  bool stable = false;                // the central forecast has a steady state
  base::Estimate requests_per_s;       // = rate_rps when stable
  base::Estimate output_tokens_per_s;  // rate x mean output tokens
  base::Estimate mean_concurrency;     // mean requests in the replica (L)
  base::Estimate queueing_probability;  // an arrival waits for a slot
  // Per metric x quantile; std::nullopt where the model has no curves for
  // the metric. A band end without a steady state is +infinity.
  std::array<
      std::array<std::optional<base::Estimate>, fit::kNumLatencyQuantiles>,
      fit::kNumLatencyMetrics>
      latency_s;

  // The latency estimate; all NaN where the model has none.
  base::Estimate Latency(fit::LatencyMetric metric,
                        fit::LatencyQuantile quantile) const;
};

// Forecasts one replica at Poisson `rate_rps` (> 0) arrivals per second, with
// the concurrency limit of ChooseConcurrencyLimit(model, override_limit).
// Throws std::invalid_argument for a bad rate or limit.
OpenLoopForecast PredictOpenLoop(const fit::CapacityModel& model,
                                 double rate_rps, int override_limit = 0);

}  // namespace loadlaw::plan

#endif  // LOADLAW_PLAN_OPEN_LOOP_H_
