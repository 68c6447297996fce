// File: loadlaw/queueing/allen_cunneen.h
// The Allen-Cunneen approximation for G/G/c (and M/G/c) queues:
//
//   Wq(G/G/c) ~= Wq(M/M/c) (ca2 + cs2) / 2
//
// with ca2, cs2 the squared coefficients of variation of inter-arrival and
// service times. Exact for M/M/c (ca2 = cs2 = 1) and for M/G/1, where it is the
// Pollaczek-Khinchine formula; an approximation otherwise.
//
//   // M/D/1 at rho = 0.5: Wq = 0.5 s.
//   auto q = loadlaw::queueing::SolveAllenCunneen(0.5, 1.0, 1, 1.0, 0.0);

#ifndef LOADLAW_QUEUEING_ALLEN_CUNNEEN_H_
#define LOADLAW_QUEUEING_ALLEN_CUNNEEN_H_

#include "loadlaw/queueing/erlang.h"

namespace loadlaw::queueing {

// Same fields as MmcResult (wait_probability stays the M/M/c Erlang C value,
// the approximation scales the waiting time only, and WaitExceeds on the
// result is still the M/M/c tail). Throws like SolveMmc, and for a negative
// or non-finite arrival_scv or service_scv.
MmcResult SolveAllenCunneen(double arrival_rate, double service_time,
                            int servers, double arrival_scv,
                            double service_scv);

}  // namespace loadlaw::queueing

#endif  // LOADLAW_QUEUEING_ALLEN_CUNNEEN_H_
