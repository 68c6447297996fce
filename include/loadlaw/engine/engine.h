// File: loadlaw/engine/engine.h
// The continuous-batching engine: a FCFS waiting queue, a running batch of at
// most max_num_seqs sequences, a KV cache of kv_capacity_tokens, and a step
// whose duration follows the step model of loadlaw/engine/params.h
// (docs/simulator.md, "Step model"). One engine for the whole project: the
// simulated endpoint (`loadlaw sim`) drives it with timers on a steady
// clock, the virtual-time simulation (loadlaw/engine/simulate.h) with a
// base::ManualClock, and the engine model's forecasts are that simulation.
//
//   loadlaw::base::ManualClock clock;
//   loadlaw::engine::Engine engine(params, /*seed=*/1, &clock);
//   loadlaw::engine::SubmitResult r = engine.Submit(/*prompt_tokens=*/100,
//                                                   /*output_tokens=*/64);
//   while (engine.HasWork()) {
//     clock.AdvanceMs(engine.BeginStep().duration_ms);
//     for (const loadlaw::engine::TokenEvent& e : engine.FinishStep().tokens)
//       if (e.finished) { /* e.id finished at clock.NowMs() */ }
//   }

#ifndef LOADLAW_ENGINE_ENGINE_H_
#define LOADLAW_ENGINE_ENGINE_H_

#include <cstdint>
#include <deque>
#include <random>
#include <string>
#include <vector>

#include "loadlaw/base/clock.h"
#include "loadlaw/engine/params.h"

namespace loadlaw::engine {

using RequestId = std::int64_t;

// What Submit decided. A rejected request (ok() false) never runs.
struct SubmitResult {
  RequestId id = -1;
  std::int64_t output_tokens = 0;  // tokens it will produce
  std::string error;               // why it was rejected; empty when accepted
  bool ok() const { return error.empty(); }
};

// The composition of one step, fixed when it begins.
struct StepPlan {
  int batch_seqs = 0;               // sequences computed in the step
  std::int64_t prefill_tokens = 0;  // prompt tokens prefilled in the step
  std::int64_t context_tokens = 0;  // context held by the batch (see docs)
  double duration_ms = 0.0;         // step time, jitter included
  std::vector<RequestId> admitted;  // requests admitted at this step
};

// One output token, produced at the end of a step.
struct TokenEvent {
  RequestId id = -1;
  std::int64_t index = 0;          // 1-based: 1 is the first token
  std::int64_t output_tokens = 0;  // the request's total output tokens
  bool finished = false;           // index == output_tokens
};

struct StepOutcome {
  double end_ms = 0.0;  // the clock at FinishStep: when the tokens appear
  std::vector<TokenEvent> tokens;
};

// Gauges and counters, in the units of vLLM's metrics of the same meaning.
struct EngineStats {
  int running = 0;  // admitted sequences (holding KV)
  int waiting = 0;  // in the FCFS queue
  std::int64_t kv_reserved_tokens = 0;
  std::int64_t kv_capacity_tokens = 0;
  std::int64_t prompt_tokens_total = 0;      // prefilled so far
  std::int64_t generation_tokens_total = 0;  // emitted so far
  std::int64_t steps_total = 0;
  double KvUsage() const;  // reserved / capacity, in [0, 1]
};

class Engine {
 public:
  // Keeps a pointer to clock, which must outlive the engine; `seed` seeds
  // the step jitter. Throws std::invalid_argument when params is not valid
  // (IsValid's message) or clock is null.
  Engine(const EngineParams& params, std::uint64_t seed,
         const base::Clock* clock);

  // Queues a request arriving now that will produce `output_tokens` tokens.
  // Rejects (ok() false) prompt_tokens < 1, output_tokens < 1 and requests
  // whose prompt_tokens + output_tokens exceed the KV cache (they could
  // never be admitted).
  SubmitResult Submit(std::int64_t prompt_tokens, std::int64_t output_tokens);

  // Drops a request, queued or running, and frees its KV cache; safe between
  // BeginStep and FinishStep. Returns false when the id is unknown or done.
  bool Cancel(RequestId id);

  // True when a request is queued or running: a step is due.
  bool HasWork() const { return !running_.empty() || !waiting_.empty(); }
  bool InStep() const { return in_step_; }

  // Admits queued requests (FCFS, while a batch slot, KV room and prefill
  // budget remain), assigns the prefill budget, and returns the step's plan.
  // Call only when HasWork() and not InStep(); throws std::logic_error
  // otherwise. The caller lets plan.duration_ms pass, then calls FinishStep.
  StepPlan BeginStep();

  // Ends the step: each decoding sequence emits a token, each sequence whose
  // prefill completed emits its first; finished ones leave the batch and free
  // their KV. The reference stays valid until the next FinishStep. Throws
  // std::logic_error when no step is in progress.
  const StepOutcome& FinishStep();

  EngineStats Stats() const;
  const EngineParams& params() const { return params_; }

 private:
  struct Sequence {
    RequestId id = -1;
    std::int64_t prompt_tokens = 0;
    std::int64_t output_tokens = 0;
    std::int64_t prefilled = 0;  // prompt tokens in the KV cache
    std::int64_t generated = 0;  // output tokens emitted
    std::int64_t chunk = 0;      // prompt tokens prefilled in this step
    std::int64_t Footprint() const { return prompt_tokens + output_tokens; }
  };

  std::int64_t AssignPrefill(std::vector<RequestId>* admitted);
  double StepDurationMs(const StepPlan& plan);
  bool AdvanceSequence(Sequence* seq);

  EngineParams params_;
  const base::Clock* clock_;
  std::mt19937_64 step_rng_;
  std::vector<Sequence> running_;  // in admission order
  std::deque<Sequence> waiting_;   // FCFS
  RequestId next_id_ = 1;
  bool in_step_ = false;
  StepOutcome outcome_;
  EngineStats counters_;
};

}  // namespace loadlaw::engine

#endif  // LOADLAW_ENGINE_ENGINE_H_
