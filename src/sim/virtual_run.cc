// The virtual-time runner: the simulator's request shapes and loads as
// sessions and loads of the engine module's simulation (engine/simulate.h),
// which drives the one engine.

#include "loadlaw/sim/virtual_run.h"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

#include "loadlaw/engine/simulate.h"
#include "sim/output_length_internal.h"
#include "sim/rng_internal.h"

namespace loadlaw::sim {
namespace {

std::int64_t Draw(const TokenCountDist& dist, std::mt19937_64* rng) {
  switch (dist.kind) {
    case TokenCountDist::Kind::kFixed:
      return dist.min;
    case TokenCountDist::Kind::kUniform:
      return std::uniform_int_distribution<std::int64_t>(dist.min,
                                                         dist.max)(*rng);
    case TokenCountDist::Kind::kGeometric:
      if (dist.mean <= 1.0) return 1;
      return std::min(dist.max,
                      1 + std::geometric_distribution<std::int64_t>(
                              1.0 / dist.mean)(*rng));
  }
  return dist.min;
}

void CheckInputs(const SimConfig& config, const RequestShape& shape,
                 const VirtualLoad& load) {
  std::string why;
  if (!config.IsValid(&why) ||
      !shape.prompt_tokens.IsValid("prompt_tokens", &why) ||
      !shape.max_tokens.IsValid("max_tokens", &why) || !load.IsValid(&why)) {
    throw std::invalid_argument("RunVirtual: " + why);
  }
  if (shape.prompt_tokens.max >
      config.engine.kv_capacity_tokens - shape.max_tokens.max) {
    throw std::invalid_argument(
        "RunVirtual: prompt_tokens.max + max_tokens.max = " +
        std::to_string(shape.prompt_tokens.max + shape.max_tokens.max) +
        " exceeds kv_capacity_tokens = " +
        std::to_string(config.engine.kv_capacity_tokens));
  }
  if (config.engine.step_base_ms <= 0 && config.engine.step_per_seq_ms <= 0) {
    throw std::invalid_argument(
        "RunVirtual: step_base_ms or step_per_seq_ms must be > 0 for virtual "
        "time to advance, got 0 and 0");
  }
}

// One-turn sessions of the request shape; a closed-loop user thinks
// think_ms after each. Remembers each request's max_tokens, in order.
class ShapeSessions : public engine::SessionSource {
 public:
  ShapeSessions(const SimConfig& config, const RequestShape& shape,
                const VirtualLoad& load)
      : config_(config),
        shape_(shape),
        think_ms_(load.mode == LoadMode::kClosedLoop ? load.think_ms : 0),
        output_rng_(DeriveSeed(config.seed, kStreamOutputLength)) {}

  engine::SessionShape Next(std::mt19937_64& rng) override {
    engine::TurnShape turn;
    turn.prompt_tokens = Draw(shape_.prompt_tokens, &rng);
    const std::int64_t max_tokens = Draw(shape_.max_tokens, &rng);
    turn.output_tokens = SampleOutputTokens(config_, max_tokens, output_rng_);
    max_tokens_.push_back(max_tokens);
    engine::SessionShape s;
    s.turns = {turn};
    s.think_after_ms = think_ms_;
    return s;
  }
  std::int64_t MaxTokens(std::int64_t session) const {
    return max_tokens_[static_cast<std::size_t>(session)];
  }

 private:
  const SimConfig& config_;
  const RequestShape& shape_;
  double think_ms_;
  std::mt19937_64 output_rng_;
  std::vector<std::int64_t> max_tokens_;
};

engine::Load LoadOf(const VirtualLoad& v) {
  engine::Load load;
  load.open_loop = v.mode != LoadMode::kClosedLoop;
  load.concurrency = v.concurrency;
  load.rate_rps = v.rate_rps;
  load.arrival = v.mode == LoadMode::kConstantRate
                     ? workload::ArrivalKind::kConstant
                     : workload::ArrivalKind::kPoisson;
  load.duration_ms = v.duration_ms;
  load.max_requests = std::min(v.num_requests > 0 ? v.num_requests
                                                  : kMaxVirtualRequests,
                               kMaxVirtualRequests);
  load.seed = v.seed;
  return load;
}

}  // namespace

VirtualRunResult RunVirtual(const SimConfig& config, const RequestShape& shape,
                            const VirtualLoad& load) {
  CheckInputs(config, shape, load);
  engine::Fleet fleet;
  fleet.params = config.engine;
  fleet.params.request_overhead_ms = 0;
  fleet.seed = config.seed;
  ShapeSessions sessions(config, shape, load);
  engine::SimulationResult run =
      engine::Simulate(fleet, sessions, LoadOf(load));
  VirtualRunResult result;
  result.steps = run.steps;
  result.truncated =
      run.truncated ||
      static_cast<std::int64_t>(run.requests.size()) >= kMaxVirtualRequests;
  result.requests.reserve(run.requests.size());
  for (const engine::SimulatedRequest& r : run.requests) {
    RequestTiming t;
    t.index = r.index;
    t.user = r.user;
    t.prompt_tokens = r.prompt_tokens;
    t.max_tokens = sessions.MaxTokens(r.session);
    t.output_tokens = r.output_tokens;
    t.arrival_ms = r.send_ms;
    t.first_token_ms = r.first_token_ms;
    t.last_token_ms = r.done_ms;
    t.done_ms = r.done_ms;
    result.end_ms = std::max(result.end_ms, r.done_ms);
    result.requests.push_back(t);
  }
  const double from_ms = 0.1 * result.end_ms;
  const double to_ms = 0.9 * result.end_ms;
  result.throughput_rps = result.ThroughputRps(from_ms, to_ms);
  result.output_tokens_per_s = result.OutputTokensPerS(from_ms, to_ms);
  return result;
}

}  // namespace loadlaw::sim
