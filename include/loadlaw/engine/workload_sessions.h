// File: loadlaw/engine/workload_sessions.h
// A workload model (loadlaw/workload/workload.h) as the engine sees it:
// sessions of token counts. A pool of sessions is drawn once from the
// workload exactly as the load runner would send them (the scenario mix,
// turns, the conversation growing turn by turn, tool results and pauses,
// think time), each prompt counted with loadlaw's token rule
// (loadlaw/workload/tokens.h) and scaled to the server's tokenizer; the
// simulation then draws sessions from the pool.
//
//   loadlaw::engine::TokenScale scale;           // from the calibration
//   loadlaw::engine::WorkloadSessions sessions(
//       loadlaw::workload::LoadWorkloadFile("models/workloads/agent.json"),
//       scale, /*pool=*/2000, /*seed=*/7);

#ifndef LOADLAW_ENGINE_WORKLOAD_SESSIONS_H_
#define LOADLAW_ENGINE_WORKLOAD_SESSIONS_H_

#include <cstdint>
#include <random>
#include <vector>

#include "loadlaw/engine/simulate.h"
#include "loadlaw/workload/workload.h"

namespace loadlaw::engine {

// How the workload's counts map to what the server counts: a server's
// tokenizer gives `prompt` x loadlaw's estimate of a prompt (1 for the
// simulator), and a request produces `output` x its max_tokens (1 when the
// server generates to max_tokens, below 1 when answers stop early).
struct TokenScale {
  double prompt = 1.0;
  double output = 1.0;
};

class WorkloadSessions : public SessionSource {
 public:
  // Draws `pool` sessions of `workload`. Throws std::invalid_argument for a
  // workload with a generic HTTP scenario (the engine serves LLM requests),
  // a bad scale or an empty pool.
  WorkloadSessions(const workload::Workload& workload, TokenScale scale,
                   int pool, std::uint64_t seed);
  SessionShape Next(std::mt19937_64& rng) override;

  const std::vector<SessionShape>& sessions() const { return pool_; }
  // Mean prompt and output tokens per request of the pool.
  double MeanPromptTokens() const;
  double MeanOutputTokens() const;
  // Mean requests per session.
  double MeanTurns() const;

 private:
  std::vector<SessionShape> pool_;
};

}  // namespace loadlaw::engine

#endif  // LOADLAW_ENGINE_WORKLOAD_SESSIONS_H_
