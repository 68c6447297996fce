// The library's enums in Python: each C++ enum is a Python enum whose members
// are the names the library writes in its JSON (LimitedByName, VerdictName,
// ...), derived from loadlaw._enums.NameEnum, a str enum. So an attribute
// such as `plan.saturation.limited_by` is typed `LimitedBy` in the stub, and
// still equals the string of the JSON ("contention"), prints as it and is
// written by json.dumps as it. A str of a known name is accepted where an
// enum is expected.
//
// The Python classes are made from the C++ enumerators and the library's
// name functions (AddNameEnums, called first in module.cc): the binding
// holds no list of names of its own.

#ifndef LOADLAW_PYTHON_NAME_ENUM_H_
#define LOADLAW_PYTHON_NAME_ENUM_H_

#include <pybind11/pybind11.h>

#include <array>
#include <string>

#include "loadlaw/compare/change.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/fit/usl.h"
#include "loadlaw/report/report.h"
#include "loadlaw/runner/run_options.h"
#include "loadlaw/telemetry/loop.h"
#include "loadlaw/workload/arrival.h"

namespace loadlaw::python {

// Per enum: kPyName (the Python class), kAll (every enumerator) and Name
// (the library's name of one).
template <class E>
struct NameEnumTraits;

#define LOADLAW_NAME_ENUM(E, py_name, name_function, ...)                  \
  template <>                                                              \
  struct NameEnumTraits<E> {                                               \
    static constexpr auto kPyName = pybind11::detail::const_name(py_name); \
    static constexpr std::array kAll = {__VA_ARGS__};                      \
    static std::string Name(E value) {                                     \
      return std::string(name_function(value));                            \
    }                                                                      \
  };

LOADLAW_NAME_ENUM(fit::LimitedBy, "LimitedBy", fit::LimitedByName,
                  fit::LimitedBy::kContention, fit::LimitedBy::kCoherency)
LOADLAW_NAME_ENUM(fit::Law, "Law", fit::LawName, fit::Law::kUsl,
                  fit::Law::kAmdahl, fit::Law::kLinear)
LOADLAW_NAME_ENUM(fit::LatencyMetric, "LatencyMetric", fit::LatencyMetricName,
                  fit::LatencyMetric::kE2e, fit::LatencyMetric::kTtft,
                  fit::LatencyMetric::kTpot)
LOADLAW_NAME_ENUM(fit::LatencyQuantile, "LatencyQuantile",
                  fit::LatencyQuantileName, fit::LatencyQuantile::kP50,
                  fit::LatencyQuantile::kP90, fit::LatencyQuantile::kP95,
                  fit::LatencyQuantile::kP99)
LOADLAW_NAME_ENUM(compare::Verdict, "Verdict", compare::VerdictName,
                  compare::Verdict::kPass, compare::Verdict::kInconclusive,
                  compare::Verdict::kRegression)
LOADLAW_NAME_ENUM(compare::ChangeStatus, "ChangeStatus",
                  compare::ChangeStatusName, compare::ChangeStatus::kOk,
                  compare::ChangeStatus::kImproved,
                  compare::ChangeStatus::kPossibleRegression,
                  compare::ChangeStatus::kRegression)
LOADLAW_NAME_ENUM(runner::Transport, "Transport", runner::TransportName,
                  runner::Transport::kAuto, runner::Transport::kCurl,
                  runner::Transport::kNative)
LOADLAW_NAME_ENUM(telemetry::LoopKind, "LoopKind", telemetry::LoopKindName,
                  telemetry::LoopKind::kClosed, telemetry::LoopKind::kOpen)
LOADLAW_NAME_ENUM(workload::ArrivalKind, "ArrivalKind",
                  workload::ArrivalKindName, workload::ArrivalKind::kConstant,
                  workload::ArrivalKind::kPoisson,
                  workload::ArrivalKind::kGamma)
LOADLAW_NAME_ENUM(report::SeriesKind, "SeriesKind", report::SeriesKindName,
                  report::SeriesKind::kPoints, report::SeriesKind::kLine,
                  report::SeriesKind::kBand, report::SeriesKind::kRule)

#undef LOADLAW_NAME_ENUM

// The Python class of E once AddNameEnums has made it (a borrowed handle).
template <class E>
pybind11::handle& NameEnumClass() {
  static pybind11::handle cls;  // kept alive by the module
  return cls;
}

// Makes the Python classes of every enum above and adds them to `m`.
void AddNameEnums(pybind11::module_& m);

}  // namespace loadlaw::python

namespace pybind11::detail {

// E <-> its Python enum member (or, from Python, a str of its name).
template <class E>
struct NameEnumCaster {
  using Traits = loadlaw::python::NameEnumTraits<E>;
  PYBIND11_TYPE_CASTER(E, Traits::kPyName);

  bool load(handle src, bool) {
    if (!isinstance<str>(src)) return false;
    const std::string text = src.cast<std::string>();
    for (E e : Traits::kAll) {
      if (Traits::Name(e) == text) {
        value = e;
        return true;
      }
    }
    return false;
  }

  static handle cast(E src, return_value_policy, handle) {
    return loadlaw::python::NameEnumClass<E>()(Traits::Name(src)).release();
  }
};

template <>
struct type_caster<loadlaw::fit::LimitedBy>
    : NameEnumCaster<loadlaw::fit::LimitedBy> {};
template <>
struct type_caster<loadlaw::fit::Law> : NameEnumCaster<loadlaw::fit::Law> {};
template <>
struct type_caster<loadlaw::fit::LatencyMetric>
    : NameEnumCaster<loadlaw::fit::LatencyMetric> {};
template <>
struct type_caster<loadlaw::fit::LatencyQuantile>
    : NameEnumCaster<loadlaw::fit::LatencyQuantile> {};
template <>
struct type_caster<loadlaw::compare::Verdict>
    : NameEnumCaster<loadlaw::compare::Verdict> {};
template <>
struct type_caster<loadlaw::compare::ChangeStatus>
    : NameEnumCaster<loadlaw::compare::ChangeStatus> {};
template <>
struct type_caster<loadlaw::runner::Transport>
    : NameEnumCaster<loadlaw::runner::Transport> {};
template <>
struct type_caster<loadlaw::telemetry::LoopKind>
    : NameEnumCaster<loadlaw::telemetry::LoopKind> {};
template <>
struct type_caster<loadlaw::workload::ArrivalKind>
    : NameEnumCaster<loadlaw::workload::ArrivalKind> {};
template <>
struct type_caster<loadlaw::report::SeriesKind>
    : NameEnumCaster<loadlaw::report::SeriesKind> {};

}  // namespace pybind11::detail

#endif  // LOADLAW_PYTHON_NAME_ENUM_H_
