// File: loadlaw/calibrate/calibrate.h
// From a sweep to its capacity model: each level's telemetry becomes a
// fit::LevelMeasurement (against achieved concurrency, unsettled levels
// marked), the sweep's provenance becomes the model's. This is the one place
// where the measuring side meets the models; the models themselves never
// reach the network, and the sweep driver fits nothing.
//
//   loadlaw::sweep::SweepFile sweep = loadlaw::sweep::LoadSweep(path);
//   loadlaw::fit::CapacityModel model = loadlaw::calibrate::FitSweep(sweep);
//
//   // A sweep's --auto mode asks where a model is least certain:
//   loadlaw::sweep::SweepHooks hooks;
//   hooks.score = loadlaw::calibrate::UslBandWidth;

#ifndef LOADLAW_CALIBRATE_CALIBRATE_H_
#define LOADLAW_CALIBRATE_CALIBRATE_H_

#include <vector>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/sweep_file/sweep_file.h"

namespace loadlaw::calibrate {

// One measurement per finished level, in the sweep's order.
std::vector<fit::LevelMeasurement> LevelMeasurements(
    const sweep::SweepFile& sweep);

// The sweep's provenance as the capacity model records it.
fit::Provenance ModelProvenance(const sweep::SweepFile& sweep);

// Fits the capacity model of a closed-loop sweep. Throws
// std::invalid_argument for an open-loop sweep (its levels are rates, not
// concurrencies), or as fit::FitCapacityModel (e.g. fewer than 3 usable
// levels, naming them).
fit::CapacityModel FitSweep(const sweep::SweepFile& sweep,
                            const fit::CapacityModelOptions& options = {});

// How uncertain a USL fitted to `done` is at `candidate`: the relative width
// of its confidence band there ((high - low) / value), 0 when fewer than 4
// levels have throughput or the fit is not usable. A sweep's --auto mode
// adds levels where this is largest (sweep::UncertaintyScore).
double UslBandWidth(int candidate,
                    const std::vector<sweep::LevelOutcome>& done);

}  // namespace loadlaw::calibrate

#endif  // LOADLAW_CALIBRATE_CALIBRATE_H_
