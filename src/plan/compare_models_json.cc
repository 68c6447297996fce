// The JSON form of a model comparison (`loadlaw compare --json` on models).

#include <cmath>
#include <nlohmann/json.hpp>

#include "loadlaw/plan/compare_models.h"

namespace loadlaw::plan {
namespace {

using nlohmann::json;

json Number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json DriftJson(const ParameterDrift& d) {
  return {
      {"name", d.name},
      {"baseline", Number(d.baseline)},
      {"candidate", Number(d.candidate)},
      {"difference", Number(d.difference)},
      {"interval", {Number(d.low), Number(d.high)}},
      {"relative_change", Number(d.relative)},
      {"relative_interval", {Number(d.relative_low), Number(d.relative_high)}},
      {"significant", d.significant}};
}

json ChangeJson(const ModelChange& c) {
  return {{"quantity", c.quantity},
          {"concurrency", Number(c.concurrency)},
          {"higher_is_better", c.higher_is_better},
          {"baseline", Number(c.baseline)},
          {"candidate", Number(c.candidate)},
          {"relative_change", Number(c.relative)},
          {"interval", {Number(c.low), Number(c.high)}},
          {"threshold", c.threshold},
          {"status", compare::ChangeStatusName(c.status)},
          {"method", c.method},
          {"extrapolated", c.extrapolated}};
}

}  // namespace

std::string ModelComparisonToJsonText(const ModelComparison& comparison,
                                      int indent) {
  json drift = json::array();
  for (const ParameterDrift& d : comparison.drift)
    drift.push_back(DriftJson(d));
  json changes = json::array();
  for (const ModelChange& c : comparison.changes) {
    changes.push_back(ChangeJson(c));
  }
  const ModelCompareOptions& o = comparison.options;
  const json out = {{"kind", "model"},
                    {"max_regression", o.max_regression},
                    {"confidence", o.confidence},
                    {"simultaneous", o.simultaneous},
                    {"interval_confidence", comparison.interval_confidence},
                    {"verdict", compare::VerdictName(comparison.verdict)},
                    {"worst", comparison.worst},
                    {"concurrencies", comparison.concurrencies},
                    {"drift", drift},
                    {"changes", changes},
                    {"notes", comparison.notes}};
  return out.dump(indent);
}

}  // namespace loadlaw::plan
