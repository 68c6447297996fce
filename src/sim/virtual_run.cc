// The virtual-time runner: drives the Engine with a base::ManualClock, moving time
// from step to step and from arrival to arrival.

#include "loadlaw/sim/virtual_run.h"

#include <algorithm>
#include <queue>
#include <random>
#include <stdexcept>
#include <vector>

#include "loadlaw/base/clock.h"
#include "loadlaw/sim/engine.h"
#include "sim/rng_internal.h"

namespace loadlaw::sim {
namespace {

struct Arrival {
  double time_ms = 0.0;
  std::int64_t order = 0;  // ties leave in the order they were scheduled
  int user = -1;
  bool operator>(const Arrival& other) const {
    if (time_ms != other.time_ms) return time_ms > other.time_ms;
    return order > other.order;
  }
};

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
      config.kv_capacity_tokens - shape.max_tokens.max) {
    throw std::invalid_argument(
        "RunVirtual: prompt_tokens.max + max_tokens.max = " +
        std::to_string(shape.prompt_tokens.max + shape.max_tokens.max) +
        " exceeds kv_capacity_tokens = " +
        std::to_string(config.kv_capacity_tokens));
  }
  if (config.step_base_ms <= 0 && config.step_per_seq_ms <= 0) {
    throw std::invalid_argument(
        "RunVirtual: step_base_ms or step_per_seq_ms must be > 0 for virtual "
        "time to advance, got 0 and 0");
  }
}

// One run: the clock, the engine, the pending arrivals and the records.
class VirtualRunner {
 public:
  VirtualRunner(const SimConfig& config, const RequestShape& shape,
                const VirtualLoad& load)
      : shape_(shape),
        load_(load),
        engine_(config, &clock_),
        shape_rng_(DeriveSeed(load.seed, kStreamWorkload)),
        arrival_rng_(DeriveSeed(load.seed, kStreamArrivals)) {}

  VirtualRunResult Run();

 private:
  bool MayIssue(double time_ms) const;
  void Schedule(double time_ms, int user);
  void ScheduleNextOpenArrival(double after_ms);
  void SubmitDue(double until_ms, bool inclusive);
  void Submit(const Arrival& arrival);
  void RunStep();
  void Summarize();

  RequestShape shape_;
  VirtualLoad load_;
  base::ManualClock clock_;
  Engine engine_;
  std::mt19937_64 shape_rng_;
  std::mt19937_64 arrival_rng_;
  std::priority_queue<Arrival, std::vector<Arrival>, std::greater<Arrival>>
      pending_;
  std::int64_t scheduled_ = 0;  // arrivals put in pending_
  RequestId first_id_ = -1;
  VirtualRunResult result_;
};

bool VirtualRunner::MayIssue(double time_ms) const {
  if (load_.num_requests > 0 && scheduled_ >= load_.num_requests) return false;
  if (load_.duration_ms > 0 && time_ms >= load_.duration_ms) return false;
  return scheduled_ < kMaxVirtualRequests;
}

void VirtualRunner::Schedule(double time_ms, int user) {
  if (!MayIssue(time_ms)) {
    if (scheduled_ >= kMaxVirtualRequests) result_.truncated = true;
    return;
  }
  pending_.push(Arrival{time_ms, scheduled_++, user});
}

void VirtualRunner::ScheduleNextOpenArrival(double after_ms) {
  double gap_ms = 1000.0 / load_.rate_rps;
  if (load_.mode == LoadMode::kPoisson) {
    gap_ms = std::exponential_distribution<double>(1.0 / gap_ms)(arrival_rng_);
  }
  Schedule(after_ms + gap_ms, -1);
}

void VirtualRunner::Submit(const Arrival& arrival) {
  clock_.SetMs(std::max(clock_.NowMs(), arrival.time_ms));
  RequestTiming timing;
  timing.index = static_cast<std::int64_t>(result_.requests.size());
  timing.user = arrival.user;
  timing.prompt_tokens = Draw(shape_.prompt_tokens, &shape_rng_);
  timing.max_tokens = Draw(shape_.max_tokens, &shape_rng_);
  timing.arrival_ms = clock_.NowMs();
  SubmitResult submitted =
      engine_.Submit(timing.prompt_tokens, timing.max_tokens);
  if (!submitted.ok()) {  // CheckInputs rules this out
    throw std::logic_error("RunVirtual: engine rejected: " + submitted.error);
  }
  if (first_id_ < 0) first_id_ = submitted.id;
  timing.output_tokens = submitted.output_tokens;
  result_.requests.push_back(timing);
  if (load_.mode != LoadMode::kClosedLoop) {
    ScheduleNextOpenArrival(arrival.time_ms);
  }
}

// Submits the arrivals before until_ms (or at it, when inclusive).
void VirtualRunner::SubmitDue(double until_ms, bool inclusive) {
  while (!pending_.empty()) {
    const Arrival next = pending_.top();
    bool due = inclusive ? next.time_ms <= until_ms : next.time_ms < until_ms;
    if (!due) break;
    pending_.pop();
    Submit(next);
  }
}

void VirtualRunner::RunStep() {
  const double start_ms = clock_.NowMs();
  const double end_ms = start_ms + engine_.BeginStep().duration_ms;
  SubmitDue(end_ms, /*inclusive=*/false);  // they wait for the next step
  clock_.SetMs(end_ms);
  const StepOutcome& outcome = engine_.FinishStep();
  for (const TokenEvent& event : outcome.tokens) {
    RequestTiming& timing =
        result_.requests[static_cast<std::size_t>(event.id - first_id_)];
    if (event.index == 1) timing.first_token_ms = outcome.end_ms;
    if (!event.finished) continue;
    timing.last_token_ms = outcome.end_ms;
    timing.done_ms = outcome.end_ms;
    if (load_.mode == LoadMode::kClosedLoop) {
      Schedule(outcome.end_ms + load_.think_ms, timing.user);
    }
  }
}

VirtualRunResult VirtualRunner::Run() {
  if (load_.mode == LoadMode::kClosedLoop) {
    for (int user = 0; user < load_.concurrency; ++user) Schedule(0.0, user);
  } else if (load_.mode == LoadMode::kConstantRate) {
    Schedule(0.0, -1);
  } else {
    ScheduleNextOpenArrival(0.0);
  }
  while (true) {
    SubmitDue(clock_.NowMs(), /*inclusive=*/true);
    if (engine_.HasWork()) {
      RunStep();
    } else if (!pending_.empty()) {
      clock_.SetMs(pending_.top().time_ms);
    } else {
      break;
    }
  }
  Summarize();
  return std::move(result_);
}

void VirtualRunner::Summarize() {
  result_.steps = engine_.Stats().steps_total;
  for (const RequestTiming& r : result_.requests) {
    result_.end_ms = std::max(result_.end_ms, r.done_ms);
  }
  const double from_ms = 0.1 * result_.end_ms;
  const double to_ms = 0.9 * result_.end_ms;
  result_.throughput_rps = result_.ThroughputRps(from_ms, to_ms);
  result_.output_tokens_per_s = result_.OutputTokensPerS(from_ms, to_ms);
}

}  // namespace

VirtualRunResult RunVirtual(const SimConfig& config, const RequestShape& shape,
                            const VirtualLoad& load) {
  CheckInputs(config, shape, load);
  VirtualRunner runner(config, shape, load);
  return runner.Run();
}

}  // namespace loadlaw::sim
