// Python bindings of loadlaw/fit: the Universal Scalability Law (model, fit,
// law comparison, hold-out) and latency-quantile curves.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "bindings.h"
#include "loadlaw/fit/holdout.h"
#include "loadlaw/fit/latency_curve.h"
#include "loadlaw/fit/model_choice.h"
#include "loadlaw/fit/usl.h"
#include "name_enum.h"
#include "py_usl_fit.h"
#include "vectorize.h"

namespace py = pybind11;

namespace loadlaw::python {
namespace {

using base::Estimate;
using fit::UslFit;
using fit::UslModel;

fit::FitOptions MakeOptions(const std::string& law, const std::string& loss,
                            double loss_scale, double confidence) {
  return fit::MakeFitOptions(law, loss, loss_scale, confidence,
                             base::Naming::kKeyword);
}

std::vector<fit::Observation> MakeObservations(
    const std::vector<double>& n, const std::vector<double>& y,
    const std::optional<std::vector<double>>& weights) {
  if (n.size() != y.size()) {
    throw std::invalid_argument("n and values differ in length (" +
                                std::to_string(n.size()) + " vs " +
                                std::to_string(y.size()) + ")");
  }
  if (weights && weights->size() != n.size()) {
    throw std::invalid_argument(
        "weights has " + std::to_string(weights->size()) + " entries for " +
        std::to_string(n.size()) + " points");
  }
  std::vector<fit::Observation> obs;
  for (size_t i = 0; i < n.size(); ++i) {
    obs.push_back({n[i], y[i], weights ? (*weights)[i] : 1.0});
  }
  return obs;
}

py::array_t<double> Matrix3(const std::array<std::array<double, 3>, 3>& m) {
  py::array_t<double> out({3, 3});
  auto v = out.mutable_unchecked<2>();
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) v(i, j) = m[i][j];
  }
  return out;
}

void BindEstimate(py::module_& m) {
  py::class_<Estimate>(m, "Estimate",
                       "A value with its standard error and confidence "
                       "interval [low, high].")
      .def(
          py::init([](double value, double std_error, double low, double high) {
            return Estimate{value, std_error, low, high};
          }),
          py::arg("value"), py::arg("std_error"), py::arg("low"),
          py::arg("high"))
      .def_readonly("value", &Estimate::value)
      .def_readonly("std_error", &Estimate::std_error)
      .def_readonly("low", &Estimate::low)
      .def_readonly("high", &Estimate::high)
      .def("has_interval", &Estimate::HasInterval)
      .def("__iter__",
           [](const Estimate& e) {
             return py::iter(py::make_tuple(e.value, e.low, e.high));
           })
      .def("__repr__", [](const Estimate& e) {
        return "Estimate(value=" +
               py::repr(py::float_(e.value)).cast<std::string>() +
               ", low=" + py::repr(py::float_(e.low)).cast<std::string>() +
               ", high=" + py::repr(py::float_(e.high)).cast<std::string>() +
               ")";
      });
}

void BindUslModel(py::module_& m) {
  py::class_<UslModel>(m, "UslModel",
                       "The Universal Scalability Law for fixed parameters.")
      .def(py::init([](double sigma, double kappa, double lam) {
             return UslModel(fit::UslParams{sigma, kappa, lam});
           }),
           py::arg("sigma"), py::arg("kappa"), py::arg("lam"))
      .def_property_readonly("sigma",
                             [](const UslModel& u) { return u.params().sigma; })
      .def_property_readonly("kappa",
                             [](const UslModel& u) { return u.params().kappa; })
      .def_property_readonly(
          "lam", [](const UslModel& u) { return u.params().lambda; })
      .def(
          "throughput",
          [](const UslModel& u, const py::object& n) {
            return MapDoubles(n, [&](double v) { return u.Throughput(v); });
          },
          py::arg("n"), "X(N), vectorised over numpy arrays.")
      .def(
          "response_time",
          [](const UslModel& u, const py::object& n, double z) {
            return MapDoubles(n,
                              [&](double v) { return u.ResponseTime(v, z); });
          },
          py::arg("n"), py::arg("think_time") = 0.0,
          "R(N) = N/X(N) - Z, vectorised.")
      .def("concurrency_at_response_time", &UslModel::ConcurrencyAtResponseTime,
           py::arg("response_time"), py::arg("think_time") = 0.0)
      .def("throughput_at_response_time", &UslModel::ThroughputAtResponseTime,
           py::arg("response_time"), py::arg("think_time") = 0.0)
      .def("concurrency_at_throughput", &UslModel::ConcurrencyAtThroughput,
           py::arg("throughput"))
      .def("response_time_at_throughput", &UslModel::ResponseTimeAtThroughput,
           py::arg("throughput"), py::arg("think_time") = 0.0)
      .def("peak_concurrency", &UslModel::PeakConcurrency)
      .def("peak_throughput", &UslModel::PeakThroughput)
      .def("amdahl_ceiling", &UslModel::AmdahlCeiling)
      .def("is_contention_limited", &UslModel::IsContentionLimited)
      .def(
          "limited_by",
          [](const UslModel& u) { return fit::LimitingFactor(u.params()); },
          "contention when sigma > kappa, else coherency.");
}

