// JSON renderings of run results (schema "loadlaw.run/1").

#include <nlohmann/json.hpp>

#include "loadlaw/runner/runner.h"

namespace loadlaw::runner {
namespace {

using nlohmann::json;

json SummaryJson(const telemetry::Summary& s) {
  return {{"count", s.count}, {"mean", s.mean}, {"min", s.min},
          {"p50", s.p50},     {"p90", s.p90},   {"p95", s.p95},
          {"p99", s.p99},     {"p999", s.p999}, {"max", s.max}};
}

json SeriesJson(const std::vector<telemetry::SecondPoint>& points) {
  json t = json::array(), completed = json::array(), errors = json::array(),
       tokens = json::array(), concurrency = json::array(),
       ttft = json::array(), e2e = json::array();
  for (const telemetry::SecondPoint& p : points) {
    t.push_back(p.t_s);
    completed.push_back(p.completed);
    errors.push_back(p.errors);
    tokens.push_back(p.output_tokens);
    concurrency.push_back(p.concurrency);
    ttft.push_back(p.ttft_mean_s);
    e2e.push_back(p.e2e_mean_s);
  }
  return {{"t_s", t},
          {"completed", completed},
          {"errors", errors},
          {"output_tokens", tokens},
          {"concurrency", concurrency},
          {"ttft_mean_s", ttft},
          {"e2e_mean_s", e2e}};
}

json ConfigJson(const LoadLevel& l, LoopKind loop) {
  json c;
  if (loop == LoopKind::kClosed) {
    c["concurrency"] = l.concurrency;
  } else {
    c["rate_rps"] = l.rate_rps;
  }
  c["warmup_s"] = telemetry::ToSeconds(l.warmup);
  if (l.requests > 0) {
    c["requests"] = l.requests;
  } else {
    c["duration_s"] = telemetry::ToSeconds(l.duration);
  }
  return c;
}

json ErrorsJson(const telemetry::WindowSummary& s, json* samples) {
  json errors = json::object();
  *samples = json::object();
  for (telemetry::ErrorClass e : telemetry::AllErrorClasses()) {
    const telemetry::ErrorTally& tally = s.Error(e);
    const std::string name(telemetry::ErrorClassName(e));
    errors[name] = tally.count;
    if (tally.count > 0) (*samples)[name] = tally.sample;
  }
  return errors;
}

json LevelJson(const LevelResult& level, LoopKind loop, int max_in_flight) {
  const telemetry::WindowSummary& s = level.summary;
  json j;
  j["index"] = level.index;
  j["complete"] = level.complete;
  j["config"] = ConfigJson(level.level, loop);
  j["window_s"] = s.window_s;
  j["requests"] = {{"finished", s.finished},
                   {"completed", s.completed},
                   {"failed", s.failed}};
  json metrics = {{"ttft", SummaryJson(s.ttft)},
                  {"tpot", SummaryJson(s.tpot)},
                  {"itl", SummaryJson(s.itl)},
                  {"e2e", SummaryJson(s.e2e)}};
  if (loop == LoopKind::kOpen) {
    metrics["ttft_sched"] = SummaryJson(s.ttft_sched);
    metrics["e2e_sched"] = SummaryJson(s.e2e_sched);
    metrics["schedule_lag"] = SummaryJson(s.schedule_lag);
  }
  j["metrics"] = std::move(metrics);
  j["throughput"] = {{"requests_per_s", s.requests_per_s},
                     {"output_tokens_per_s", s.output_tokens_per_s},
                     {"input_tokens_per_s", s.input_tokens_per_s},
                     {"goodput_requests_per_s", s.goodput_rps}};
  j["goodput"] = {{"completions", s.good_completions},
                  {"requests_per_s", s.goodput_rps}};
  json configured = nullptr;
  if (loop == LoopKind::kClosed) configured = level.level.concurrency;
  if (loop == LoopKind::kOpen && max_in_flight > 0) configured = max_in_flight;
  j["concurrency"] = {{"configured", configured},
                      {"achieved", s.achieved_concurrency}};
  json samples;
  j["errors"] = ErrorsJson(s, &samples);
  j["error_samples"] = std::move(samples);
  j["tokens"] = {{"input", s.input_tokens_total},
                 {"output", s.output_tokens_total},
                 {"output_counted_from_chunks", s.tokens_from_chunks},
                 {"input_per_request", SummaryJson(s.input_tokens)},
                 {"output_per_request", SummaryJson(s.output_tokens)}};
  j["sessions"] = {{"finished", s.sessions_finished},
                   {"succeeded", s.sessions_succeeded},
                   {"success_rate", s.session_success_rate}};
  j["time_series"] = SeriesJson(s.time_series);
  return j;
}

std::string Dump(const json& j, int indent) {
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string LevelResultToJson(const LevelResult& level, LoopKind loop,
                              int indent) {
  return Dump(LevelJson(level, loop, 0), indent);
}

std::string RunResultToJson(const RunResult& result, int indent) {
  json j;
  j["schema"] = "loadlaw.run/1";
  j["target"] = result.target;
  j["workload"] = result.workload;
  j["loop"] = std::string(LoopKindName(result.loop));
  if (result.loop == LoopKind::kOpen) {
    j["arrival"] = std::string(workload::ArrivalKindName(result.arrival));
    j["burstiness"] = result.burstiness;
    j["max_in_flight"] = result.max_in_flight;
  }
  j["threads"] = result.threads;
  j["cancelled"] = result.cancelled;
  j["start_unix_s"] = result.start_unix_s;
  j["elapsed_s"] = result.elapsed_s;
  j["aborted_requests"] = result.aborted_requests;
  j["connections_opened"] = result.connections_opened;
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
