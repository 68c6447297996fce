// File: loadlaw/telemetry/summary_json.h
// The JSON form of a level's numbers (WindowSummary), shared by the runner's
// `--json` output, the sweep file and anything that reads them back. Latencies
// in seconds; the field names are documented in docs/metrics.md.
//
//   nlohmann::json j = loadlaw::telemetry::WindowSummaryToJson(summary);
//   loadlaw::telemetry::WindowSummary back =
//       loadlaw::telemetry::WindowSummaryFromJson(loadlaw::base::JsonNode(j));

#ifndef LOADLAW_TELEMETRY_SUMMARY_JSON_H_
#define LOADLAW_TELEMETRY_SUMMARY_JSON_H_

#include <nlohmann/json.hpp>

#include "loadlaw/base/json.h"
#include "loadlaw/telemetry/window_recorder.h"

namespace loadlaw::telemetry {

// The summary as an object: window_s, requests, metrics (ttft, tpot, itl, e2e
// and, in open loop, ttft_sched, e2e_sched, schedule_lag), throughput,
// goodput, concurrency.achieved, errors, error_samples, tokens, sessions,
// time_series.
nlohmann::json WindowSummaryToJson(const WindowSummary& summary);

// Reads what WindowSummaryToJson wrote. Throws std::invalid_argument naming
// the document and the JSON pointer of a missing or mistyped field.
WindowSummary WindowSummaryFromJson(const base::JsonNode& j);

nlohmann::json SummaryToJson(const Summary& summary);
Summary SummaryFromJson(const base::JsonNode& j);

}  // namespace loadlaw::telemetry

#endif  // LOADLAW_TELEMETRY_SUMMARY_JSON_H_
