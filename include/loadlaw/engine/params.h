// File: loadlaw/engine/params.h
// The parameters of a continuous-batching serving engine (vLLM, SGLang, TGI,
// llama.cpp's server): a batch cap, a prefill (chunk) budget per step, a KV
// cache, and a step whose time is linear in what the step holds,
//
//   step_ms = a + b * B + p * F + (c / 1000) * C
//
// (B sequences in the batch, F prompt tokens prefilled in the step, C
// context tokens held by the batch), times a lognormal factor of mean 1 and
// coefficient of variation `jitter`; plus a fixed per-request overhead (the
// network, the HTTP server, tokenization) between a client's send and the
// engine. `loadlaw sim` implements exactly this family; the engine model
// calibrated from a sweep (loadlaw/engine/calibration.h) fits it to a real
// server. docs/engine.md has the model and its assumptions.
//
//   loadlaw::engine::EngineParams p;
//   p.max_num_seqs = 64;
//   loadlaw::engine::SetParam(&p, "step_base_ms=7.5", "--set");  // a what-if
//   double ms = p.StepMs(/*batch=*/32, /*prefill=*/512, /*context=*/20000);

#ifndef LOADLAW_ENGINE_PARAMS_H_
#define LOADLAW_ENGINE_PARAMS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "loadlaw/base/json.h"

namespace loadlaw::engine {

struct EngineParams {
  int max_num_seqs = 256;                      // sequences in the batch
  std::int64_t prefill_budget_tokens = 8192;   // prompt tokens a step
  std::int64_t kv_capacity_tokens = 524288;    // KV cache, tokens
  double step_base_ms = 5.0;                   // a: fixed cost of a step
  double step_per_seq_ms = 0.05;               // b: per sequence
  double prefill_per_token_ms = 0.002;         // p: per prompt token
  double step_per_ctx_token_us = 0.01;         // c: per context token (us)
  double request_overhead_ms = 0.0;  // client send -> engine, per request
  double jitter = 0.0;  // coefficient of variation of the step time

  // The step time without jitter, in ms.
  double StepMs(int batch_seqs, std::int64_t prefill_tokens,
                std::int64_t context_tokens) const {
    return step_base_ms + step_per_seq_ms * batch_seqs +
           prefill_per_token_ms * static_cast<double>(prefill_tokens) +
           step_per_ctx_token_us * 1e-3 * static_cast<double>(context_tokens);
  }

  // True when every field is in range; otherwise false with a message naming
  // the field and its value in *why (when not null).
  bool IsValid(std::string* why) const;
};

// One parameter: its key (the JSON key and the name in --set), unit, help,
// and text accessors. The table is the single source of the parameters'
// names for the simulator's flags, `--set` what-ifs and the model file.
struct ParamField {
  std::string key;   // e.g. "max_num_seqs"
  std::string unit;  // e.g. "ms", "tokens", "sequences"
  std::string help;  // one line
  bool integer = false;
  // Sets the field from text; throws std::invalid_argument "<field>: ..."
  // naming the key and the text when it does not parse (not range-checked).
  std::function<void(EngineParams*, const std::string& text,
                     const std::string& field)>
      set;
  std::function<double(const EngineParams&)> get;
};

// Every parameter, in declaration order.
const std::vector<ParamField>& ParamFields();

// Applies "key=value" to *params and checks the result (IsValid). Throws
// std::invalid_argument starting with `field` (e.g. "--set") for an unknown
// key (naming the known ones), a bad value or one out of range.
void SetParam(EngineParams* params, std::string_view assignment,
              std::string_view field);

// The parameters as a JSON object of every key, and back (every key
// optional over the defaults; unknown keys refused naming their pointer).
nlohmann::json ParamsToJson(const EngineParams& params);
EngineParams ParamsFromJson(const base::JsonNode& node);

}  // namespace loadlaw::engine

#endif  // LOADLAW_ENGINE_PARAMS_H_
