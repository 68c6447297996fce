#include "cli/load_args.h"

namespace loadlaw::cli {
namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};

extern "C" void OnInterrupt(int signal) {
  g_signal.store(signal);
  g_interrupted.store(true);
  std::signal(signal, SIG_DFL);  // a second one ends the process
}

}  // namespace

void AddLoadOptions(CLI::App* cmd, runner::LoadSpec* s) {
  s->naming = base::Naming::kFlag;
  cmd->add_option("--target", s->target,
                  "base URL, http://host:port (with or without /v1)")
      ->required();
  cmd->add_option("--workload", s->workload,
                  "workload model JSON (models/workloads/)");
  cmd->add_option("--prompt-tokens", s->prompt_tokens,
                  "synthetic workload: prompt tokens (default 128)");
  cmd->add_option("--max-tokens", s->max_tokens,
                  "synthetic workload: max_tokens (default 64)");
  cmd->add_option("--api", s->api, "synthetic workload: chat or completions");
  cmd->add_option("--model", s->model, "model name sent in requests");
  cmd->add_flag("--no-stream{false}", s->stream, "non-streaming requests");
  cmd->add_option(
      "--think-time", s->think_time,
      "closed loop pause between sessions: 2s, exp:2s, uniform:1s:3s");
  cmd->add_option("--arrival", s->arrival,
                  "open loop: poisson, constant or gamma");
  cmd->add_option("--burstiness", s->burstiness,
                  "gamma shape (1 = Poisson, < 1 burstier)");
  cmd->add_option("--max-in-flight", s->max_in_flight,
                  "open loop cap (0: none)");
  cmd->add_option("--threads", s->threads, "worker threads (default 1)");
  cmd->add_option("--ramp-up", s->ramp_up,
                  "closed loop: start the users spread over this time, at "
                  "most the warm-up (run: 0s; sweep: half the warm-up)");
  cmd->add_option("--api-key-env", s->api_key_env,
                  "env variable holding the bearer token (default "
                  "OPENAI_API_KEY)");
  cmd->add_flag("--insecure{false}", s->verify_tls,
                "do not verify TLS certificates");
  cmd->add_flag("--http2", s->http2, "use HTTP/2 where the server offers it");
  cmd->add_option("--transport", s->transport,
                  "auto (native HTTP/1.1 for http://, else libcurl), native "
                  "or curl");
  cmd->add_option("--timeout", s->timeout,
                  "per-request timeout (default 300s)");
  cmd->add_option("--connect-timeout", s->connect_timeout, "default 10s");
  cmd->add_option("--max-response-bytes", s->max_response_bytes,
                  "larger answers are malformed");
  cmd->add_flag("--ignore-retry-after{false}", s->honor_retry_after,
                "do not pause after a 429");
  cmd->add_option("--seed", s->seed, "random seed (default 1)");
  cmd->add_option("--slo-ttft", s->slo_ttft, "goodput SLO on TTFT, e.g. 500ms");
  cmd->add_option("--slo-tpot", s->slo_tpot, "goodput SLO on TPOT, e.g. 50ms");
  cmd->add_option("--slo-e2e", s->slo_e2e, "goodput SLO on E2E, e.g. 5s");
}

InterruptGuard::InterruptGuard() {
  g_interrupted.store(false);
  g_signal.store(0);
  previous_int_ = std::signal(SIGINT, OnInterrupt);
  previous_term_ = std::signal(SIGTERM, OnInterrupt);
}

InterruptGuard::~InterruptGuard() {
  std::signal(SIGINT, previous_int_);
  std::signal(SIGTERM, previous_term_);
}

const std::atomic<bool>* InterruptGuard::Flag() { return &g_interrupted; }

int InterruptGuard::Signal() { return g_signal.load(); }

std::string InterruptGuard::SignalName() {
  switch (g_signal.load()) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "";
  }
}

}  // namespace loadlaw::cli
