// The binders, one per module, called in order from module.cc.

#ifndef LOADLAW_PYTHON_BINDINGS_H_
#define LOADLAW_PYTHON_BINDINGS_H_

#include <pybind11/pybind11.h>

namespace loadlaw::python {

void BindFit(pybind11::module_& m);
void BindCapacityModel(pybind11::module_& m);
void BindQueueing(pybind11::module_& m);
void BindRunner(pybind11::module_& m);
void BindSweep(pybind11::module_& m);
void BindPlan(pybind11::module_& m);
void BindSim(pybind11::module_& m);
void BindReport(pybind11::module_& m);
void BindCompare(pybind11::module_& m);

}  // namespace loadlaw::python

#endif  // LOADLAW_PYTHON_BINDINGS_H_
