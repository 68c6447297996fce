// The planner at one end of the model's bands: the SLO-limited capacity of a
// replica in open and closed loop, and the smallest replica count.

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "loadlaw/queueing/sizing.h"
#include "plan/planner_internal.h"

namespace loadlaw::plan::internal {
namespace {

// Bisection steps on the per-replica rate: 2^-60 of X(K) is far below any
// measurement's precision.
constexpr int kRateSteps = 60;

// The largest n in [1, K] such that every SLO holds at 1..n in closed loop
// (quantiles read off the latency curves); 0 when n = 1 fails already.
int ClosedLoopConcurrency(const ReplicaModel& replica,
                          const std::vector<Slo>& slos) {
  int best = 0;
  for (int n = 1; n <= replica.concurrency_limit(); ++n) {
    for (const Slo& slo : slos) {
      if (replica.At(slo.metric, n).Quantile(slo.Probability()) >
          slo.target_s) {
        return best;
      }
    }
    best = n;
  }
  return best;
}

// The largest Poisson rate per replica at which every SLO holds, by
// bisection below X(K) (the rate where the queue no longer has a steady
// state); 0 when even a vanishing rate fails.
double OpenLoopCapacity(const ReplicaModel& replica,
                        const std::vector<Slo>& slos) {
  const double x_limit = replica.throughputs().back();
  double low = x_limit * 1e-9;
  if (!MeetsAt(replica, slos, low)) return 0;
  double high = x_limit * (1 - 1e-9);
  if (MeetsAt(replica, slos, high)) return high;
  for (int i = 0; i < kRateSteps && high - low > 1e-9 * high; ++i) {
    const double mid = 0.5 * (low + high);
    (MeetsAt(replica, slos, mid) ? low : high) = mid;
  }
  return low;
}

// The smallest R with every SLO met at sizing_demand / R per replica
// (queueing::SmallestCount over the range that can contain it); -1 when it
// exceeds max_replicas.
int SmallestReplicas(const ReplicaModel& replica, const std::vector<Slo>& slos,
                     double sizing_demand_rps, double capacity_rps,
                     int max_replicas) {
  const double needed = std::ceil(sizing_demand_rps / capacity_rps);
  if (!(needed <= max_replicas)) return -1;
  const int upper = std::max(1, static_cast<int>(needed));
  const double x_limit = replica.throughputs().back();
  const int stable = static_cast<int>(std::floor(sizing_demand_rps / x_limit));
  const int lower = std::min(upper, std::max(1, stable + 1));
  const auto meets = [&](int r) {
    return MeetsAt(replica, slos, sizing_demand_rps / r);
  };
  // The capacity is a bisection point where the SLOs hold, so `upper` meets
  // them unless rounding in the latency quantiles says otherwise; then the
  // next counts are tried.
  for (int top = upper; top <= std::min(max_replicas, upper + 2); ++top) {
    if (meets(top)) return queueing::SmallestCount(meets, lower, top);
  }
  return -1;
}

}  // namespace

double SloLatency(const ReplicaModel& replica, const Slo& slo,
                  double rate_rps) {
  const OpenLoopState state = SolveOpenLoop(replica, rate_rps);
  return LatencyQuantile(replica, state, slo.metric, slo.Probability());
}

bool MeetsAt(const ReplicaModel& replica, const std::vector<Slo>& slos,
             double rate_rps) {
  const OpenLoopState state = SolveOpenLoop(replica, rate_rps);
  if (!state.stable) return false;
  for (const Slo& slo : slos) {
    if (LatencyQuantile(replica, state, slo.metric, slo.Probability()) >
        slo.target_s) {
      return false;
    }
  }
  return true;
}

BandPlan PlanBand(const ReplicaModel& replica, const std::vector<Slo>& slos,
                  double sizing_demand_rps, int max_replicas) {
  BandPlan plan;
  plan.closed_loop_concurrency = ClosedLoopConcurrency(replica, slos);
  if (plan.closed_loop_concurrency > 0) {
    plan.closed_loop_throughput_rps =
        replica.throughputs()[plan.closed_loop_concurrency - 1];
  }
  plan.capacity_rps = OpenLoopCapacity(replica, slos);
  if (plan.capacity_rps > 0) {
    plan.replicas = SmallestReplicas(replica, slos, sizing_demand_rps,
                                     plan.capacity_rps, max_replicas);
  }
  return plan;
}

}  // namespace loadlaw::plan::internal
