#include "loadlaw/telemetry/summary_json.h"

#include <optional>
#include <stdexcept>
#include <string>

namespace loadlaw::telemetry {
namespace {

using base::JsonNode;
using nlohmann::json;

std::uint64_t Count(const JsonNode& node) {
  return static_cast<std::uint64_t>(node.Integer(0));
}

json SeriesToJson(const std::vector<SecondPoint>& points) {
  json t = json::array(), completed = json::array(), errors = json::array(),
       tokens = json::array(), concurrency = json::array(),
       ttft = json::array(), e2e = json::array();
  for (const SecondPoint& p : points) {
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

std::vector<SecondPoint> SeriesFromJson(const JsonNode& series) {
  const std::vector<double> t = series["t_s"].Numbers();
  const JsonNode completed = series["completed"], errors = series["errors"],
                 tokens = series["output_tokens"],
                 concurrency = series["concurrency"],
                 ttft = series["ttft_mean_s"], e2e = series["e2e_mean_s"];
  for (const JsonNode* a : {&completed, &errors, &tokens, &concurrency, &ttft,
                            &e2e}) {
    if (a->Size() != t.size()) {
      a->Fail("has " + std::to_string(a->Size()) + " values, t_s has " +
              std::to_string(t.size()));
    }
  }
  std::vector<SecondPoint> out(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    out[i] = {t[i],
              Count(completed.At(i)),
              Count(errors.At(i)),
              tokens.At(i).Integer(),
              0,
              concurrency.At(i).NumberOrNonFinite(),
              ttft.At(i).NumberOrNonFinite(),
              e2e.At(i).NumberOrNonFinite()};
  }
  return out;
}

void ErrorsFromJson(const JsonNode& j, WindowSummary* s) {
  const JsonNode errors = j["errors"];
  const std::optional<JsonNode> samples = j.Find("error_samples");
  for (size_t i = 0; i < AllErrorClasses().size(); ++i) {
    const std::string name(ErrorClassName(AllErrorClasses()[i]));
    s->errors[i].count = Count(errors[name]);
    if (samples && samples->Has(name)) {
      s->errors[i].sample = (*samples)[name].String();
    }
  }
}

}  // namespace

json SummaryToJson(const Summary& s) {
  return {{"count", s.count}, {"mean", s.mean}, {"min", s.min},
          {"p50", s.p50},     {"p90", s.p90},   {"p95", s.p95},
          {"p99", s.p99},     {"p999", s.p999}, {"max", s.max}};
}

Summary SummaryFromJson(const JsonNode& j) {
  Summary s;
  s.count = Count(j["count"]);
  s.mean = j["mean"].NumberOrNonFinite();
  s.min = j["min"].NumberOrNonFinite();
  s.max = j["max"].NumberOrNonFinite();
  s.p50 = j["p50"].NumberOrNonFinite();
  s.p90 = j["p90"].NumberOrNonFinite();
  s.p95 = j["p95"].NumberOrNonFinite();
  s.p99 = j["p99"].NumberOrNonFinite();
  s.p999 = j["p999"].NumberOrNonFinite();
  return s;
}
json WindowSummaryToJson(const WindowSummary& s) {
  json j;
  j["window_s"] = s.window_s;
  j["open_loop"] = s.open_loop;
  j["requests"] = {{"finished", s.finished},
                   {"completed", s.completed},
                   {"failed", s.failed}};
  json metrics = {{"ttft", SummaryToJson(s.ttft)},
                  {"tpot", SummaryToJson(s.tpot)},
                  {"itl", SummaryToJson(s.itl)},
                  {"e2e", SummaryToJson(s.e2e)}};
  if (s.open_loop) {
    metrics["ttft_sched"] = SummaryToJson(s.ttft_sched);
    metrics["e2e_sched"] = SummaryToJson(s.e2e_sched);
    metrics["schedule_lag"] = SummaryToJson(s.schedule_lag);
  }
  j["metrics"] = std::move(metrics);
  j["throughput"] = {{"requests_per_s", s.requests_per_s},
                     {"output_tokens_per_s", s.output_tokens_per_s},
                     {"input_tokens_per_s", s.input_tokens_per_s},
                     {"goodput_requests_per_s", s.goodput_rps}};
  j["goodput"] = {{"completions", s.good_completions},
                  {"requests_per_s", s.goodput_rps}};
  j["concurrency"] = {{"achieved", s.achieved_concurrency}};
  json errors = json::object(), samples = json::object();
  for (ErrorClass e : AllErrorClasses()) {
    const ErrorTally& tally = s.Error(e);
    const std::string name(ErrorClassName(e));
    errors[name] = tally.count;
    if (tally.count > 0) samples[name] = tally.sample;
  }
  j["errors"] = std::move(errors);
  j["error_samples"] = std::move(samples);
  j["tokens"] = {{"input", s.input_tokens_total},
                 {"output", s.output_tokens_total},
                 {"output_counted_from_chunks", s.tokens_from_chunks},
                 {"input_per_request", SummaryToJson(s.input_tokens)},
                 {"output_per_request", SummaryToJson(s.output_tokens)}};
  j["sessions"] = {{"finished", s.sessions_finished},
                   {"succeeded", s.sessions_succeeded},
                   {"success_rate", s.session_success_rate}};
  j["time_series"] = SeriesToJson(s.time_series);
  return j;
}

WindowSummary WindowSummaryFromJson(const JsonNode& j) {
  WindowSummary s;
  s.window_s = j["window_s"].Number();
  s.open_loop = j.Has("open_loop") && j["open_loop"].Bool();
  const JsonNode requests = j["requests"];
  s.finished = Count(requests["finished"]);
  s.completed = Count(requests["completed"]);
  s.failed = Count(requests["failed"]);
  const JsonNode metrics = j["metrics"];
  s.ttft = SummaryFromJson(metrics["ttft"]);
  s.tpot = SummaryFromJson(metrics["tpot"]);
  s.itl = SummaryFromJson(metrics["itl"]);
  s.e2e = SummaryFromJson(metrics["e2e"]);
  if (s.open_loop) {
    s.ttft_sched = SummaryFromJson(metrics["ttft_sched"]);
    s.e2e_sched = SummaryFromJson(metrics["e2e_sched"]);
    s.schedule_lag = SummaryFromJson(metrics["schedule_lag"]);
  }
  const JsonNode throughput = j["throughput"];
  s.requests_per_s = throughput["requests_per_s"].Number();
  s.output_tokens_per_s = throughput["output_tokens_per_s"].Number();
  s.input_tokens_per_s = throughput["input_tokens_per_s"].Number();
  s.good_completions = Count(j["goodput"]["completions"]);
  s.goodput_rps = j["goodput"]["requests_per_s"].Number();
  s.achieved_concurrency = j["concurrency"]["achieved"].Number();
  ErrorsFromJson(j, &s);
  const JsonNode tokens = j["tokens"];
  s.input_tokens_total = tokens["input"].Integer();
  s.output_tokens_total = tokens["output"].Integer();
  s.tokens_from_chunks = Count(tokens["output_counted_from_chunks"]);
  s.input_tokens = SummaryFromJson(tokens["input_per_request"]);
  s.output_tokens = SummaryFromJson(tokens["output_per_request"]);
  const JsonNode sessions = j["sessions"];
  s.sessions_finished = Count(sessions["finished"]);
  s.sessions_succeeded = Count(sessions["succeeded"]);
  s.session_success_rate = sessions["success_rate"].Number();
  s.time_series = SeriesFromJson(j["time_series"]);
  return s;
}

}  // namespace loadlaw::telemetry
