#include "args.h"

#include <stdexcept>

#include "loadlaw/base/format.h"
#include "loadlaw/workload/duration.h"

namespace py = pybind11;

namespace loadlaw::python {
namespace {

bool IsNumber(const py::handle& value) {
  return (py::isinstance<py::float_>(value) ||
          py::isinstance<py::int_>(value)) &&
         !py::isinstance<py::bool_>(value);
}

std::string TypeName(const py::handle& value) {
  return py::type::of(value).attr("__name__").cast<std::string>();
}

}  // namespace

std::string NumberText(const py::handle& value, const std::string& suffix,
                       const std::string& field) {
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (!IsNumber(value)) {
    throw std::invalid_argument(field + ": expected a number or text, got " +
                                TypeName(value));
  }
  return py::repr(py::float_(value.cast<double>())).cast<std::string>() +
         suffix;
}

std::string DurationText(const py::handle& value, const std::string& field) {
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (!IsNumber(value)) {
    throw std::invalid_argument(field +
                                ": expected seconds or text such as '500ms', "
                                "got " +
                                TypeName(value));
  }
  return base::FormatNumber(value.cast<double>()) + "s";
}

std::chrono::nanoseconds DurationArg(const py::handle& value,
                                     const std::string& field) {
  return workload::ParseDuration(DurationText(value, field), field);
}

std::string PathArg(const py::handle& value) {
  if (value.is_none()) return "";
  return py::module_::import("os").attr("fspath")(value).cast<std::string>();
}

}  // namespace loadlaw::python
