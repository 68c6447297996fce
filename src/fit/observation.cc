// Input checks shared by every fit: errors for data no fit can use, warnings
// for data a fit can use but should not be trusted far on.

#include "loadlaw/fit/observation.h"

#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "loadlaw/base/format.h"

namespace loadlaw::fit {
namespace {

using base::FormatNumber;

// Below this many points a three-parameter law is weakly determined (the R
// package usl warns at the same count).
constexpr int kRecommendedPoints = 6;

void CheckPoint(const Observation& o, const std::string& what, size_t index) {
  const auto fail = [&](const char* field, double value, const char* rule) {
    throw std::invalid_argument(what + ": point " + std::to_string(index) +
                                " has " + field + " " + FormatNumber(value) +
                                " (must be " + rule + ")");
  };
  if (!std::isfinite(o.concurrency) || o.concurrency <= 0) {
    fail("concurrency", o.concurrency, "finite and > 0");
  }
  if (!std::isfinite(o.value) || o.value <= 0) {
    fail("value", o.value, "finite and > 0");
  }
  if (!std::isfinite(o.weight) || o.weight < 0) {
    fail("weight", o.weight, "finite and >= 0");
  }
}

// "concurrency 4 appears 2 times (values 3.1, 3.3); kept as replicates".
std::vector<std::string> DuplicateWarnings(
    const std::vector<Observation>& observations, const std::string& what) {
  std::map<double, std::vector<double>> by_level;
  for (const Observation& o : observations) {
    by_level[o.concurrency].push_back(o.value);
  }
  std::vector<std::string> warnings;
  for (const auto& [level, values] : by_level) {
    if (values.size() < 2) continue;
    std::string list;
    for (double v : values)
      list += (list.empty() ? "" : ", ") + FormatNumber(v);
    warnings.push_back(what + ": concurrency " + FormatNumber(level) +
                       " appears " + std::to_string(values.size()) +
                       " times (values " + list + "); kept as replicates");
  }
  return warnings;
}

}  // namespace

std::vector<std::string> CheckObservations(
    const std::vector<Observation>& observations, const std::string& what,
    int min_points) {
  if (min_points < 1) {
    throw std::invalid_argument(what + ": min_points must be >= 1, got " +
                                std::to_string(min_points));
  }
  for (size_t i = 0; i < observations.size(); ++i) {
    CheckPoint(observations[i], what, i);
  }
  int weighted = 0;
  for (const Observation& o : observations) weighted += o.weight > 0 ? 1 : 0;
  const int count = static_cast<int>(observations.size());
  if (weighted < min_points) {
    throw std::invalid_argument(what + ": " + std::to_string(count) +
                                " points (" + std::to_string(weighted) +
                                " with a positive weight); at least " +
                                std::to_string(min_points) + " are needed");
  }
  std::vector<std::string> warnings;
  if (weighted < kRecommendedPoints) {
    warnings.push_back(what + ": only " + std::to_string(weighted) +
                       " points, the fit is weakly determined (" +
                       std::to_string(kRecommendedPoints) +
                       " or more are recommended)");
  }
  for (std::string& w : DuplicateWarnings(observations, what)) {
    warnings.push_back(std::move(w));
  }
  return warnings;
}

}  // namespace loadlaw::fit
