// File: loadlaw/plan/slo.h
// Service-level objectives on latency quantiles, as a user writes them on the
// command line: a statistic, a metric and a bound with its unit.
//
//   loadlaw::plan::Slo slo = loadlaw::plan::ParseSlo("p95(ttft)<500ms");
//   // slo.metric == kTtft, slo.quantile == kP95, slo.target_s == 0.5
//   std::string shown = slo.Describe();  // "p95(ttft) < 0.5 s"

#ifndef LOADLAW_PLAN_SLO_H_
#define LOADLAW_PLAN_SLO_H_

#include <string>

#include "loadlaw/fit/capacity_model.h"

namespace loadlaw::plan {

// "the `quantile` of `metric` stays below `target_s` seconds".
struct Slo {
  fit::LatencyMetric metric = fit::LatencyMetric::kE2e;
  fit::LatencyQuantile quantile = fit::LatencyQuantile::kP99;
  double target_s = 0;  // seconds, > 0
  std::string text;     // as the user wrote it

  // Probability of the quantile: 0.5, 0.9, 0.95 or 0.99.
  double Probability() const { return fit::QuantileProbability(quantile); }
  // Canonical form, e.g. "p99(e2e) < 5 s".
  std::string Describe() const;
};

// Parses STAT(METRIC)<VALUE UNIT, e.g. "p99(e2e)<5s", "p95(ttft) <= 500ms",
// "p90(tpot)<50ms"; STAT is p50, p90, p95 or p99, METRIC e2e, ttft or tpot,
// UNIT us, ms or s; spaces are ignored and "<=" reads as "<". Throws
// std::invalid_argument quoting the text and naming the part that is wrong,
// e.g. "SLO 'p99(e2x)<5s': unknown metric 'e2x' (expected e2e, ttft, tpot)".
Slo ParseSlo(const std::string& text);

}  // namespace loadlaw::plan

#endif  // LOADLAW_PLAN_SLO_H_
