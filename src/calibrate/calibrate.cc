// Calibration: sweep file -> capacity model (calibrate.h).

#include "loadlaw/calibrate/calibrate.h"

#include <stdexcept>

#include "loadlaw/fit/from_telemetry.h"
#include "loadlaw/fit/usl.h"

namespace loadlaw::calibrate {

using sweep::SweepFile;
using sweep::SweepLevel;

std::vector<fit::LevelMeasurement> LevelMeasurements(const SweepFile& sweep) {
  std::vector<fit::LevelMeasurement> out;
  for (const SweepLevel& l : sweep.levels) {
    out.push_back(fit::MeasurementFromSummary(
        l.summary, l.Load(sweep.open_loop()), l.steady.settled));
  }
  return out;
}

fit::Provenance ModelProvenance(const SweepFile& sweep) {
  const sweep::SweepProvenance& s = sweep.provenance;
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

double UslBandWidth(int candidate,
                    const std::vector<sweep::LevelOutcome>& done) {
  std::vector<fit::Observation> obs;
  for (const sweep::LevelOutcome& o : done) {
    if (o.throughput > 0) obs.push_back({double(o.concurrency), o.throughput});
  }
  if (obs.size() < 4) return 0;
  try {
    const fit::UslFit f = fit::FitUsl(obs);
    const base::Estimate x = f.PredictThroughput(candidate);
    if (!f.IsUsable() || !x.HasInterval() || !(x.value > 0)) return 0;
    return (x.high - x.low) / x.value;
  } catch (const std::invalid_argument&) {
    return 0;
  }
}

}  // namespace loadlaw::calibrate
