// File: loadlaw/engine/calibration.h
// The engine model: the parameters of engine.h's step model, calibrated from
// one ordinary sweep, with intervals, what could not be identified, and how
// well the calibrated engine reproduces every measured level.
//
// Calibration (docs/engine.md states it in full):
// 1. Within each level, a request's mean inter-token time (TPOT) grows with
//    its own context (the step time's per-context-token cost c), and its
//    TTFT with its own prompt (the prefill cost p, plus c); pooled over the
//    levels with a level intercept each (weighted by the request's decode
//    steps), with Ceres. This needs prompt and output lengths that vary.
// 2. The level intercepts of TPOT, less the prefill and context work the
//    other requests bring to a step (known from the level's throughput and
//    the sampled token counts, by Little's law per step), are linear in the
//    batch size: a + b B, fitted across levels (Ceres), with the level-to-
//    level scatter as the error and step 1's uncertainty carried over.
// 3. The batch cap from the server's gauges (running requests at a plateau
//    while others wait), or from the latency structure (the batch size by
//    Little's law stops following the users); the KV capacity from the
//    KV-usage gauge; the per-request overhead (client to engine) and the
//    step jitter from what remains: the calibrated engine is simulated at
//    every level and the overhead chosen so TTFT matches.
// A parameter the data do not identify is reported so, never guessed
// silently.
//
//   std::vector<loadlaw::engine::ObservedLevel> levels = ...;  // calibrate
//   loadlaw::engine::EngineModel model =
//       loadlaw::engine::CalibrateEngine(levels, {});
//   if (!model.usable) std::puts(model.message.c_str());

#ifndef LOADLAW_ENGINE_CALIBRATION_H_
#define LOADLAW_ENGINE_CALIBRATION_H_

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "loadlaw/base/estimate.h"
#include "loadlaw/base/json.h"
#include "loadlaw/engine/params.h"
#include "loadlaw/engine/workload_sessions.h"

namespace loadlaw::engine {

inline constexpr double kNotMeasured = std::numeric_limits<double>::quiet_NaN();

// One completed request of a level's sample; times in ms.
struct ObservedRequest {
  double send_ms = kNotMeasured;   // from the start of the window
  std::int64_t prompt_tokens = 0;  // the server's count
  std::int64_t output_tokens = 0;
  double ttft_ms = kNotMeasured;
  double tpot_ms = kNotMeasured;  // NaN below 2 output tokens
  double e2e_ms = kNotMeasured;
  // The median gap between output chunks; NaN when not recorded.
  double itl_median_ms = kNotMeasured;
};

// What one level of a sweep measured.
struct ObservedLevel {
  double load = 0;  // users (closed loop) or requests per second (open)
  bool open_loop = false;
  double think_time_ms = 0;  // closed loop: the users' pause
  double throughput_rps = 0;  // completions per second in the window
  double achieved_concurrency = 0;
  bool settled = true;
  std::vector<ObservedRequest> requests;  // a uniform sample of completions
  // The server's gauges over the window; NaN when not measured.
  double running_mean = kNotMeasured;
  double running_max = kNotMeasured;
  double waiting_mean = kNotMeasured;
  double waiting_max = kNotMeasured;
  double kv_usage_mean = kNotMeasured;  // fraction of the KV cache, 0..1
  // loadlaw's own count of the prompts it sent (workload/tokens.h), mean per
  // request; NaN when not recorded: calibrates TokenScale::prompt.
  double estimated_prompt_tokens_mean = kNotMeasured;
};

struct CalibrationOptions {
  double confidence = 0.95;
  // The server's batch cap when known from its configuration (0: unknown);
  // used when the sweep never reached it.
  int configured_max_num_seqs = 0;
  std::uint64_t seed = 1;  // of the simulations that fit the overhead
  bool IsValid(std::string* why) const;
};

// How a limit of the engine was found.
enum class LimitSource {
  kGauges,         // from the server's own gauges
  kLatency,        // from the latency structure (Little's law)
  kConfigured,     // given (the sweep never reached it)
  kNotIdentified,  // not seen; forecasts assume it never binds
};
std::string_view LimitSourceName(LimitSource source);  // "gauges", ...

struct EngineLimit {
  double value = 0;
  LimitSource source = LimitSource::kNotIdentified;
  std::string note;
};

// One level as measured and as the calibrated engine reproduces it.
struct LevelFit {
  double load = 0;
  bool open_loop = false;
  double batch_size = 0;  // mean batch a step holds (Little's law)
  double requests_per_s_measured = 0;
  double requests_per_s_fitted = 0;
  double tpot_mean_ms_measured = 0;
  double tpot_mean_ms_fitted = 0;
  double ttft_mean_ms_measured = 0;
  double ttft_mean_ms_fitted = 0;
  double e2e_p99_ms_measured = 0;
  double e2e_p99_ms_fitted = 0;
};

struct EngineModel {
  // What forecasts use: the point estimates, the limits and the jitter.
  EngineParams params;
  // The fitted step costs and overhead, with intervals at `confidence`.
  base::Estimate step_base_ms, step_per_seq_ms, prefill_per_token_ms,
      step_per_ctx_token_us, request_overhead_ms, jitter;
  // Covariance of (step_base_ms, step_per_seq_ms, prefill_per_token_ms,
  // step_per_ctx_token_us, request_overhead_ms); NaN where not determined.
  std::array<std::array<double, 5>, 5> covariance{};
  double confidence = 0.95;
  EngineLimit max_num_seqs, kv_capacity_tokens, prefill_budget_tokens;
  TokenScale tokens;  // the server's tokens against loadlaw's counts
  std::vector<LevelFit> levels;
  int requests_used = 0;  // sampled requests the fit used
  // A worst relative error of the reproduced levels: throughput and mean
  // TPOT (the model explains the data poorly beyond 10 % / 15 %).
  double max_throughput_error = kNotMeasured;
  double max_tpot_error = kNotMeasured;
  bool usable = false;
  std::string message;             // why not, when not usable
  std::vector<std::string> notes;  // identifiability and fit warnings

  // The parameters of a what-if: params with `assignments` ("key=value",
  // loadlaw/engine/params.h) applied. Throws std::invalid_argument naming
  // `field` and the bad assignment.
  EngineParams WithSettings(const std::vector<std::string>& assignments,
                            const std::string& field) const;
};

// Calibrates the engine model. Throws std::invalid_argument for invalid
// options or no level at all; data that cannot identify the model give a
// model with usable = false and the reason.
EngineModel CalibrateEngine(const std::vector<ObservedLevel>& levels,
                            const CalibrationOptions& options);

// The model as JSON (the "engine" part of a capacity model file) and back;
// FromJson throws std::invalid_argument naming the pointer of a bad field.
nlohmann::json EngineModelToJson(const EngineModel& model);
EngineModel EngineModelFromJson(const base::JsonNode& node);

}  // namespace loadlaw::engine

#endif  // LOADLAW_ENGINE_CALIBRATION_H_
