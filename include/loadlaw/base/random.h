// File: loadlaw/base/random.h
// Independent random streams from one seed: SplitMix64 of (seed, stream)
// gives well-mixed seeds for std::mt19937_64, so that, say, step jitter and
// arrivals drawn from one user-given seed do not disturb one another.
//
//   std::mt19937_64 jitter(loadlaw::base::DeriveSeed(seed, 1));
//   std::mt19937_64 arrivals(loadlaw::base::DeriveSeed(seed, 5));

#ifndef LOADLAW_BASE_RANDOM_H_
#define LOADLAW_BASE_RANDOM_H_

#include <cstdint>

namespace loadlaw::base {

inline std::uint64_t DeriveSeed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed + stream * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace loadlaw::base

#endif  // LOADLAW_BASE_RANDOM_H_
