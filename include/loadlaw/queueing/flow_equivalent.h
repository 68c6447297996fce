// File: loadlaw/queueing/flow_equivalent.h
// The flow-equivalent (load-dependent) server: a replica whose completion rate
// with n requests inside is X(n) (e.g. a fitted USL), admitting at most
// `concurrency_limit` requests into service at once; further arrivals wait in
// a FIFO queue of `queue_limit` places (unbounded by default) and are lost
// beyond it. Poisson arrivals at rate lambda make this a birth-death chain
// whose stationary distribution is exact. This turns a closed-loop calibration
// (throughput against concurrency) into an open-loop forecast (response time
// against arrival rate), including the queueing near saturation.
//
//   std::vector<double> x(256);
//   for (int n = 1; n <= 256; ++n) x[n - 1] = usl.Throughput(n);
//   loadlaw::queueing::FlowEquivalentResult r =
//       loadlaw::queueing::SolveFlowEquivalent(x, /*arrival_rate=*/40.0, {});
//   double mean_response_s = r.mean_response_time;

#ifndef LOADLAW_QUEUEING_FLOW_EQUIVALENT_H_
#define LOADLAW_QUEUEING_FLOW_EQUIVALENT_H_

#include <vector>

namespace loadlaw::queueing {

struct FlowEquivalentOptions {
  // Largest number in service; 0 means throughputs.size(). With n >= the
  // limit inside, the completion rate stays X(limit).
  int concurrency_limit = 0;
  // Waiting places beyond the limit; -1 = unbounded (needs lambda < X(limit)
  // for a steady state), 0 = pure loss at the limit.
  int queue_limit = -1;
};

struct FlowEquivalentResult {
  double arrival_rate = 0;   // offered, per second
  double throughput = 0;     // accepted = completed, per second
  // P(n) for n = 0 .. concurrency_limit + queue_limit; with an unbounded queue,
  // n = 0 .. concurrency_limit, and tail_probability holds P(n > limit).
  std::vector<double> state_probabilities;
  double tail_probability = 0;
  double mean_in_system = 0;    // L
  double mean_in_service = 0;   // E[min(n, limit)]
  double mean_queue_length = 0;  // E[max(n - limit, 0)]
  double mean_response_time = 0;  // L / throughput, seconds
  double mean_wait = 0;         // queue length / throughput, seconds
  // P(an accepted arrival finds n >= limit and waits), by PASTA; with
  // queue_limit 0 nobody waits and this is 0. Equals Erlang C for M/M/c.
  double queueing_probability = 0;
  double loss_probability = 0;  // an arrival finds the queue full (PASTA)
  double utilization = 0;       // P(n > 0)
};

// throughputs[n-1] = X(n) > 0 for n = 1..size, requests per second (size and
// a finite queue_limit at most 10^7 each). Throws std::invalid_argument naming
// the bad field, and when the queue is unbounded and arrival_rate >= X(limit)
// (no steady state: the message gives both rates).
//
// A retrograde curve (USL with kappa > 0) capped above its peak N* has
// X(n) > X(limit) in between: the stationary queue then stays short right up
// to X(limit), because reaching the limit means climbing against the hump. A
// real server there is metastable (once congested it stays congested); cap
// concurrency_limit at or below N* to forecast it.
FlowEquivalentResult SolveFlowEquivalent(const std::vector<double>& throughputs,
                                         double arrival_rate,
                                         const FlowEquivalentOptions& options);

}  // namespace loadlaw::queueing

#endif  // LOADLAW_QUEUEING_FLOW_EQUIVALENT_H_
