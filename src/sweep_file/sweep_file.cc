// The sweep file: JSON writing and reading (sweep_file.h).

#include "loadlaw/sweep_file/sweep_file.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "loadlaw/base/file.h"
#include "loadlaw/base/json.h"
#include "loadlaw/telemetry/summary_json.h"

namespace loadlaw::sweep {
namespace {

using base::JsonNode;
using base::NumberJson;
using nlohmann::json;

json ProvenanceJson(const SweepProvenance& p) {
  return {{"target", p.target},
          {"served_model", p.served_model},
          {"workload_name", p.workload_name},
          {"workload_hash", p.workload_hash},
          {"label", p.label},
          {"date", p.date},
          {"loadlaw_version", p.loadlaw_version},
          {"loop", std::string(telemetry::LoopKindName(p.loop))},
          {"think_time_s", p.think_time_s},
          {"server_concurrency_limit", p.server_concurrency_limit}};
}

SweepProvenance ProvenanceFromJson(const JsonNode& j) {
  SweepProvenance p;
  p.target = j["target"].String();
  p.served_model = j["served_model"].String();
  p.workload_name = j["workload_name"].String();
  p.workload_hash = j["workload_hash"].String();
  p.label = j["label"].String();
  p.date = j["date"].String();
  p.loadlaw_version = j["loadlaw_version"].String();
  const JsonNode loop = j["loop"];
  p.loop = telemetry::ParseLoopKind(loop.String(), loop.Where());
  p.think_time_s = j["think_time_s"].NonNegative();
  p.server_concurrency_limit = j["server_concurrency_limit"].Int();
  return p;
}

json SettingsJson(const SweepSettings& s) {
  return {{"concurrencies", s.concurrencies},
          {"rates_rps", s.rates_rps},
          {"auto", s.auto_levels},
          {"warmup_s", s.warmup_s},
          {"level_duration_s", s.level_duration_s},
          {"max_extensions", s.max_extensions},
          {"threads", s.threads},
          {"transport", s.transport},
          {"seed", s.seed}};
}

// Every field is optional: the settings only inform a resumed sweep.
SweepSettings SettingsFromJson(const JsonNode& j) {
  SweepSettings s;
  if (auto v = j.Find("concurrencies")) {
    for (std::size_t i = 0; i < v->Size(); ++i) {
      s.concurrencies.push_back(v->At(i).Int());
    }
  }
  if (auto v = j.Find("rates_rps")) s.rates_rps = v->Numbers();
  if (auto v = j.Find("auto")) s.auto_levels = v->Bool();
  if (auto v = j.Find("warmup_s")) s.warmup_s = v->NonNegative();
  if (auto v = j.Find("level_duration_s")) s.level_duration_s = v->NonNegative();
  if (auto v = j.Find("max_extensions")) s.max_extensions = v->Int();
  if (auto v = j.Find("threads")) s.threads = v->Int();
  if (auto v = j.Find("transport")) s.transport = v->String();
  if (auto v = j.Find("seed")) {
    s.seed = static_cast<std::uint64_t>(
        v->Integer(0, std::numeric_limits<std::int64_t>::max()));
  }
  return s;
}

json SteadyJson(const SteadyState& s) {
  return {{"settled", s.settled}, {"seconds", s.seconds},
          {"mean_per_s", s.mean_per_s}, {"cv", s.cv},
          {"cv_limit", s.cv_limit}, {"trend", s.trend},
          {"trend_t", NumberJson(s.trend_t)},
          {"little_gap", NumberJson(s.little_gap)},
          {"little_limit", NumberJson(s.little_limit)}, {"reason", s.reason}};
}

SteadyState SteadyFromJson(const JsonNode& j) {
  SteadyState s;
  s.settled = j["settled"].Bool();
  s.seconds = j["seconds"].Int();
  s.mean_per_s = j["mean_per_s"].NumberOrNonFinite();
  s.cv = j["cv"].NumberOrNonFinite();
  s.cv_limit = j["cv_limit"].NumberOrNonFinite();
  s.trend = j["trend"].NumberOrNonFinite();
  s.trend_t = j["trend_t"].NumberOrNonFinite();
  // Sweeps written before the Little's-law check lack it.
  if (j.Has("little_gap")) {
    s.little_gap = j["little_gap"].NumberOrNonFinite();
    s.little_limit = j["little_limit"].NumberOrNonFinite();
  }
  s.reason = j["reason"].String();
  return s;
}

json LevelJson(const SweepLevel& l) {
  json gauges = json::object();
  for (const auto& [name, g] : l.gauges) {
    gauges[name] = {{"mean", NumberJson(g.mean)}, {"max", NumberJson(g.max)},
                    {"samples", g.samples}};
  }
  return {{"index", l.index},
          {"concurrency", l.concurrency},
          {"rate_rps", l.rate_rps},
          {"warmup_s", l.warmup_s},
          {"duration_s", l.duration_s},
          {"extensions", l.extensions},
          {"steady_state", SteadyJson(l.steady)},
          {"summary", telemetry::WindowSummaryToJson(l.summary)},
          {"gauges", gauges},
          {"samples",
           {{"e2e_s", l.samples.e2e_s},
            {"ttft_s", l.samples.ttft_s},
            {"tpot_s", l.samples.tpot_s}}},
          {"requests", telemetry::RequestSamplesToJson(l.requests)}};
}

SweepLevel LevelFromJson(const JsonNode& j) {
  SweepLevel l;
  l.index = j["index"].Int();
  l.concurrency = j["concurrency"].Int();
  l.rate_rps = j["rate_rps"].NonNegative();
  l.warmup_s = j["warmup_s"].NonNegative();
  l.duration_s = j["duration_s"].NonNegative();
  l.extensions = j["extensions"].Int();
  l.steady = SteadyFromJson(j["steady_state"]);
  l.summary = telemetry::WindowSummaryFromJson(j["summary"]);
  const JsonNode gauges = j["gauges"];
  if (!gauges.IsObject()) gauges.Fail("expected an object");
  for (const auto& item : gauges.value().items()) {
    const JsonNode g = gauges[item.key()];
    l.gauges[item.key()] = {g["mean"].NumberOrNonFinite(),
                            g["max"].NumberOrNonFinite(), g["samples"].Int()};
  }
  const JsonNode samples = j["samples"];
  l.samples.e2e_s = samples["e2e_s"].Numbers();
  l.samples.ttft_s = samples["ttft_s"].Numbers();
  l.samples.tpot_s = samples["tpot_s"].Numbers();
  // Sweeps written before the request samples lack them.
  if (auto requests = j.Find("requests")) {
    l.requests = telemetry::RequestSamplesFromJson(*requests);
  }
  return l;
}

}  // namespace

std::vector<LevelOutcome> Outcomes(const SweepFile& sweep) {
  std::vector<LevelOutcome> out;
  for (const SweepLevel& l : sweep.levels) {
    const telemetry::WindowSummary& s = l.summary;
    const double errors =
        s.finished > 0 ? static_cast<double>(s.failed) / s.finished : 0.0;
    // An SLO is broken when fewer than 99 % of completions meet it.
    const bool slo_met =
        s.completed == 0 || s.good_completions >= 0.99 * s.completed;
    out.push_back({l.concurrency, s.requests_per_s, errors, slo_met});
  }
  return out;
}

json SweepToJson(const SweepFile& sweep) {
  json levels = json::array();
  for (const SweepLevel& l : sweep.levels) levels.push_back(LevelJson(l));
  return {{"schema", sweep.schema},
          {"provenance", ProvenanceJson(sweep.provenance)},
          {"options", SettingsJson(sweep.options)},
          {"complete", sweep.complete},
          {"stop_reason", sweep.stop_reason},
          {"levels", levels}};
}

SweepFile SweepFromJson(const json& doc, const std::string& source) {
  const JsonNode j(doc, source);
  SweepFile sweep;
  sweep.schema = j["schema"].String();
  if (sweep.schema != kSweepSchema) {
    j["schema"].Fail("is \"" + sweep.schema + "\", expected \"" +
                     kSweepSchema + "\"");
  }
  sweep.provenance = ProvenanceFromJson(j["provenance"]);
  sweep.options = SettingsFromJson(j["options"]);
  sweep.complete = j["complete"].Bool();
  sweep.stop_reason = j["stop_reason"].String();
  const JsonNode levels = j["levels"];
  for (std::size_t i = 0; i < levels.Size(); ++i) {
    sweep.levels.push_back(LevelFromJson(levels.At(i)));
  }
  return sweep;
}

void SaveSweepAtomic(const SweepFile& sweep, const std::string& path) {
  base::WriteFileAtomic(path, base::DumpJson(SweepToJson(sweep), 1) + "\n");
}

SweepFile LoadSweep(const std::string& path) {
  return SweepFromJson(base::ReadJsonFile(path), path);
}

}  // namespace loadlaw::sweep
