// Independent random streams derived from the one `seed` of SimConfig, so
// that jitter, output lengths and faults do not disturb one another: turning
// on a fault leaves the step times of a seeded run unchanged.

#ifndef LOADLAW_SIM_RNG_INTERNAL_H_
#define LOADLAW_SIM_RNG_INTERNAL_H_

#include <cstdint>

#include "loadlaw/base/random.h"

namespace loadlaw::sim {

inline constexpr std::uint64_t kStreamStepJitter = 1;
inline constexpr std::uint64_t kStreamOutputLength = 2;
inline constexpr std::uint64_t kStreamFaults = 3;
inline constexpr std::uint64_t kStreamWorkload = 4;
inline constexpr std::uint64_t kStreamArrivals = 5;

using base::DeriveSeed;

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_RNG_INTERNAL_H_
