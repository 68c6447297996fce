// Python bindings of `loadlaw compare`: a candidate against a baseline, two
// sweeps or two capacity models (docs/compare.md), given as objects or paths,
// with typed results named as the keys of `loadlaw compare --json`.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "args.h"
#include "bindings.h"
#include "json_view.h"
#include "loadlaw/report/compare_files.h"
#include "name_enum.h"

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

// The attributes every change has, named as its JSON keys.
template <class Cls>
void AddChangeFields(Cls& cls) {
  using compare::Change;
  cls.def_readonly("quantity", &Change::quantity)
      .def_readonly("higher_is_better", &Change::higher_is_better)
      .def_readonly("baseline", &Change::baseline)
      .def_readonly("candidate", &Change::candidate)
      .def_property_readonly(
          "relative_change", &Change::RelativeChange,
          "candidate / baseline - 1; None for an absolute change.")
      .def_property_readonly(
          "difference", &Change::Difference,
          "candidate - baseline of an absolute change (a rate, such as the "
          "error rate); None for a relative one.")
      .def_property_readonly(
          "interval",
          [](const Change& c) { return std::make_pair(c.low, c.high); },
          "(low, high) of the change; NaN without an interval.")
      .def_readonly("absolute", &Change::absolute)
      .def_readonly("threshold", &Change::threshold)
      .def_readonly("status", &Change::status)
      .def_readonly("method", &Change::method);
}

void BindChanges(py::module_& m) {
  py::class_<compare::Change> change(
      m, "Change",
      "One compared quantity, candidate against baseline, with its interval "
      "and its status against the threshold (docs/compare.md).");
  AddChangeFields(change);
  change.def_readonly("metric", &compare::Change::quantity,
                      "The same as quantity (the name of the first format).");
  py::class_<plan::ModelChange, compare::Change> model_change(
      m, "ModelChange",
      "A gated change of two capacity models at one concurrency.");
  model_change.def_readonly("concurrency", &plan::ModelChange::concurrency)
      .def_readonly("extrapolated", &plan::ModelChange::extrapolated);
  py::class_<plan::ParameterDrift>(
      m, "ParameterDrift",
      "The drift of one fitted parameter (candidate - baseline), reported, "
      "not gated.")
      .def_readonly("name", &plan::ParameterDrift::name)
      .def_readonly("baseline", &plan::ParameterDrift::baseline)
      .def_readonly("candidate", &plan::ParameterDrift::candidate)
      .def_readonly("difference", &plan::ParameterDrift::difference)
      .def_property_readonly("interval",
                             [](const plan::ParameterDrift& d) {
                               return std::make_pair(d.low, d.high);
                             })
      .def_readonly("relative_change", &plan::ParameterDrift::relative)
      .def_property_readonly("relative_interval",
                             [](const plan::ParameterDrift& d) {
                               return std::make_pair(d.relative_low,
                                                     d.relative_high);
                             })
      .def_readonly("significant", &plan::ParameterDrift::significant);
}

// The verdict, the worst change, the notes and `regression` of a comparison.
template <class C, class Cls>
void AddVerdictFields(Cls& cls) {
  cls.def_readonly("interval_confidence", &C::interval_confidence)
      .def_readonly("verdict", &C::verdict)
      .def_readonly("worst", &C::worst)
      .def_readonly("notes", &C::notes)
      .def_property_readonly(
          "regression",
          [](const C& c) { return c.verdict == compare::Verdict::kRegression; },
          "True when the verdict is regression (the CLI exits 1).");
  AddJsonField<std::string>(cls, "kind", "'sweep' or 'model'.");
}

