#include "cli/load_args.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "loadlaw/telemetry/clock.h"
#include "loadlaw/workload/duration.h"
#include "loadlaw/workload/workload.h"

namespace loadlaw::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void OnInterrupt(int) {
  g_interrupted.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process
}

workload::Workload BuildWorkload(const LoadArgs& a) {
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

void ApplySlos(const LoadArgs& a, telemetry::SloSpec* slo) {
  if (!a.slo_ttft.empty()) slo->ttft_s = FlagSeconds(a.slo_ttft, "--slo-ttft");
  if (!a.slo_tpot.empty()) slo->tpot_s = FlagSeconds(a.slo_tpot, "--slo-tpot");
  if (!a.slo_e2e.empty()) slo->e2e_s = FlagSeconds(a.slo_e2e, "--slo-e2e");
}

}  // namespace

double FlagSeconds(const std::string& text, const char* flag) {
  return telemetry::ToSeconds(workload::ParseDuration(text, flag));
}

runner::RunOptions BuildLoadOptions(const LoadArgs& a, runner::LoopKind loop) {
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
  o.loop = loop;
  o.arrival = workload::ParseArrivalKind(a.arrival, "--arrival");
  o.burstiness = a.burstiness;
  o.max_in_flight = a.max_in_flight;
  o.threads = a.threads;
  if (!a.ramp_up.empty()) {
    o.ramp_up = workload::ParseDuration(a.ramp_up, "--ramp-up");
  }
  o.api_key_env = a.api_key_env;
  if (a.api_key_env_opt->count() > 0 &&
      std::getenv(a.api_key_env.c_str()) == nullptr) {
    throw std::invalid_argument("--api-key-env: environment variable " +
                                a.api_key_env + " is not set");
  }
  o.verify_tls = !a.insecure;
  o.http_version =
      a.http2 ? runner::HttpVersion::kHttp2 : runner::HttpVersion::kHttp1_1;
  o.transport = runner::ParseTransport(a.transport, "--transport");
  o.request_timeout = workload::ParseDuration(a.timeout, "--timeout");
  o.connect_timeout =
      workload::ParseDuration(a.connect_timeout, "--connect-timeout");
  o.max_response_bytes = a.max_response_bytes;
  o.honor_retry_after = !a.ignore_retry_after;
  o.seed = a.seed;
  ApplySlos(a, &o.slo);
  return o;
}

std::string WorkloadText(const LoadArgs& a) {
  std::ostringstream s;
  if (!a.workload_file.empty()) {
    std::ifstream in(a.workload_file);
    s << in.rdbuf();
  } else {
    s << "synthetic api=" << a.api << " prompt_tokens=" << a.prompt_tokens
      << " max_tokens=" << a.max_tokens;
  }
  s << " stream=" << !a.no_stream << " think=" << a.think_time;
  return s.str();
}

void AddLoadOptions(CLI::App* cmd, LoadArgs* a) {
  cmd->add_option("--target", a->target,
                  "base URL, http://host:port (with or without /v1)")
      ->required();
  cmd->add_option("--workload", a->workload_file,
                  "workload model JSON (models/workloads/)");
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
  cmd->add_option("--ramp-up", a->ramp_up,
                  "closed loop: start the users spread over this time, at "
                  "most the warm-up (run: 0s; sweep: half the warm-up)");
  a->api_key_env_opt = cmd->add_option("--api-key-env", a->api_key_env,
                                       "env variable holding the bearer token");
  cmd->add_flag("--insecure", a->insecure, "do not verify TLS certificates");
  cmd->add_flag("--http2", a->http2, "use HTTP/2 where the server offers it");
  cmd->add_option("--transport", a->transport,
                  "auto (native HTTP/1.1 for http://, else libcurl), native "
                  "or curl");
  cmd->add_option("--timeout", a->timeout,
                  "per-request timeout (default 300s)");
  cmd->add_option("--connect-timeout", a->connect_timeout, "default 10s");
  cmd->add_option("--max-response-bytes", a->max_response_bytes,
                  "larger answers are malformed");
  cmd->add_flag("--ignore-retry-after", a->ignore_retry_after,
                "do not pause after a 429");
  cmd->add_option("--seed", a->seed, "random seed (default 1)");
  cmd->add_option("--slo-ttft", a->slo_ttft, "goodput SLO on TTFT, e.g. 500ms");
  cmd->add_option("--slo-tpot", a->slo_tpot, "goodput SLO on TPOT, e.g. 50ms");
  cmd->add_option("--slo-e2e", a->slo_e2e, "goodput SLO on E2E, e.g. 5s");
}

InterruptGuard::InterruptGuard() {
  g_interrupted.store(false);
  previous_ = std::signal(SIGINT, OnInterrupt);
}

InterruptGuard::~InterruptGuard() { std::signal(SIGINT, previous_); }

const std::atomic<bool>* InterruptGuard::Flag() { return &g_interrupted; }

}  // namespace loadlaw::cli
