// File: loadlaw/workload/arrival.h
// Arrival schedules of an open-loop run: constant spacing, Poisson, or gamma
// gaps with a burstiness factor (vLLM's convention: the gamma shape; 1 is
// Poisson, below 1 burstier, above 1 more regular; the gaps' coefficient of
// variation is 1/sqrt(burstiness)).
//
//   loadlaw::workload::ArrivalProcess arrivals(
//       loadlaw::workload::ArrivalKind::kPoisson, /*rate_rps=*/200);
//   std::mt19937_64 rng(1);
//   std::chrono::nanoseconds next = start + arrivals.NextGap(rng);

#ifndef LOADLAW_WORKLOAD_ARRIVAL_H_
#define LOADLAW_WORKLOAD_ARRIVAL_H_

#include <chrono>
#include <random>
#include <string_view>

namespace loadlaw::workload {

enum class ArrivalKind { kConstant, kPoisson, kGamma };

// "constant", "poisson", "gamma"; throws std::invalid_argument naming `field`.
ArrivalKind ParseArrivalKind(std::string_view text, std::string_view field);
std::string_view ArrivalKindName(ArrivalKind kind);

class ArrivalProcess {
 public:
  // Throws std::invalid_argument unless rate_rps > 0 and burstiness > 0.
  ArrivalProcess(ArrivalKind kind, double rate_rps, double burstiness = 1.0);

  // The gap to the next arrival; its mean is 1 / rate_rps.
  std::chrono::nanoseconds NextGap(std::mt19937_64& rng);

  double rate_rps() const { return rate_rps_; }
  ArrivalKind kind() const { return kind_; }

 private:
  ArrivalKind kind_;
  double rate_rps_;
  double burstiness_;
};

}  // namespace loadlaw::workload

#endif  // LOADLAW_WORKLOAD_ARRIVAL_H_
