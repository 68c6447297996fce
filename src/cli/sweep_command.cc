// `loadlaw sweep`: a calibration sweep over concurrency levels (or arrival
// rates), written to a sweep file after every level; Ctrl-C keeps the
// finished levels and `--resume` continues.

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/load_args.h"
#include "loadlaw/fit/usl.h"
#include "loadlaw/sweep/sweep.h"
#include "loadlaw/workload/duration.h"

namespace loadlaw::cli {
namespace {

struct SweepArgs {
  LoadArgs load;
  std::vector<int> levels;
  std::vector<double> rates;
  bool auto_levels = false;
  int max_concurrency = 256;
  double min_gain = 0.10;
  int refine = 2;
  std::string level_duration = "60s";
  std::string warmup = "10s";
  int max_extensions = 1;
  std::string out;
  std::string records;
  bool resume = false;
  std::string label;
  std::vector<std::string> metrics;
  int pid = 0;
  bool no_gpu = false;
  bool no_metrics = false;
  int server_limit = 0;
  bool no_progress = false;
};

// Where a USL fitted to the levels so far is least certain: the relative
// width of its confidence band at the candidate (auto mode's refinement).
double BandWidth(int candidate, const std::vector<sweep::LevelOutcome>& done) {
  std::vector<fit::Observation> obs;
  for (const sweep::LevelOutcome& o : done) {
    if (o.throughput > 0) obs.push_back({double(o.concurrency), o.throughput});
  }
  if (obs.size() < 4) return 0;
  try {
    const fit::UslFit f = fit::FitUsl(obs);
    const fit::Estimate x = f.PredictThroughput(candidate);
    if (!f.IsUsable() || !x.HasInterval() || !(x.value > 0)) return 0;
    return (x.high - x.low) / x.value;
  } catch (const std::invalid_argument&) {
    return 0;
  }
}

sweep::SweepOptions BuildOptions(const SweepArgs& a) {
  sweep::SweepOptions o;
  const bool open = !a.rates.empty();
  if (open && (!a.levels.empty() || a.auto_levels)) {
    throw std::invalid_argument(
        "give --rates (open loop) or --levels/--auto (closed loop), not both");
  }
  if (!open && a.levels.empty() == !a.auto_levels) {
    throw std::invalid_argument(
        "give exactly one of --levels 1,2,4,8 or --auto (or --rates)");
  }
  o.run = BuildLoadOptions(
      a.load, open ? runner::LoopKind::kOpen : runner::LoopKind::kClosed);
  o.workload_text = WorkloadText(a.load);
  o.concurrencies = a.levels;
  o.rates_rps = a.rates;
  o.auto_levels = a.auto_levels;
  o.auto_options.max_concurrency = a.max_concurrency;
  o.auto_options.min_gain = a.min_gain;
  o.auto_options.refine_levels = a.refine;
  o.level_duration =
      workload::ParseDuration(a.level_duration, "--level-duration");
  o.warmup = workload::ParseDuration(a.warmup, "--warmup");
  if (a.load.ramp_up.empty()) o.run.ramp_up = o.warmup / 2;
  o.max_extensions = a.max_extensions;
  o.out_path = a.out;
  o.records_path = a.records;
  o.resume = a.resume;
  o.label = a.label;
  o.server_concurrency_limit = a.server_limit;
  o.sampling.extra_metrics = a.metrics;
  o.sampling.pid = a.pid;
  o.sampling.gpu = !a.no_gpu;
  o.sampling.scrape_metrics = !a.no_metrics;
  o.seed = a.load.seed;
  std::string why;
  if (!o.IsValid(&why)) throw std::invalid_argument(why);
  return o;
}

std::string LoadText(double load, bool open) {
  char buf[64];
  if (open) {
    std::snprintf(buf, sizeof buf, "%g req/s", load);
  } else {
    std::snprintf(buf, sizeof buf, "%g user%s", load, load == 1 ? "" : "s");
  }
  return buf;
}

void PrintLevel(const sweep::SweepLevel& l, bool open) {
  const telemetry::WindowSummary& s = l.summary;
  std::fprintf(stderr,
               "level %d: %s: %.2f req/s, %.0f tok/s, concurrency %.2f, e2e "
               "p99 %.3f s, ttft p95 %.3f s, %llu errors%s%s\n",
               l.index + 1, LoadText(l.Load(open), open).c_str(),
               s.requests_per_s, s.output_tokens_per_s, s.achieved_concurrency,
               s.e2e.p99, s.ttft.p95, static_cast<unsigned long long>(s.failed),
               l.steady.settled ? "" : ", NOT SETTLED: ",
               l.steady.settled ? "" : l.steady.reason.c_str());
}

void Execute(const SweepArgs& args) {
  const sweep::SweepOptions options = BuildOptions(args);
  const bool open = options.run.loop == runner::LoopKind::kOpen;
  const bool tty = !args.no_progress && isatty(STDERR_FILENO);
  std::fprintf(stderr,
               "loadlaw sweep: %s, %s levels, at most %.0f s (%.1f min); "
               "writing %s after every level\n",
               options.run.target_url.c_str(),
               options.auto_levels ? "auto" : "explicit",
               options.MaxDurationS(), options.MaxDurationS() / 60,
               options.out_path.c_str());
  sweep::SweepHooks hooks;
  hooks.on_log = [](const std::string& line) {
    std::fprintf(stderr, "%s\n", line.c_str());
  };
  hooks.on_level = [&](const sweep::SweepLevel& l) {
    if (tty) std::fprintf(stderr, "\r\033[K");
    PrintLevel(l, open);
  };
  if (tty) {
    hooks.on_progress = [open](int level, double load,
                               const runner::Progress& p) {
      std::fprintf(stderr,
                   "\r\033[Klevel %d (%s) %s %.0f/%.0f s  %.1f req/s  %llu "
                   "done  %llu errors",
                   level + 1, LoadText(load, open).c_str(),
                   p.warmup ? "warm-up" : "measure", p.level_elapsed_s,
                   p.level_length_s, p.requests_per_s,
                   static_cast<unsigned long long>(p.completed),
                   static_cast<unsigned long long>(p.errors));
    };
  }
  hooks.score = BandWidth;
  InterruptGuard guard;
  hooks.cancel = InterruptGuard::Flag();
  const sweep::SweepFile result = sweep::RunSweep(options, hooks);
  std::printf("%s\n", options.out_path.c_str());
  if (!result.complete) throw ExitStatus{130};
}

void AddOptions(CLI::App* cmd, SweepArgs* a) {
  AddLoadOptions(cmd, &a->load);
  cmd->add_option("--levels", a->levels, "closed loop: users per level, e.g. 1,2,4,8")
      ->delimiter(',');
  cmd->add_flag("--auto", a->auto_levels,
                "double the users until throughput stops growing, then "
                "refine around the knee");
  cmd->add_option("--max-concurrency", a->max_concurrency,
                  "auto: largest level (default 256)");
  cmd->add_option("--min-gain", a->min_gain,
                  "auto: stop doubling below this throughput gain (0.10)");
  cmd->add_option("--refine", a->refine, "auto: levels added at the knee (2)");
  cmd->add_option("--rates", a->rates, "open loop: arrivals/s per level")
      ->delimiter(',');
  cmd->add_option("--level-duration", a->level_duration,
                  "measurement window per level (default 60s)");
  cmd->add_option("--warmup", a->warmup, "warm-up per level (default 10s)");
  cmd->add_option("--max-extensions", a->max_extensions,
                  "re-runs of an unsettled level, each twice as long (1)");
  cmd->add_option("--out", a->out, "the sweep file, e.g. runs/NAME.sweep.json")
      ->required();
  cmd->add_option("--records", a->records, "every request as JSONL");
  cmd->add_flag("--resume", a->resume, "continue the sweep in --out");
  cmd->add_option("--label", a->label, "hardware label, e.g. h100");
  cmd->add_option("--metric", a->metrics,
                  "extra Prometheus series to sample (repeatable)");
  cmd->add_option("--pid", a->pid, "sample this local server's CPU and memory");
  cmd->add_flag("--no-gpu", a->no_gpu, "do not sample nvidia-smi");
  cmd->add_flag("--no-metrics", a->no_metrics, "do not scrape /metrics");
  cmd->add_option("--server-limit", a->server_limit,
                  "the server's concurrency limit (e.g. max_num_seqs)");
  cmd->add_flag("--no-progress", a->no_progress, "no live progress line");
}

}  // namespace

void AddSweepCommand(CLI::App& app) {
  auto args = std::make_shared<SweepArgs>();
  CLI::App* cmd = app.add_subcommand(
      "sweep", "calibration sweep over load levels, written to a sweep file");
  AddOptions(cmd, args.get());
  cmd->callback([args] { Execute(*args); });
}

}  // namespace loadlaw::cli
