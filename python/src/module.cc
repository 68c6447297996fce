// loadlaw._core: the compiled half of the Python package. Bad arguments raise
// ValueError (pybind11 translates std::invalid_argument); long calls release
// the GIL and stop on Ctrl-C (interrupt.h).

#include <pybind11/pybind11.h>

#include "bindings.h"

PYBIND11_MODULE(_core, m) {
  m.doc() = "loadlaw's compiled core (use the `loadlaw` package instead)";
  m.attr("__version__") = LOADLAW_VERSION_INFO;
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
