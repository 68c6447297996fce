// Writing the capacity model file (the reader is capacity_model_json_read.cc).
// Field names follow models/README.md; every number needed to predict is
// written at full precision so that a loaded model predicts exactly like the
// fitted one.

#include "loadlaw/fit/capacity_model_json.h"

#include <fstream>
#include <stdexcept>
#include <string>

#include "loadlaw/base/file.h"
#include "loadlaw/base/json.h"
#include "loadlaw/fit/capacity_model.h"

namespace loadlaw::fit {
namespace {

using nlohmann::json;
using base::NumberJson;
using base::NumbersJson;

json EstimateJson(const base::Estimate& e) {
  return {{"value", NumberJson(e.value)},
          {"std_error", NumberJson(e.std_error)},
          {"low", NumberJson(e.low)},
          {"high", NumberJson(e.high)}};
}

json MatrixJson(const std::array<std::array<double, 3>, 3>& m) {
  json rows = json::array();
  for (const auto& row : m) {
    rows.push_back(NumbersJson(std::vector<double>(row.begin(), row.end())));
  }
  return rows;
}

json UslJson(const UslFit& f) {
  json out;
  out["law"] = LawName(f.law);
  out["params"] = {{"sigma", NumberJson(f.params.sigma)},
                   {"kappa", NumberJson(f.params.kappa)},
                   {"lambda", NumberJson(f.params.lambda)}};
  out["covariance"] = MatrixJson(f.covariance);
  out["sigma"] = EstimateJson(f.sigma);
  out["kappa"] = EstimateJson(f.kappa);
  out["lambda"] = EstimateJson(f.lambda);
  out["peak_concurrency"] = EstimateJson(f.peak_concurrency);
  out["peak_throughput"] = EstimateJson(f.peak_throughput);
  out["amdahl_ceiling"] = EstimateJson(f.amdahl_ceiling);
  out["inverse_sigma"] = EstimateJson(f.inverse_sigma);
  out["limited_by"] = LimitedByName(LimitingFactor(f.params));
  out["num_points"] = f.num_points;
  out["num_parameters"] = f.num_parameters;
  out["sse"] = NumberJson(f.sse);
  out["residual_std_error"] = NumberJson(f.residual_std_error);
  out["aic"] = NumberJson(f.aic);
  out["r_squared"] = NumberJson(f.r_squared);
  out["confidence"] = f.confidence;
  out["residuals"] = NumbersJson(f.residuals);
  out["kappa_at_bound"] = f.kappa_at_bound;
  out["sigma_at_bound"] = f.sigma_at_bound;
  out["converged"] = f.converged;
  out["message"] = f.message;
  out["warnings"] = f.warnings;
  return out;
}

json CurveJson(const LatencyCurveFit& f) {
  json out;
  out["a"] = EstimateJson(f.a);
  out["b"] = EstimateJson(f.b);
  out["c"] = EstimateJson(f.c);
  out["covariance"] = MatrixJson(f.covariance);
  out["num_points"] = f.num_points;
  out["sse"] = NumberJson(f.sse);
  out["residual_std_error"] = NumberJson(f.residual_std_error);
  out["r_squared"] = NumberJson(f.r_squared);
  out["confidence"] = f.confidence;
  out["residuals"] = NumbersJson(f.residuals);
  out["converged"] = f.converged;
  out["message"] = f.message;
  out["warnings"] = f.warnings;
  return out;
}

json LatencyCurvesJson(const CapacityModel& model) {
  json out = json::object();
  for (LatencyMetric m : kAllLatencyMetrics) {
    json metric = json::object();
    for (LatencyQuantile q : kAllLatencyQuantiles) {
      const LatencyCurveFit* curve = model.Curve(m, q);
      if (curve != nullptr) metric[LatencyQuantileName(q)] = CurveJson(*curve);
    }
    if (!metric.empty()) out[LatencyMetricName(m)] = metric;
  }
  return out;
}

json LatencyTableJson(const LatencyTable& table) {
  json out = json::object();
  for (LatencyMetric m : kAllLatencyMetrics) {
    json metric = json::object();
    for (LatencyQuantile q : kAllLatencyQuantiles) {
      if (table.Has(m, q)) metric[LatencyQuantileName(q)] = table.Get(m, q);
    }
    if (!metric.empty()) out[LatencyMetricName(m)] = metric;
  }
  return out;
}

json LevelJson(const LevelMeasurement& l) {
  return {{"configured_concurrency", NumberJson(l.configured_concurrency)},
          {"achieved_concurrency", NumberJson(l.achieved_concurrency)},
          {"requests_per_s", NumberJson(l.requests_per_s)},
          {"output_tokens_per_s", NumberJson(l.output_tokens_per_s)},
          {"mean_input_tokens", NumberJson(l.mean_input_tokens)},
          {"mean_output_tokens", NumberJson(l.mean_output_tokens)},
          {"latency_s", LatencyTableJson(l.latency_s)},
          {"error_rate", NumberJson(l.error_rate)},
          {"settled", l.settled},
          {"duration_s", NumberJson(l.duration_s)}};
}

json ProvenanceJson(const Provenance& p) {
  return {{"endpoint", p.endpoint},
          {"served_model", p.served_model},
          {"hardware", p.hardware},
          {"workload_name", p.workload_name},
          {"workload_hash", p.workload_hash},
          {"date", p.date},
          {"loadlaw_version", p.loadlaw_version},
          {"think_time_s", NumberJson(p.think_time_s)},
          {"server_concurrency_limit", p.server_concurrency_limit}};
}

json HoldoutJson(const CapacityHoldout& h) {
  json points = json::array();
  for (const HoldoutForecast& f : h.points) {
    points.push_back(
        {{"concurrency", NumberJson(f.concurrency)},
         {"requests_per_s_measured", NumberJson(f.requests_per_s_measured)},
         {"requests_per_s_predicted", NumberJson(f.requests_per_s_predicted)},
         {"requests_per_s_rel_error", NumberJson(f.requests_per_s_rel_error)},
         {"e2e_p99_s_measured", NumberJson(f.e2e_p99_s_measured)},
         {"e2e_p99_s_predicted", NumberJson(f.e2e_p99_s_predicted)},
         {"e2e_p99_rel_error", NumberJson(f.e2e_p99_rel_error)}});
  }
  return {{"held_out_levels", h.held_out_levels},
          {"fitted_levels", h.fitted_levels},
          {"points", points},
          {"max_abs_throughput_error", NumberJson(h.max_abs_throughput_error)},
          {"max_abs_e2e_p99_error", NumberJson(h.max_abs_e2e_p99_error)},
          {"note", h.note}};
}

json DiagnosticsJson(const std::vector<SeriesDiagnostics>& diagnostics) {
  json out = json::array();
  for (const SeriesDiagnostics& d : diagnostics) {
    out.push_back(
        {{"series", d.series},
         {"points", d.points},
         {"r_squared", NumberJson(d.r_squared)},
         {"residual_std_error", NumberJson(d.residual_std_error)},
         {"max_abs_rel_residual", NumberJson(d.max_abs_rel_residual)},
         {"worst_concurrency", NumberJson(d.worst_concurrency)}});
  }
  return out;
}

json ModelJson(const CapacityModel& model) {
  json out;
  out["schema"] = model.schema;
  out["provenance"] = ProvenanceJson(model.provenance);
  out["confidence"] = model.confidence;
  out["relative_errors"] = model.relative_errors;
  out["concurrency_range"] = {{"min", NumberJson(model.min_concurrency)},
                              {"max", NumberJson(model.max_concurrency)}};
  out["mean_tokens_per_request"] = {
      {"input", NumberJson(model.mean_input_tokens)},
      {"output", NumberJson(model.mean_output_tokens)}};
  out["throughput"] = {{"requests_per_s", UslJson(model.requests)},
                       {"output_tokens_per_s", UslJson(model.output_tokens)}};
  out["latency_s"] = LatencyCurvesJson(model);
  out["holdout"] = HoldoutJson(model.holdout);
  out["diagnostics"] = DiagnosticsJson(model.diagnostics);
  out["trust"] = {{"ok", model.trust.ok}, {"warnings", model.trust.warnings}};
  out["notes"] = model.notes;
  json levels = json::array();
  for (const LevelMeasurement& l : model.levels) levels.push_back(LevelJson(l));
  out["levels"] = levels;
  return out;
}

}  // namespace

std::string LatencyTableToJsonText(const LatencyTable& table, int indent) {
  return LatencyTableJson(table).dump(indent);
}

std::string CapacityModelToJsonText(const CapacityModel& model, int indent) {
  return ModelJson(model).dump(indent);
}

void SaveCapacityModel(const CapacityModel& model, const std::string& path) {
  base::WriteFileAtomic(path, CapacityModelToJsonText(model) + "\n");
}

}  // namespace loadlaw::fit
