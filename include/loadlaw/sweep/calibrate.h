// File: loadlaw/sweep/calibrate.h
// From a sweep to its capacity model: each level's telemetry becomes a
// fit::LevelMeasurement (against achieved concurrency, unsettled levels
// marked), the sweep's provenance becomes the model's. This is the one place
// where the measuring side meets the models; the models themselves never
// reach the network.
//
//   loadlaw::sweep::SweepFile sweep = loadlaw::sweep::LoadSweep(path);
//   loadlaw::fit::CapacityModel model = loadlaw::sweep::FitSweep(sweep);

#ifndef LOADLAW_SWEEP_CALIBRATE_H_
#define LOADLAW_SWEEP_CALIBRATE_H_

#include <vector>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/sweep/sweep_file.h"

namespace loadlaw::sweep {

// One measurement per finished level, in the sweep's order.
std::vector<fit::LevelMeasurement> LevelMeasurements(const SweepFile& sweep);

// The sweep's provenance as the capacity model records it.
fit::Provenance ModelProvenance(const SweepFile& sweep);

// Fits the capacity model of a closed-loop sweep. Throws
// std::invalid_argument for an open-loop sweep (its levels are rates, not
// concurrencies), or as fit::FitCapacityModel (e.g. fewer than 3 usable
// levels, naming them).
fit::CapacityModel FitSweep(const SweepFile& sweep,
                            const fit::CapacityModelOptions& options = {});

}  // namespace loadlaw::sweep

#endif  // LOADLAW_SWEEP_CALIBRATE_H_
