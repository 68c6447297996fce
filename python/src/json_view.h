// Gives a bound result class the fields of its JSON rendering (the same
// document the CLI prints with --json): `to_json()`, `to_dict()` (parsed by
// Python's json module once, then cached on the instance), and attribute
// access to every top-level key (`plan.cost.monthly.value`), where nested
// objects become loadlaw._records.Record views and {value, low, high}
// objects become Estimates. Explicitly bound properties take precedence.

#ifndef LOADLAW_PYTHON_JSON_VIEW_H_
#define LOADLAW_PYTHON_JSON_VIEW_H_

#include <pybind11/pybind11.h>

#include <string>
#include <utility>

namespace loadlaw::python {

// The parsed JSON of `self`, cached in its __dict__ under "_dict".
pybind11::object CachedDict(const pybind11::object& self,
                            const std::string& json_text);

// A Record view of `value` (dicts, lists, estimates), see _records.py.
pybind11::object RecordOf(const pybind11::object& value);

// `cls` must be declared with py::dynamic_attr(). `to_text(const T&, int
// indent)` renders the JSON text.
template <class T, class Cls, class ToText>
void AddJsonView(Cls& cls, ToText to_text) {
  namespace py = pybind11;
  cls.def(
         "to_json",
         [to_text](const T& self, int indent) { return to_text(self, indent); },
         py::arg("indent") = 2,
         "The JSON text, as the CLI prints it with --json.")
      .def(
          "to_dict",
          [to_text](const py::object& self) {
            py::object d = CachedDict(self, to_text(self.cast<const T&>(), -1));
            return py::module_::import("copy").attr("deepcopy")(d);
          },
          "The JSON document as Python dicts and lists (a fresh copy).")
      .def(
          "__getattr__",
          [to_text](const py::object& self, const std::string& name) {
            py::object d = CachedDict(self, to_text(self.cast<const T&>(), -1));
            if (name.rfind("__", 0) == 0 || !d.contains(name)) {
              throw py::attribute_error(
                  "'" +
                  py::type::of(self).attr("__name__").cast<std::string>() +
                  "' object has no attribute '" + name + "'");
            }
            return RecordOf(d[py::str(name)]);
          },
          py::arg("name"))
      .def("__dir__", [to_text](const py::object& self) {
        py::object d = CachedDict(self, to_text(self.cast<const T&>(), -1));
        py::list names = py::module_::import("builtins")
                             .attr("object")
                             .attr("__dir__")(self);
        for (auto key : d) names.append(key);
        return py::module_::import("builtins")
            .attr("sorted")(py::module_::import("builtins").attr("set")(names));
      });
}

}  // namespace loadlaw::python

#endif  // LOADLAW_PYTHON_JSON_VIEW_H_
