// Classifying changes and judging comparisons (change.h).

#include "loadlaw/compare/change.h"

#include <cmath>
#include <cstdio>

namespace loadlaw::compare {
namespace {

int Severity(ChangeStatus s) {
  return s == ChangeStatus::kRegression           ? 2
         : s == ChangeStatus::kPossibleRegression ? 1
                                                  : 0;
}

}  // namespace

const char* ChangeStatusName(ChangeStatus status) {
  switch (status) {
    case ChangeStatus::kImproved:
      return "improved";
    case ChangeStatus::kPossibleRegression:
      return "possible_regression";
    case ChangeStatus::kRegression:
      return "regression";
    case ChangeStatus::kOk:
      break;
  }
  return "ok";
}

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kInconclusive:
      return "inconclusive";
    case Verdict::kRegression:
      return "regression";
    case Verdict::kPass:
      break;
  }
  return "pass";
}

std::optional<double> Change::RelativeChange() const {
  if (absolute) return std::nullopt;
  return relative;
}

std::optional<double> Change::Difference() const {
  if (!absolute) return std::nullopt;
  return relative;
}

ChangeStatus Classify(const Change& c) {
  if (!std::isfinite(c.relative)) return ChangeStatus::kOk;
  const double w = c.higher_is_better ? -c.relative : c.relative;
  const double w_low = c.higher_is_better ? -c.high : c.low;
  const double w_high = c.higher_is_better ? -c.low : c.high;
  const bool has_interval = std::isfinite(c.low) && std::isfinite(c.high);
  const double t = c.threshold;
  if (has_interval && w_low > t) return ChangeStatus::kRegression;
  if (w > t && (!has_interval || w_low > 0)) {
    return ChangeStatus::kPossibleRegression;
  }
  if (has_interval && w_high < -t) return ChangeStatus::kImproved;
  return ChangeStatus::kOk;
}

double Worsening(const Change& c) {
  const double w = c.higher_is_better ? -c.relative : c.relative;
  return c.threshold > 0 ? w / c.threshold : w;
}

std::string FormatChange(const Change& change, double value) {
  if (!std::isfinite(value)) return "-";
  char buf[48];
  if (change.absolute) {
    std::snprintf(buf, sizeof buf, "%+.2f pp", 100 * value);
  } else {
    std::snprintf(buf, sizeof buf, "%+.1f%%", 100 * value);
  }
  return buf;
}

std::string DescribeChange(const Change& c, std::string_view where) {
  std::string text = c.quantity;
  if (!where.empty()) text += " " + std::string(where);
  text += ": " + FormatChange(c, c.relative);
  if (std::isfinite(c.low)) {
    text += " [" + FormatChange(c, c.low) + ", " + FormatChange(c, c.high) +
            "]";
  }
  return text + ", " + ChangeStatusName(c.status);
}

double IntervalConfidence(double confidence, int count, bool simultaneous) {
  const double m = simultaneous && count > 1 ? count : 1.0;
  return 1 - (1 - confidence) / m;
}

void Judge::Consider(const Change& change, std::string_view where) {
  const double w = Worsening(change);
  if (!std::isfinite(w)) return;
  const int s = Severity(change.status);
  if (s > worst_severity_ || (s == worst_severity_ && w > worst_worsening_)) {
    worst_severity_ = s;
    worst_worsening_ = w;
    worst_ = DescribeChange(change, where);
  }
}

Verdict Judge::verdict() const {
  return worst_severity_ == 2   ? Verdict::kRegression
         : worst_severity_ == 1 ? Verdict::kInconclusive
                                : Verdict::kPass;
}

}  // namespace loadlaw::compare
