// File: loadlaw/fit/from_telemetry.h
// Turns a measured level's telemetry summary into what the capacity-model fit
// takes: achieved concurrency, throughputs, mean tokens, the latency
// quantiles of E2E, TTFT and TPOT, the error rate.
//
//   std::vector<loadlaw::fit::LevelMeasurement> levels;
//   for (const auto& l : sweep.levels)
//     levels.push_back(loadlaw::fit::MeasurementFromSummary(
//         l.summary, l.concurrency, l.steady.settled));
//   loadlaw::fit::CapacityModel model =
//       loadlaw::fit::FitCapacityModel(levels, provenance);

#ifndef LOADLAW_FIT_FROM_TELEMETRY_H_
#define LOADLAW_FIT_FROM_TELEMETRY_H_

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/telemetry/window_recorder.h"

namespace loadlaw::fit {

// `configured_load` is the level's configured users (or rate); a metric with
// no samples in the window (e.g. TPOT of one-token answers) stays NaN.
LevelMeasurement MeasurementFromSummary(const telemetry::WindowSummary& summary,
                                        double configured_load, bool settled);

}  // namespace loadlaw::fit

#endif  // LOADLAW_FIT_FROM_TELEMETRY_H_
