#include "json_view.h"

namespace py = pybind11;

namespace loadlaw::python {

py::object CachedDict(const py::object& self, const std::string& json_text) {
  py::dict attrs = self.attr("__dict__");
  if (!attrs.contains("_dict")) {
    attrs["_dict"] = py::module_::import("json").attr("loads")(json_text);
  }
  return attrs["_dict"];
}

py::object RecordOf(const py::object& value) {
  return py::module_::import("loadlaw._records").attr("record")(value);
}

}  // namespace loadlaw::python
