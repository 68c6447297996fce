// File: loadlaw/sweep_file/sweep_file.h
// The sweep file: one JSON document per calibration sweep, with its
// provenance and one entry per finished load level (its summary, steady-state
// verdict, resource gauges and the latency samples `compare` needs). It is
// rewritten atomically after every level (write a temporary file, flush and
// fsync it, rename it over the old one), so a crash or Ctrl-C keeps every
// finished level and `--resume` can continue.
//
//   loadlaw::sweep::SweepFile sweep = loadlaw::sweep::LoadSweep("runs/a.sweep.json");
//   for (const loadlaw::sweep::SweepLevel& level : sweep.levels)
//     std::printf("%d users: %.1f req/s\n", level.concurrency,
//                 level.summary.requests_per_s);
//   loadlaw::sweep::SaveSweepAtomic(sweep, "runs/a.sweep.json");
//
// This module holds the file's data and its reading and writing only: it
// runs no load (the sweep driver, loadlaw/sweep/sweep.h, does) and fits no
// model (loadlaw/calibrate/calibrate.h does).

#ifndef LOADLAW_SWEEP_FILE_SWEEP_FILE_H_
#define LOADLAW_SWEEP_FILE_SWEEP_FILE_H_

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "loadlaw/sweep_file/steady_state.h"
#include "loadlaw/telemetry/loop.h"
#include "loadlaw/telemetry/request_sample.h"
#include "loadlaw/telemetry/window_recorder.h"

namespace loadlaw::sweep {

// The version written in (and required of) every sweep file.
inline constexpr char kSweepSchema[] = "loadlaw.sweep/1";

// Where and how the sweep was measured. Empty strings mean "not recorded".
struct SweepProvenance {
  std::string target;        // base URL, credentials removed
  std::string served_model;  // from the target's /v1/models
  std::string workload_name;
  std::string workload_hash;  // FNV-1a 64 of the workload's canonical JSON
  std::string label;          // hardware label (--label), e.g. "h100"
  std::string date;           // UTC, ISO 8601, when the sweep started
  std::string loadlaw_version;
  // Closed: the levels are concurrencies; open: arrival rates.
  telemetry::LoopKind loop = telemetry::LoopKind::kClosed;
  double think_time_s = 0;      // mean closed-loop think time of the workload
  int server_concurrency_limit = 0;  // when known (e.g. --max-num-seqs)
};

// Mean and maximum of one gauge over a level's measurement window.
struct GaugeStats {
  double mean = std::numeric_limits<double>::quiet_NaN();
  double max = std::numeric_limits<double>::quiet_NaN();
  int samples = 0;
};

// Per-request latencies of the measurement window, in seconds, from a
// uniform sample of its completed requests (at most
// telemetry::kMaxRequestSamples): what `compare` bootstraps. TPOT only of
// requests with at least 2 output tokens.
struct LatencySamples {
  std::vector<double> e2e_s;
  std::vector<double> ttft_s;
  std::vector<double> tpot_s;
};

// How the sweep was asked to run, as given: what --resume continues with.
struct SweepSettings {
  std::vector<int> concurrencies;  // closed loop, explicit levels
  std::vector<double> rates_rps;   // open loop, explicit levels
  bool auto_levels = false;
  double warmup_s = 0;
  double level_duration_s = 0;
  int max_extensions = 0;
  int threads = 1;
  std::string transport;  // as the runner names it: "auto", "native", "curl"
  std::uint64_t seed = 1;
};

struct SweepLevel {
  int index = 0;
  int concurrency = 0;    // configured users (closed loop)
  double rate_rps = 0;    // configured arrival rate (open loop)
  double warmup_s = 0;
  double duration_s = 0;  // the measurement window of the final attempt
  int extensions = 0;     // times the level was run again for not settling
  SteadyState steady;
  telemetry::WindowSummary summary;
  // Resource gauges by name: the target's Prometheus series (e.g.
  // "vllm:num_requests_running"), "process_cpu_cores", "process_rss_bytes",
  // "gpu_utilization_pct", "gpu_memory_used_mib".
  std::map<std::string, GaugeStats> gauges;
  LatencySamples samples;
  // The same uniform sample of the window's completed requests with their
  // token counts and timings: what the engine model is calibrated from.
  // Empty in sweeps written before it was recorded.
  std::vector<telemetry::RequestSample> requests;

  // The level's load in its loop's unit: users or requests per second.
  double Load(bool open_loop) const { return open_loop ? rate_rps : concurrency; }
};

struct SweepFile {
  std::string schema = kSweepSchema;
  SweepProvenance provenance;
  SweepSettings options;
  std::vector<SweepLevel> levels;  // finished levels, in the order run
  bool complete = false;           // false while running or when interrupted
  std::string stop_reason;         // why the sweep ended (auto mode, cancel)

  bool open_loop() const {
    return provenance.loop == telemetry::LoopKind::kOpen;
  }
};

// What a level's outcome was, as a sweep's --auto policy and its scorer see
// it.
struct LevelOutcome {
  int concurrency = 0;
  double throughput = 0;  // completions per second
  double error_fraction = 0;
  bool slo_met = true;  // every SLO held (99 % of completions met them)
};

// The outcome of each finished level, in the sweep's order.
std::vector<LevelOutcome> Outcomes(const SweepFile& sweep);

nlohmann::json SweepToJson(const SweepFile& sweep);
// Reads a sweep document; `source` (a path) prefixes every error. Throws
// std::invalid_argument naming the JSON pointer of a missing or mistyped
// field, or a schema other than kSweepSchema.
SweepFile SweepFromJson(const nlohmann::json& j, const std::string& source);

// Writes `sweep` to `path` with base::WriteFileAtomic. Throws
// std::runtime_error naming the path when any step fails (the old file is
// then untouched).
void SaveSweepAtomic(const SweepFile& sweep, const std::string& path);
// Reads and parses `path`. Throws std::invalid_argument naming the file.
SweepFile LoadSweep(const std::string& path);

}  // namespace loadlaw::sweep

#endif  // LOADLAW_SWEEP_FILE_SWEEP_FILE_H_
