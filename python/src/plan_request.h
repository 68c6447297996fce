// A plan as a Python caller asks for it (demand, SLOs, headroom, a price or a
// price list), turned into plan::PlanOptions for one model exactly as the
// CLI's planning flags are (src/cli/plan_args.cc), with the Python argument
// names in messages. Shared by bind_plan.cc and bind_report.cc.

#ifndef LOADLAW_PYTHON_PLAN_REQUEST_H_
#define LOADLAW_PYTHON_PLAN_REQUEST_H_

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/plan/planner.h"

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

// The options of `request` for `model`. Throws std::invalid_argument naming
// the argument for missing, conflicting or bad values.
plan::PlanOptions ResolvePlan(const PlanRequest& request,
                              const fit::CapacityModel& model);

// The label of a plan: `label`, else the model's hardware, else "model".
std::string PlanLabel(const std::string& label,
                      const fit::CapacityModel& model);

}  // namespace loadlaw::python

#endif  // LOADLAW_PYTHON_PLAN_REQUEST_H_
