// Fault injection: which faults a request gets and where in its stream they
// strike. One seeded stream of draws, four per validated request in a fixed
// order, so a seeded run injects the same faults into the same requests.

#ifndef LOADLAW_SIM_FAULTS_INTERNAL_H_
#define LOADLAW_SIM_FAULTS_INTERNAL_H_

#include <cstdint>
#include <random>

#include "loadlaw/sim/config.h"

namespace loadlaw::sim {

struct FaultPlan {
  bool error = false;       // answer 500 instead of running the request
  bool disconnect = false;  // close the connection after token cut_after
  bool malformed = false;   // garble the event of token garbled_index
  bool stall = false;       // hold the output for stall_ms after stall_after
  std::int64_t cut_after = 0;
  std::int64_t garbled_index = 0;
  std::int64_t stall_after = 0;  // 0: before the first token

  // Fills the positions for a request of output_tokens tokens: the cut after
  // max(1, T / 2), the garbled token max(1, (T + 1) / 2), the stall after
  // T / 2 ("mid-way", as docs/simulator.md defines it).
  void PlaceFor(std::int64_t output_tokens);
};

class FaultInjector {
 public:
  explicit FaultInjector(const SimConfig& config);

  // True when a new request must be answered 429: rate limiting is on and
  // `in_flight` requests are already accepted.
  bool RateLimited(std::int64_t in_flight) const;

  // Draws the faults of one validated request (always four draws).
  FaultPlan Draw();

 private:
  SimConfig config_;
  std::mt19937_64 rng_;
};

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_FAULTS_INTERNAL_H_
