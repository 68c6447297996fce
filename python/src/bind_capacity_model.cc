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

#include "bindings.h"
#include "json_view.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/fit/capacity_model_json.h"
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

void BindModelClass(py::module_& m) {
  py::class_<CapacityModel> cls(
      m, "CapacityModel",
      "The capacity model of one deployment (a fitted sweep): USL for request "
      "and token throughput, latency-quantile curves, hold-out validation and "
      "a trust verdict. Every field of the model file is an attribute "
      "(model.trust.ok, model.holdout.points, ...).",
      py::dynamic_attr());
  AddJsonView<CapacityModel>(cls, ModelText);
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
            return py::make_tuple(c.requests.peak_concurrency,
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
