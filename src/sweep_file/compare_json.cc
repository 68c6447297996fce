// The JSON form of a sweep comparison (`loadlaw compare --json`).

#include <cmath>

#include "loadlaw/sweep_file/compare.h"

namespace loadlaw::sweep {
namespace {

using nlohmann::json;

json Number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// "metric" is kept beside "quantity" for readers of the first format.
json ChangeJson(const compare::Change& c) {
  return {{"quantity", c.quantity},
          {"metric", c.quantity},
          {"higher_is_better", c.higher_is_better},
          {"baseline", Number(c.baseline)},
          {"candidate", Number(c.candidate)},
          {c.absolute ? "difference" : "relative_change",
           Number(c.relative)},
          {"interval", {Number(c.low), Number(c.high)}},
          {"threshold", c.threshold},
          {"status", compare::ChangeStatusName(c.status)},
          {"method", c.method}};
}

json LevelJson(const LevelComparison& level) {
  json changes = json::array();
  for (const compare::Change& c : level.changes) changes.push_back(ChangeJson(c));
  return {{"load", level.load},
          {"baseline_index", level.baseline_index},
          {"candidate_index", level.candidate_index},
          {"changes", changes},
          {"notes", level.notes}};
}

}  // namespace

json SweepComparisonToJson(const SweepComparison& comparison) {
  json levels = json::array();
  for (const LevelComparison& level : comparison.levels) {
    levels.push_back(LevelJson(level));
  }
  const CompareOptions& o = comparison.options;
  return {{"kind", "sweep"},
          {"loop", comparison.open_loop ? "open" : "closed"},
          {"load_unit", comparison.open_loop ? "req/s" : "users"},
          {"max_regression", o.max_regression},
          {"max_error_rate_increase", o.max_error_rate_increase},
          {"confidence", o.confidence},
          {"simultaneous", o.simultaneous},
          {"interval_confidence", comparison.interval_confidence},
          {"resamples", o.resamples},
          {"seed", o.seed},
          {"verdict", compare::VerdictName(comparison.verdict)},
          {"worst", comparison.worst},
          {"levels", levels},
          {"unmatched_baseline", comparison.unmatched_baseline},
          {"unmatched_candidate", comparison.unmatched_candidate},
          {"notes", comparison.notes}};
}

}  // namespace loadlaw::sweep