void BindUslFit(py::module_& m) {
  py::class_<PyUslFit>(m, "UslFit", "A fitted Universal Scalability Law.")
      .def_property_readonly("law", [](const PyUslFit& f) { return f.fit.law; })
      .def_property_readonly(
          "limited_by",
          [](const PyUslFit& f) { return fit::LimitingFactor(f.fit.params); },
          "contention when sigma > kappa, else coherency.")
      .def_property_readonly(
          "sigma", [](const PyUslFit& f) { return f.fit.params.sigma; })
      .def_property_readonly(
          "kappa", [](const PyUslFit& f) { return f.fit.params.kappa; })
      .def_property_readonly(
          "lam", [](const PyUslFit& f) { return f.fit.params.lambda; })
      .def_property_readonly(
          "lambda_", [](const PyUslFit& f) { return f.fit.params.lambda; })
      .def_property_readonly("sigma_estimate",
                             [](const PyUslFit& f) { return f.fit.sigma; })
      .def_property_readonly("kappa_estimate",
                             [](const PyUslFit& f) { return f.fit.kappa; })
      .def_property_readonly("lambda_estimate",
                             [](const PyUslFit& f) { return f.fit.lambda; })
      .def_property_readonly(
          "covariance",
          [](const PyUslFit& f) { return Matrix3(f.fit.covariance); })
      .def_property_readonly(
          "peak_concurrency",
          [](const PyUslFit& f) { return f.fit.peak_concurrency; })
      .def_property_readonly(
          "peak_throughput",
          [](const PyUslFit& f) { return f.fit.peak_throughput; })
      .def_property_readonly(
          "amdahl_ceiling",
          [](const PyUslFit& f) { return f.fit.amdahl_ceiling; })
      .def(
          "peak",
          [](const PyUslFit& f) {
            return std::make_pair(f.fit.peak_concurrency,
                                  f.fit.peak_throughput);
          },
          "(N*, X(N*)) as Estimates.")
      .def_property_readonly("think_time",
                             [](const PyUslFit& f) { return f.think_time; })
      .def_property_readonly("num_points",
                             [](const PyUslFit& f) { return f.fit.num_points; })
      .def_property_readonly("sse", [](const PyUslFit& f) { return f.fit.sse; })
      .def_property_readonly("aic", [](const PyUslFit& f) { return f.fit.aic; })
      .def_property_readonly("r_squared",
                             [](const PyUslFit& f) { return f.fit.r_squared; })
      .def_property_readonly(
          "residual_std_error",
          [](const PyUslFit& f) { return f.fit.residual_std_error; })
      .def_property_readonly("residuals",
                             [](const PyUslFit& f) { return f.fit.residuals; })
      .def_property_readonly(
          "kappa_at_bound",
          [](const PyUslFit& f) { return f.fit.kappa_at_bound; })
      .def_property_readonly("confidence",
                             [](const PyUslFit& f) { return f.fit.confidence; })
      .def_property_readonly("converged",
                             [](const PyUslFit& f) { return f.fit.converged; })
      .def_property_readonly("message",
                             [](const PyUslFit& f) { return f.fit.message; })
      .def_property_readonly("warnings",
                             [](const PyUslFit& f) { return f.fit.warnings; })
      .def("is_usable", [](const PyUslFit& f) { return f.fit.IsUsable(); })
      .def_property_readonly("model",
                             [](const PyUslFit& f) { return f.fit.Model(); })
      .def(
          "predict",
          [](const PyUslFit& f, const py::object& n) {
            const UslModel model = f.fit.Model();
            return MapDoubles(n, [&](double v) { return model.Throughput(v); });
          },
          py::arg("n"), "X(N), vectorised over numpy arrays.")
      .def(
          "predict_band",
          [](const PyUslFit& f, const py::object& n) {
            py::object lo = MapDoubles(
                n, [&](double v) { return f.fit.PredictThroughput(v).low; });
            py::object hi = MapDoubles(
                n, [&](double v) { return f.fit.PredictThroughput(v).high; });
            return py::make_tuple(
                MapDoubles(
                    n, [&](double v) { return f.fit.Model().Throughput(v); }),
                lo, hi);
          },
          py::arg("n"), "(X(N), low, high): the confidence band.")
      .def(
          "latency",
          [](const PyUslFit& f, const py::object& n) {
            const UslModel model = f.fit.Model();
            return MapDoubles(n, [&](double v) {
              return model.ResponseTime(v, f.think_time);
            });
          },
          py::arg("n"), "R(N) = N/X(N) - Z with the fit's think time.")
      .def("__repr__", [](const PyUslFit& f) {
        return std::string("UslFit(law=") + fit::LawName(f.fit.law) +
               ", sigma=" + std::to_string(f.fit.params.sigma) +
               ", kappa=" + std::to_string(f.fit.params.kappa) +
               ", lam=" + std::to_string(f.fit.params.lambda) + ")";
      });
}

