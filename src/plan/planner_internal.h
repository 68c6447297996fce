// Private to the plan module: the per-band computations of the planner
// (planner_band.cc), used by Plan() (planner.cc).

#ifndef LOADLAW_PLAN_PLANNER_INTERNAL_H_
#define LOADLAW_PLAN_PLANNER_INTERNAL_H_

#include <vector>

#include "loadlaw/plan/planner.h"
#include "plan/replica_model_internal.h"

namespace loadlaw::plan::internal {

// The plan at one end of the model's bands.
struct BandPlan {
  double capacity_rps = 0;  // largest Poisson rate meeting every SLO; 0: none
  int closed_loop_concurrency = 0;  // largest n meeting every SLO; 0: none
  double closed_loop_throughput_rps = 0;
  int replicas = -1;  // smallest count meeting the SLOs; -1: none
};

// The SLO quantile of an arrival at Poisson `rate_rps` on `replica`, seconds.
double SloLatency(const ReplicaModel& replica, const Slo& slo, double rate_rps);
// Every SLO met at `rate_rps`.
bool MeetsAt(const ReplicaModel& replica, const std::vector<Slo>& slos,
             double rate_rps);
// The band's capacities and replica count for `sizing_demand_rps`.
BandPlan PlanBand(const ReplicaModel& replica, const std::vector<Slo>& slos,
                  double sizing_demand_rps, int max_replicas);

}  // namespace loadlaw::plan::internal

#endif  // LOADLAW_PLAN_PLANNER_INTERNAL_H_
