// Independent random streams derived from one seed, so that step jitter,
// workload draws, arrivals and routing do not disturb one another: turning
// on jitter leaves a seeded run's requests unchanged.

#ifndef LOADLAW_ENGINE_RNG_INTERNAL_H_
#define LOADLAW_ENGINE_RNG_INTERNAL_H_

#include <cstdint>

#include "loadlaw/base/random.h"

namespace loadlaw::engine {

inline constexpr std::uint64_t kStreamStepJitter = 1;  // + 100 x replica
inline constexpr std::uint64_t kStreamWorkload = 4;
inline constexpr std::uint64_t kStreamArrivals = 5;
inline constexpr std::uint64_t kStreamRouting = 6;

using base::DeriveSeed;

}  // namespace loadlaw::engine

#endif  // LOADLAW_ENGINE_RNG_INTERNAL_H_
