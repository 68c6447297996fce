// A plan as a Python caller asks for it (demand, SLOs, headroom, a price or a
// price list) as plan::PlanSpec: Python's numbers and paths as the library's
// text forms. Shared by bind_plan.cc and bind_report.cc.

#ifndef LOADLAW_PYTHON_PLAN_REQUEST_H_
#define LOADLAW_PYTHON_PLAN_REQUEST_H_

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "loadlaw/plan/plan_spec.h"

namespace loadlaw::python {

struct PlanRequest {
  pybind11::object demand;    // "200rps", or a number of requests/s
  pybind11::object slos;      // "p99(e2e)<5s" or a list of them
  pybind11::object headroom;  // "20%", 0.2
  pybind11::object price;     // "2.50/h", 2.5, or None
  pybind11::object pricing;   // a path, a Pricing, or None
  std::string hardware;       // in the price list; "": the model's
  int gpus_per_replica = 1;
  int replicas = 0;           // current fleet, for its headroom
  int concurrency_limit = 0;  // overrides the model's
};

// The spec of `request` (a price list given as a path is read). Throws
// std::invalid_argument naming the argument for a value of the wrong type.
plan::PlanSpec SpecOf(const PlanRequest& request);

}  // namespace loadlaw::python

#endif  // LOADLAW_PYTHON_PLAN_REQUEST_H_
