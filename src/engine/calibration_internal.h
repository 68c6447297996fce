// Private to the engine module: the stages of the engine model's
// calibration (calibration.cc holds the per-request stage and the order).

#ifndef LOADLAW_ENGINE_CALIBRATION_INTERNAL_H_
#define LOADLAW_ENGINE_CALIBRATION_INTERNAL_H_

#include <string>
#include <vector>

#include "loadlaw/engine/calibration.h"

namespace loadlaw::engine::internal {

// A level ready for the fit: its usable requests and what a step of it
// holds on average, by Little's law per step (docs/engine.md).
struct Level {
  ObservedLevel observed;
  std::vector<ObservedRequest> requests;  // with a finite TTFT and E2E
  double mean_prompt = 0;      // E[P]
  double mean_output = 0;      // E[T]
  double mean_footprint = 0;   // E[P + T]
  double mean_context_steps = 0;  // E[T (P + (T - 1) / 2)]
  double step_ms = 0;          // mean decode step: sum (T-1) TPOT / sum (T-1)
  double per_step = 0;         // completions per step: X step_ms / 1000
  double batch = 0;            // sequences a step holds: per_step E[T]
  // The batch a decoding request finds itself in: itself and the others'
  // share of `batch` (closed loop: N - 1 of N users, by the arrival
  // theorem; open loop: all of it, by PASTA); `batch` where the level
  // queues at a cap.
  double batch_seen = 0;
  bool queues = false;  // closed loop, requests queued at a cap
  double prefill_tokens = 0;   // prompt tokens a step prefills: per_step E[P]
  double context_tokens = 0;   // context a step holds: per_step E[ctx steps]
  double ttft_mean_ms = 0;
  double tpot_mean_ms = 0;
  double e2e_p99_ms = 0;
};

// The levels with at least a few sampled requests, prepared.
std::vector<Level> PrepareLevels(const std::vector<ObservedLevel>& observed);

// Stage 2: a + b B across levels, from the TPOT intercepts of stage 1.
struct Stage2 {
  bool ok = false;
  std::string why;
  double a = 0, b = 0;
  double var_a = 0, var_b = 0, cov_ab = 0;
  int dof = 0;
  std::vector<std::string> notes;
};
// Per level: `decode_mean` (ms) and its variance, the mean decode step
// (median[L]: of a pure decode step, without prefill work; else TPOT) at
// the mean own context `context_mean` (tokens).
Stage2 FitStepCosts(const std::vector<Level>& levels,
                    const std::vector<bool>& median, double c_ms, double q_ms,
                    double var_c, double var_q, double cov_cq,
                    const std::vector<double>& decode_mean,
                    const std::vector<double>& decode_mean_var,
                    const std::vector<double>& context_mean);

// The batch cap, KV capacity and prefill budget (model->params and the
// EngineLimit fields), with notes.
void IdentifyLimits(const std::vector<Level>& levels,
                    const CalibrationOptions& options, EngineModel* model);

// The server's prompt tokens per loadlaw-counted prompt token.
TokenScale EstimateTokenScale(const std::vector<ObservedLevel>& observed);

// What the engine with `params` gives at a level, simulated in virtual
// time with the level's own sampled token counts.
struct LevelOutcome {
  double requests_per_s = 0;
  double tpot_mean_ms = 0;
  double ttft_mean_ms = 0;
  double e2e_p99_ms = 0;
};
LevelOutcome SimulateLevel(const EngineParams& params, const Level& level,
                           std::uint64_t seed);

// The per-request overhead that makes the simulated TTFT match.
void FitOverhead(const std::vector<Level>& levels,
                 const CalibrationOptions& options, EngineModel* model);

// model->levels: every level measured and simulated.
void ReproduceLevels(const std::vector<Level>& levels,
                     const CalibrationOptions& options, EngineModel* model);

// Worst errors, usable and the warnings.
void JudgeModel(EngineModel* model);

}  // namespace loadlaw::engine::internal

#endif  // LOADLAW_ENGINE_CALIBRATION_INTERNAL_H_
