// Seeded fault draws and their places in a stream.

#include <algorithm>

#include "sim/faults_internal.h"
#include "sim/rng_internal.h"

namespace loadlaw::sim {

void FaultPlan::PlaceFor(std::int64_t output_tokens) {
  cut_after = std::max<std::int64_t>(1, output_tokens / 2);
  garbled_index = std::max<std::int64_t>(1, (output_tokens + 1) / 2);
  stall_after = output_tokens / 2;
}

FaultInjector::FaultInjector(const SimConfig& config)
    : config_(config), rng_(DeriveSeed(config.seed, kStreamFaults)) {}

bool FaultInjector::RateLimited(std::int64_t in_flight) const {
  return config_.rate_limit_concurrency > 0 &&
         in_flight >= config_.rate_limit_concurrency;
}

FaultPlan FaultInjector::Draw() {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const double u_error = unit(rng_);
  const double u_disconnect = unit(rng_);
  const double u_malformed = unit(rng_);
  const double u_stall = unit(rng_);
  FaultPlan plan;
  plan.error = u_error < config_.error_rate;
  plan.disconnect = u_disconnect < config_.disconnect_rate;
  plan.malformed = u_malformed < config_.malformed_rate;
  plan.stall = u_stall < config_.stall_rate;
  return plan;
}

}  // namespace loadlaw::sim
