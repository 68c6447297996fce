// The continuous-batching engine: admission, prefill budget, step time and
// token emission. docs/simulator.md states the model this file implements.

#include "loadlaw/engine/engine.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace loadlaw::engine {

double EngineStats::KvUsage() const {
  if (kv_capacity_tokens <= 0) return 0.0;
  return static_cast<double>(kv_reserved_tokens) /
         static_cast<double>(kv_capacity_tokens);
}

Engine::Engine(const EngineParams& params, std::uint64_t seed,
               const base::Clock* clock)
    : params_(params), clock_(clock), step_rng_(seed) {
  std::string why;
  if (!params_.IsValid(&why)) throw std::invalid_argument(why);
  if (clock_ == nullptr) throw std::invalid_argument("Engine: clock is null");
  counters_.kv_capacity_tokens = params_.kv_capacity_tokens;
}

SubmitResult Engine::Submit(std::int64_t prompt_tokens,
                            std::int64_t output_tokens) {
  SubmitResult result;
  if (prompt_tokens < 1) {
    result.error = "prompt_tokens must be >= 1, got " +
                   std::to_string(prompt_tokens);
    return result;
  }
  if (output_tokens < 1) {
    result.error =
        "output_tokens must be >= 1, got " + std::to_string(output_tokens);
    return result;
  }
  if (prompt_tokens > params_.kv_capacity_tokens - output_tokens) {
    result.error = "prompt_tokens + output_tokens = " +
                   std::to_string(prompt_tokens + output_tokens) +
                   " exceeds kv_capacity_tokens = " +
                   std::to_string(params_.kv_capacity_tokens);
    return result;
  }
  Sequence seq;
  seq.id = next_id_++;
  seq.prompt_tokens = prompt_tokens;
  seq.output_tokens = output_tokens;
  waiting_.push_back(seq);
  result.id = seq.id;
  result.output_tokens = seq.output_tokens;
  return result;
}

bool Engine::Cancel(RequestId id) {
  auto same_id = [id](const Sequence& s) { return s.id == id; };
  auto running = std::find_if(running_.begin(), running_.end(), same_id);
  if (running != running_.end()) {
    counters_.kv_reserved_tokens -= running->Footprint();
    running_.erase(running);
    return true;
  }
  auto waiting = std::find_if(waiting_.begin(), waiting_.end(), same_id);
  if (waiting != waiting_.end()) {
    waiting_.erase(waiting);
    return true;
  }
  return false;
}

// Gives the step's prefill budget to the sequences still prefilling, in
// admission order, then admits queued requests FCFS while a slot, KV room
// and budget remain (their ids into *admitted). Returns the prompt tokens
// prefilled in the step.
std::int64_t Engine::AssignPrefill(std::vector<RequestId>* admitted) {
  std::int64_t budget = params_.prefill_budget_tokens;
  for (Sequence& seq : running_) {
    seq.chunk = std::min(budget, seq.prompt_tokens - seq.prefilled);
    budget -= seq.chunk;
  }
  const std::int64_t kv_capacity = params_.kv_capacity_tokens;
  while (!waiting_.empty() && budget > 0 &&
         static_cast<int>(running_.size()) < params_.max_num_seqs &&
         waiting_.front().Footprint() <=
             kv_capacity - counters_.kv_reserved_tokens) {
    Sequence seq = waiting_.front();
    waiting_.pop_front();
    seq.chunk = std::min(budget, seq.prompt_tokens);
    budget -= seq.chunk;
    counters_.kv_reserved_tokens += seq.Footprint();
    admitted->push_back(seq.id);
    running_.push_back(seq);
  }
  return params_.prefill_budget_tokens - budget;
}

StepPlan Engine::BeginStep() {
  if (in_step_) throw std::logic_error("Engine::BeginStep: step in progress");
  if (!HasWork()) throw std::logic_error("Engine::BeginStep: no work");
  StepPlan plan;
  plan.prefill_tokens = AssignPrefill(&plan.admitted);
  for (const Sequence& seq : running_) {
    bool decoding = seq.prefilled == seq.prompt_tokens;
    if (!decoding && seq.chunk == 0) continue;  // starved of prefill budget
    ++plan.batch_seqs;
    plan.context_tokens += seq.prefilled + seq.chunk + seq.generated;
  }
  plan.duration_ms = StepDurationMs(plan);
  in_step_ = true;
  return plan;
}

double Engine::StepDurationMs(const StepPlan& plan) {
  double step_ms =
      params_.StepMs(plan.batch_seqs, plan.prefill_tokens, plan.context_tokens);
  if (params_.jitter > 0) {
    // Lognormal with mean 1 and coefficient of variation `jitter`.
    double sigma2 = std::log1p(params_.jitter * params_.jitter);
    std::lognormal_distribution<double> factor(-0.5 * sigma2,
                                               std::sqrt(sigma2));
    step_ms *= factor(step_rng_);
  }
  return step_ms;
}

// Applies the step to one sequence; returns true when it emitted a token.
bool Engine::AdvanceSequence(Sequence* seq) {
  bool was_decoding = seq->prefilled == seq->prompt_tokens;
  if (!was_decoding) {
    if (seq->chunk == 0) return false;
    seq->prefilled += seq->chunk;
    counters_.prompt_tokens_total += seq->chunk;
    seq->chunk = 0;
    if (seq->prefilled < seq->prompt_tokens) return false;
  }
  ++seq->generated;
  ++counters_.generation_tokens_total;
  return true;
}

const StepOutcome& Engine::FinishStep() {
  if (!in_step_) throw std::logic_error("Engine::FinishStep: no step begun");
  in_step_ = false;
  ++counters_.steps_total;
  outcome_.end_ms = clock_->NowMs();
  outcome_.tokens.clear();
  std::size_t kept = 0;
  for (std::size_t i = 0; i < running_.size(); ++i) {
    Sequence& seq = running_[i];
    if (AdvanceSequence(&seq)) {
      TokenEvent event;
      event.id = seq.id;
      event.index = seq.generated;
      event.output_tokens = seq.output_tokens;
      event.finished = seq.generated == seq.output_tokens;
      outcome_.tokens.push_back(event);
      if (event.finished) {
        counters_.kv_reserved_tokens -= seq.Footprint();
        continue;
      }
    }
    if (kept != i) running_[kept] = seq;
    ++kept;
  }
  running_.resize(kept);
  return outcome_;
}

EngineStats Engine::Stats() const {
  EngineStats stats = counters_;
  stats.running = static_cast<int>(running_.size());
  stats.waiting = static_cast<int>(waiting_.size());
  return stats;
}

}  // namespace loadlaw::engine
