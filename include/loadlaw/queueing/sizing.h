// File: loadlaw/queueing/sizing.h
// The smallest number of servers (or replicas) that meets a target.
//
//   // Servers so that the mean wait stays under 0.1 s at 20 req/s, 0.5 s each.
//   int c = loadlaw::queueing::ServersForMeanWait(20.0, 0.5, 0.1);

#ifndef LOADLAW_QUEUEING_SIZING_H_
#define LOADLAW_QUEUEING_SIZING_H_

#include <functional>

namespace loadlaw::queueing {

// The smallest count in [min_count, max_count] for which `meets(count)` is
// true, assuming it is monotone (false ... false true ... true). Throws
// std::invalid_argument when even max_count does not meet it, or the range is
// empty.
int SmallestCount(const std::function<bool(int)>& meets, int min_count,
                  int max_count);

// M/M/c sizing: the fewest servers with a steady state whose mean wait is at
// most max_wait (seconds, > 0: no finite count makes it 0). All three search
// upwards from floor(A) + 1 and throw std::invalid_argument naming the bad
// field, or when the answer would exceed 10^7 servers.
int ServersForMeanWait(double arrival_rate, double service_time,
                       double max_wait);
// ... whose mean response time (service + wait) is at most max_response.
// Throws when max_response <= service_time (no count can meet it).
int ServersForMeanResponse(double arrival_rate, double service_time,
                           double max_response);
// ... with P(wait > wait_time) <= max_probability (the Erlang C service
// level, e.g. 80 % answered within 20 s means max_probability 0.2), with
// wait_time >= 0 seconds and max_probability in (0, 1].
int ServersForWaitProbability(double arrival_rate, double service_time,
                              double wait_time, double max_probability);

}  // namespace loadlaw::queueing

#endif  // LOADLAW_QUEUEING_SIZING_H_