void BindFitFunctions(py::module_& m) {
  m.def(
      "fit_usl",
      [](const std::vector<double>& n, const std::vector<double>& x,
         double think_time, const std::optional<std::vector<double>>& weights,
         const std::string& law, const std::string& loss, double loss_scale,
         double confidence) {
        if (!(think_time >= 0)) {
          throw std::invalid_argument("think_time must be >= 0, got " +
                                      std::to_string(think_time));
        }
        const auto obs = MakeObservations(n, x, weights);
        const auto options = MakeOptions(law, loss, loss_scale, confidence);
        py::gil_scoped_release release;
        return PyUslFit{fit::FitUsl(obs, options), think_time};
      },
      py::arg("n"), py::arg("x"), py::arg("think_time") = 0.0,
      py::arg("weights") = py::none(), py::arg("law") = "usl",
      py::arg("loss") = "none", py::arg("loss_scale") = 0.0,
      py::arg("confidence") = 0.95,
      "Fit the USL (or law='amdahl'/'linear') to throughput x at "
      "concurrency n.");
  m.def(
      "compare_laws",
      [](const std::vector<double>& n, const std::vector<double>& x,
         const std::optional<std::vector<double>>& weights,
         double aic_tolerance, double confidence) {
        const auto obs = MakeObservations(n, x, weights);
        const auto options = MakeOptions("usl", "none", 0, confidence);
        py::gil_scoped_release release;
        return fit::CompareLaws(obs, options, aic_tolerance);
      },
      py::arg("n"), py::arg("x"), py::arg("weights") = py::none(),
      py::arg("aic_tolerance") = 2.0, py::arg("confidence") = 0.95,
      "Fit the USL, Amdahl and linear laws and choose by AIC.");
  m.def(
      "holdout",
      [](const std::vector<double>& n, const std::vector<double>& x,
         int holdout, const std::optional<std::vector<double>>& weights,
         const std::string& law, double confidence) {
        const auto obs = MakeObservations(n, x, weights);
        const auto options = MakeOptions(law, "none", 0, confidence);
        py::gil_scoped_release release;
        return fit::Holdout(obs, holdout, options);
      },
      py::arg("n"), py::arg("x"), py::arg("holdout"),
      py::arg("weights") = py::none(), py::arg("law") = "usl",
      py::arg("confidence") = 0.95,
      "Fit all but the `holdout` highest levels and forecast them.");
}

