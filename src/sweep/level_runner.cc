#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sweep/level_samples_internal.h"

namespace loadlaw::sweep::internal {
namespace {

using std::chrono::nanoseconds;

double Seconds(nanoseconds d) { return std::chrono::duration<double>(d).count(); }

// Algorithm R: keeps a uniform sample of at most kMaxLatencySamples values.
class Reservoir {
 public:
  Reservoir(std::vector<double>* out, std::uint64_t seed)
      : out_(out), rng_(seed) {}
  void Add(double v) {
    ++seen_;
    if (out_->size() < static_cast<size_t>(kMaxLatencySamples)) {
      out_->push_back(v);
      return;
    }
    std::uniform_int_distribution<std::uint64_t> pick(0, seen_ - 1);
    const std::uint64_t i = pick(rng_);
    if (i < out_->size()) (*out_)[i] = v;
  }

 private:
  std::vector<double>* out_;
  std::mt19937_64 rng_;
  std::uint64_t seen_ = 0;
};

void AddIfNumber(const nlohmann::json& record, const char* key, Reservoir* r) {
  const auto it = record.find(key);
  if (it != record.end() && it->is_number()) r->Add(it->get<double>());
}

}  // namespace

std::vector<double> WindowPerSecond(const telemetry::WindowSummary& summary,
                                    double warmup_s, double duration_s) {
  std::vector<double> out;
  for (const telemetry::SecondPoint& p : summary.time_series) {
    if (p.t_s >= warmup_s - 1e-9 && p.t_s + 1 <= warmup_s + duration_s + 1e-9) {
      out.push_back(static_cast<double>(p.completed));
    }
  }
  return out;
}

LatencySamples ReadLevelRecords(const std::string& level_records, int level,
                                const std::string& all_records,
                                std::uint64_t seed) {
  LatencySamples samples;
  Reservoir e2e(&samples.e2e_s, seed), ttft(&samples.ttft_s, seed + 1),
      tpot(&samples.tpot_s, seed + 2);
  std::ifstream in(level_records);
  std::ofstream all;
  if (!all_records.empty()) all.open(all_records, std::ios::app);
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded()) continue;
    if (all.is_open()) {
      record["level"] = level;
      all << record.dump() << '\n';
    }
    if (record.value("phase", "") != "measure" || !record["error"].is_null()) {
      continue;
    }
    AddIfNumber(record, "e2e_s", &e2e);
    AddIfNumber(record, "ttft_s", &ttft);
    AddIfNumber(record, "tpot_s", &tpot);
  }
  return samples;
}

LevelRunner::LevelRunner(const SweepOptions& options, const SweepHooks& hooks,
                         ResourceSampler* sampler)
    : options_(options), hooks_(hooks), sampler_(sampler) {}

std::string LevelRunner::LevelRecordsPath() const {
  return options_.out_path + ".level.jsonl";
}

std::optional<SweepLevel> LevelRunner::Measure(double load, int index) {
  SweepLevel level;
  nanoseconds duration = options_.level_duration;
  for (int attempt = 0;; ++attempt) {
    if (!RunOnce(load, index, duration, &level)) return std::nullopt;
    level.extensions = attempt;
    if (level.steady.settled || attempt >= options_.max_extensions) break;
    if (hooks_.on_log) {
      hooks_.on_log("level " + std::to_string(index + 1) +
                    " has not settled (" + level.steady.reason +
                    "); running it again with a window of " +
                    std::to_string(std::lround(Seconds(duration * 2))) +
                    " s");
    }
    duration *= 2;
  }
  if (!level.steady.settled && hooks_.on_log) {
    hooks_.on_log("level " + std::to_string(index + 1) +
                  " never settled: " + level.steady.reason + " (flagged)");
  }
  level.samples = ReadLevelRecords(LevelRecordsPath(), index,
                                   options_.records_path,
                                   options_.seed + 7919u * index);
  std::remove(LevelRecordsPath().c_str());
  return level;
}

bool LevelRunner::RunOnce(double load, int index, nanoseconds duration,
                          SweepLevel* level) {
  const bool open = options_.run.loop == runner::LoopKind::kOpen;
  runner::RunOptions run = options_.run;
  runner::LoadLevel l;
  if (open) l.rate_rps = load; else l.concurrency = static_cast<int>(std::lround(load));
  l.warmup = options_.warmup;
  l.duration = duration;
  run.levels = {l};
  run.records_path = LevelRecordsPath();
  run.seed = options_.run.seed + static_cast<std::uint64_t>(index);
  runner::RunHooks hooks;
  hooks.cancel = hooks_.cancel;
  if (hooks_.on_progress) {
    hooks.on_progress = [&](const runner::Progress& p) {
      hooks_.on_progress(index, load, p);
    };
  }
  sampler_->Start(std::chrono::steady_clock::now() + options_.warmup);
  const runner::RunResult result = runner::Run(run, hooks);
  level->gauges = sampler_->Stop();
  if (result.cancelled || result.levels.empty() || !result.levels[0].complete) {
    return false;
  }
  level->index = index;
  level->concurrency = l.concurrency;
  level->rate_rps = l.rate_rps;
  level->warmup_s = Seconds(options_.warmup);
  level->duration_s = Seconds(duration);
  level->summary = result.levels[0].summary;
  level->steady = CheckSteadyState(
      WindowPerSecond(level->summary, level->warmup_s, level->duration_s),
      options_.steady);
  CheckLittlesLaw(level->summary, options_.steady, &level->steady);
  return true;
}

}  // namespace loadlaw::sweep::internal
