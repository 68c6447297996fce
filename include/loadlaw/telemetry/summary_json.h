// File: loadlaw/telemetry/summary_json.h
// The JSON form of a level's numbers (WindowSummary), shared by the runner's
// `--json` output, the sweep file and anything that reads them back. Latencies
// in seconds; the field names are documented in docs/metrics.md.
//
//   nlohmann::json j = loadlaw::telemetry::WindowSummaryToJson(summary);
//   loadlaw::telemetry::WindowSummary back =
//       loadlaw::telemetry::WindowSummaryFromJson(j);

#ifndef LOADLAW_TELEMETRY_SUMMARY_JSON_H_
#define LOADLAW_TELEMETRY_SUMMARY_JSON_H_

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "loadlaw/telemetry/window_recorder.h"

namespace loadlaw::telemetry {

// The value at the JSON pointer `pointer` of `j` as T; std::invalid_argument
// naming the pointer when it is missing or of another type. For the readers
// of these documents (summaries, sweep files).
template <class T>
T JsonAt(const nlohmann::json& j, const std::string& pointer) {
  const nlohmann::json::json_pointer p(pointer);
  if (!j.contains(p)) throw std::invalid_argument("missing field " + pointer);
  try {
    return j.at(p).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw std::invalid_argument("field " + pointer + " has the wrong type (" +
                                j.at(p).type_name() + ")");
  }
}

// The summary as an object: window_s, requests, metrics (ttft, tpot, itl, e2e
// and, in open loop, ttft_sched, e2e_sched, schedule_lag), throughput,
// goodput, concurrency.achieved, errors, error_samples, tokens, sessions,
// time_series.
nlohmann::json WindowSummaryToJson(const WindowSummary& summary);

// Reads what WindowSummaryToJson wrote. Throws std::invalid_argument naming
// the JSON pointer of a missing or mistyped field.
WindowSummary WindowSummaryFromJson(const nlohmann::json& j);

nlohmann::json SummaryToJson(const Summary& summary);
Summary SummaryFromJson(const nlohmann::json& j);

}  // namespace loadlaw::telemetry

#endif  // LOADLAW_TELEMETRY_SUMMARY_JSON_H_
