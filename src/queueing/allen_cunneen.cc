#include "loadlaw/queueing/allen_cunneen.h"

#include "loadlaw/queueing/erlang.h"
#include "queueing/checks_internal.h"
#include "queueing/erlang_internal.h"

namespace loadlaw::queueing {

MmcResult SolveAllenCunneen(double arrival_rate, double service_time,
                            int servers, double arrival_scv,
                            double service_scv) {
  internal::CheckNonNegative("SolveAllenCunneen", "arrival_scv", arrival_scv);
  internal::CheckNonNegative("SolveAllenCunneen", "service_scv", service_scv);
  // The M/M/c solution also validates the rate, time and server count.
  MmcResult r = internal::SolveMmcFor("SolveAllenCunneen", arrival_rate,
                                     service_time, servers);
  r.mean_wait *= (arrival_scv + service_scv) / 2.0;
  r.mean_response = service_time + r.mean_wait;
  r.mean_queue_length = arrival_rate * r.mean_wait;
  r.mean_in_system = arrival_rate * r.mean_response;
  return r;
}

}  // namespace loadlaw::queueing
