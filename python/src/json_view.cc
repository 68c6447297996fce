#include "json_view.h"

namespace py = pybind11;

namespace loadlaw::python {

py::object PyFromJson(const nlohmann::json& value) {
  return py::module_::import("json").attr("loads")(value.dump());
}

Record RecordOf(const nlohmann::json& object) {
  return {py::module_::import("loadlaw._records")
              .attr("Record")(PyFromJson(object))};
}

Record RecordOfText(const std::string& json_text) {
  return {py::module_::import("loadlaw._records")
              .attr("Record")(
                  py::module_::import("json").attr("loads")(json_text))};
}

py::object CachedDict(const py::object& self, const std::string& json_text) {
  py::dict attrs = self.attr("__dict__");
  if (!attrs.contains("_dict")) {
    attrs["_dict"] = py::module_::import("json").attr("loads")(json_text);
  }
  return attrs["_dict"];
}

}  // namespace loadlaw::python
