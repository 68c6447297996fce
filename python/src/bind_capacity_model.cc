// Python bindings of the capacity model (loadlaw/fit/capacity_model.h): what
// fit_sweep() returns and load_model() reads; its fields are those of the
// model file (models/README.md), plus vectorised predictions.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "bindings.h"
#include "json_view.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/fit/capacity_model_json.h"
#include "name_enum.h"
#include "py_usl_fit.h"
#include "vectorize.h"

namespace py = pybind11;

namespace loadlaw::python {
namespace {

using fit::CapacityModel;

fit::LatencyMetric ParseMetric(const std::string& name) {
  for (fit::LatencyMetric m : fit::kAllLatencyMetrics) {
    if (name == fit::LatencyMetricName(m)) return m;
  }
  throw std::invalid_argument("metric: '" + name +
                              "' is not one of e2e, ttft, tpot");
}

fit::LatencyQuantile ParseQuantile(const std::string& name) {
  for (fit::LatencyQuantile q : fit::kAllLatencyQuantiles) {
    if (name == fit::LatencyQuantileName(q)) return q;
  }
  throw std::invalid_argument("quantile: '" + name +
                              "' is not one of p50, p90, p95, p99");
}

double CheckedConcurrency(double n) {
  if (!std::isfinite(n) || n <= 0) {
    throw std::invalid_argument("n: concurrency must be finite and > 0, got " +
                                py::repr(py::float_(n)).cast<std::string>());
  }
  return n;
}

const fit::LatencyCurveFit& CurveOf(const CapacityModel& m,
                                    const std::string& metric,
                                    const std::string& quantile) {
  const fit::LatencyCurveFit* curve =
      m.Curve(ParseMetric(metric), ParseQuantile(quantile));
  if (curve == nullptr) {
    throw std::invalid_argument("metric: the model has no curve for " +
                                quantile + "(" + metric +
                                ") (not measured at 3 or more levels)");
  }
  return *curve;
}

py::dict PredictionDict(const fit::CapacityPrediction& p) {
  py::dict latency;
  for (fit::LatencyMetric m : fit::kAllLatencyMetrics) {
    py::dict by_quantile;
    for (fit::LatencyQuantile q : fit::kAllLatencyQuantiles) {
      const auto& e = p.latency_s[static_cast<int>(m)][static_cast<int>(q)];
      if (e) by_quantile[fit::LatencyQuantileName(q)] = *e;
    }
    latency[fit::LatencyMetricName(m)] = by_quantile;
  }
  py::dict out;
  out["concurrency"] = p.concurrency;
  out["requests_per_s"] = p.requests_per_s;
  out["output_tokens_per_s"] = p.output_tokens_per_s;
  out["latency_s"] = latency;
  return out;
}

std::string ModelText(const CapacityModel& m, int indent) {
  return fit::CapacityModelToJsonText(m, indent);
}

void BindModelParts(py::module_& m) {
  using fit::CapacityHoldout, fit::HoldoutForecast, fit::LevelMeasurement,
      fit::SeriesDiagnostics;
  py::class_<fit::Provenance>(m, "Provenance",
                              "Where a capacity model's data came from.")
      .def_readonly("endpoint", &fit::Provenance::endpoint)
      .def_readonly("served_model", &fit::Provenance::served_model)
      .def_readonly("hardware", &fit::Provenance::hardware)
      .def_readonly("workload_name", &fit::Provenance::workload_name)
      .def_readonly("workload_hash", &fit::Provenance::workload_hash)
      .def_readonly("date", &fit::Provenance::date)
      .def_readonly("loadlaw_version", &fit::Provenance::loadlaw_version)
      .def_readonly("think_time_s", &fit::Provenance::think_time_s)
      .def_readonly("server_concurrency_limit",
                    &fit::Provenance::server_concurrency_limit);
  py::class_<LevelMeasurement>(m, "LevelMeasurement",
                               "One level a model was fitted on, measured.")
      .def_readonly("configured_concurrency",
                    &LevelMeasurement::configured_concurrency)
      .def_readonly("achieved_concurrency",
                    &LevelMeasurement::achieved_concurrency)
      .def_readonly("requests_per_s", &LevelMeasurement::requests_per_s)
      .def_readonly("output_tokens_per_s",
                    &LevelMeasurement::output_tokens_per_s)
      .def_readonly("mean_input_tokens", &LevelMeasurement::mean_input_tokens)
      .def_readonly("mean_output_tokens", &LevelMeasurement::mean_output_tokens)
      .def_property_readonly(
          "latency_s",
          [](const LevelMeasurement& l) {
            return RecordOfText(fit::LatencyTableToJsonText(l.latency_s));
          },
          "Measured quantiles in seconds, as the model file writes them "
          "(latency_s.e2e.p99, ...).")
      .def_readonly("error_rate", &LevelMeasurement::error_rate)
      .def_readonly("settled", &LevelMeasurement::settled)
      .def_readonly("duration_s", &LevelMeasurement::duration_s);
  py::class_<HoldoutForecast>(m, "HoldoutForecast",
                              "The forecast of one held-out level.")
      .def_readonly("concurrency", &HoldoutForecast::concurrency)
      .def_readonly("requests_per_s_measured",
                    &HoldoutForecast::requests_per_s_measured)
      .def_readonly("requests_per_s_predicted",
                    &HoldoutForecast::requests_per_s_predicted)
      .def_readonly("requests_per_s_rel_error",
                    &HoldoutForecast::requests_per_s_rel_error)
      .def_readonly("e2e_p99_s_measured", &HoldoutForecast::e2e_p99_s_measured)
      .def_readonly("e2e_p99_s_predicted",
                    &HoldoutForecast::e2e_p99_s_predicted)
      .def_readonly("e2e_p99_rel_error", &HoldoutForecast::e2e_p99_rel_error);
  py::class_<CapacityHoldout>(m, "CapacityHoldout",
                              "The hold-out validation of a capacity model.")
      .def_readonly("held_out_levels", &CapacityHoldout::held_out_levels)
      .def_readonly("fitted_levels", &CapacityHoldout::fitted_levels)
      .def_readonly("points", &CapacityHoldout::points)
      .def_readonly("max_abs_throughput_error",
                    &CapacityHoldout::max_abs_throughput_error)
      .def_readonly("max_abs_e2e_p99_error",
                    &CapacityHoldout::max_abs_e2e_p99_error)
      .def_readonly("note", &CapacityHoldout::note);
  py::class_<SeriesDiagnostics>(m, "SeriesDiagnostics",
                                "How well one fitted series explains its data.")
      .def_readonly("series", &SeriesDiagnostics::series)
      .def_readonly("points", &SeriesDiagnostics::points)
      .def_readonly("r_squared", &SeriesDiagnostics::r_squared)
      .def_readonly("residual_std_error",
                    &SeriesDiagnostics::residual_std_error)
      .def_readonly("max_abs_rel_residual",
                    &SeriesDiagnostics::max_abs_rel_residual)
      .def_readonly("worst_concurrency", &SeriesDiagnostics::worst_concurrency);
  py::class_<fit::TrustVerdict>(m, "TrustVerdict",
                                "Whether to trust the model, and why not.")
      .def_readonly("ok", &fit::TrustVerdict::ok)
      .def_readonly("warnings", &fit::TrustVerdict::warnings);
}

// The model file's fields, typed where the struct has the file's shape; the
// groups it holds otherwise (the USL fits under "throughput", the curves under
// "latency_s", ...) are Record views of the file.
void AddModelFields(py::class_<CapacityModel>& cls) {
  cls.def_readonly("schema", &CapacityModel::schema)
      .def_readonly("provenance", &CapacityModel::provenance)
      .def_readonly("confidence", &CapacityModel::confidence)
      .def_readonly("relative_errors", &CapacityModel::relative_errors);
  AddJsonField<Record>(cls, "concurrency_range",
                       "min and max of the achieved concurrency fitted.");
  AddJsonField<Record>(cls, "mean_tokens_per_request", "input and output.");
  AddJsonField<Record>(cls, "throughput",
                       "The USL fits as the model file writes them "
                       "(requests_per_s, output_tokens_per_s); `requests` and "
                       "`output_tokens` are the same fits, typed.");
  AddJsonField<Record>(cls, "latency_s",
                       "The latency curves by metric and quantile, as the "
                       "model file writes them; curve() gives one, typed.");
  cls.def_readonly("holdout", &CapacityModel::holdout)
      .def_readonly("diagnostics", &CapacityModel::diagnostics)
      .def_readonly("trust", &CapacityModel::trust)
      .def_readonly("notes", &CapacityModel::notes)
      .def_readonly("levels", &CapacityModel::levels);
}

void BindModelClass(py::module_& m) {
  py::class_<CapacityModel> cls(
      m, "CapacityModel",
      "The capacity model of one deployment (a fitted sweep): USL for request "
      "and token throughput, latency-quantile curves, hold-out validation and "
      "a trust verdict. Its attributes are the fields of the model file "
      "(model.trust.ok, model.holdout.points, ...).",
      py::dynamic_attr());
  AddJsonView<CapacityModel>(cls, ModelText);
  AddModelFields(cls);
  cls.def_property_readonly(
         "requests",
         [](const CapacityModel& c) {
           return PyUslFit{c.requests, c.provenance.think_time_s};
         },
         "The USL of requests/s against achieved concurrency.")
      .def_property_readonly(
          "output_tokens",
          [](const CapacityModel& c) {
            return PyUslFit{c.output_tokens, c.provenance.think_time_s};
          },
          "The USL of output tokens/s against achieved concurrency.")
      .def_property_readonly(
          "sigma",
          [](const CapacityModel& c) { return c.requests.params.sigma; })
      .def_property_readonly(
          "kappa",
          [](const CapacityModel& c) { return c.requests.params.kappa; })
      .def_property_readonly(
          "lam",
          [](const CapacityModel& c) { return c.requests.params.lambda; })
      .def_property_readonly(
          "lambda_",
          [](const CapacityModel& c) { return c.requests.params.lambda; })
      .def(
          "peak",
          [](const CapacityModel& c) {
            return std::make_pair(c.requests.peak_concurrency,
                                  c.requests.peak_throughput);
          },
          "(N*, X(N*)) of request throughput, as Estimates.")
      .def(
          "predict",
          [](const CapacityModel& c, const py::object& n) {
            const fit::UslModel usl = c.requests.Model();
            return MapDoubles(n, [&](double v) {
              return usl.Throughput(CheckedConcurrency(v));
            });
          },
          py::arg("n"), "Requests/s at concurrency n, vectorised.")
      .def(
          "predict_tokens",
          [](const CapacityModel& c, const py::object& n) {
            const fit::UslModel usl = c.output_tokens.Model();
            return MapDoubles(n, [&](double v) {
              return usl.Throughput(CheckedConcurrency(v));
            });
          },
          py::arg("n"), "Output tokens/s at concurrency n, vectorised.")
      .def(
          "latency",
          [](const CapacityModel& c, const py::object& n,
             const std::string& metric, const std::string& quantile) {
            const fit::LatencyCurveFit& curve = CurveOf(c, metric, quantile);
            return MapDoubles(n, [&](double v) {
              return curve.Evaluate(CheckedConcurrency(v));
            });
          },
          py::arg("n"), py::arg("metric") = "e2e", py::arg("quantile") = "p99",
          "A latency quantile in seconds at concurrency n, vectorised.")
      .def("curve", &CurveOf, py::arg("metric"), py::arg("quantile"),
           py::return_value_policy::copy,
           "The fitted latency curve of a metric and quantile.")
      .def(
          "prediction",
          [](const CapacityModel& c, double n) {
            return PredictionDict(c.Predict(CheckedConcurrency(n)));
          },
          py::arg("n"),
          "Everything at one concurrency, each with its confidence band "
          "(as `loadlaw predict` prints it).")
      .def(
          "save",
          [](const CapacityModel& c, const std::filesystem::path& path) {
            fit::SaveCapacityModel(c, path.string());
          },
          py::arg("path"), "Writes the model file (models/NAME.model.json).")
      .def(
          "to_pandas",
          [](const py::object& self) {
            return py::module_::import("loadlaw._frames")
                .attr("model_frame")(self);
          },
          "The measured levels as a pandas DataFrame (needs pandas).")
      .def("__repr__", [](const CapacityModel& c) {
        return "CapacityModel(hardware='" + c.provenance.hardware +
               "', sigma=" +
               py::repr(py::float_(c.requests.params.sigma))
                   .cast<std::string>() +
               ", kappa=" +
               py::repr(py::float_(c.requests.params.kappa))
                   .cast<std::string>() +
               ", lam=" +
               py::repr(py::float_(c.requests.params.lambda))
                   .cast<std::string>() +
               ", trusted=" + (c.trust.ok ? "True" : "False") + ")";
      });
}

}  // namespace

void BindCapacityModel(py::module_& m) {
  BindModelParts(m);
  BindModelClass(m);
  m.def(
      "load_model",
      [](const std::filesystem::path& path) {
        return fit::LoadCapacityModel(path.string());
      },
      py::arg("path"), "Reads a capacity model file (*.model.json).");
  m.def(
      "model_from_json",
      [](const std::string& text) {
        return fit::CapacityModelFromJsonText(text, "model");
      },
      py::arg("text"), "Parses the text of a capacity model file.");
}

}  // namespace loadlaw::python
