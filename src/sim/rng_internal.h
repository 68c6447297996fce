// Independent random streams derived from the one `seed` of SimConfig, so
// that jitter, output lengths and faults do not disturb one another: turning
// on a fault leaves the step times of a seeded run unchanged.

#ifndef LOADLAW_SIM_RNG_INTERNAL_H_
#define LOADLAW_SIM_RNG_INTERNAL_H_

#include <cstdint>

namespace loadlaw::sim {

inline constexpr std::uint64_t kStreamStepJitter = 1;
inline constexpr std::uint64_t kStreamOutputLength = 2;
inline constexpr std::uint64_t kStreamFaults = 3;
inline constexpr std::uint64_t kStreamWorkload = 4;
inline constexpr std::uint64_t kStreamArrivals = 5;

// SplitMix64 of (seed, stream): well-mixed seeds for std::mt19937_64.
inline std::uint64_t DeriveSeed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed + stream * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_RNG_INTERNAL_H_
