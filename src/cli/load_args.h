// The options `run` and `sweep` share: target, workload, transport, SLOs for
// goodput, seed; and the Ctrl-C handling of a load test.

#ifndef LOADLAW_CLI_LOAD_ARGS_H_
#define LOADLAW_CLI_LOAD_ARGS_H_

#include <atomic>
#include <csignal>
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "loadlaw/runner/run_options.h"

namespace loadlaw::cli {

struct LoadArgs {
  std::string target;
  std::string workload_file;
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
  std::string ramp_up;  // empty: the command's default
  std::string api_key_env = "OPENAI_API_KEY";
  bool insecure = false;
  bool http2 = false;
  std::string transport = "auto";
  std::string timeout = "300s";
  std::string connect_timeout = "10s";
  std::int64_t max_response_bytes = std::int64_t{32} << 20;
  bool ignore_retry_after = false;
  std::uint64_t seed = 1;
  std::string slo_ttft, slo_tpot, slo_e2e;
  CLI::Option* prompt_tokens_opt = nullptr;
  CLI::Option* max_tokens_opt = nullptr;
  CLI::Option* api_opt = nullptr;
  CLI::Option* api_key_env_opt = nullptr;
};

// Registers the shared options on `cmd`.
void AddLoadOptions(CLI::App* cmd, LoadArgs* a);

// The run options of `a` for `loop`, without levels or records (the caller
// sets them and validates). Throws std::invalid_argument naming the flag.
runner::RunOptions BuildLoadOptions(const LoadArgs& a, runner::LoopKind loop);

// What identifies the workload: the workload file's text, or a canonical
// description of the synthetic one.
std::string WorkloadText(const LoadArgs& a);

// Seconds of a duration flag such as "500ms" or "2m".
double FlagSeconds(const std::string& text, const char* flag);

// While alive, Ctrl-C sets Interrupted() instead of killing the process (a
// second Ctrl-C does); the previous handler is restored on destruction.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  static const std::atomic<bool>* Flag();

 private:
  void (*previous_)(int);
};

}  // namespace loadlaw::cli

#endif  // LOADLAW_CLI_LOAD_ARGS_H_
