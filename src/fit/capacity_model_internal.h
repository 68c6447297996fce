// Private to the fit module: the pieces of FitCapacityModel that are shared
// between its fitting (capacity_model.cc) and its validation
// (capacity_model_check.cc).

#ifndef LOADLAW_FIT_CAPACITY_MODEL_INTERNAL_H_
#define LOADLAW_FIT_CAPACITY_MODEL_INTERNAL_H_

#include <string>
#include <vector>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/fit/observation.h"

namespace loadlaw::fit::internal {

// The usable levels, sorted by achieved concurrency (stable).
using LevelList = std::vector<LevelMeasurement>;

// The output-token throughput of a level: measured, or requests/s times the
// mean output tokens when the sweep did not record it.
double OutputTokensPerS(const LevelMeasurement& level);

// One observation per level: (achieved concurrency, value), weighted 1/value^2
// when `relative` (a value <= 0 or non-finite leaves the level out).
std::vector<Observation> RequestObservations(const LevelList& levels,
                                             bool relative);
std::vector<Observation> TokenObservations(const LevelList& levels,
                                           bool relative);
std::vector<Observation> LatencyObservations(const LevelList& levels,
                                             LatencyMetric metric,
                                             LatencyQuantile quantile,
                                             bool relative);

// "e2e.p99".
std::string SeriesName(LatencyMetric metric, LatencyQuantile quantile);

// Fills model->holdout: refits throughput and the E2E p99 curve on all but the
// top `held` levels of `levels` (sorted) and forecasts those.
void ComputeHoldout(const LevelList& levels, int held,
                    const CapacityModelOptions& options, CapacityModel* model);

// Fills model->diagnostics and model->trust from the fits and the hold-out.
void JudgeTrust(const LevelList& levels, const CapacityModelOptions& options,
                CapacityModel* model);

}  // namespace loadlaw::fit::internal

#endif  // LOADLAW_FIT_CAPACITY_MODEL_INTERNAL_H_
