// `loadlaw run`: measures an endpoint at one load level, closed loop
// (--concurrency N virtual users) or open loop (--rate R arrivals/s), and
// prints a summary table or (--json) one JSON object. Ctrl-C stops the run
// cleanly and reports what was measured.

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

#include "cli/commands.h"
#include "loadlaw/runner/runner.h"
#include "loadlaw/workload/duration.h"
#include "loadlaw/workload/workload.h"

namespace loadlaw::cli {
namespace {

struct RunArgs {
  std::string target;
  std::string workload_file;
  int concurrency = 0;
  double rate_rps = 0;
  std::string duration;
  std::int64_t requests = 0;
  std::string warmup = "0s";
  bool json = false;
  std::int64_t prompt_tokens = 128;
  std::int64_t max_tokens = 64;
  std::string model;
  std::string api = "chat";
  bool no_stream = false;
  std::string think_time;
  std::string arrival = "poisson";
  double burstiness = 1.0;
  int max_in_flight = 0;
  int threads = 1;
  std::string api_key_env = "OPENAI_API_KEY";
  bool insecure = false;
  bool http2 = false;
  std::string timeout = "300s";
  std::string connect_timeout = "10s";
  std::int64_t max_response_bytes = std::int64_t{32} << 20;
  bool ignore_retry_after = false;
  std::string records;
  std::uint64_t seed = 1;
  std::string slo_ttft, slo_tpot, slo_e2e;
  bool no_progress = false;
  CLI::Option* prompt_tokens_opt = nullptr;
  CLI::Option* max_tokens_opt = nullptr;
  CLI::Option* api_opt = nullptr;
  CLI::Option* api_key_env_opt = nullptr;
};

std::atomic<bool> g_interrupted{false};

extern "C" void OnInterrupt(int) {
  g_interrupted.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process
}

double Seconds(const std::string& text, const char* flag) {
  return telemetry::ToSeconds(workload::ParseDuration(text, flag));
}

workload::Workload BuildWorkload(const RunArgs& a) {
  if (!a.workload_file.empty()) {
    for (const CLI::Option* o :
         {a.prompt_tokens_opt, a.max_tokens_opt, a.api_opt}) {
      if (o->count() > 0) {
        throw std::invalid_argument(
            o->get_name() +
            ": only for the synthetic workload (no --workload)");
      }
    }
    return workload::LoadWorkloadFile(a.workload_file);
  }
  workload::Workload w =
      workload::SyntheticWorkload(a.prompt_tokens, a.max_tokens);
  if (a.api == "completions") {
    w.scenarios[0].api = workload::Api::kCompletions;
  } else if (a.api != "chat") {
    throw std::invalid_argument("--api: '" + a.api +
                                "' is not one of chat, completions");
  }
  return w;
}

runner::LoadLevel BuildLevel(const RunArgs& a) {
  runner::LoadLevel level;
  if ((a.concurrency > 0) == (a.rate_rps > 0)) {
    throw std::invalid_argument(
        "give exactly one of --concurrency N or --rate R");
  }
  if (a.duration.empty() == (a.requests == 0)) {
    throw std::invalid_argument(
        "give exactly one of --duration (e.g. 60s) or --requests M");
  }
  level.concurrency = a.concurrency;
  level.rate_rps = a.rate_rps;
  level.warmup = workload::ParseDuration(a.warmup, "--warmup");
  if (!a.duration.empty()) {
    level.duration = workload::ParseDuration(a.duration, "--duration");
    if (level.duration.count() == 0)
      throw std::invalid_argument("--duration: must be > 0");
  }
  level.requests = a.requests;
  return level;
}

void ApplySlos(const RunArgs& a, telemetry::SloSpec* slo) {
  if (!a.slo_ttft.empty()) slo->ttft_s = Seconds(a.slo_ttft, "--slo-ttft");
  if (!a.slo_tpot.empty()) slo->tpot_s = Seconds(a.slo_tpot, "--slo-tpot");
  if (!a.slo_e2e.empty()) slo->e2e_s = Seconds(a.slo_e2e, "--slo-e2e");
}

runner::RunOptions BuildOptions(const RunArgs& a) {
  runner::RunOptions o;
  o.target_url = a.target;
  o.workload = BuildWorkload(a);
  if (a.no_stream) {
    for (workload::Scenario& s : o.workload.scenarios) s.stream = false;
  }
  if (!a.think_time.empty()) {
    o.workload.think_time_s =
        workload::ParseDelaySpec(a.think_time, "--think-time");
  }
  o.model = a.model;
  o.loop = a.rate_rps > 0 ? runner::LoopKind::kOpen : runner::LoopKind::kClosed;
  o.levels = {BuildLevel(a)};
  o.arrival = workload::ParseArrivalKind(a.arrival, "--arrival");
  o.burstiness = a.burstiness;
  o.max_in_flight = a.max_in_flight;
  o.threads = a.threads;
  o.api_key_env = a.api_key_env;
  if (a.api_key_env_opt->count() > 0 &&
      std::getenv(a.api_key_env.c_str()) == nullptr) {
    throw std::invalid_argument("--api-key-env: environment variable " +
                                a.api_key_env + " is not set");
  }
  o.verify_tls = !a.insecure;
  o.http_version =
      a.http2 ? runner::HttpVersion::kHttp2 : runner::HttpVersion::kHttp1_1;
  o.request_timeout = workload::ParseDuration(a.timeout, "--timeout");
  o.connect_timeout =
      workload::ParseDuration(a.connect_timeout, "--connect-timeout");
  o.max_response_bytes = a.max_response_bytes;
  o.honor_retry_after = !a.ignore_retry_after;
  o.records_path = a.records;
  o.seed = a.seed;
  ApplySlos(a, &o.slo);
  std::string why;
  if (!o.IsValid(&why)) throw std::invalid_argument(why);
  return o;
}

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
              std::string(runner::LoopKindName(r.loop)).c_str());
  if (r.loop == runner::LoopKind::kClosed) {
    std::printf("%d virtual users", level.level.concurrency);
  } else {
    std::printf("%.1f req/s %s", level.level.rate_rps,
                std::string(workload::ArrivalKindName(r.arrival)).c_str());
  }
  std::printf(", %d thread%s\n", r.threads, r.threads == 1 ? "" : "s");
  std::printf("window %.1f s (warm-up %.1f s excluded)%s\n\n", s.window_s,
              telemetry::ToSeconds(level.level.warmup),
              level.complete ? "" : ", interrupted");
  std::printf(
      "requests     %llu completed, %llu failed: %.2f req/s (goodput %.2f "
      "req/s)\n",
      static_cast<unsigned long long>(s.completed),
      static_cast<unsigned long long>(s.failed), s.requests_per_s,
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
  const runner::RunOptions options = BuildOptions(args);
  runner::RunHooks hooks;
  hooks.cancel = &g_interrupted;
  const bool progress = !args.no_progress && isatty(STDERR_FILENO);
  if (progress) hooks.on_progress = PrintProgress;
  g_interrupted.store(false);
  auto previous = std::signal(SIGINT, OnInterrupt);
  runner::RunResult result;
  try {
    result = runner::Run(options, hooks);
  } catch (...) {
    std::signal(SIGINT, previous);
    throw;
  }
  std::signal(SIGINT, previous);
  if (progress) std::fprintf(stderr, "\r\033[K");
  if (args.json) {
    std::printf("%s\n", runner::RunResultToJson(result).c_str());
  } else {
    PrintTable(result);
  }
  std::fflush(stdout);
}

void AddOptions(CLI::App* cmd, RunArgs* a) {
  cmd->add_option("--target", a->target,
                  "base URL, http://host:port (with or without /v1)")
      ->required();
  cmd->add_option("--workload", a->workload_file,
                  "workload model JSON (models/workloads/)");
  cmd->add_option("--concurrency", a->concurrency,
                  "closed loop: N virtual users");
  cmd->add_option("--rate", a->rate_rps, "open loop: arrivals per second");
  cmd->add_option("--duration", a->duration,
                  "measurement window, e.g. 60s, 2m");
  cmd->add_option("--requests", a->requests, "stop after M measured requests");
  cmd->add_option("--warmup", a->warmup,
                  "warm-up excluded from the window (default 0s)");
  cmd->add_flag("--json", a->json, "print one JSON object");
  a->prompt_tokens_opt =
      cmd->add_option("--prompt-tokens", a->prompt_tokens,
                      "synthetic workload: prompt tokens (default 128)");
  a->max_tokens_opt =
      cmd->add_option("--max-tokens", a->max_tokens,
                      "synthetic workload: max_tokens (default 64)");
  a->api_opt = cmd->add_option("--api", a->api,
                               "synthetic workload: chat or completions");
  cmd->add_option("--model", a->model, "model name sent in requests");
  cmd->add_flag("--no-stream", a->no_stream, "non-streaming requests");
  cmd->add_option(
      "--think-time", a->think_time,
      "closed loop pause between sessions: 2s, exp:2s, uniform:1s:3s");
  cmd->add_option("--arrival", a->arrival,
                  "open loop: poisson, constant or gamma");
  cmd->add_option("--burstiness", a->burstiness,
                  "gamma shape (1 = Poisson, < 1 burstier)");
  cmd->add_option("--max-in-flight", a->max_in_flight,
                  "open loop cap (0: none)");
  cmd->add_option("--threads", a->threads, "worker threads (default 1)");
  a->api_key_env_opt = cmd->add_option("--api-key-env", a->api_key_env,
                                       "env variable holding the bearer token");
  cmd->add_flag("--insecure", a->insecure, "do not verify TLS certificates");
  cmd->add_flag("--http2", a->http2, "use HTTP/2 where the server offers it");
  cmd->add_option("--timeout", a->timeout,
                  "per-request timeout (default 300s)");
  cmd->add_option("--connect-timeout", a->connect_timeout, "default 10s");
  cmd->add_option("--max-response-bytes", a->max_response_bytes,
                  "larger answers are malformed");
  cmd->add_flag("--ignore-retry-after", a->ignore_retry_after,
                "do not pause after a 429");
  cmd->add_option("--records", a->records,
                  "write every request to FILE as JSONL");
  cmd->add_option("--seed", a->seed, "random seed (default 1)");
  cmd->add_option("--slo-ttft", a->slo_ttft, "goodput SLO on TTFT, e.g. 500ms");
  cmd->add_option("--slo-tpot", a->slo_tpot, "goodput SLO on TPOT, e.g. 50ms");
  cmd->add_option("--slo-e2e", a->slo_e2e, "goodput SLO on E2E, e.g. 5s");
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
