// `loadlaw run`: measures an endpoint at one load level, closed loop
// (--concurrency N virtual users) or open loop (--rate R arrivals/s), and
// prints a summary table or (--json) one JSON object. Ctrl-C or SIGTERM
// stops the run cleanly, reports what was measured and exits 128 + signal.

#include <unistd.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

#include "cli/commands.h"
#include "cli/load_args.h"
#include "loadlaw/runner/runner.h"
#include "loadlaw/workload/workload.h"

namespace loadlaw::cli {
namespace {

struct RunArgs {
  runner::LoadSpec load;
  runner::LevelSpec level;
  bool json = false;
  std::string records;
  bool no_progress = false;
};

void PrintProgress(const runner::Progress& p) {
  char length[32] = "";
  if (p.level_length_s > 0)
    std::snprintf(length, sizeof(length), "/%.0fs", p.level_length_s);
  std::fprintf(stderr,
               "\r\033[K%s %5.1fs%s  done %llu  errors %llu  in flight %llu  "
               "%.1f req/s  %.0f tok/s",
               p.warmup ? "warm-up" : "measure", p.level_elapsed_s, length,
               static_cast<unsigned long long>(p.completed),
               static_cast<unsigned long long>(p.errors),
               static_cast<unsigned long long>(p.in_flight), p.requests_per_s,
               p.output_tokens_per_s);
  std::fflush(stderr);
}

void PrintMetricRow(const char* name, const telemetry::Summary& s) {
  if (s.count == 0) return;
  std::printf("%-14s %8llu %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f\n", name,
              static_cast<unsigned long long>(s.count), s.mean * 1e3,
              s.p50 * 1e3, s.p90 * 1e3, s.p95 * 1e3, s.p99 * 1e3, s.p999 * 1e3,
              s.max * 1e3);
}

void PrintLoad(const runner::RunResult& r, const runner::LevelResult& level) {
  const telemetry::WindowSummary& s = level.summary;
  std::printf("loadlaw run: %s  workload %s  %s loop, ", r.target.c_str(),
              r.workload.c_str(),
              std::string(telemetry::LoopKindName(r.loop)).c_str());
  if (r.loop == telemetry::LoopKind::kClosed) {
    std::printf("%d virtual users", level.level.concurrency);
  } else {
    std::printf("%.1f req/s %s", level.level.rate_rps,
                std::string(workload::ArrivalKindName(r.arrival)).c_str());
  }
  std::printf(", %d thread%s, %s transport\n", r.threads,
              r.threads == 1 ? "" : "s",
              std::string(runner::TransportName(r.transport)).c_str());
  std::printf("window %.1f s (warm-up %.1f s excluded)%s\n\n", s.window_s,
              base::ToSeconds(level.level.warmup),
              level.complete ? "" : ", interrupted");
  std::printf("requests     %llu completed, %llu failed",
              static_cast<unsigned long long>(s.completed),
              static_cast<unsigned long long>(s.failed));
  if (r.aborted_requests > 0) {
    std::printf(", %llu aborted at the end of the run",
                static_cast<unsigned long long>(r.aborted_requests));
  }
  std::printf(": %.2f req/s (goodput %.2f req/s)\n", s.requests_per_s,
              s.goodput_rps);
  std::printf("tokens       input %lld, output %lld: %.1f output tok/s%s\n",
              static_cast<long long>(s.input_tokens_total),
              static_cast<long long>(s.output_tokens_total),
              s.output_tokens_per_s,
              s.tokens_from_chunks > 0 ? " (some counted from chunks)" : "");
  std::printf("concurrency  achieved %.2f\n\n", s.achieved_concurrency);
}

void PrintTable(const runner::RunResult& r) {
  for (const runner::LevelResult& level : r.levels) {
    const telemetry::WindowSummary& s = level.summary;
    PrintLoad(r, level);
    std::printf("%-14s %8s %9s %9s %9s %9s %9s %9s %9s\n", "latency (ms)",
                "count", "mean", "p50", "p90", "p95", "p99", "p99.9", "max");
    PrintMetricRow("ttft", s.ttft);
    PrintMetricRow("tpot", s.tpot);
    PrintMetricRow("itl", s.itl);
    PrintMetricRow("e2e", s.e2e);
    PrintMetricRow("ttft_sched", s.ttft_sched);
    PrintMetricRow("e2e_sched", s.e2e_sched);
    PrintMetricRow("schedule_lag", s.schedule_lag);
    for (telemetry::ErrorClass e : telemetry::AllErrorClasses()) {
      const telemetry::ErrorTally& t = s.Error(e);
      if (t.count == 0) continue;
      std::printf("error %-14s %llu  e.g. %s\n",
                  std::string(telemetry::ErrorClassName(e)).c_str(),
                  static_cast<unsigned long long>(t.count), t.sample.c_str());
    }
    if (s.sessions_finished > 0) {
      std::printf("sessions     %llu finished, %llu succeeded (%.1f %%)\n",
                  static_cast<unsigned long long>(s.sessions_finished),
                  static_cast<unsigned long long>(s.sessions_succeeded),
                  100 * s.session_success_rate);
    }
  }
}

void Execute(const RunArgs& args) {
  const runner::RunOptions options =
      runner::BuildRun(args.load, args.level, args.records);
  runner::RunHooks hooks;
  const bool progress = !args.no_progress && isatty(STDERR_FILENO);
  if (progress) hooks.on_progress = PrintProgress;
  runner::RunResult result;
  {
    InterruptGuard guard;
    hooks.cancel = InterruptGuard::Flag();
    result = runner::Run(options, hooks);
  }
  if (progress) std::fprintf(stderr, "\r\033[K");
  if (args.json) {
    std::printf("%s\n", runner::RunResultToJson(result).c_str());
  } else {
    PrintTable(result);
  }
  std::fflush(stdout);
  const std::string failure = runner::RunFailure(result);
  if (!failure.empty()) throw std::runtime_error(failure);
  if (InterruptGuard::Signal() != 0) {
    throw ExitStatus{128 + InterruptGuard::Signal()};
  }
}

void AddOptions(CLI::App* cmd, RunArgs* a) {
  AddLoadOptions(cmd, &a->load);
  cmd->add_option("--concurrency", a->level.concurrency,
                  "closed loop: N virtual users");
  cmd->add_option("--rate", a->level.rate_rps,
                  "open loop: arrivals per second");
  cmd->add_option("--duration", a->level.duration,
                  "measurement window, e.g. 60s, 2m");
  cmd->add_option("--requests", a->level.requests,
                  "stop after M measured requests");
  cmd->add_option("--warmup", a->level.warmup,
                  "warm-up excluded from the window (default 0s)");
  cmd->add_flag("--json", a->json, "print one JSON object");
  cmd->add_option("--records", a->records,
                  "write every request to FILE as JSONL");
  cmd->add_flag("--no-progress", a->no_progress, "no live progress line");
}

}  // namespace

void AddRunCommand(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run", "load-test an endpoint at one level (closed or open loop)");
  AddOptions(cmd, args.get());
  cmd->callback([args] { Execute(*args); });
}

}  // namespace loadlaw::cli
