// ParseSlo: STAT(METRIC)<VALUE UNIT, with an error that names the part that
// does not parse.

#include "loadlaw/plan/slo.h"

#include <stdexcept>
#include <string>

#include "plan/parse_internal.h"

namespace loadlaw::plan {
namespace {

using fit::LatencyMetric;
using fit::LatencyQuantile;

[[noreturn]] void Fail(const std::string& text, const std::string& why) {
  throw std::invalid_argument("SLO '" + text + "': " + why);
}

LatencyQuantile ParseStatistic(const std::string& text,
                               const std::string& stat) {
  for (LatencyQuantile q : fit::kAllLatencyQuantiles) {
    if (stat == fit::LatencyQuantileName(q)) return q;
  }
  if (stat.empty()) Fail(text, "missing statistic before '(' (e.g. p99)");
  if (stat == "mean" || stat == "avg" || stat == "max") {
    Fail(text, "statistic '" + stat +
                   "' is not supported: the model fits quantiles (expected "
                   "p50, p90, p95, p99)");
  }
  Fail(text, "unknown statistic '" + stat + "' (expected p50, p90, p95, p99)");
}

LatencyMetric ParseMetric(const std::string& text, const std::string& name) {
  for (LatencyMetric m : fit::kAllLatencyMetrics) {
    if (name == fit::LatencyMetricName(m)) return m;
  }
  if (name.empty()) Fail(text, "missing metric between '(' and ')'");
  Fail(text, "unknown metric '" + name + "' (expected e2e, ttft, tpot)");
}

// What follows ')': "<" or "<=" and returns the rest.
std::string SkipComparison(const std::string& text, const std::string& rest,
                           const std::string& head) {
  if (rest.rfind("<=", 0) == 0) return rest.substr(2);
  if (rest.rfind("<", 0) == 0) return rest.substr(1);
  if (!rest.empty() && rest[0] == '>') {
    Fail(text,
         "comparison '>' is not supported: an SLO bounds latency from "
         "above (use '<')");
  }
  Fail(text, "missing '<' after '" + head + "'");
}

double ParseTarget(const std::string& text, const std::string& bound) {
  double value = 0;
  std::string unit;
  if (!internal::LeadingNumber(bound, &value, &unit)) {
    Fail(text, "bad value '" + bound +
                   "' (expected a number with a unit, e.g. 5s or 500ms)");
  }
  double scale = 0;
  if (unit == "s") {
    scale = 1;
  } else if (unit == "ms") {
    scale = 1e-3;
  } else if (unit == "us") {
    scale = 1e-6;
  } else if (unit.empty()) {
    Fail(text, "missing unit after '" + bound + "' (expected us, ms, s)");
  } else {
    Fail(text, "unknown unit '" + unit + "' (expected us, ms, s)");
  }
  if (!(value > 0)) {
    Fail(text, "target must be > 0, got " + internal::FormatNumber(value));
  }
  return value * scale;
}

}  // namespace

std::string Slo::Describe() const {
  return std::string(fit::LatencyQuantileName(quantile)) + "(" +
         fit::LatencyMetricName(metric) + ") < " +
         internal::FormatNumber(target_s) + " s";
}

Slo ParseSlo(const std::string& text) {
  const std::string s = internal::Normalize(text);
  const size_t open = s.find('(');
  if (s.empty() || open == std::string::npos) {
    Fail(text, "expected the form STAT(METRIC)<VALUE, e.g. p99(e2e)<5s");
  }
  Slo slo;
  slo.text = text;
  slo.quantile = ParseStatistic(text, s.substr(0, open));
  const size_t close = s.find(')', open);
  if (close == std::string::npos) Fail(text, "missing ')' after the metric");
  slo.metric = ParseMetric(text, s.substr(open + 1, close - open - 1));
  const std::string bound =
      SkipComparison(text, s.substr(close + 1), s.substr(0, close + 1));
  slo.target_s = ParseTarget(text, bound);
  return slo;
}

}  // namespace loadlaw::plan
