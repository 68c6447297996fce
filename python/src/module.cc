// loadlaw._core: the compiled half of the Python package. Bad arguments raise
// ValueError (pybind11 translates std::invalid_argument); long calls release
// the GIL and stop on Ctrl-C (interrupt.h).

#include <pybind11/pybind11.h>

#include "bindings.h"
#include "name_enum.h"

PYBIND11_MODULE(_core, m) {
  m.doc() =
      "loadlaw's compiled core (use the `loadlaw` package instead). Results "
      "are typed and shaped as the library's JSON; enums (LimitedBy, "
      "Verdict, Transport, ...) are str enums (loadlaw._enums.NameEnum) "
      "whose members equal the names the JSON writes; a Record "
      "(loadlaw._records) views a part of a document whose C++ shape "
      "differs from its JSON (a level's window summary).";
  m.attr("__version__") = LOADLAW_VERSION_INFO;
  loadlaw::python::AddNameEnums(m);
  loadlaw::python::BindFit(m);
  loadlaw::python::BindCapacityModel(m);
  loadlaw::python::BindQueueing(m);
  loadlaw::python::BindRunner(m);
  loadlaw::python::BindSweep(m);
  loadlaw::python::BindPlan(m);
  loadlaw::python::BindSim(m);
  loadlaw::python::BindReport(m);
  loadlaw::python::BindCompare(m);
}
