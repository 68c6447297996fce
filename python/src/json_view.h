// A bound result class beside its JSON rendering (the document the CLI
// prints with --json): `to_json()` and `to_dict()` (parsed by Python's json
// module once, then cached on the instance) on the class, whose attributes
// are bound from the C++ struct with the names of the JSON keys. Two helpers
// for what the struct does not hold in the JSON's shape:
//
// - Record: a read-only view of a JSON object (loadlaw._records.Record), for
//   a part whose C++ shape differs from its JSON (a level's window summary,
//   flat in C++ and nested in JSON); the stub types it as Record.
// - AddJsonField: an attribute read from the object's own JSON, for a key the
//   struct has no field for (a comparison's "kind", a run's "schema").

#ifndef LOADLAW_PYTHON_JSON_VIEW_H_
#define LOADLAW_PYTHON_JSON_VIEW_H_

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace loadlaw::python {

// A loadlaw._records.Record over a dict parsed from the library's JSON.
struct Record {
  pybind11::object view;
};

// `value` as Python objects: dicts, lists, str, numbers, None for null.
pybind11::object PyFromJson(const nlohmann::json& value);

// The Record view of a JSON object, or of the text of one.
Record RecordOf(const nlohmann::json& object);
Record RecordOfText(const std::string& json_text);

// The parsed JSON of `self`, cached in its __dict__ under "_dict".
pybind11::object CachedDict(const pybind11::object& self,
                            const std::string& json_text);

// `cls` must be declared with py::dynamic_attr(). `to_text(const T&, int
// indent)` renders the JSON text. Adds to_json(), to_dict() and _json() (the
// cached dict itself, for AddJsonField).
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
          [to_text](const py::object& self) -> py::dict {
            py::object d = CachedDict(self, to_text(self.cast<const T&>(), -1));
            return py::module_::import("copy").attr("deepcopy")(d);
          },
          "The JSON document as Python dicts and lists (a fresh copy).")
      .def("_json", [to_text](const py::object& self) -> py::dict {
        return CachedDict(self, to_text(self.cast<const T&>(), -1));
      });
}

template <class V>
struct IsOptional : std::false_type {};
template <class V>
struct IsOptional<std::optional<V>> : std::true_type {};

// A read-only property `key` whose value is the `key` of the object's JSON
// (see AddJsonView) as V: a std::optional<V> is None where the JSON has no
// such key, another V raises AttributeError there.
template <class V, class Cls>
void AddJsonField(Cls& cls, const std::string& key, const char* doc) {
  namespace py = pybind11;
  cls.def_property_readonly(
      key.c_str(),
      [key](const py::object& self) -> V {
        py::dict d = self.attr("_json")();
        if (!d.contains(py::str(key))) {
          if constexpr (IsOptional<V>::value) {
            return std::nullopt;
          } else {
            throw py::attribute_error(key);
          }
        }
        return d[py::str(key)].template cast<V>();
      },
      doc);
}

}  // namespace loadlaw::python

namespace pybind11::detail {

template <>
struct type_caster<loadlaw::python::Record> {
  PYBIND11_TYPE_CASTER(loadlaw::python::Record,
                       const_name("loadlaw._records.Record"));

  // A Record, or a dict to view as one.
  bool load(handle src, bool) {
    object records = module_::import("loadlaw._records");
    if (isinstance(src, records.attr("Record"))) {
      value.view = reinterpret_borrow<object>(src);
      return true;
    }
    if (!isinstance<dict>(src)) return false;
    value.view = records.attr("Record")(src);
    return true;
  }

  static handle cast(const loadlaw::python::Record& src, return_value_policy,
                     handle) {
    return src.view.inc_ref();
  }
};

}  // namespace pybind11::detail

#endif  // LOADLAW_PYTHON_JSON_VIEW_H_
