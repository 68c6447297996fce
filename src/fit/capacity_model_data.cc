// The small data pieces of the capacity model: metric and quantile names, the
// latency table, option checks and the conversion of levels to observations.

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "fit/capacity_model_internal.h"
#include "loadlaw/base/format.h"
#include "loadlaw/fit/capacity_model.h"

namespace loadlaw::fit {

const char* LatencyMetricName(LatencyMetric metric) {
  switch (metric) {
    case LatencyMetric::kE2e:
      return "e2e";
    case LatencyMetric::kTtft:
      return "ttft";
    case LatencyMetric::kTpot:
      return "tpot";
  }
  return "unknown";
}

const char* LatencyQuantileName(LatencyQuantile quantile) {
  switch (quantile) {
    case LatencyQuantile::kP50:
      return "p50";
    case LatencyQuantile::kP90:
      return "p90";
    case LatencyQuantile::kP95:
      return "p95";
    case LatencyQuantile::kP99:
      return "p99";
  }
  return "unknown";
}

double QuantileProbability(LatencyQuantile quantile) {
  switch (quantile) {
    case LatencyQuantile::kP50:
      return 0.50;
    case LatencyQuantile::kP90:
      return 0.90;
    case LatencyQuantile::kP95:
      return 0.95;
    case LatencyQuantile::kP99:
      return 0.99;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

LatencyTable::LatencyTable() {
  for (auto& row : seconds_) {
    row.fill(std::numeric_limits<double>::quiet_NaN());
  }
}

double LatencyTable::Get(LatencyMetric metric, LatencyQuantile quantile) const {
  return seconds_[static_cast<int>(metric)][static_cast<int>(quantile)];
}

void LatencyTable::Set(LatencyMetric metric, LatencyQuantile quantile,
                       double seconds) {
  seconds_[static_cast<int>(metric)][static_cast<int>(quantile)] = seconds;
}

bool LatencyTable::Has(LatencyMetric metric, LatencyQuantile quantile) const {
  const double v = Get(metric, quantile);
  return std::isfinite(v) && v > 0;
}

bool CapacityModelOptions::IsValid(std::string* why) const {
  using base::FormatNumber;
  std::string reason;
  if (!fit.IsValid(&reason)) {
    reason = "fit." + reason;
  } else if (!(max_error_rate >= 0 && max_error_rate <= 1)) {
    reason =
        "max_error_rate must be in [0, 1], got " + FormatNumber(max_error_rate);
  } else if (holdout_levels < -1) {
    reason = "holdout_levels must be >= 0, or -1 for automatic, got " +
             std::to_string(holdout_levels);
  } else if (!(min_r_squared <= 1) || std::isnan(min_r_squared)) {
    reason = "min_r_squared must be <= 1, got " + FormatNumber(min_r_squared);
  } else if (!(max_holdout_throughput_error > 0)) {
    reason = "max_holdout_throughput_error must be > 0, got " +
             FormatNumber(max_holdout_throughput_error);
  } else if (!(max_holdout_latency_error > 0)) {
    reason = "max_holdout_latency_error must be > 0, got " +
             FormatNumber(max_holdout_latency_error);
  }
  if (why != nullptr) *why = reason;
  return reason.empty();
}

namespace internal {
namespace {

Observation Point(double concurrency, double value, bool relative) {
  return {concurrency, value, relative ? 1.0 / (value * value) : 1.0};
}

}  // namespace

double OutputTokensPerS(const LevelMeasurement& level) {
  if (level.output_tokens_per_s > 0) return level.output_tokens_per_s;
  return level.requests_per_s * level.mean_output_tokens;
}

std::vector<Observation> RequestObservations(const LevelList& levels,
                                             bool relative) {
  std::vector<Observation> obs;
  for (const LevelMeasurement& l : levels) {
    obs.push_back(Point(l.achieved_concurrency, l.requests_per_s, relative));
  }
  return obs;
}

std::vector<Observation> TokenObservations(const LevelList& levels,
                                           bool relative) {
  std::vector<Observation> obs;
  for (const LevelMeasurement& l : levels) {
    obs.push_back(Point(l.achieved_concurrency, OutputTokensPerS(l), relative));
  }
  return obs;
}

std::vector<Observation> LatencyObservations(const LevelList& levels,
                                             LatencyMetric metric,
                                             LatencyQuantile quantile,
                                             bool relative) {
  std::vector<Observation> obs;
  for (const LevelMeasurement& l : levels) {
    if (!l.latency_s.Has(metric, quantile)) continue;
    obs.push_back(Point(l.achieved_concurrency,
                        l.latency_s.Get(metric, quantile), relative));
  }
  return obs;
}

std::string SeriesName(LatencyMetric metric, LatencyQuantile quantile) {
  return std::string(LatencyMetricName(metric)) + "." +
         LatencyQuantileName(quantile);
}

}  // namespace internal
}  // namespace loadlaw::fit
