// The capacity model's self-validation: the hold-out forecast of the top
// levels, the residual diagnostics of every fitted series, and the verdict.

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "fit/capacity_model_internal.h"
#include "loadlaw/base/format.h"
#include "loadlaw/fit/capacity_model.h"

namespace loadlaw::fit::internal {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Below this largest relative residual a low R^2 only means the series is
// nearly flat (little variance to explain), not that the curve is wrong.
constexpr double kMaterialResidual = 0.05;

std::string Percent(double fraction) {
  return base::FormatNumber(std::round(1000 * fraction) / 10) + " %";
}

HoldoutForecast Forecast(const LevelMeasurement& level, const UslFit& usl,
                         const LatencyCurveFit* e2e) {
  HoldoutForecast f;
  f.concurrency = level.achieved_concurrency;
  f.requests_per_s_measured = level.requests_per_s;
  f.requests_per_s_predicted = usl.Model().Throughput(f.concurrency);
  f.requests_per_s_rel_error =
      (f.requests_per_s_predicted - level.requests_per_s) /
      level.requests_per_s;
  if (e2e != nullptr &&
      level.latency_s.Has(LatencyMetric::kE2e, LatencyQuantile::kP99)) {
    f.e2e_p99_s_measured =
        level.latency_s.Get(LatencyMetric::kE2e, LatencyQuantile::kP99);
    f.e2e_p99_s_predicted = e2e->Evaluate(f.concurrency);
    f.e2e_p99_rel_error =
        (f.e2e_p99_s_predicted - f.e2e_p99_s_measured) / f.e2e_p99_s_measured;
  }
  return f;
}

// The E2E p99 curve of the kept levels, when there are enough of them.
bool FitKeptE2e(const LevelList& kept, const CapacityModelOptions& options,
                LatencyCurveFit* curve) {
  const std::vector<Observation> obs =
      LatencyObservations(kept, LatencyMetric::kE2e, LatencyQuantile::kP99,
                          options.relative_errors);
  if (obs.size() < 3) return false;
  *curve = FitLatencyCurve(obs, options.fit);
  return curve->IsUsable();
}

// The largest |residual| / measured, and the concurrency where it is.
void WorstResidual(const std::vector<Observation>& obs,
                   const std::vector<double>& residuals, SeriesDiagnostics* d) {
  d->max_abs_rel_residual = 0;
  for (size_t i = 0; i < obs.size() && i < residuals.size(); ++i) {
    const double r = std::abs(residuals[i] / obs[i].value);
    if (r > d->max_abs_rel_residual ||
        std::isnan(d->worst_concurrency)) {
      d->max_abs_rel_residual = r;
      d->worst_concurrency = obs[i].concurrency;
    }
  }
}

void Diagnose(const std::string& series, const std::vector<Observation>& obs,
              int points, double r_squared, double residual_std_error,
              const std::vector<double>& residuals, CapacityModel* model) {
  SeriesDiagnostics d;
  d.series = series;
  d.points = points;
  d.r_squared = r_squared;
  d.residual_std_error = residual_std_error;
  WorstResidual(obs, residuals, &d);
  model->diagnostics.push_back(d);
}

void DiagnoseAll(const LevelList& levels, bool relative, CapacityModel* model) {
  const UslFit& x = model->requests;
  Diagnose("requests_per_s", RequestObservations(levels, relative),
           x.num_points, x.r_squared, x.residual_std_error, x.residuals, model);
  const UslFit& t = model->output_tokens;
  Diagnose("output_tokens_per_s", TokenObservations(levels, relative),
           t.num_points, t.r_squared, t.residual_std_error, t.residuals, model);
  for (LatencyMetric m : kAllLatencyMetrics) {
    for (LatencyQuantile q : kAllLatencyQuantiles) {
      const LatencyCurveFit* c = model->Curve(m, q);
      if (c == nullptr) continue;
      Diagnose(SeriesName(m, q), LatencyObservations(levels, m, q, relative),
               c->num_points, c->r_squared, c->residual_std_error, c->residuals,
               model);
    }
  }
}

void WarnAboutFits(const CapacityModel& model,
                   std::vector<std::string>* warnings) {
  if (!model.requests.IsUsable()) {
    warnings->push_back("requests_per_s: the USL fit failed: " +
                        model.requests.message);
  }
  if (!model.output_tokens.IsUsable()) {
    warnings->push_back("output_tokens_per_s: the USL fit failed: " +
                        model.output_tokens.message);
  }
  if (!model.requests.lambda.HasInterval()) {
    warnings->push_back(
        "requests_per_s: the fit has no intervals (too few levels for its "
        "parameters), so no answer derived from it has one");
  }
  for (LatencyMetric m : kAllLatencyMetrics) {
    for (LatencyQuantile q : kAllLatencyQuantiles) {
      const LatencyCurveFit* c = model.Curve(m, q);
      if (c != nullptr && !c->IsUsable()) {
        warnings->push_back(SeriesName(m, q) +
                            ": the latency curve fit failed: " + c->message);
      }
    }
  }
}

void WarnAboutResiduals(const CapacityModel& model, double min_r_squared,
                        std::vector<std::string>* warnings) {
  for (const SeriesDiagnostics& d : model.diagnostics) {
    if (d.r_squared >= min_r_squared ||
        d.max_abs_rel_residual <= kMaterialResidual) {
      continue;
    }
    const std::string where =
        std::isnan(d.worst_concurrency)
            ? ""
            : " at " + base::FormatNumber(std::round(10 * d.worst_concurrency) / 10) +
                  " in flight";
    warnings->push_back(d.series +
                        ": the curve explains the data poorly (R^2 " +
                        base::FormatSignificant(d.r_squared, 6) + ", the level" + where +
                        " off by " + Percent(d.max_abs_rel_residual) + ")");
  }
}

void WarnAboutHoldout(const CapacityHoldout& h,
                      const CapacityModelOptions& options,
                      std::vector<std::string>* warnings) {
  if (h.held_out_levels == 0) return;
  if (h.max_abs_throughput_error > options.max_holdout_throughput_error) {
    warnings->push_back(
        "hold-out: fitted without the top " +
        std::to_string(h.held_out_levels) +
        " level(s), the model forecasts their throughput " +
        Percent(h.max_abs_throughput_error) +
        " off: extrapolation beyond the measured range is not reliable");
  }
  if (h.max_abs_e2e_p99_error > options.max_holdout_latency_error) {
    warnings->push_back(
        "hold-out: the E2E p99 forecast of the top level(s) "
        "is " +
        Percent(h.max_abs_e2e_p99_error) + " off");
  }
}

}  // namespace

