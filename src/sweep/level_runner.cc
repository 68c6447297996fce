#include <cmath>
#include "sweep/level_samples_internal.h"

namespace loadlaw::sweep::internal {
namespace {

using std::chrono::nanoseconds;

double Seconds(nanoseconds d) { return std::chrono::duration<double>(d).count(); }

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

LatencySamples LatenciesOf(const std::vector<telemetry::RequestSample>& r) {
  LatencySamples out;
  for (const telemetry::RequestSample& s : r) {
    out.e2e_s.push_back(s.e2e_s);
    if (std::isfinite(s.ttft_s)) out.ttft_s.push_back(s.ttft_s);
    if (std::isfinite(s.tpot_s)) out.tpot_s.push_back(s.tpot_s);
  }
  return out;
}

LevelRunner::LevelRunner(const SweepOptions& options, const SweepHooks& hooks,
                         ResourceSampler* sampler)
    : options_(options), hooks_(hooks), sampler_(sampler) {}

std::optional<SweepLevel> LevelRunner::Measure(double load, int index) {
  SweepLevel level;
  nanoseconds duration = options_.level_duration;
  for (int attempt = 0;; ++attempt) {
    if (!RunOnce(load, index, duration, &level)) return std::nullopt;
    level.extensions = attempt;
    if (level.steady.settled || attempt >= options_.max_extensions) break;
    Log("level " + std::to_string(index + 1) + " has not settled (" +
        level.steady.reason + "); running it again with a window of " +
        std::to_string(std::lround(Seconds(duration * 2))) + " s");
    duration *= 2;
  }
  if (!level.steady.settled) {
    Log("level " + std::to_string(index + 1) +
        " never settled: " + level.steady.reason + " (flagged)");
  }
  return level;
}

void LevelRunner::Log(const std::string& line) const {
  if (hooks_.on_log) hooks_.on_log(line);
}

bool LevelRunner::RunOnce(double load, int index, nanoseconds duration,
                          SweepLevel* level) {
  const bool open = options_.run.loop == telemetry::LoopKind::kOpen;
  runner::RunOptions run = options_.run;
  runner::LoadLevel l;
  if (open) l.rate_rps = load; else l.concurrency = static_cast<int>(std::lround(load));
  l.warmup = options_.warmup;
  l.duration = duration;
  run.levels = {l};
  // Every attempt's requests go to the records file (an extended level's
  // first attempt too), each named by the sweep's level.
  run.records_path = options_.records_path;
  run.records_append = true;
  run.level_index_offset = index;
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
  if (!result.records_error.empty()) {
    failure_ = result.records_error;
    return false;
  }
  if (result.cancelled || result.levels.empty() || !result.levels[0].complete) {
    return false;
  }
  const std::string failure = runner::RunFailure(result);
  if (!failure.empty()) {
    Log("level " + std::to_string(index + 1) + ": " + failure);
  }
  level->index = index;
  level->concurrency = l.concurrency;
  level->rate_rps = l.rate_rps;
  level->warmup_s = Seconds(options_.warmup);
  level->duration_s = Seconds(duration);
  level->summary = result.levels[0].summary;
  level->samples = LatenciesOf(result.levels[0].samples);
  level->requests = result.levels[0].samples;
  level->steady = CheckSteadyState(
      WindowPerSecond(level->summary, level->warmup_s, level->duration_s),
      options_.steady);
  CheckLittlesLaw(level->summary, options_.steady, &level->steady);
  return true;
}

}  // namespace loadlaw::sweep::internal
