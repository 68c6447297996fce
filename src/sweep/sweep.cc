#include "loadlaw/sweep/sweep.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "loadlaw/base/file.h"
#include "loadlaw/base/hash.h"
#include "loadlaw/runner/http_get.h"
#include "sweep/level_samples_internal.h"

namespace loadlaw::sweep {
namespace {

using std::chrono::nanoseconds;

double Seconds(nanoseconds d) { return std::chrono::duration<double>(d).count(); }

std::string UtcNow() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void Log(const SweepHooks& hooks, const std::string& line) {
  if (hooks.on_log) hooks.on_log(line);
}

bool Cancelled(const SweepHooks& hooks) {
  return hooks.cancel != nullptr && hooks.cancel->load();
}

bool OpenLoop(const SweepOptions& o) {
  return o.run.loop == telemetry::LoopKind::kOpen;
}

// The longest model id kept from the server's /v1/models.
constexpr std::size_t kMaxModelIdBytes = 256;

SweepProvenance MakeProvenance(const SweepOptions& o,
                               const base::Redactor& secrets) {
  SweepProvenance p;
  p.target = runner::RedactUrl(o.run.target_url);
  p.served_model = secrets.Line(
      runner::FetchServedModel(o.run.target_url, o.run.api_key_env,
                               o.run.verify_tls),
      kMaxModelIdBytes);
  p.workload_name = o.run.workload.name;
  p.workload_hash = base::Fnv1a64Hex(o.workload_text);
  p.label = o.label;
  p.date = UtcNow();
  p.loadlaw_version = LOADLAW_VERSION;
  p.loop = o.run.loop;
  p.think_time_s = o.run.workload.think_time_s.Mean();
  p.server_concurrency_limit = o.server_concurrency_limit;
  return p;
}

SweepSettings SettingsOf(const SweepOptions& o) {
  SweepSettings s;
  s.concurrencies = o.concurrencies;
  s.rates_rps = o.rates_rps;
  s.auto_levels = o.auto_levels;
  s.warmup_s = Seconds(o.warmup);
  s.level_duration_s = Seconds(o.level_duration);
  s.max_extensions = o.max_extensions;
  s.threads = o.run.threads;
  s.transport = std::string(runner::TransportName(o.run.transport));
  s.seed = o.seed;
  return s;
}

// The sweep to continue (--resume) or a new one.
SweepFile StartOrResume(const SweepOptions& o, const SweepHooks& hooks,
                        const base::Redactor& secrets) {
  SweepFile fresh;
  fresh.provenance = MakeProvenance(o, secrets);
  fresh.options = SettingsOf(o);
  if (!o.resume || !std::filesystem::exists(o.out_path)) {
    if (o.resume) Log(hooks, "resume: " + o.out_path + " does not exist yet; starting it");
    return fresh;
  }
  SweepFile old = LoadSweep(o.out_path);
  const SweepProvenance& a = old.provenance;
  const SweepProvenance& b = fresh.provenance;
  auto differs = [&](const char* what, const std::string& x,
                     const std::string& y) {
    if (x != y) {
      throw std::invalid_argument("--resume: " + o.out_path + " was measured with " +
                                  what + " '" + x + "', not '" + y + "'");
    }
  };
  differs("target", a.target, b.target);
  differs("loop", std::string(telemetry::LoopKindName(a.loop)),
          std::string(telemetry::LoopKindName(b.loop)));
  differs("workload hash", a.workload_hash, b.workload_hash);
  old.complete = false;
  Log(hooks, "resume: " + std::to_string(old.levels.size()) +
                 " finished levels kept from " + o.out_path);
  return old;
}

bool Done(const SweepFile& sweep, double load) {
  for (const SweepLevel& l : sweep.levels) {
    if (std::abs(l.Load(sweep.open_loop()) - load) < 1e-9) return true;
  }
  return false;
}

// The next level to measure, or a negative number when the sweep is done.
double NextLoad(const SweepOptions& o, const SweepFile& sweep,
                const AutoLevelPolicy* policy) {
  if (policy != nullptr) {
    const std::optional<int> n = policy->Next(Outcomes(sweep));
    return n ? *n : -1;
  }
  if (OpenLoop(o)) {
    for (double r : o.rates_rps) {
      if (!Done(sweep, r)) return r;
    }
  } else {
    for (int c : o.concurrencies) {
      if (!Done(sweep, c)) return c;
    }
  }
  return -1;
}

}  // namespace

bool SweepOptions::IsValid(std::string* why) const {
  auto fail = [&](const std::string& m) {
    if (why) *why = m;
    return false;
  };
  if (out_path.empty()) return fail("sweep: an output file (--out) is required");
  const bool open = run.loop == telemetry::LoopKind::kOpen;
  if (open && auto_levels) {
    return fail("sweep: --auto chooses concurrency levels; give --rates "
                "explicitly for an open-loop sweep");
  }
  if (!auto_levels && (open ? rates_rps.empty() : concurrencies.empty())) {
    return fail(open ? "sweep: no --rates given" : "sweep: no --levels given (or --auto)");
  }
  for (int c : concurrencies) {
    const std::string problem = runner::ConcurrencyProblem(c);
    if (!problem.empty()) return fail("sweep: --levels: " + problem);
  }
  for (double r : rates_rps) {
    const std::string problem = runner::RateProblem(r);
    if (!problem.empty()) return fail("sweep: --rates: " + problem);
  }
  if (auto_levels && !auto_options.IsValid(why)) return false;
  if (auto_levels) {
    const std::string problem =
        runner::ConcurrencyProblem(auto_options.max_concurrency);
    if (!problem.empty()) return fail("sweep: --max-concurrency: " + problem);
  }
  if (warmup.count() < 0) return fail("sweep: --warmup must be >= 0");
  if (level_duration <= nanoseconds(0)) {
    return fail("sweep: --level-duration must be > 0");
  }
  if (max_extensions < 0) return fail("sweep: max_extensions must be >= 0");
  if (!steady.IsValid(why)) return false;
  runner::RunOptions probe = run;
  probe.levels = {runner::LoadLevel{1, 1.0, warmup, level_duration, 0}};
  return probe.IsValid(why);
}

double SweepOptions::MaxDurationS() const {
  const int levels = auto_levels ? auto_options.MaxLevelCount()
                     : run.loop == telemetry::LoopKind::kOpen
                         ? static_cast<int>(rates_rps.size())
                         : static_cast<int>(concurrencies.size());
  double per_level = 0;
  for (int e = 0; e <= max_extensions; ++e) {
    per_level += Seconds(warmup) + Seconds(level_duration) * (1 << e);
  }
  return levels * per_level;
}

SweepFile RunSweep(const SweepOptions& options, const SweepHooks& user_hooks) {
  std::string why;
  if (!options.IsValid(&why)) throw std::invalid_argument(why);
  // A logged line can carry a server's text (a note on its /metrics).
  const base::Redactor secrets = runner::RunSecrets(options.run);
  SweepHooks hooks = user_hooks;
  if (user_hooks.on_log) {
    hooks.on_log = [&](const std::string& line) {
      user_hooks.on_log(secrets.Redact(line));
    };
  }
  SweepFile sweep = StartOrResume(options, hooks, secrets);
  std::unique_ptr<AutoLevelPolicy> policy;
  if (options.auto_levels) {
    policy = std::make_unique<AutoLevelPolicy>(options.auto_options, hooks.score);
  }
  SamplerOptions sampling = options.sampling;
  sampling.target = options.run.target_url;
  sampling.api_key_env = options.run.api_key_env;
  sampling.verify_tls = options.run.verify_tls;
  ResourceSampler sampler(sampling);
  SaveSweepAtomic(sweep, options.out_path);
  if (!options.records_path.empty() && sweep.levels.empty()) {
    base::WriteFileAtomic(options.records_path, "");  // a new sweep's records
  }
  internal::LevelRunner level_runner(options, hooks, &sampler);
  for (double load = NextLoad(options, sweep, policy.get()); load > 0;
       load = NextLoad(options, sweep, policy.get())) {
    std::optional<SweepLevel> level =
        level_runner.Measure(load, static_cast<int>(sweep.levels.size()));
    if (!level) break;  // cancelled: the unfinished level is dropped
    sweep.levels.push_back(std::move(*level));
    SaveSweepAtomic(sweep, options.out_path);
    if (hooks.on_level) hooks.on_level(sweep.levels.back());
  }
  for (const std::string& note : sampler.Notes()) Log(hooks, "note: " + note);
  const std::string kept = std::to_string(sweep.levels.size()) +
                           " finished levels kept (--resume continues)";
  if (!level_runner.failure().empty()) {
    sweep.stop_reason = "stopped: " + level_runner.failure() + "; " + kept;
    SaveSweepAtomic(sweep, options.out_path);
    Log(hooks, "sweep interrupted: " + sweep.stop_reason);
    throw std::runtime_error(level_runner.failure() + "; the sweep stopped, " +
                             kept + " in " + options.out_path);
  }
  if (Cancelled(hooks)) {
    const std::string by = hooks.cancel_reason ? hooks.cancel_reason() : "";
    sweep.stop_reason =
        "cancelled" + (by.empty() ? std::string() : " by " + by) + "; " + kept;
  } else {
    sweep.complete = true;
    sweep.stop_reason = policy ? policy->StopReason(Outcomes(sweep))
                               : "every requested level measured";
  }
  SaveSweepAtomic(sweep, options.out_path);
  Log(hooks, "sweep " + std::string(sweep.complete ? "complete" : "interrupted") +
                 ": " + sweep.stop_reason);
  return sweep;
}

}  // namespace loadlaw::sweep