void BindSweepComparison(py::module_& m) {
  using sweep::LevelComparison, sweep::SweepComparison;
  py::class_<LevelComparison>(m, "LevelComparison",
                              "The changes at one matched level.")
      .def_readonly("load", &LevelComparison::load)
      .def_readonly("baseline_index", &LevelComparison::baseline_index)
      .def_readonly("candidate_index", &LevelComparison::candidate_index)
      .def_readonly("changes", &LevelComparison::changes)
      .def_readonly("notes", &LevelComparison::notes);
  py::class_<SweepComparison> cls(
      m, "SweepComparison",
      "Two sweeps compared level by level: throughput, latency quantiles and "
      "the error rate, each with an interval, and a verdict (pass, "
      "inconclusive, regression); shaped as `loadlaw compare --json` "
      "(c.verdict, c.worst, c.levels[0].changes[0].status, ...).",
      py::dynamic_attr());
  AddJsonView<SweepComparison>(cls, [](const SweepComparison& c, int indent) {
    return sweep::SweepComparisonToJson(c).dump(indent);
  });
  AddVerdictFields<SweepComparison>(cls);
  AddJsonField<telemetry::LoopKind>(cls, "loop", "The sweeps' loop.");
  AddJsonField<std::string>(cls, "load_unit", "The unit of each level's load.");
  cls.def_readonly("open_loop", &SweepComparison::open_loop)
      .def_property_readonly(
          "max_regression",
          [](const SweepComparison& c) { return c.options.max_regression; })
      .def_property_readonly("max_error_rate_increase",
                             [](const SweepComparison& c) {
                               return c.options.max_error_rate_increase;
                             })
      .def_property_readonly(
          "confidence",
          [](const SweepComparison& c) { return c.options.confidence; })
      .def_property_readonly(
          "simultaneous",
          [](const SweepComparison& c) { return c.options.simultaneous; })
      .def_property_readonly(
          "resamples",
          [](const SweepComparison& c) { return c.options.resamples; })
      .def_property_readonly(
          "seed", [](const SweepComparison& c) { return c.options.seed; })
      .def_readonly("levels", &SweepComparison::levels)
      .def_readonly("unmatched_baseline", &SweepComparison::unmatched_baseline)
      .def_readonly("unmatched_candidate",
                    &SweepComparison::unmatched_candidate)
      .def("__repr__", [](const SweepComparison& c) {
        return std::string("SweepComparison(verdict='") +
               compare::VerdictName(c.verdict) +
               "', levels=" + std::to_string(c.levels.size()) + ")";
      });
}

void BindModelComparison(py::module_& m) {
  using plan::ModelComparison;
  py::class_<ModelComparison> cls(
      m, "ModelComparison",
      "Two capacity models compared: parameter drift, peak throughput and the "
      "predictions at the baseline's levels, each with an interval, and a "
      "verdict; shaped as `loadlaw compare --json` (c.verdict, c.worst, "
      "c.drift[0].name, c.changes[0].status, ...).",
      py::dynamic_attr());
  AddJsonView<ModelComparison>(cls, [](const ModelComparison& c, int indent) {
    return plan::ModelComparisonToJsonText(c, indent);
  });
  AddVerdictFields<ModelComparison>(cls);
  cls.def_property_readonly(
         "max_regression",
         [](const ModelComparison& c) { return c.options.max_regression; })
      .def_property_readonly(
          "confidence",
          [](const ModelComparison& c) { return c.options.confidence; })
      .def_property_readonly(
          "simultaneous",
          [](const ModelComparison& c) { return c.options.simultaneous; })
      .def_readonly("concurrencies", &ModelComparison::concurrencies)
      .def_readonly("drift", &ModelComparison::drift)
      .def_readonly("changes", &ModelComparison::changes)
      .def("__repr__", [](const ModelComparison& c) {
        return std::string("ModelComparison(verdict='") +
               compare::VerdictName(c.verdict) + "')";
      });
}

void BindCompareFunction(py::module_& m) {
  m.def(
      "compare",
      [](const py::object& baseline, const py::object& candidate,
         double max_regression, double max_error_increase, double confidence,
         std::uint64_t seed)
          -> std::variant<sweep::SweepComparison, plan::ModelComparison> {
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
        if (result.sweeps) return std::move(*result.sweeps);
        return std::move(*result.models);
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
  BindChanges(m);
  BindSweepComparison(m);
  BindModelComparison(m);
  BindCompareFunction(m);
}

}  // namespace loadlaw::python
