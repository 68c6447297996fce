// File: loadlaw/queueing/erlang.h
// Erlang B and C and the M/M/c queue: the closed forms behind "how many
// servers for this arrival rate".
//
//   // M/M/3 with 2 arrivals/s and 1 s of service: wait probability 4/9.
//   loadlaw::queueing::MmcResult q = loadlaw::queueing::SolveMmc(2.0, 1.0, 3);
//   double p = q.wait_probability;               // 0.4444
//   double tail = q.WaitExceeds(0.5);            // P(wait > 0.5 s)

#ifndef LOADLAW_QUEUEING_ERLANG_H_
#define LOADLAW_QUEUEING_ERLANG_H_

namespace loadlaw::queueing {

// Erlang B: the blocking probability of `servers` servers offered
// `offered_load` Erlangs (arrival rate x service time), by the stable
// recursion B(m) = A B(m-1) / (m + A B(m-1)). Throws std::invalid_argument for
// servers < 1 or a negative or non-finite load.
double ErlangB(int servers, double offered_load);

// Erlang C: the probability that an arrival waits, C = B / (1 - rho + rho B)
// with rho = A / c. Throws std::invalid_argument when offered_load >= servers
// (the system is saturated and has no steady state) or as ErlangB.
double ErlangC(int servers, double offered_load);

// The steady state of an M/M/c queue. Times in the units of service_time
// (seconds by convention), rates in the reciprocal units.
struct MmcResult {
  int servers = 0;
  double arrival_rate = 0;
  double service_time = 0;
  double offered_load = 0;     // A = arrival_rate * service_time, Erlangs
  double utilization = 0;      // rho = A / c
  double wait_probability = 0;  // Erlang C
  double mean_wait = 0;        // Wq = C S / (c (1 - rho))
  double mean_response = 0;    // R = S + Wq
  double mean_queue_length = 0;  // Lq = arrival_rate Wq
  double mean_in_system = 0;     // L = arrival_rate R

  // P(wait > t) = C exp(-(c - A) t / S), for t >= 0 (throws
  // std::invalid_argument for a negative t or an unsolved result).
  double WaitExceeds(double t) const;
};

// Solves M/M/c. Throws std::invalid_argument naming the offending argument for
// a non-positive rate, service time or server count, and for a saturated
// system (offered load >= servers), with the load and the count in the message.
MmcResult SolveMmc(double arrival_rate, double service_time, int servers);

}  // namespace loadlaw::queueing

#endif  // LOADLAW_QUEUEING_ERLANG_H_
