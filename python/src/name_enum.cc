#include "name_enum.h"

#include <cctype>
#include <string>

namespace py = pybind11;

namespace loadlaw::python {
namespace {

// NameEnum(py_name, [(MEMBER, name), ...]) in module `m`, as m.<py_name>;
// its docstring is `what` and the names.
template <class E>
void AddNameEnum(py::module_& m, const std::string& what) {
  using Traits = NameEnumTraits<E>;
  py::list members;
  std::string doc = what + ": ";
  for (E e : Traits::kAll) {
    const std::string name = Traits::Name(e);
    doc += (e == Traits::kAll.front() ? "'" : ", '") + name + "'";
    std::string member = name;
    for (char& c : member) {
      c = std::isalnum(static_cast<unsigned char>(c))
              ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
              : '_';
    }
    members.append(py::make_tuple(member, name));
  }
  py::object base = py::module_::import("loadlaw._enums").attr("NameEnum");
  py::object cls = base(Traits::kPyName.text, members,
                        py::arg("module") = m.attr("__name__"));
  cls.attr("__doc__") = doc + ".";
  m.add_object(Traits::kPyName.text, cls);
  NameEnumClass<E>() = cls;  // the module's reference keeps it alive
}

}  // namespace

void AddNameEnums(py::module_& m) {
  AddNameEnum<fit::LimitedBy>(
      m, "What bounds a USL's scaling (contention when sigma > kappa)");
  AddNameEnum<fit::Law>(m, "A scalability law");
  AddNameEnum<fit::LatencyMetric>(m, "A latency metric");
  AddNameEnum<fit::LatencyQuantile>(m, "A latency quantile");
  AddNameEnum<compare::Verdict>(m, "A comparison's verdict");
  AddNameEnum<compare::ChangeStatus>(m, "A change against its threshold");
  AddNameEnum<runner::Transport>(m, "An HTTP transport");
  AddNameEnum<telemetry::LoopKind>(
      m, "How a load test paces its requests (users or arrivals)");
  AddNameEnum<workload::ArrivalKind>(m, "An open loop's arrival process");
  AddNameEnum<report::SeriesKind>(m, "How a chart series is drawn");
}

}  // namespace loadlaw::python
