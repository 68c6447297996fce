// File: loadlaw/fit/observation.h
// One measured point of a load curve, and the checks every fit applies to its
// input before it starts.
//
//   std::vector<loadlaw::fit::Observation> obs = {{1, 955.2}, {2, 1878.9}};
//   std::vector<std::string> warnings = loadlaw::fit::CheckObservations(
//       obs, "throughput", /*min_points=*/3);

#ifndef LOADLAW_FIT_OBSERVATION_H_
#define LOADLAW_FIT_OBSERVATION_H_

#include <string>
#include <vector>

namespace loadlaw::fit {

// A measurement at one level: `concurrency` is the (achieved) number of
// requests in the system, `value` the measured quantity (throughput in
// requests/s or tokens/s, or a latency quantile in seconds). `weight`
// multiplies the squared residual (use 1/value^2 for relative errors).
struct Observation {
  double concurrency = 0;
  double value = 0;
  double weight = 1.0;
};

// Validates a data series for fitting. Throws std::invalid_argument naming the
// series (`what`), the index and the value when: a concurrency or value that
// is non-finite or not positive; a weight that is negative or non-finite;
// fewer than `min_points` points with a positive weight (a zero weight drops
// a point from the fit); min_points < 1. Returns warnings (never empty
// strings) for: fewer than 6 weighted points (weakly determined fit); a
// concurrency level that appears more than once (kept as replicates, with
// their values named).
std::vector<std::string> CheckObservations(
    const std::vector<Observation>& observations, const std::string& what,
    int min_points);

}  // namespace loadlaw::fit

#endif  // LOADLAW_FIT_OBSERVATION_H_
