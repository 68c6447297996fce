// Reading the capacity model file: the schema check first, then every field
// through base::JsonNode so that an error names its JSON pointer.

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "loadlaw/base/file.h"
#include "loadlaw/base/json.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/fit/capacity_model_json.h"

namespace loadlaw::fit {
namespace {

using nlohmann::json;
using base::JsonNode;

base::Estimate ReadEstimate(const JsonNode& c) {
  return base::Estimate{c["value"].NumberOrNonFinite(), c["std_error"].NumberOrNonFinite(),
                  c["low"].NumberOrNonFinite(), c["high"].NumberOrNonFinite()};
}

std::array<std::array<double, 3>, 3> ReadMatrix(const JsonNode& c) {
  if (c.Size() != 3) c.Fail("expected a 3 x 3 array");
  std::array<std::array<double, 3>, 3> m{};
  for (size_t i = 0; i < 3; ++i) {
    const JsonNode row = c.At(i);
    if (row.Size() != 3) row.Fail("expected 3 numbers");
    for (size_t j = 0; j < 3; ++j) m[i][j] = row.At(j).NumberOrNonFinite();
  }
  return m;
}

Law ReadLaw(const JsonNode& c) {
  const std::string name = c.String();
  for (Law law : {Law::kUsl, Law::kAmdahl, Law::kLinear}) {
    if (name == LawName(law)) return law;
  }
  c.Fail("'" + name + "' is not one of usl, amdahl, linear");
}

UslFit ReadUsl(const JsonNode& c) {
  UslFit f;
  f.law = ReadLaw(c["law"]);
  const JsonNode params = c["params"];
  f.params = {params["sigma"].NumberOrNonFinite(), params["kappa"].NumberOrNonFinite(),
              params["lambda"].NumberOrNonFinite()};
  f.covariance = ReadMatrix(c["covariance"]);
  f.sigma = ReadEstimate(c["sigma"]);
  f.kappa = ReadEstimate(c["kappa"]);
  f.lambda = ReadEstimate(c["lambda"]);
  f.peak_concurrency = ReadEstimate(c["peak_concurrency"]);
  f.peak_throughput = ReadEstimate(c["peak_throughput"]);
  f.amdahl_ceiling = ReadEstimate(c["amdahl_ceiling"]);
  f.inverse_sigma = ReadEstimate(c["inverse_sigma"]);
  f.num_points = c["num_points"].Int();
  f.num_parameters = c["num_parameters"].Int();
  f.sse = c["sse"].NumberOrNonFinite();
  f.residual_std_error = c["residual_std_error"].NumberOrNonFinite();
  f.aic = c["aic"].NumberOrNonFinite();
  f.r_squared = c["r_squared"].NumberOrNonFinite();
  f.confidence = c["confidence"].NumberOrNonFinite();
  f.residuals = c["residuals"].Numbers();
  f.kappa_at_bound = c["kappa_at_bound"].Bool();
  f.sigma_at_bound = c["sigma_at_bound"].Bool();
  f.converged = c["converged"].Bool();
  f.message = c["message"].String();
  f.warnings = c["warnings"].Strings();
  // The parameters must make a valid law, or nothing can be predicted.
  try {
    UslModel check(f.params);
  } catch (const std::invalid_argument& e) {
    params.Fail(e.what());
  }
  return f;
}

LatencyCurveFit ReadCurve(const JsonNode& c) {
  LatencyCurveFit f;
  f.a = ReadEstimate(c["a"]);
  f.b = ReadEstimate(c["b"]);
  f.c = ReadEstimate(c["c"]);
  f.covariance = ReadMatrix(c["covariance"]);
  f.num_points = c["num_points"].Int();
  f.sse = c["sse"].NumberOrNonFinite();
  f.residual_std_error = c["residual_std_error"].NumberOrNonFinite();
  f.r_squared = c["r_squared"].NumberOrNonFinite();
  f.confidence = c["confidence"].NumberOrNonFinite();
  f.residuals = c["residuals"].Numbers();
  f.converged = c["converged"].Bool();
  f.message = c["message"].String();
  f.warnings = c["warnings"].Strings();
  return f;
}

void CheckKnownKeys(const JsonNode& c, bool metrics) {
  if (!c.value().is_object()) c.Fail("expected an object");
  for (const auto& item : c.value().items()) {
    bool known = false;
    if (metrics) {
      for (LatencyMetric m : kAllLatencyMetrics) {
        known |= item.key() == LatencyMetricName(m);
      }
    } else {
      for (LatencyQuantile q : kAllLatencyQuantiles) {
        known |= item.key() == LatencyQuantileName(q);
      }
    }
    if (!known) {
      c.Fail("unknown key '" + item.key() + "' (expected " +
             (metrics ? "e2e, ttft, tpot" : "p50, p90, p95, p99") + ")");
    }
  }
}

void ReadLatencyCurves(const JsonNode& c, CapacityModel* model) {
  CheckKnownKeys(c, /*metrics=*/true);
  for (LatencyMetric m : kAllLatencyMetrics) {
    if (!c.Has(LatencyMetricName(m))) continue;
    const JsonNode metric = c[LatencyMetricName(m)];
    CheckKnownKeys(metric, /*metrics=*/false);
    for (LatencyQuantile q : kAllLatencyQuantiles) {
      if (!metric.Has(LatencyQuantileName(q))) continue;
      model->latency[static_cast<int>(m)][static_cast<int>(q)] =
          ReadCurve(metric[LatencyQuantileName(q)]);
    }
  }
}

LatencyTable ReadLatencyTable(const JsonNode& c) {
  CheckKnownKeys(c, /*metrics=*/true);
  LatencyTable table;
  for (LatencyMetric m : kAllLatencyMetrics) {
    if (!c.Has(LatencyMetricName(m))) continue;
    const JsonNode metric = c[LatencyMetricName(m)];
    CheckKnownKeys(metric, /*metrics=*/false);
    for (LatencyQuantile q : kAllLatencyQuantiles) {
      if (!metric.Has(LatencyQuantileName(q))) continue;
      table.Set(m, q, metric[LatencyQuantileName(q)].NumberOrNonFinite());
    }
  }
  return table;
}

LevelMeasurement ReadLevel(const JsonNode& c) {
  LevelMeasurement l;
  l.configured_concurrency = c["configured_concurrency"].NumberOrNonFinite();
  l.achieved_concurrency = c["achieved_concurrency"].NumberOrNonFinite();
  l.requests_per_s = c["requests_per_s"].NumberOrNonFinite();
  l.output_tokens_per_s = c["output_tokens_per_s"].NumberOrNonFinite();
  l.mean_input_tokens = c["mean_input_tokens"].NumberOrNonFinite();
  l.mean_output_tokens = c["mean_output_tokens"].NumberOrNonFinite();
  l.latency_s = ReadLatencyTable(c["latency_s"]);
  l.error_rate = c["error_rate"].NumberOrNonFinite();
  l.settled = c["settled"].Bool();
  l.duration_s = c["duration_s"].NumberOrNonFinite();
  return l;
}

Provenance ReadProvenance(const JsonNode& c) {
  Provenance p;
  p.endpoint = c["endpoint"].String();
  p.served_model = c["served_model"].String();
  p.hardware = c["hardware"].String();
  p.workload_name = c["workload_name"].String();
  p.workload_hash = c["workload_hash"].String();
  p.date = c["date"].String();
  p.loadlaw_version = c["loadlaw_version"].String();
  p.think_time_s = c["think_time_s"].NumberOrNonFinite();
  p.server_concurrency_limit = c["server_concurrency_limit"].Int();
  if (p.server_concurrency_limit < 0) {
    c["server_concurrency_limit"].Fail("must be >= 0 (0 = unknown)");
  }
  return p;
}

HoldoutForecast ReadForecast(const JsonNode& c) {
  HoldoutForecast f;
  f.concurrency = c["concurrency"].NumberOrNonFinite();
  f.requests_per_s_measured = c["requests_per_s_measured"].NumberOrNonFinite();
  f.requests_per_s_predicted = c["requests_per_s_predicted"].NumberOrNonFinite();
  f.requests_per_s_rel_error = c["requests_per_s_rel_error"].NumberOrNonFinite();
  f.e2e_p99_s_measured = c["e2e_p99_s_measured"].NumberOrNonFinite();
  f.e2e_p99_s_predicted = c["e2e_p99_s_predicted"].NumberOrNonFinite();
  f.e2e_p99_rel_error = c["e2e_p99_rel_error"].NumberOrNonFinite();
  return f;
}

CapacityHoldout ReadHoldout(const JsonNode& c) {
  CapacityHoldout h;
  h.held_out_levels = c["held_out_levels"].Int();
  h.fitted_levels = c["fitted_levels"].Int();
  const JsonNode points = c["points"];
  for (size_t i = 0; i < points.Size(); ++i) {
    h.points.push_back(ReadForecast(points.At(i)));
  }
  h.max_abs_throughput_error = c["max_abs_throughput_error"].NumberOrNonFinite();
  h.max_abs_e2e_p99_error = c["max_abs_e2e_p99_error"].NumberOrNonFinite();
  h.note = c["note"].String();
  return h;
}

void ReadOptionalParts(const JsonNode& c, CapacityModel* model) {
  if (c.Has("diagnostics")) {
    const JsonNode list = c["diagnostics"];
    for (size_t i = 0; i < list.Size(); ++i) {
      const JsonNode d = list.At(i);
      SeriesDiagnostics s{d["series"].String(), d["points"].Int(),
                          d["r_squared"].NumberOrNonFinite(),
                          d["residual_std_error"].NumberOrNonFinite(),
                          d["max_abs_rel_residual"].NumberOrNonFinite()};
      // Models written before it was recorded lack it.
      if (d.Has("worst_concurrency")) {
        s.worst_concurrency = d["worst_concurrency"].NumberOrNonFinite();
      }
      model->diagnostics.push_back(s);
    }
  }
  if (c.Has("notes")) model->notes = c["notes"].Strings();
  if (c.Has("levels")) {
    const JsonNode list = c["levels"];
    for (size_t i = 0; i < list.Size(); ++i) {
      model->levels.push_back(ReadLevel(list.At(i)));
    }
  }
}

void CheckSchema(const JsonNode& root) {
  if (!root.value().is_object()) root.Fail("expected a JSON object");
  const JsonNode schema = root["schema"];
  if (schema.String() != kCapacityModelSchema) {
    schema.Fail("'" + schema.String() +
                "' is not a supported schema (expected " +
                kCapacityModelSchema + ")");
  }
}

CapacityModel ReadModel(const JsonNode& root) {
  CheckSchema(root);
  CapacityModel model;
  model.provenance = ReadProvenance(root["provenance"]);
  model.confidence = root["confidence"].NumberOrNonFinite();
  model.relative_errors = root["relative_errors"].Bool();
  model.min_concurrency = root["concurrency_range"]["min"].NumberOrNonFinite();
  model.max_concurrency = root["concurrency_range"]["max"].NumberOrNonFinite();
  model.mean_input_tokens = root["mean_tokens_per_request"]["input"].NumberOrNonFinite();
  model.mean_output_tokens = root["mean_tokens_per_request"]["output"].NumberOrNonFinite();
  const JsonNode throughput = root["throughput"];
  model.requests = ReadUsl(throughput["requests_per_s"]);
  model.output_tokens = ReadUsl(throughput["output_tokens_per_s"]);
  ReadLatencyCurves(root["latency_s"], &model);
  model.holdout = ReadHoldout(root["holdout"]);
  const JsonNode trust = root["trust"];
  model.trust.ok = trust["ok"].Bool();
  model.trust.warnings = trust["warnings"].Strings();
  ReadOptionalParts(root, &model);
  return model;
}

}  // namespace

CapacityModel CapacityModelFromJsonText(const std::string& text,
                                        const std::string& source) {
  const json root = base::ParseJson(text, source);
  return ReadModel(JsonNode(root, source));
}

CapacityModel LoadCapacityModel(const std::string& path) {
  const json root = base::ReadJsonFile(path);
  return ReadModel(JsonNode(root, path));
}

}  // namespace loadlaw::fit
