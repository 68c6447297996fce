// File: loadlaw/queueing/mva.h
// Exact mean value analysis of closed queueing networks with think time:
// N users cycle between thinking (Z) and a set of stations with service
// demands D_k. Single class with single- or multi-server stations (the latter
// by the load-dependent recursion), and multi-class with single-server
// stations.
//
//   // Lazowska et al., QSP ch. 6: 3 users, Z = 15 s, three stations.
//   std::vector<loadlaw::queueing::Station> st = {
//       {"cpu", 0.605}, {"disk1", 2.1}, {"disk2", 1.35}};
//   loadlaw::queueing::MvaResult r = loadlaw::queueing::SolveMva(st, 15.0, 3);
//   // r.queue_lengths ~= {0.0976, 0.3947, 0.2350}

#ifndef LOADLAW_QUEUEING_MVA_H_
#define LOADLAW_QUEUEING_MVA_H_

#include <string>
#include <vector>

namespace loadlaw::queueing {

// A queueing station: total service demand per user cycle (visits x service
// time, seconds) and its number of identical servers (1 = single server
// queue). demand_s > 0 and servers >= 1.
struct Station {
  std::string name;
  double demand_s = 0;
  int servers = 1;
};

struct MvaResult {
  int users = 0;
  double throughput = 0;      // cycles per second, X(N)
  double response_time = 0;   // seconds, sum of residence times
  std::vector<double> residence_times;  // per station, seconds
  std::vector<double> queue_lengths;    // per station, mean jobs present
  std::vector<double> utilizations;     // per station, busy fraction per server
};

// Exact MVA at population `users` (>= 1) with think time `think_time_s` (>= 0).
// A station with 1 < servers < users is solved by the exact load-dependent
// recursion; the probability that it is empty comes from the throughput of
// the network without it (a product, not the unstable 1 - sum), so each such
// station doubles the work and at most 12 are accepted. Throws
// std::invalid_argument naming the bad field.
MvaResult SolveMva(const std::vector<Station>& stations, double think_time_s,
                   int users);

// The results for every population 1..users (index n-1), from one recursion.
std::vector<MvaResult> SolveMvaSeries(const std::vector<Station>& stations,
                                      double think_time_s, int users);

// Multi-class exact MVA over single-server stations.
// demands_s[c][k] >= 0: demand of class c at station k (0 = never visits);
// think_times_s[c] >= 0; populations[c] >= 0. Cost grows with
// prod(populations[c] + 1), refused beyond 2^25 / stations vectors. A class
// with population 0 has throughput 0 and the response time one added user of
// it would see. Throws std::invalid_argument naming the bad field.
struct MulticlassMvaResult {
  std::vector<double> throughputs;     // per class
  std::vector<double> response_times;  // per class
  // queue_lengths[c][k]: mean class-c jobs at station k.
  std::vector<std::vector<double>> queue_lengths;
  std::vector<double> utilizations;    // per station, all classes
};

MulticlassMvaResult SolveMulticlassMva(
    const std::vector<std::vector<double>>& demands_s,
    const std::vector<double>& think_times_s,
    const std::vector<int>& populations);

}  // namespace loadlaw::queueing

#endif  // LOADLAW_QUEUEING_MVA_H_
