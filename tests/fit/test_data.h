// Test helper: reads the bundled example datasets (models/examples/*.csv:
// '#' comment lines, one header line, then "concurrency,value[,...]" rows)
// into observations, and a few small builders shared by the fit tests.

#ifndef LOADLAW_TESTS_FIT_TEST_DATA_H_
#define LOADLAW_TESTS_FIT_TEST_DATA_H_

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "loadlaw/fit/observation.h"

namespace loadlaw::fit::testing {

// The first two columns of models/examples/<name>.csv. Throws
// std::runtime_error when the file is missing or a row does not parse, so a
// broken fixture fails the test loudly.
inline std::vector<Observation> ReadExample(const std::string& name) {
  const std::string path =
      std::string(LOADLAW_SOURCE_DIR) + "/models/examples/" + name + ".csv";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<Observation> observations;
  std::string line;
  bool header_seen = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header_seen) {
      header_seen = true;
      continue;
    }
    std::istringstream row(line);
    Observation o;
    char comma = 0;
    if (!(row >> o.concurrency >> comma >> o.value) || comma != ',') {
      throw std::runtime_error("bad row in " + path + ": " + line);
    }
    observations.push_back(o);
  }
  return observations;
}

// Observations from parallel lists of concurrencies and values.
inline std::vector<Observation> MakeObservations(
    const std::vector<double>& concurrency, const std::vector<double>& value) {
  std::vector<Observation> observations;
  for (size_t i = 0; i < concurrency.size() && i < value.size(); ++i) {
    observations.push_back({concurrency[i], value[i], 1.0});
  }
  return observations;
}

// The first `count` observations.
inline std::vector<Observation> Prefix(const std::vector<Observation>& all,
                                       size_t count) {
  return std::vector<Observation>(all.begin(), all.begin() + count);
}

// True when `value` printed with `digits` significant digits reads like
// `printed` (|value - printed| at most half a unit in the last digit), which is
// how a number published with those digits is compared.
inline bool AgreesToDigits(double value, double printed, int digits) {
  const double exponent = std::floor(std::log10(std::abs(printed)));
  const double half_unit = 0.5 * std::pow(10.0, exponent - digits + 1);
  return std::abs(value - printed) <= half_unit * (1 + 1e-9);
}

// |value - expected| / |expected|.
inline double RelativeError(double value, double expected) {
  return std::abs(value - expected) / std::abs(expected);
}

}  // namespace loadlaw::fit::testing

#endif  // LOADLAW_TESTS_FIT_TEST_DATA_H_
