// How the simulator picks a request's output length from its max_tokens
// (SimConfig::output_dist): the engine is told the length; the HTTP server
// and the virtual-time runner draw it here, from the config's own stream.

#ifndef LOADLAW_SIM_OUTPUT_LENGTH_INTERNAL_H_
#define LOADLAW_SIM_OUTPUT_LENGTH_INTERNAL_H_

#include <algorithm>
#include <cstdint>
#include <random>

#include "loadlaw/sim/config.h"

namespace loadlaw::sim {

// fixed: max_tokens; uniform: 1..max_tokens; geometric: mean
// output_mean_tokens, capped at max_tokens.
inline std::int64_t SampleOutputTokens(const SimConfig& config,
                                       std::int64_t max_tokens,
                                       std::mt19937_64& rng) {
  if (max_tokens < 1) return max_tokens;  // the engine rejects it
  if (config.output_dist == kOutputDistUniform) {
    return std::uniform_int_distribution<std::int64_t>(1, max_tokens)(rng);
  }
  if (config.output_dist == kOutputDistGeometric) {
    if (config.output_mean_tokens <= 1.0) return 1;
    // Failures before the first success, plus one: mean 1 / p.
    std::geometric_distribution<std::int64_t> dist(1.0 /
                                                   config.output_mean_tokens);
    return std::min(max_tokens, 1 + dist(rng));
  }
  return max_tokens;
}

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_OUTPUT_LENGTH_INTERNAL_H_
