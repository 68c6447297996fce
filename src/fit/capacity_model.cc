// FitCapacityModel: checks the sweep's levels, keeps the usable ones, fits the
// throughput laws and the latency curves against achieved concurrency, then
// hands over to capacity_model_check.cc for the validation.

#include "loadlaw/fit/capacity_model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "fit/capacity_model_internal.h"
#include "loadlaw/base/format.h"

namespace loadlaw::fit {
namespace {

using base::FormatNumber;
using internal::LevelList;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kMinLevels = 3;  // the USL has three parameters

std::string LevelField(size_t index, const std::string& field) {
  return "levels[" + std::to_string(index) + "]." + field;
}

void CheckFinite(size_t index, const std::string& field, double value,
                 double lowest) {
  if (!std::isfinite(value) || value < lowest) {
    throw std::invalid_argument(
        "FitCapacityModel: " + LevelField(index, field) + " must be finite " +
        "and >= " + FormatNumber(lowest) + ", got " + FormatNumber(value));
  }
}

void CheckLatencies(size_t index, const LatencyTable& table) {
  for (LatencyMetric m : kAllLatencyMetrics) {
    for (LatencyQuantile q : kAllLatencyQuantiles) {
      const double v = table.Get(m, q);
      if (std::isnan(v) || (std::isfinite(v) && v >= 0)) continue;
      throw std::invalid_argument(
          "FitCapacityModel: " +
          LevelField(index, "latency_s." + internal::SeriesName(m, q)) +
          " must be >= 0 seconds (or NaN when not measured), got " +
          FormatNumber(v));
    }
  }
}

void CheckLevel(size_t index, const LevelMeasurement& level) {
  CheckFinite(index, "configured_concurrency", level.configured_concurrency, 0);
  CheckFinite(index, "achieved_concurrency", level.achieved_concurrency, 0);
  CheckFinite(index, "requests_per_s", level.requests_per_s, 0);
  CheckFinite(index, "output_tokens_per_s", level.output_tokens_per_s, 0);
  CheckFinite(index, "mean_input_tokens", level.mean_input_tokens, 0);
  CheckFinite(index, "mean_output_tokens", level.mean_output_tokens, 0);
  CheckFinite(index, "duration_s", level.duration_s, 0);
  if (!(level.error_rate >= 0 && level.error_rate <= 1)) {
    throw std::invalid_argument(
        "FitCapacityModel: " + LevelField(index, "error_rate") +
        " must be in [0, 1], got " + FormatNumber(level.error_rate));
  }
  CheckLatencies(index, level.latency_s);
}

// Empty when the level is usable, else why it is left out.
std::string ExclusionReason(const LevelMeasurement& level,
                            const CapacityModelOptions& options) {
  if (!level.settled && !options.include_unsettled) return "not settled";
  if (level.error_rate > options.max_error_rate) {
    return "error rate " + FormatNumber(level.error_rate) + " above " +
           FormatNumber(options.max_error_rate);
  }
  if (!(level.achieved_concurrency > 0)) return "achieved concurrency is 0";
  if (!(level.requests_per_s > 0)) return "no completed requests";
  if (!(internal::OutputTokensPerS(level) > 0)) return "no output tokens";
  return "";
}

LevelList UsableLevels(const std::vector<LevelMeasurement>& levels,
                       const CapacityModelOptions& options,
                       std::vector<std::string>* notes) {
  LevelList usable;
  std::string left_out;
  for (size_t i = 0; i < levels.size(); ++i) {
    CheckLevel(i, levels[i]);
    const std::string why = ExclusionReason(levels[i], options);
    if (why.empty()) {
      usable.push_back(levels[i]);
      continue;
    }
    const std::string note = "level " + std::to_string(i) + " (concurrency " +
                             FormatNumber(levels[i].configured_concurrency) +
                             ") left out: " + why;
    notes->push_back(note);
    left_out += "; " + note;
  }
  if (static_cast<int>(usable.size()) < kMinLevels) {
    throw std::invalid_argument(
        "FitCapacityModel: " + std::to_string(usable.size()) +
        " usable levels, the USL needs at least " + std::to_string(kMinLevels) +
        left_out);
  }
  std::stable_sort(usable.begin(), usable.end(),
                   [](const LevelMeasurement& a, const LevelMeasurement& b) {
                     return a.achieved_concurrency < b.achieved_concurrency;
                   });
  return usable;
}

// Means over completed requests: each level weighs by its completions
// (throughput x window; throughput alone when a window is unknown).
void FillMeanTokens(const LevelList& levels, CapacityModel* model) {
  bool all_timed = true;
  for (const LevelMeasurement& l : levels) all_timed &= l.duration_s > 0;
  double total = 0, input = 0, output = 0;
  for (const LevelMeasurement& l : levels) {
    const double w = l.requests_per_s * (all_timed ? l.duration_s : 1.0);
    total += w;
    input += w * l.mean_input_tokens;
    output += w * l.mean_output_tokens;
  }
  model->mean_input_tokens = input / total;
  model->mean_output_tokens = output / total;
}

void FitLatencyCurves(const LevelList& levels,
                      const CapacityModelOptions& options,
                      CapacityModel* model) {
  FitOptions curve_options = options.fit;
  for (LatencyMetric m : kAllLatencyMetrics) {
    for (LatencyQuantile q : kAllLatencyQuantiles) {
      const std::vector<Observation> obs =
          internal::LatencyObservations(levels, m, q, options.relative_errors);
      const std::string name = internal::SeriesName(m, q);
      if (obs.empty()) continue;
      if (static_cast<int>(obs.size()) < kMinLevels) {
        model->notes.push_back(name + ": measured at " +
                               std::to_string(obs.size()) +
                               " usable levels, fewer than 3: no curve");
        continue;
      }
      LatencyCurveFit curve = FitLatencyCurve(obs, curve_options);
      for (const std::string& w : curve.warnings) {
        model->notes.push_back(name + ": " + w);
      }
      model->latency[static_cast<int>(m)][static_cast<int>(q)] =
          std::move(curve);
    }
  }
}

UslFit FitThroughput(const std::vector<Observation>& obs,
                     const CapacityModelOptions& options, const char* name,
                     CapacityModel* model) {
  UslFit fit = FitUsl(obs, options.fit);
  for (const std::string& w : fit.warnings) {
    model->notes.push_back(std::string(name) + ": " + w);
  }
  return fit;
}

int AutomaticHoldout(int num_levels) {
  if (num_levels >= 7) return 2;
  if (num_levels >= 4) return 1;
  return 0;
}

}  // namespace

CapacityModel FitCapacityModel(const std::vector<LevelMeasurement>& levels,
                               const Provenance& provenance,
                               const CapacityModelOptions& options) {
  std::string why;
  if (!options.IsValid(&why)) {
    throw std::invalid_argument("CapacityModelOptions: " + why);
  }
  CapacityModel model;
  model.provenance = provenance;
  if (model.provenance.loadlaw_version.empty()) {
    model.provenance.loadlaw_version = LOADLAW_VERSION;
  }
  model.levels = levels;
  model.confidence = options.fit.confidence;
  model.relative_errors = options.relative_errors;
  const LevelList usable = UsableLevels(levels, options, &model.notes);
  model.min_concurrency = usable.front().achieved_concurrency;
  model.max_concurrency = usable.back().achieved_concurrency;
  FillMeanTokens(usable, &model);
  model.requests = FitThroughput(
      internal::RequestObservations(usable, options.relative_errors), options,
      "requests_per_s", &model);
  model.output_tokens = FitThroughput(
      internal::TokenObservations(usable, options.relative_errors), options,
      "output_tokens_per_s", &model);
  FitLatencyCurves(usable, options, &model);
  const int num_usable = static_cast<int>(usable.size());
  const int held = options.holdout_levels >= 0 ? options.holdout_levels
                                               : AutomaticHoldout(num_usable);
  if (held > 0 && num_usable - held < kMinLevels) {
    throw std::invalid_argument(
        "CapacityModelOptions: holdout_levels " + std::to_string(held) +
        " leaves " + std::to_string(num_usable - held) +
        " levels to fit, fewer than the 3 the USL needs");
  }
  internal::ComputeHoldout(usable, held, options, &model);
  internal::JudgeTrust(usable, options, &model);
  return model;
}

const LatencyCurveFit* CapacityModel::Curve(LatencyMetric metric,
                                            LatencyQuantile quantile) const {
  const auto& curve =
      latency[static_cast<int>(metric)][static_cast<int>(quantile)];
  return curve ? &*curve : nullptr;
}

CapacityPrediction CapacityModel::Predict(double concurrency) const {
  if (!std::isfinite(concurrency) || concurrency <= 0) {
    throw std::invalid_argument(
        "CapacityModel::Predict: concurrency must be finite and > 0, got " +
        FormatNumber(concurrency));
  }
  CapacityPrediction p;
  p.concurrency = concurrency;
  p.requests_per_s = requests.PredictThroughput(concurrency);
  p.output_tokens_per_s = output_tokens.PredictThroughput(concurrency);
  for (LatencyMetric m : kAllLatencyMetrics) {
    for (LatencyQuantile q : kAllLatencyQuantiles) {
      const LatencyCurveFit* curve = Curve(m, q);
      if (curve == nullptr) continue;
      p.latency_s[static_cast<int>(m)][static_cast<int>(q)] =
          curve->Predict(concurrency);
    }
  }
  return p;
}

base::Estimate CapacityPrediction::Latency(LatencyMetric metric,
                                     LatencyQuantile quantile) const {
  const auto& e =
      latency_s[static_cast<int>(metric)][static_cast<int>(quantile)];
  return e ? *e : base::Estimate{kNaN, kNaN, kNaN, kNaN};
}

}  // namespace loadlaw::fit
