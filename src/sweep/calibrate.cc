#include "loadlaw/sweep/calibrate.h"

#include <stdexcept>

#include "loadlaw/fit/from_telemetry.h"

namespace loadlaw::sweep {

std::vector<fit::LevelMeasurement> LevelMeasurements(const SweepFile& sweep) {
  std::vector<fit::LevelMeasurement> out;
  for (const SweepLevel& l : sweep.levels) {
    out.push_back(fit::MeasurementFromSummary(
        l.summary, l.Load(sweep.open_loop()), l.steady.settled));
  }
  return out;
}

fit::Provenance ModelProvenance(const SweepFile& sweep) {
  const SweepProvenance& s = sweep.provenance;
  fit::Provenance p;
  p.endpoint = s.target;
  p.served_model = s.served_model;
  p.hardware = s.label;
  p.workload_name = s.workload_name;
  p.workload_hash = s.workload_hash;
  p.date = s.date;
  p.think_time_s = s.think_time_s;
  p.server_concurrency_limit = s.server_concurrency_limit;
  return p;
}

fit::CapacityModel FitSweep(const SweepFile& sweep,
                            const fit::CapacityModelOptions& options) {
  if (sweep.open_loop()) {
    throw std::invalid_argument(
        "this sweep is open loop (arrival-rate levels); a capacity model is "
        "fitted to a closed-loop sweep over concurrency levels");
  }
  if (sweep.levels.empty()) {
    throw std::invalid_argument("the sweep has no finished levels");
  }
  return fit::FitCapacityModel(LevelMeasurements(sweep),
                               ModelProvenance(sweep), options);
}

}  // namespace loadlaw::sweep
