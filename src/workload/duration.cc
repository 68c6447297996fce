// Text forms of durations and delay distributions.

#include "loadlaw/workload/duration.h"

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "loadlaw/base/format.h"

namespace loadlaw::workload {
namespace {

// Seconds per unit suffix; 0 when the suffix is unknown.
double UnitSeconds(std::string_view unit) {
  if (unit.empty() || unit == "s") return 1;
  if (unit == "ms") return 1e-3;
  if (unit == "us") return 1e-6;
  if (unit == "ns") return 1e-9;
  if (unit == "m" || unit == "min") return 60;
  if (unit == "h") return 3600;
  return 0;
}

std::invalid_argument BadDuration(std::string_view text,
                                  std::string_view field) {
  return std::invalid_argument(
      std::string(field) + ": '" + std::string(text) +
      "' is not a duration (use e.g. 60s, 500ms, 2m, 1h)");
}

double ParseSeconds(std::string_view text, std::string_view field) {
  const std::string s(text);
  char* end = nullptr;
  const double number = std::strtod(s.c_str(), &end);
  if (s.empty() || end == s.c_str()) throw BadDuration(text, field);
  const double unit = UnitSeconds(std::string_view(end));
  const double seconds = number * unit;
  if (unit == 0 || !std::isfinite(seconds) || seconds < 0 || seconds > 1e9) {
    throw BadDuration(text, field);
  }
  return seconds;
}

}  // namespace

std::chrono::nanoseconds ParseDuration(std::string_view text,
                                       std::string_view field) {
  const double seconds = ParseSeconds(text, field);
  return std::chrono::nanoseconds(
      static_cast<std::int64_t>(std::llround(seconds * 1e9)));
}

Distribution ParseDelaySpec(std::string_view text, std::string_view field) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    return Distribution::Constant(ParseSeconds(text, field));
  }
  const std::string_view kind = text.substr(0, colon);
  const std::string_view rest = text.substr(colon + 1);
  if (kind == "exp" || kind == "exponential") {
    return Distribution::Exponential(ParseSeconds(rest, field));
  }
  if (kind == "uniform") {
    const std::size_t second = rest.find(':');
    if (second != std::string_view::npos) {
      const double low = ParseSeconds(rest.substr(0, second), field);
      const double high = ParseSeconds(rest.substr(second + 1), field);
      if (low <= high) return Distribution::Uniform(low, high);
    }
  }
  if (kind == "const" || kind == "constant") {
    return Distribution::Constant(ParseSeconds(rest, field));
  }
  throw std::invalid_argument(
      std::string(field) + ": '" + std::string(text) +
      "' is not a delay (use e.g. 2s, exp:2s, uniform:500ms:2s)");
}

std::string DelaySpecText(const Distribution& delay) {
  const auto seconds = [](double s) { return base::FormatNumber(s) + "s"; };
  switch (delay.kind()) {
    case Distribution::Kind::kExponential:
      return "exp:" + seconds(delay.first());
    case Distribution::Kind::kUniform:
      return "uniform:" + seconds(delay.first()) + ":" +
             seconds(delay.second());
    case Distribution::Kind::kConstant:
      break;
    case Distribution::Kind::kNormal:
    case Distribution::Kind::kLogNormal:
      return delay.Describe();  // not written as a delay spec
  }
  return seconds(delay.first());
}

}  // namespace loadlaw::workload
