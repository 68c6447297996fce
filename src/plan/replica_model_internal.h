// Private to the plan module: one replica as the planner sees it — the
// throughput X(n) and the latency distribution of each metric at each
// concurrency n = 1..K, read off the capacity model at one end of its bands —
// and the open-loop (Poisson) latency distribution built from them with the
// flow-equivalent server. docs/planning.md explains the approximation.

#ifndef LOADLAW_PLAN_REPLICA_MODEL_INTERNAL_H_
#define LOADLAW_PLAN_REPLICA_MODEL_INTERNAL_H_

#include <array>
#include <vector>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/plan/open_loop.h"
#include "loadlaw/queueing/flow_equivalent.h"

namespace loadlaw::plan::internal {

// A latency distribution known by a few quantiles. The quantile function is
// linear in u = -ln(1 - p) between the known points (exact for an exponential
// distribution, and a straight line on the usual log-survival plot), extended
// beyond them with the slopes of the end segments and clipped at 0. Values
// are made non-decreasing (a running maximum) so that crossing fitted curves
// still make a distribution. One point is a point mass.
class QuantileDistribution {
 public:
  QuantileDistribution() = default;
  // probabilities strictly increasing in (0, 1), same size as values (>= 1).
  QuantileDistribution(const std::vector<double>& probabilities,
                       const std::vector<double>& values_s);

  // A piece of the quantile function in u = -ln(1 - p): on [u_from, u_to]
  // (u_to may be +infinity) the quantile is q_from + slope (u - u_from).
  struct Piece {
    double u_from = 0;
    double u_to = 0;
    double q_from = 0;
    double slope = 0;
  };

  bool empty() const { return u_.empty(); }
  double Cdf(double t_s) const;
  double Quantile(double probability) const;
  // The pieces, covering u from 0 to +infinity in order.
  std::vector<Piece> Pieces() const;

 private:
  std::vector<double> u_;  // -ln(1 - p), increasing
  std::vector<double> q_;  // seconds, non-decreasing
};

class ReplicaModel {
 public:
  // Throws std::invalid_argument when concurrency_limit < 1.
  ReplicaModel(const fit::CapacityModel& model, int concurrency_limit,
               Band band);

  int concurrency_limit() const { return limit_; }
  // X(n) for n = 1..K, requests per second.
  const std::vector<double>& throughputs() const { return throughputs_; }
  bool HasMetric(fit::LatencyMetric metric) const;
  // The closed-loop distribution of `metric` at concurrency n in [1, K].
  const QuantileDistribution& At(fit::LatencyMetric metric, int n) const;

 private:
  int limit_;
  std::vector<double> throughputs_;
  std::array<std::vector<QuantileDistribution>, fit::kNumLatencyMetrics>
      distributions_;
};

// The replica under Poisson arrivals at `rate_rps`: the flow-equivalent
// server's solution and what an arrival sees.
struct OpenLoopState {
  bool stable = false;  // rate below X(K)
  double rate_rps = 0;
  queueing::FlowEquivalentResult fes;
  double queued_probability = 0;  // an arrival finds n >= K (waits)
  double wait_rate_per_s = 0;     // X(K) - rate: the queued wait is Exp(this)
};

OpenLoopState SolveOpenLoop(const ReplicaModel& replica, double rate_rps);

// P(latency > t_s) for an arriving request; 1 when unstable.
double LatencySurvival(const ReplicaModel& replica, const OpenLoopState& state,
                       fit::LatencyMetric metric, double t_s);
// The `probability` quantile of the arrival's latency, seconds; +infinity
// when unstable.
double LatencyQuantile(const ReplicaModel& replica, const OpenLoopState& state,
                       fit::LatencyMetric metric, double probability);

}  // namespace loadlaw::plan::internal

#endif  // LOADLAW_PLAN_REPLICA_MODEL_INTERNAL_H_
