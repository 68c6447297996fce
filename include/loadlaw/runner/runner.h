// File: loadlaw/runner/runner.h
// Runs a load test: libcurl multi event loops (one per thread), closed- or
// open-loop pacing, SSE parsing, per-request records, and per-level summaries
// (docs/metrics.md defines every number). Failed requests are data, counted
// by class; Run throws only for invalid options or an unusable environment.
//
//   loadlaw::runner::RunHooks hooks;
//   std::atomic<bool> stop{false};                 // set it from SIGINT
//   hooks.cancel = &stop;
//   hooks.on_progress = [](const loadlaw::runner::Progress& p) { ... };
//   loadlaw::runner::RunResult result = loadlaw::runner::Run(options, hooks);
//   double p99_ttft_s = result.levels[0].summary.ttft.p99;
//   std::string json = loadlaw::runner::RunResultToJson(result);

#ifndef LOADLAW_RUNNER_RUNNER_H_
#define LOADLAW_RUNNER_RUNNER_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "loadlaw/base/clock.h"
#include "loadlaw/base/redact.h"
#include "loadlaw/runner/run_options.h"
#include "loadlaw/telemetry/request_sample.h"
#include "loadlaw/telemetry/window_recorder.h"

namespace loadlaw::runner {

struct LevelResult {
  int index = 0;
  LoadLevel level;  // as configured
  telemetry::WindowSummary summary;
  // A uniform sample of the window's completed requests (at most
  // telemetry::kMaxRequestSamples): what a sweep keeps for compare and for
  // the engine model's calibration.
  std::vector<telemetry::RequestSample> samples;
  bool complete = true;  // false when the run was cancelled in this level
};

struct RunResult {
  std::string target;  // the target URL without credentials
  std::string workload;
  telemetry::LoopKind loop = telemetry::LoopKind::kClosed;
  workload::ArrivalKind arrival = workload::ArrivalKind::kPoisson;
  double burstiness = 1.0;
  int max_in_flight = 0;
  int threads = 1;
  // The transport used: kNative (kernel receive times) or kCurl, never kAuto.
  Transport transport = Transport::kCurl;
  std::vector<LevelResult> levels;
  bool cancelled = false;
  // Wall-clock time (Unix seconds) of the run's start, the origin of every
  // record timestamp: aligns records with server logs.
  double start_unix_s = 0;
  double elapsed_s = 0;
  // Requests still in flight when the run ended: not counted anywhere.
  std::uint64_t aborted_requests = 0;
  // TCP connections opened over the whole run (reuse keeps it near the
  // number of requests in flight).
  std::uint64_t connections_opened = 0;
  // Set when the records file could not be written (a full disk): the run
  // stopped there, its levels are incomplete, and this says which file and
  // why ("records file runs/r.jsonl: No space left on device (after 65536
  // bytes)").
  std::string records_error;
};

// Why `result` does not stand as a measurement (the CLI exits non-zero):
// its records could not be written, or a level's window saw no request
// finish (with how many requests the end of the run aborted). Empty when it
// stands.
std::string RunFailure(const RunResult& result);

// A snapshot for a progress line, taken every RunHooks::progress_interval.
struct Progress {
  int level = 0;
  int level_count = 1;
  bool warmup = false;
  double level_elapsed_s = 0;
  double level_length_s = 0;    // warm-up + duration; 0 when by request count
  std::uint64_t completed = 0;  // in this level, warm-up included
  std::uint64_t errors = 0;
  std::uint64_t in_flight = 0;
  double requests_per_s = 0;  // over the last interval
  double output_tokens_per_s = 0;
};

struct RunHooks {
  // Called on Run's thread; the library itself never prints.
  std::function<void(const Progress&)> on_progress;
  std::chrono::nanoseconds progress_interval = std::chrono::seconds(1);
  // Called on Run's thread as each level finishes (a sweep writes it out).
  std::function<void(const LevelResult&)> on_level;
  // When it becomes true the run stops within ~50 ms and returns what it has.
  const std::atomic<bool>* cancel = nullptr;
  // The time source; nullptr: base::SteadyClock.
  const base::Clock* clock = nullptr;
};

// Runs every level of `options`. Throws std::invalid_argument when
// options.IsValid fails or the records file cannot be opened. A records file
// that cannot be written ends the run early (RunResult::records_error).
RunResult Run(const RunOptions& options, const RunHooks& hooks = {});

// JSON renderings (schema "loadlaw.run/1", documented in docs/metrics.md):
// latencies in seconds. A single-level result also carries that level's
// fields at the top level (metrics, throughput, concurrency, errors, tokens).
std::string RunResultToJson(const RunResult& result, int indent = 2);
std::string LevelResultToJson(const LevelResult& level, telemetry::LoopKind loop,
                              int indent = 2);

// `url` with any "user:password@" removed (for output).
std::string RedactUrl(const std::string& url);

// The secrets of a run, redacted from everything it writes (docs/metrics.md,
// "Secrets"): the API key (the value of options.api_key_env), the
// credentials of the target URL and the values of the workload's secret
// headers (workload::IsSecretHeader).
base::Redactor RunSecrets(const RunOptions& options);

}  // namespace loadlaw::runner

#endif  // LOADLAW_RUNNER_RUNNER_H_