void ComputeHoldout(const LevelList& levels, int held,
                    const CapacityModelOptions& options, CapacityModel* model) {
  CapacityHoldout& h = model->holdout;
  h = CapacityHoldout{};
  if (held <= 0) {
    h.note = "no hold-out: " + std::to_string(levels.size()) +
             " usable levels (a hold-out needs at least 4)";
    return;
  }
  const LevelList kept(levels.begin(), levels.end() - held);
  h.held_out_levels = held;
  h.fitted_levels = static_cast<int>(kept.size());
  const UslFit usl =
      FitUsl(RequestObservations(kept, options.relative_errors), options.fit);
  LatencyCurveFit e2e;
  const bool has_e2e = FitKeptE2e(kept, options, &e2e);
  h.max_abs_e2e_p99_error = has_e2e ? 0 : kNaN;
  for (auto it = levels.end() - held; it != levels.end(); ++it) {
    const HoldoutForecast f = Forecast(*it, usl, has_e2e ? &e2e : nullptr);
    h.max_abs_throughput_error = std::max(h.max_abs_throughput_error,
                                          std::abs(f.requests_per_s_rel_error));
    if (std::isfinite(f.e2e_p99_rel_error)) {
      h.max_abs_e2e_p99_error =
          std::max(h.max_abs_e2e_p99_error, std::abs(f.e2e_p99_rel_error));
    }
    h.points.push_back(f);
  }
  if (!usl.IsUsable()) h.note = "the hold-out fit failed: " + usl.message;
}

void JudgeTrust(const LevelList& levels, const CapacityModelOptions& options,
                CapacityModel* model) {
  model->diagnostics.clear();
  DiagnoseAll(levels, options.relative_errors, model);
  std::vector<std::string> warnings;
  if (levels.size() < 4) {
    warnings.push_back("only " + std::to_string(levels.size()) +
                       " settled levels were fitted; at least 4 are needed "
                       "to trust the model");
  }
  WarnAboutFits(*model, &warnings);
  WarnAboutResiduals(*model, options.min_r_squared, &warnings);
  WarnAboutHoldout(model->holdout, options, &warnings);
  model->trust.warnings = warnings;
  model->trust.ok = warnings.empty();
}

}  // namespace loadlaw::fit::internal
