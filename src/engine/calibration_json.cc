// The engine model as JSON: the "engine" part of a capacity model file
// (calibration.h; models/README.md lists the fields).

#include <stdexcept>

#include "loadlaw/engine/calibration.h"

namespace loadlaw::engine {
namespace {

using base::JsonNode;
using base::NumberJson;
using nlohmann::json;

json EstimateJson(const base::Estimate& e) {
  return {{"value", NumberJson(e.value)},
          {"std_error", NumberJson(e.std_error)},
          {"low", NumberJson(e.low)},
          {"high", NumberJson(e.high)}};
}

base::Estimate ReadEstimate(const JsonNode& n) {
  base::Estimate e;
  e.value = n["value"].NumberOrNonFinite();
  e.std_error = n["std_error"].NumberOrNonFinite();
  e.low = n["low"].NumberOrNonFinite();
  e.high = n["high"].NumberOrNonFinite();
  return e;
}

json LimitJson(const EngineLimit& l) {
  return {{"value", NumberJson(l.value)},
          {"source", std::string(LimitSourceName(l.source))},
          {"note", l.note}};
}

EngineLimit ReadLimit(const JsonNode& n) {
  EngineLimit l;
  l.value = n["value"].Number();
  const JsonNode source = n["source"];
  const std::string text = source.String();
  bool known = false;
  for (LimitSource s :
       {LimitSource::kGauges, LimitSource::kLatency, LimitSource::kConfigured,
        LimitSource::kNotIdentified}) {
    if (text == LimitSourceName(s)) {
      l.source = s;
      known = true;
    }
  }
  if (!known) {
    source.Fail("'" + text +
                "' is not one of gauges, latency, configured, not_identified");
  }
  l.note = n["note"].String();
  return l;
}

json LevelJson(const LevelFit& f) {
  return {{"load", f.load},
          {"open_loop", f.open_loop},
          {"batch_size", NumberJson(f.batch_size)},
          {"requests_per_s_measured", NumberJson(f.requests_per_s_measured)},
          {"requests_per_s_fitted", NumberJson(f.requests_per_s_fitted)},
          {"tpot_mean_ms_measured", NumberJson(f.tpot_mean_ms_measured)},
          {"tpot_mean_ms_fitted", NumberJson(f.tpot_mean_ms_fitted)},
          {"ttft_mean_ms_measured", NumberJson(f.ttft_mean_ms_measured)},
          {"ttft_mean_ms_fitted", NumberJson(f.ttft_mean_ms_fitted)},
          {"e2e_p99_ms_measured", NumberJson(f.e2e_p99_ms_measured)},
          {"e2e_p99_ms_fitted", NumberJson(f.e2e_p99_ms_fitted)}};
}

LevelFit ReadLevel(const JsonNode& n) {
  LevelFit f;
  f.load = n["load"].Number();
  f.open_loop = n["open_loop"].Bool();
  f.batch_size = n["batch_size"].NumberOrNonFinite();
  f.requests_per_s_measured = n["requests_per_s_measured"].NumberOrNonFinite();
  f.requests_per_s_fitted = n["requests_per_s_fitted"].NumberOrNonFinite();
  f.tpot_mean_ms_measured = n["tpot_mean_ms_measured"].NumberOrNonFinite();
  f.tpot_mean_ms_fitted = n["tpot_mean_ms_fitted"].NumberOrNonFinite();
  f.ttft_mean_ms_measured = n["ttft_mean_ms_measured"].NumberOrNonFinite();
  f.ttft_mean_ms_fitted = n["ttft_mean_ms_fitted"].NumberOrNonFinite();
  f.e2e_p99_ms_measured = n["e2e_p99_ms_measured"].NumberOrNonFinite();
  f.e2e_p99_ms_fitted = n["e2e_p99_ms_fitted"].NumberOrNonFinite();
  return f;
}

}  // namespace

json EngineModelToJson(const EngineModel& m) {
  json covariance = json::array();
  for (const auto& row : m.covariance) {
    covariance.push_back(
        base::NumbersJson(std::vector<double>(row.begin(), row.end())));
  }
  json levels = json::array();
  for (const LevelFit& f : m.levels) levels.push_back(LevelJson(f));
  return {{"params", ParamsToJson(m.params)},
          {"fitted",
           {{"step_base_ms", EstimateJson(m.step_base_ms)},
            {"step_per_seq_ms", EstimateJson(m.step_per_seq_ms)},
            {"prefill_per_token_ms", EstimateJson(m.prefill_per_token_ms)},
            {"step_per_ctx_token_us", EstimateJson(m.step_per_ctx_token_us)},
            {"request_overhead_ms", EstimateJson(m.request_overhead_ms)},
            {"jitter", EstimateJson(m.jitter)}}},
          {"covariance", covariance},
          {"confidence", m.confidence},
          {"limits",
           {{"max_num_seqs", LimitJson(m.max_num_seqs)},
            {"kv_capacity_tokens", LimitJson(m.kv_capacity_tokens)},
            {"prefill_budget_tokens", LimitJson(m.prefill_budget_tokens)}}},
          {"token_scale",
           {{"prompt", m.tokens.prompt}, {"output", m.tokens.output}}},
          {"levels", levels},
          {"requests_used", m.requests_used},
          {"max_throughput_error", NumberJson(m.max_throughput_error)},
          {"max_tpot_error", NumberJson(m.max_tpot_error)},
          {"usable", m.usable},
          {"message", m.message},
          {"notes", m.notes}};
}

EngineModel EngineModelFromJson(const JsonNode& n) {
  EngineModel m;
  m.params = ParamsFromJson(n["params"]);
  const JsonNode fitted = n["fitted"];
  m.step_base_ms = ReadEstimate(fitted["step_base_ms"]);
  m.step_per_seq_ms = ReadEstimate(fitted["step_per_seq_ms"]);
  m.prefill_per_token_ms = ReadEstimate(fitted["prefill_per_token_ms"]);
  m.step_per_ctx_token_us = ReadEstimate(fitted["step_per_ctx_token_us"]);
  m.request_overhead_ms = ReadEstimate(fitted["request_overhead_ms"]);
  m.jitter = ReadEstimate(fitted["jitter"]);
  const JsonNode covariance = n["covariance"];
  if (covariance.Size() != 5) covariance.Fail("expected 5 rows");
  for (std::size_t i = 0; i < 5; ++i) {
    const JsonNode row = covariance.At(i);
    if (row.Size() != 5) row.Fail("expected 5 values");
    for (std::size_t j = 0; j < 5; ++j) {
      m.covariance[i][j] = row.At(j).NumberOrNonFinite();
    }
  }
  m.confidence = n["confidence"].Number();
  const JsonNode limits = n["limits"];
  m.max_num_seqs = ReadLimit(limits["max_num_seqs"]);
  m.kv_capacity_tokens = ReadLimit(limits["kv_capacity_tokens"]);
  m.prefill_budget_tokens = ReadLimit(limits["prefill_budget_tokens"]);
  const JsonNode tokens = n["token_scale"];
  m.tokens.prompt = tokens["prompt"].Number();
  m.tokens.output = tokens["output"].Number();
  const JsonNode levels = n["levels"];
  for (std::size_t i = 0; i < levels.Size(); ++i) {
    m.levels.push_back(ReadLevel(levels.At(i)));
  }
  m.requests_used = n["requests_used"].Int();
  m.max_throughput_error = n["max_throughput_error"].NumberOrNonFinite();
  m.max_tpot_error = n["max_tpot_error"].NumberOrNonFinite();
  m.usable = n["usable"].Bool();
  m.message = n["message"].String();
  m.notes = n["notes"].Strings();
  return m;
}

}  // namespace loadlaw::engine
