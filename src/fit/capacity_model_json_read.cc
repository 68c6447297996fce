// Reading the capacity model file: the schema check first, then every field
// through JsonCursor so that an error names its JSON pointer.

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "fit/capacity_model_json_internal.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/fit/capacity_model_json.h"

namespace loadlaw::fit {
namespace {

using internal::json;
using internal::JsonCursor;

Estimate ReadEstimate(const JsonCursor& c) {
  return Estimate{c["value"].Number(), c["std_error"].Number(),
                  c["low"].Number(), c["high"].Number()};
}

std::array<std::array<double, 3>, 3> ReadMatrix(const JsonCursor& c) {
  if (c.ArraySize() != 3) c.Fail("expected a 3 x 3 array");
  std::array<std::array<double, 3>, 3> m{};
  for (size_t i = 0; i < 3; ++i) {
    const JsonCursor row = c.At(i);
    if (row.ArraySize() != 3) row.Fail("expected 3 numbers");
    for (size_t j = 0; j < 3; ++j) m[i][j] = row.At(j).Number();
  }
  return m;
}

Law ReadLaw(const JsonCursor& c) {
  const std::string name = c.String();
  for (Law law : {Law::kUsl, Law::kAmdahl, Law::kLinear}) {
    if (name == LawName(law)) return law;
  }
  c.Fail("'" + name + "' is not one of usl, amdahl, linear");
}

UslFit ReadUsl(const JsonCursor& c) {
  UslFit f;
  f.law = ReadLaw(c["law"]);
  const JsonCursor params = c["params"];
  f.params = {params["sigma"].Number(), params["kappa"].Number(),
              params["lambda"].Number()};
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
  f.sse = c["sse"].Number();
  f.residual_std_error = c["residual_std_error"].Number();
  f.aic = c["aic"].Number();
  f.r_squared = c["r_squared"].Number();
  f.confidence = c["confidence"].Number();
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

LatencyCurveFit ReadCurve(const JsonCursor& c) {
  LatencyCurveFit f;
  f.a = ReadEstimate(c["a"]);
  f.b = ReadEstimate(c["b"]);
  f.c = ReadEstimate(c["c"]);
  f.covariance = ReadMatrix(c["covariance"]);
  f.num_points = c["num_points"].Int();
  f.sse = c["sse"].Number();
  f.residual_std_error = c["residual_std_error"].Number();
  f.r_squared = c["r_squared"].Number();
  f.confidence = c["confidence"].Number();
  f.residuals = c["residuals"].Numbers();
  f.converged = c["converged"].Bool();
  f.message = c["message"].String();
  f.warnings = c["warnings"].Strings();
  return f;
}

void CheckKnownKeys(const JsonCursor& c, bool metrics) {
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

void ReadLatencyCurves(const JsonCursor& c, CapacityModel* model) {
  CheckKnownKeys(c, /*metrics=*/true);
  for (LatencyMetric m : kAllLatencyMetrics) {
    if (!c.Has(LatencyMetricName(m))) continue;
    const JsonCursor metric = c[LatencyMetricName(m)];
    CheckKnownKeys(metric, /*metrics=*/false);
    for (LatencyQuantile q : kAllLatencyQuantiles) {
      if (!metric.Has(LatencyQuantileName(q))) continue;
      model->latency[static_cast<int>(m)][static_cast<int>(q)] =
          ReadCurve(metric[LatencyQuantileName(q)]);
    }
  }
}

LatencyTable ReadLatencyTable(const JsonCursor& c) {
  CheckKnownKeys(c, /*metrics=*/true);
  LatencyTable table;
  for (LatencyMetric m : kAllLatencyMetrics) {
    if (!c.Has(LatencyMetricName(m))) continue;
    const JsonCursor metric = c[LatencyMetricName(m)];
    CheckKnownKeys(metric, /*metrics=*/false);
    for (LatencyQuantile q : kAllLatencyQuantiles) {
      if (!metric.Has(LatencyQuantileName(q))) continue;
      table.Set(m, q, metric[LatencyQuantileName(q)].Number());
    }
  }
  return table;
}

LevelMeasurement ReadLevel(const JsonCursor& c) {
  LevelMeasurement l;
  l.configured_concurrency = c["configured_concurrency"].Number();
  l.achieved_concurrency = c["achieved_concurrency"].Number();
  l.requests_per_s = c["requests_per_s"].Number();
  l.output_tokens_per_s = c["output_tokens_per_s"].Number();
  l.mean_input_tokens = c["mean_input_tokens"].Number();
  l.mean_output_tokens = c["mean_output_tokens"].Number();
  l.latency_s = ReadLatencyTable(c["latency_s"]);
  l.error_rate = c["error_rate"].Number();
  l.settled = c["settled"].Bool();
  l.duration_s = c["duration_s"].Number();
  return l;
}

Provenance ReadProvenance(const JsonCursor& c) {
  Provenance p;
  p.endpoint = c["endpoint"].String();
  p.served_model = c["served_model"].String();
  p.hardware = c["hardware"].String();
  p.workload_name = c["workload_name"].String();
  p.workload_hash = c["workload_hash"].String();
  p.date = c["date"].String();
  p.loadlaw_version = c["loadlaw_version"].String();
  p.think_time_s = c["think_time_s"].Number();
  p.server_concurrency_limit = c["server_concurrency_limit"].Int();
  if (p.server_concurrency_limit < 0) {
    c["server_concurrency_limit"].Fail("must be >= 0 (0 = unknown)");
  }
  return p;
}

HoldoutForecast ReadForecast(const JsonCursor& c) {
  HoldoutForecast f;
  f.concurrency = c["concurrency"].Number();
  f.requests_per_s_measured = c["requests_per_s_measured"].Number();
  f.requests_per_s_predicted = c["requests_per_s_predicted"].Number();
  f.requests_per_s_rel_error = c["requests_per_s_rel_error"].Number();
  f.e2e_p99_s_measured = c["e2e_p99_s_measured"].Number();
  f.e2e_p99_s_predicted = c["e2e_p99_s_predicted"].Number();
  f.e2e_p99_rel_error = c["e2e_p99_rel_error"].Number();
  return f;
}

CapacityHoldout ReadHoldout(const JsonCursor& c) {
  CapacityHoldout h;
  h.held_out_levels = c["held_out_levels"].Int();
  h.fitted_levels = c["fitted_levels"].Int();
  const JsonCursor points = c["points"];
  for (size_t i = 0; i < points.ArraySize(); ++i) {
    h.points.push_back(ReadForecast(points.At(i)));
  }
  h.max_abs_throughput_error = c["max_abs_throughput_error"].Number();
  h.max_abs_e2e_p99_error = c["max_abs_e2e_p99_error"].Number();
  h.note = c["note"].String();
  return h;
}

void ReadOptionalParts(const JsonCursor& c, CapacityModel* model) {
  if (c.Has("diagnostics")) {
    const JsonCursor list = c["diagnostics"];
    for (size_t i = 0; i < list.ArraySize(); ++i) {
      const JsonCursor d = list.At(i);
      SeriesDiagnostics s{d["series"].String(), d["points"].Int(),
                          d["r_squared"].Number(),
                          d["residual_std_error"].Number(),
                          d["max_abs_rel_residual"].Number()};
      // Models written before it was recorded lack it.
      if (d.Has("worst_concurrency")) {
        s.worst_concurrency = d["worst_concurrency"].Number();
      }
      model->diagnostics.push_back(s);
    }
  }
  if (c.Has("notes")) model->notes = c["notes"].Strings();
  if (c.Has("levels")) {
    const JsonCursor list = c["levels"];
    for (size_t i = 0; i < list.ArraySize(); ++i) {
      model->levels.push_back(ReadLevel(list.At(i)));
    }
  }
}

void CheckSchema(const JsonCursor& root) {
  if (!root.value().is_object()) root.Fail("expected a JSON object");
  const JsonCursor schema = root["schema"];
  if (schema.String() != kCapacityModelSchema) {
    schema.Fail("'" + schema.String() +
                "' is not a supported schema (expected " +
                kCapacityModelSchema + ")");
  }
}

CapacityModel ReadModel(const JsonCursor& root) {
  CheckSchema(root);
  CapacityModel model;
  model.provenance = ReadProvenance(root["provenance"]);
  model.confidence = root["confidence"].Number();
  model.relative_errors = root["relative_errors"].Bool();
  model.min_concurrency = root["concurrency_range"]["min"].Number();
  model.max_concurrency = root["concurrency_range"]["max"].Number();
  model.mean_input_tokens = root["mean_tokens_per_request"]["input"].Number();
  model.mean_output_tokens = root["mean_tokens_per_request"]["output"].Number();
  const JsonCursor throughput = root["throughput"];
  model.requests = ReadUsl(throughput["requests_per_s"]);
  model.output_tokens = ReadUsl(throughput["output_tokens_per_s"]);
  ReadLatencyCurves(root["latency_s"], &model);
  model.holdout = ReadHoldout(root["holdout"]);
  const JsonCursor trust = root["trust"];
  model.trust.ok = trust["ok"].Bool();
  model.trust.warnings = trust["warnings"].Strings();
  ReadOptionalParts(root, &model);
  return model;
}

}  // namespace

CapacityModel CapacityModelFromJsonText(const std::string& text,
                                        const std::string& source) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::invalid_argument(source + ": not valid JSON: " + e.what());
  }
  return ReadModel(JsonCursor(root, source));
}

CapacityModel LoadCapacityModel(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::invalid_argument("cannot read capacity model '" + path + "'");
  }
  std::stringstream text;
  text << in.rdbuf();
  return CapacityModelFromJsonText(text.str(), path);
}

}  // namespace loadlaw::fit
