// `loadlaw sweep`: a calibration sweep over concurrency levels (or arrival
// rates), written to a sweep file after every level; Ctrl-C or SIGTERM keeps
// the finished levels (the file says which signal stopped it) and `--resume`
// continues.

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/load_args.h"
#include "loadlaw/calibrate/calibrate.h"
#include "loadlaw/sweep/sweep.h"

namespace loadlaw::cli {
namespace {

struct SweepArgs {
  sweep::SweepSpec spec;
  bool no_progress = false;
};

void Execute(const SweepArgs& args) {
  const sweep::SweepOptions options = sweep::BuildSweepOptions(args.spec);
  const bool open = options.run.loop == telemetry::LoopKind::kOpen;
  const bool tty = !args.no_progress && isatty(STDERR_FILENO);
  std::fprintf(stderr,
               "loadlaw sweep: %s, %s levels, at most %.0f s (%.1f min); "
               "writing %s after every level\n",
               runner::RedactUrl(options.run.target_url).c_str(),
               options.auto_levels ? "auto" : "explicit",
               options.MaxDurationS(), options.MaxDurationS() / 60,
               options.out_path.c_str());
  sweep::SweepHooks hooks;
  hooks.on_log = [](const std::string& line) {
    std::fprintf(stderr, "%s\n", line.c_str());
  };
  hooks.on_level = [&](const sweep::SweepLevel& l) {
    if (tty) std::fprintf(stderr, "\r\033[K");
    std::fprintf(stderr, "%s\n", sweep::DescribeLevel(l, open).c_str());
  };
  if (tty) {
    hooks.on_progress = [open](int level, double load,
                               const runner::Progress& p) {
      std::fprintf(stderr,
                   "\r\033[Klevel %d (%s) %s %.0f/%.0f s  %.1f req/s  %llu "
                   "done  %llu errors",
                   level + 1, sweep::DescribeLoad(load, open).c_str(),
                   p.warmup ? "warm-up" : "measure", p.level_elapsed_s,
                   p.level_length_s, p.requests_per_s,
                   static_cast<unsigned long long>(p.completed),
                   static_cast<unsigned long long>(p.errors));
    };
  }
  hooks.score = calibrate::UslBandWidth;
  InterruptGuard guard;
  hooks.cancel = InterruptGuard::Flag();
  hooks.cancel_reason = InterruptGuard::SignalName;
  const sweep::SweepFile result = sweep::RunSweep(options, hooks);
  std::printf("%s\n", options.out_path.c_str());
  if (!result.complete) {
    const int signal = InterruptGuard::Signal();
    throw ExitStatus{128 + (signal != 0 ? signal : SIGINT)};
  }
}

void AddOptions(CLI::App* cmd, SweepArgs* args) {
  sweep::SweepSpec* a = &args->spec;
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
  cmd->add_flag("--no-gpu{false}", a->gpu, "do not sample nvidia-smi");
  cmd->add_flag("--no-metrics{false}", a->scrape_metrics,
                "do not scrape /metrics");
  cmd->add_option("--server-limit", a->server_limit,
                  "the server's concurrency limit (e.g. max_num_seqs)");
  cmd->add_flag("--no-progress", args->no_progress, "no live progress line");
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
