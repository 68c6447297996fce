// File: loadlaw/runner/load_spec.h
// The load options as a user writes them, on the command line or as Python
// keywords: what `run` and `sweep` share (target, workload, pacing,
// transport, goodput SLOs, seed). One builder turns them into RunOptions, and
// one canonical identity names the workload, so that the CLI and Python
// build, check and identify a load alike (a sweep started in one can be
// resumed in the other, and `compare` sees the same workload).
//
//   loadlaw::runner::LoadSpec spec;
//   spec.naming = loadlaw::base::Naming::kKeyword;  // messages say think_time
//   spec.target = "http://127.0.0.1:8000";
//   spec.think_time = "2s";
//   loadlaw::runner::RunOptions options =
//       loadlaw::runner::BuildRunOptions(spec, loadlaw::telemetry::LoopKind::kClosed);
//   std::string id = loadlaw::runner::WorkloadIdentity(spec);

#ifndef LOADLAW_RUNNER_LOAD_SPEC_H_
#define LOADLAW_RUNNER_LOAD_SPEC_H_

#include <cstdint>
#include <optional>
#include <string>

#include "loadlaw/base/field_name.h"
#include "loadlaw/runner/run_options.h"
#include "loadlaw/telemetry/loop.h"

namespace loadlaw::runner {

// Option names are the Python keywords; the CLI's flags are derived
// (base::FieldName). Durations are text ("500ms", "2s", "exp:2s"); empty
// means "not given".
struct LoadSpec {
  base::Naming naming = base::Naming::kFlag;  // how errors name the options

  std::string target;
  std::string workload;  // a workload file; empty: the synthetic workload
  // The synthetic workload (only without `workload`): 128 and 64 tokens,
  // "chat", when not given.
  std::optional<std::int64_t> prompt_tokens;
  std::optional<std::int64_t> max_tokens;
  std::optional<std::string> api;
  std::string model;  // sent in requests; empty: the workload's
  bool stream = true;
  std::string think_time;  // closed loop: "2s", "exp:2s", "uniform:1s:3s"
  std::string arrival = "poisson";
  double burstiness = 1.0;
  int max_in_flight = 0;
  int threads = 1;
  std::string ramp_up;  // empty: the command's default
  // Given: must name a set variable. Not given: OPENAI_API_KEY if set.
  std::optional<std::string> api_key_env;
  bool verify_tls = true;
  bool http2 = false;
  std::string transport = "auto";
  std::string timeout = "300s";
  std::string connect_timeout = "10s";
  std::int64_t max_response_bytes = std::int64_t{32} << 20;
  bool honor_retry_after = true;
  std::uint64_t seed = 1;
  std::string slo_ttft, slo_tpot, slo_e2e;  // goodput SLOs, e.g. "500ms"
};

// One level of `loadlaw run` as written: exactly one of concurrency (closed
// loop) or rate_rps (open loop), and one of duration or requests.
struct LevelSpec {
  int concurrency = 0;
  double rate_rps = 0;
  std::string duration;  // e.g. "60s"; empty: by request count
  std::int64_t requests = 0;
  std::string warmup = "0s";
};

// The options of a one-level run (`loadlaw run`): the loop follows from the
// level, records go to `records_path` (empty: none). Validated: throws
// std::invalid_argument naming the option as the user spelled it.
RunOptions BuildRun(const LoadSpec& spec, const LevelSpec& level,
                    const std::string& records_path);

// The run options of `spec` for `loop`, without levels or records (the
// caller sets them and validates). Throws std::invalid_argument naming the
// option as the user spelled it (e.g. "--think-time: ..." or
// "think_time: ...").
RunOptions BuildRunOptions(const LoadSpec& spec, telemetry::LoopKind loop);

// What identifies the workload of `spec` (its hash is a sweep's workload
// identity, checked by --resume and compared by `compare`): the workload
// file's text, or a description of the synthetic workload, with the stream
// flag and the think time in canonical form. Throws std::invalid_argument
// as BuildRunOptions for a bad think time or an unreadable file.
std::string WorkloadIdentity(const LoadSpec& spec);

}  // namespace loadlaw::runner

#endif  // LOADLAW_RUNNER_LOAD_SPEC_H_