void BindComparisonAndHoldout(py::module_& m) {
  py::class_<fit::LawComparison>(m, "LawComparison")
      .def_property_readonly("fits",
                             [](const fit::LawComparison& c) {
                               std::vector<PyUslFit> out;
                               for (const UslFit& f : c.fits)
                                 out.push_back({f, 0.0});
                               return out;
                             })
      .def_readonly("preferred", &fit::LawComparison::preferred)
      .def_readonly("delta_aic", &fit::LawComparison::delta_aic)
      .def_readonly("explanation", &fit::LawComparison::explanation);
  py::class_<fit::HoldoutPoint>(m, "HoldoutPoint")
      .def_readonly("n", &fit::HoldoutPoint::concurrency)
      .def_readonly("measured", &fit::HoldoutPoint::measured)
      .def_readonly("predicted", &fit::HoldoutPoint::predicted)
      .def_readonly("predicted_low", &fit::HoldoutPoint::predicted_low)
      .def_readonly("predicted_high", &fit::HoldoutPoint::predicted_high)
      .def_readonly("rel_error", &fit::HoldoutPoint::rel_error)
      .def_readonly("inside_band", &fit::HoldoutPoint::inside_band);
  py::class_<fit::HoldoutResult>(m, "HoldoutResult")
      .def_property_readonly("fit",
                             [](const fit::HoldoutResult& h) {
                               return PyUslFit{h.fit, 0};
                             })
      .def_readonly("points", &fit::HoldoutResult::points)
      .def_readonly("max_abs_rel_error", &fit::HoldoutResult::max_abs_rel_error)
      .def_readonly("mean_abs_rel_error",
                    &fit::HoldoutResult::mean_abs_rel_error);
}

void BindLatencyCurve(py::module_& m) {
  using fit::LatencyCurveFit;
  py::class_<LatencyCurveFit>(m, "LatencyCurveFit",
                              "a + b N + c N^2 with a, b, c >= 0.")
      .def_readonly("a", &LatencyCurveFit::a)
      .def_readonly("b", &LatencyCurveFit::b)
      .def_readonly("c", &LatencyCurveFit::c)
      .def_property_readonly(
          "covariance",
          [](const LatencyCurveFit& f) { return Matrix3(f.covariance); })
      .def_readonly("sse", &LatencyCurveFit::sse)
      .def_readonly("r_squared", &LatencyCurveFit::r_squared)
      .def_readonly("residuals", &LatencyCurveFit::residuals)
      .def_readonly("converged", &LatencyCurveFit::converged)
      .def_readonly("warnings", &LatencyCurveFit::warnings)
      .def("is_usable", &LatencyCurveFit::IsUsable)
      .def(
          "predict",
          [](const LatencyCurveFit& f, const py::object& n) {
            return MapDoubles(n, [&](double v) { return f.Evaluate(v); });
          },
          py::arg("n"))
      .def("concurrency_at_latency", &LatencyCurveFit::ConcurrencyAtLatency,
           py::arg("latency"));
  m.def(
      "fit_latency_curve",
      [](const std::vector<double>& n, const std::vector<double>& latency,
         const std::optional<std::vector<double>>& weights, double confidence) {
        const auto obs = MakeObservations(n, latency, weights);
        const auto options = MakeOptions("usl", "none", 0, confidence);
        py::gil_scoped_release release;
        return fit::FitLatencyCurve(obs, options);
      },
      py::arg("n"), py::arg("latency"), py::arg("weights") = py::none(),
      py::arg("confidence") = 0.95,
      "Fit a latency-quantile series with a + bN + cN^2 (a, b, c >= 0).");
}

}  // namespace

void BindFit(py::module_& m) {
  BindEstimate(m);
  BindUslModel(m);
  BindUslFit(m);
  BindComparisonAndHoldout(m);
  BindFitFunctions(m);
  BindLatencyCurve(m);
}

}  // namespace loadlaw::python
