#include "loadlaw/telemetry/summary_json.h"

#include <stdexcept>
#include <string>

namespace loadlaw::telemetry {
namespace {

using nlohmann::json;

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

std::vector<SecondPoint> SeriesFromJson(const json& j) {
  const auto t = JsonAt<std::vector<double>>(j, "/time_series/t_s");
  const auto completed =
      JsonAt<std::vector<std::uint64_t>>(j, "/time_series/completed");
  const auto errors = JsonAt<std::vector<std::uint64_t>>(j, "/time_series/errors");
  const auto tokens =
      JsonAt<std::vector<std::int64_t>>(j, "/time_series/output_tokens");
  const auto concurrency =
      JsonAt<std::vector<double>>(j, "/time_series/concurrency");
  const auto ttft = JsonAt<std::vector<double>>(j, "/time_series/ttft_mean_s");
  const auto e2e = JsonAt<std::vector<double>>(j, "/time_series/e2e_mean_s");
  for (size_t n : {completed.size(), errors.size(), tokens.size(),
                   concurrency.size(), ttft.size(), e2e.size()}) {
    if (n != t.size()) {
      throw std::invalid_argument(
          "field /time_series: its arrays differ in length");
    }
  }
  std::vector<SecondPoint> out(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    out[i] = {t[i],           completed[i], errors[i], tokens[i], 0,
              concurrency[i], ttft[i],      e2e[i]};
  }
  return out;
}

void ErrorsFromJson(const json& j, WindowSummary* s) {
  for (size_t i = 0; i < AllErrorClasses().size(); ++i) {
    const std::string name(ErrorClassName(AllErrorClasses()[i]));
    s->errors[i].count = JsonAt<std::uint64_t>(j, "/errors/" + name);
    const json::json_pointer sample("/error_samples/" + name);
    if (j.contains(sample)) {
      s->errors[i].sample = JsonAt<std::string>(j, sample.to_string());
    }
  }
}

// The Summary object at `pointer` of `root` (errors name the full pointer).
Summary SummaryAt(const json& root, const std::string& pointer) {
  Summary s;
  s.count = JsonAt<std::uint64_t>(root, pointer + "/count");
  s.mean = JsonAt<double>(root, pointer + "/mean");
  s.min = JsonAt<double>(root, pointer + "/min");
  s.max = JsonAt<double>(root, pointer + "/max");
  s.p50 = JsonAt<double>(root, pointer + "/p50");
  s.p90 = JsonAt<double>(root, pointer + "/p90");
  s.p95 = JsonAt<double>(root, pointer + "/p95");
  s.p99 = JsonAt<double>(root, pointer + "/p99");
  s.p999 = JsonAt<double>(root, pointer + "/p999");
  return s;
}

}  // namespace

json SummaryToJson(const Summary& s) {
  return {{"count", s.count}, {"mean", s.mean}, {"min", s.min},
          {"p50", s.p50},     {"p90", s.p90},   {"p95", s.p95},
          {"p99", s.p99},     {"p999", s.p999}, {"max", s.max}};
}

Summary SummaryFromJson(const json& j) { return SummaryAt(j, ""); }

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

WindowSummary WindowSummaryFromJson(const json& j) {
  WindowSummary s;
  s.window_s = JsonAt<double>(j, "/window_s");
  s.open_loop = j.contains("open_loop") && JsonAt<bool>(j, "/open_loop");
  s.finished = JsonAt<std::uint64_t>(j, "/requests/finished");
  s.completed = JsonAt<std::uint64_t>(j, "/requests/completed");
  s.failed = JsonAt<std::uint64_t>(j, "/requests/failed");
  auto metric = [&](const char* name) {
    return SummaryAt(j, std::string("/metrics/") + name);
  };
  s.ttft = metric("ttft");
  s.tpot = metric("tpot");
  s.itl = metric("itl");
  s.e2e = metric("e2e");
  if (s.open_loop) {
    s.ttft_sched = metric("ttft_sched");
    s.e2e_sched = metric("e2e_sched");
    s.schedule_lag = metric("schedule_lag");
  }
  s.requests_per_s = JsonAt<double>(j, "/throughput/requests_per_s");
  s.output_tokens_per_s = JsonAt<double>(j, "/throughput/output_tokens_per_s");
  s.input_tokens_per_s = JsonAt<double>(j, "/throughput/input_tokens_per_s");
  s.good_completions = JsonAt<std::uint64_t>(j, "/goodput/completions");
  s.goodput_rps = JsonAt<double>(j, "/goodput/requests_per_s");
  s.achieved_concurrency = JsonAt<double>(j, "/concurrency/achieved");
  ErrorsFromJson(j, &s);
  s.input_tokens_total = JsonAt<std::int64_t>(j, "/tokens/input");
  s.output_tokens_total = JsonAt<std::int64_t>(j, "/tokens/output");
  s.tokens_from_chunks =
      JsonAt<std::uint64_t>(j, "/tokens/output_counted_from_chunks");
  s.input_tokens = SummaryAt(j, "/tokens/input_per_request");
  s.output_tokens = SummaryAt(j, "/tokens/output_per_request");
  s.sessions_finished = JsonAt<std::uint64_t>(j, "/sessions/finished");
  s.sessions_succeeded = JsonAt<std::uint64_t>(j, "/sessions/succeeded");
  s.session_success_rate = JsonAt<double>(j, "/sessions/success_rate");
  s.time_series = SeriesFromJson(j);
  return s;
}

}  // namespace loadlaw::telemetry
