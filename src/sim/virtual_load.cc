// The value types of virtual runs: token-count distributions, loads, run
// summaries, and the closed form of the step model.

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "loadlaw/sim/virtual_run.h"

namespace loadlaw::sim {
namespace {

bool Fail(std::string* why, const std::string& message) {
  if (why != nullptr) *why = message;
  return false;
}

std::string Num(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

TokenCountDist TokenCountDist::Fixed(std::int64_t count) {
  TokenCountDist dist;
  dist.kind = Kind::kFixed;
  dist.min = count;
  dist.max = count;
  return dist;
}

TokenCountDist TokenCountDist::Uniform(std::int64_t low, std::int64_t high) {
  TokenCountDist dist;
  dist.kind = Kind::kUniform;
  dist.min = low;
  dist.max = high;
  return dist;
}

TokenCountDist TokenCountDist::Geometric(double mean, std::int64_t cap) {
  TokenCountDist dist;
  dist.kind = Kind::kGeometric;
  dist.min = 1;
  dist.max = cap;
  dist.mean = mean;
  return dist;
}

bool TokenCountDist::IsValid(const std::string& name,
                             std::string* why) const {
  if (min < 1) return Fail(why, name + ".min must be >= 1, got " + Num(min));
  if (max < min) {
    return Fail(why, name + ".max must be >= min (" + Num(min) + "), got " +
                         Num(max));
  }
  if (kind == Kind::kGeometric && !(std::isfinite(mean) && mean >= 1)) {
    return Fail(why, name + ".mean must be >= 1, got " + Num(mean));
  }
  return true;
}

VirtualLoad VirtualLoad::ClosedLoop(int concurrency,
                                    std::int64_t num_requests) {
  VirtualLoad load;
  load.mode = LoadMode::kClosedLoop;
  load.concurrency = concurrency;
  load.num_requests = num_requests;
  return load;
}

VirtualLoad VirtualLoad::OpenLoop(LoadMode mode, double rate_rps,
                                  std::int64_t num_requests) {
  VirtualLoad load;
  load.mode = mode;
  load.rate_rps = rate_rps;
  load.num_requests = num_requests;
  return load;
}

bool VirtualLoad::IsValid(std::string* why) const {
  if (num_requests < 0) {
    return Fail(why, "num_requests must be >= 0, got " + Num(num_requests));
  }
  if (!(std::isfinite(duration_ms) && duration_ms >= 0)) {
    return Fail(why, "duration_ms must be >= 0, got " + Num(duration_ms));
  }
  if (num_requests == 0 && duration_ms == 0) {
    return Fail(why, "num_requests or duration_ms must be > 0");
  }
  if (mode == LoadMode::kClosedLoop) {
    if (concurrency < 1) {
      return Fail(why, "concurrency must be >= 1, got " + Num(concurrency));
    }
    if (!(std::isfinite(think_ms) && think_ms >= 0)) {
      return Fail(why, "think_ms must be >= 0, got " + Num(think_ms));
    }
    return true;
  }
  if (!(std::isfinite(rate_rps) && rate_rps > 0)) {
    return Fail(why, "rate_rps must be > 0, got " + Num(rate_rps));
  }
  return true;
}

double RequestTiming::TpotMs() const {
  if (output_tokens < 2) return 0.0;
  return (last_token_ms - first_token_ms) /
         static_cast<double>(output_tokens - 1);
}

double VirtualRunResult::ThroughputRps(double from_ms, double to_ms) const {
  if (!(to_ms > from_ms)) return 0.0;
  std::int64_t done = 0;
  for (const RequestTiming& r : requests) {
    if (r.done_ms >= from_ms && r.done_ms < to_ms) ++done;
  }
  return 1000.0 * static_cast<double>(done) / (to_ms - from_ms);
}

double VirtualRunResult::OutputTokensPerS(double from_ms, double to_ms) const {
  if (!(to_ms > from_ms)) return 0.0;
  std::int64_t tokens = 0;
  for (const RequestTiming& r : requests) {
    if (r.done_ms >= from_ms && r.done_ms < to_ms) tokens += r.output_tokens;
  }
  return 1000.0 * static_cast<double>(tokens) / (to_ms - from_ms);
}

double VirtualRunResult::MeanE2eMs() const {
  if (requests.empty()) return 0.0;
  double sum_ms = 0.0;
  for (const RequestTiming& r : requests) sum_ms += r.E2eMs();
  return sum_ms / static_cast<double>(requests.size());
}

double ClosedFormResponseMs(const SimConfig& config, int concurrency,
                            std::int64_t prompt_tokens,
                            std::int64_t output_tokens) {
  if (concurrency < 1 || prompt_tokens < 1 || output_tokens < 1) {
    throw std::invalid_argument(
        "ClosedFormResponseMs: concurrency, prompt_tokens and output_tokens "
        "must be >= 1, got " +
        Num(concurrency) + ", " + Num(prompt_tokens) + ", " +
        Num(output_tokens));
  }
  const double n = concurrency;
  const double p_tokens = static_cast<double>(prompt_tokens);
  const double t_tokens = static_cast<double>(output_tokens);
  const double c_ms = config.engine.step_per_ctx_token_us * 1e-3;
  double per_step_ms = config.engine.step_base_ms + config.engine.step_per_seq_ms * n;
  double per_request_ms = config.engine.prefill_per_token_ms * p_tokens +
                          c_ms * t_tokens * (p_tokens + (t_tokens - 1) / 2);
  return t_tokens * per_step_ms + n * per_request_ms;
}

double ClosedFormThroughputRps(const SimConfig& config, int concurrency,
                               std::int64_t prompt_tokens,
                               std::int64_t output_tokens) {
  double response_ms = ClosedFormResponseMs(config, concurrency, prompt_tokens,
                                            output_tokens);
  if (!(response_ms > 0)) {
    throw std::invalid_argument(
        "ClosedFormThroughputRps: the step model gives zero time per request "
        "(all step costs are 0)");
  }
  return 1000.0 * concurrency / response_ms;
}

}  // namespace loadlaw::sim
