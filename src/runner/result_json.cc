// JSON renderings of run results (schema "loadlaw.run/1").

#include <nlohmann/json.hpp>

#include "loadlaw/runner/runner.h"
#include "loadlaw/telemetry/summary_json.h"

namespace loadlaw::runner {
namespace {

using nlohmann::json;

json ConfigJson(const LoadLevel& l, telemetry::LoopKind loop) {
  json c;
  if (loop == telemetry::LoopKind::kClosed) {
    c["concurrency"] = l.concurrency;
  } else {
    c["rate_rps"] = l.rate_rps;
  }
  c["warmup_s"] = base::ToSeconds(l.warmup);
  if (l.requests > 0) {
    c["requests"] = l.requests;
  } else {
    c["duration_s"] = base::ToSeconds(l.duration);
  }
  return c;
}

json LevelJson(const LevelResult& level, telemetry::LoopKind loop, int max_in_flight) {
  json j;
  j["index"] = level.index;
  j["complete"] = level.complete;
  j["config"] = ConfigJson(level.level, loop);
  j.update(telemetry::WindowSummaryToJson(level.summary));
  json configured = nullptr;
  if (loop == telemetry::LoopKind::kClosed) configured = level.level.concurrency;
  if (loop == telemetry::LoopKind::kOpen && max_in_flight > 0) configured = max_in_flight;
  j["concurrency"]["configured"] = configured;
  return j;
}

std::string Dump(const json& j, int indent) {
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string LevelResultToJson(const LevelResult& level, telemetry::LoopKind loop,
                              int indent) {
  return Dump(LevelJson(level, loop, 0), indent);
}

std::string RunResultToJson(const RunResult& result, int indent) {
  json j;
  j["schema"] = "loadlaw.run/1";
  j["target"] = result.target;
  j["workload"] = result.workload;
  j["loop"] = std::string(telemetry::LoopKindName(result.loop));
  if (result.loop == telemetry::LoopKind::kOpen) {
    j["arrival"] = std::string(workload::ArrivalKindName(result.arrival));
    j["burstiness"] = result.burstiness;
    j["max_in_flight"] = result.max_in_flight;
  }
  j["threads"] = result.threads;
  j["transport"] = std::string(TransportName(result.transport));
  j["cancelled"] = result.cancelled;
  j["start_unix_s"] = result.start_unix_s;
  j["elapsed_s"] = result.elapsed_s;
  j["aborted_requests"] = result.aborted_requests;
  j["connections_opened"] = result.connections_opened;
  if (!result.records_error.empty()) j["records_error"] = result.records_error;
  json levels = json::array();
  for (const LevelResult& level : result.levels) {
    levels.push_back(LevelJson(level, result.loop, result.max_in_flight));
  }
  if (levels.size() == 1) {
    for (auto it = levels[0].begin(); it != levels[0].end(); ++it) {
      if (it.key() != "index") j[it.key()] = it.value();
    }
  }
  j["levels"] = std::move(levels);
  return Dump(j, indent);
}

}  // namespace loadlaw::runner
