// Python bindings of `loadlaw compare`: a candidate against a baseline, two
// sweeps or two capacity models (docs/compare.md), given as objects or paths.

#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>

#include "args.h"
#include "bindings.h"
#include "json_view.h"
#include "loadlaw/report/compare_files.h"

namespace py = pybind11;

namespace loadlaw::python {
namespace {

// A SweepFile, a CapacityModel, or the path of either.
report::Document DocumentArg(const py::handle& value) {
  if (py::isinstance<sweep::SweepFile>(value)) {
    return value.cast<sweep::SweepFile>();
  }
  if (py::isinstance<fit::CapacityModel>(value)) {
    return value.cast<fit::CapacityModel>();
  }
  return report::LoadDocument(PathArg(value));
}

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
           return c.verdict == compare::Verdict::kRegression;
         },
         "True when the verdict is regression (the CLI exits 1).")
      .def("__repr__", [](const sweep::SweepComparison& c) {
        return std::string("SweepComparison(verdict='") +
               compare::VerdictName(c.verdict) +
               "', levels=" + std::to_string(c.levels.size()) + ")";
      });
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
           return c.verdict == compare::Verdict::kRegression;
         },
         "True when the verdict is regression (the CLI exits 1).")
      .def("__repr__", [](const plan::ModelComparison& c) {
        return std::string("ModelComparison(verdict='") +
               compare::VerdictName(c.verdict) + "')";
      });
}

void BindCompareFunction(py::module_& m) {
  m.def(
      "compare",
      [](const py::object& baseline, const py::object& candidate,
         double max_regression, double max_error_increase, double confidence,
         std::uint64_t seed) -> py::object {
        report::CompareSpec spec;
        spec.max_regression = max_regression;
        spec.max_error_increase = max_error_increase;
        spec.confidence = confidence;
        spec.seed = seed;
        const report::Document b = DocumentArg(baseline);
        const report::Document c = DocumentArg(candidate);
        report::FileComparison result;
        {
          py::gil_scoped_release release;
          result = report::CompareDocuments(b, c, spec);
        }
        if (result.sweeps) return py::cast(std::move(*result.sweeps));
        return py::cast(std::move(*result.models));
      },
      py::arg("baseline"), py::arg("candidate"), py::kw_only(),
      py::arg("max_regression") = 0.05, py::arg("max_error_increase") = 0.01,
      py::arg("confidence") = 0.95, py::arg("seed") = 1,
      "Compares ``candidate`` against ``baseline``, as ``loadlaw compare`` "
      "does: two sweeps or two capacity models, each a SweepFile, a "
      "CapacityModel or the path of either. Thresholds are fractions: "
      "max_regression the largest tolerated worsening (0.05: 5 %), "
      "max_error_increase the largest rise of a sweep level's error rate "
      "(0.01: one percentage point). Returns a SweepComparison or "
      "ModelComparison with the fields of `loadlaw compare --json` and "
      "`regression` (True where the CLI exits 1).");
}

}  // namespace

void BindCompare(py::module_& m) {
  BindSweepComparison(m);
  BindModelComparison(m);
  BindCompareFunction(m);
}

}  // namespace loadlaw::python
