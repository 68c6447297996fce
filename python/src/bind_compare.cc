// Python bindings of `loadlaw compare`: a candidate against a baseline, two
// sweeps or two capacity models (docs/compare.md). loadlaw.compare() (in
// _compare.py) picks one of the two by what it is given.

#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>

#include "bindings.h"
#include "json_view.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/plan/compare_models.h"
#include "loadlaw/sweep/compare.h"
#include "loadlaw/sweep/sweep_file.h"

namespace py = pybind11;

namespace loadlaw::python {
namespace {


void BindSweepComparison(py::module_& m) {
  py::class_<sweep::SweepComparison> cls(
      m, "SweepComparison",
      "Two sweeps compared level by level: throughput, latency quantiles and "
      "the error rate, each with an interval, and a verdict (pass, "
      "inconclusive, regression). Its fields are those of `loadlaw compare "
      "--json` (c.verdict, c.worst, c.levels[0].changes[0].status, ...).",
      py::dynamic_attr());
  AddJsonView<sweep::SweepComparison>(
      cls, [](const sweep::SweepComparison& c, int indent) {
        return sweep::SweepComparisonToJson(c).dump(indent);
      });
  cls.def_property_readonly(
         "regression",
         [](const sweep::SweepComparison& c) {
           return c.verdict == sweep::Verdict::kRegression;
         },
         "True when the verdict is regression (the CLI exits 1).")
      .def("__repr__", [](const sweep::SweepComparison& c) {
        return std::string("SweepComparison(verdict='") +
               sweep::VerdictName(c.verdict) +
               "', levels=" + std::to_string(c.levels.size()) + ")";
      });
  m.def(
      "compare_sweeps",
      [](const sweep::SweepFile& baseline, const sweep::SweepFile& candidate,
         double max_regression, double max_error_increase, double confidence,
         std::uint64_t seed) {
        sweep::CompareOptions o;
        o.max_regression = max_regression;
        o.max_error_rate_increase = max_error_increase;
        o.confidence = confidence;
        o.seed = seed;
        py::gil_scoped_release release;
        return sweep::CompareSweeps(baseline, candidate, o);
      },
      py::arg("baseline"), py::arg("candidate"), py::kw_only(),
      py::arg("max_regression") = 0.05, py::arg("max_error_increase") = 0.01,
      py::arg("confidence") = 0.95, py::arg("seed") = 1,
      "As `loadlaw compare` on two sweeps; thresholds are fractions.");
}

void BindModelComparison(py::module_& m) {
  py::class_<plan::ModelComparison> cls(
      m, "ModelComparison",
      "Two capacity models compared: parameter drift, peak throughput and the "
      "predictions at the baseline's levels, each with an interval, and a "
      "verdict. Its fields are those of `loadlaw compare --json` (c.verdict, "
      "c.worst, c.drift[0].name, c.changes[0].status, ...).",
      py::dynamic_attr());
  AddJsonView<plan::ModelComparison>(
      cls, [](const plan::ModelComparison& c, int indent) {
        return plan::ModelComparisonToJsonText(c, indent);
      });
  cls.def_property_readonly(
         "regression",
         [](const plan::ModelComparison& c) {
           return c.verdict == plan::ModelVerdict::kRegression;
         },
         "True when the verdict is regression (the CLI exits 1).")
      .def("__repr__", [](const plan::ModelComparison& c) {
        return std::string("ModelComparison(verdict='") +
               plan::ModelVerdictName(c.verdict) + "')";
      });
  m.def(
      "compare_models",
      [](const fit::CapacityModel& baseline,
         const fit::CapacityModel& candidate, double max_regression,
         double confidence) {
        plan::ModelCompareOptions o;
        o.max_regression = max_regression;
        o.confidence = confidence;
        return plan::CompareModels(baseline, candidate, o);
      },
      py::arg("baseline"), py::arg("candidate"), py::kw_only(),
      py::arg("max_regression") = 0.05, py::arg("confidence") = 0.95,
      "As `loadlaw compare` on two capacity models; the threshold is a "
      "fraction.");
}

}  // namespace

void BindCompare(py::module_& m) {
  BindSweepComparison(m);
  BindModelComparison(m);
}

}  // namespace loadlaw::python
