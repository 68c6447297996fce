// File: loadlaw/sweep/sweep.h
// A calibration sweep: the load runner at several levels, one after another
// (closed-loop concurrency levels by default, open-loop arrival rates on
// request), each with a warm-up, a measurement window and a steady-state
// check (an unsettled level is run again with a longer window, up to a bound,
// and flagged when it never settles), resource gauges sampled meanwhile, and
// the sweep file rewritten atomically after every level so that an
// interrupted sweep keeps its finished levels and can be resumed.
//
//   loadlaw::sweep::SweepOptions options;
//   options.run.target_url = "http://127.0.0.1:8000";
//   options.concurrencies = {1, 2, 4, 8, 16};
//   options.out_path = "runs/sim.sweep.json";
//   loadlaw::sweep::SweepHooks hooks;
//   hooks.on_log = [](const std::string& line) { std::cerr << line << "\n"; };
//   loadlaw::sweep::SweepFile sweep = loadlaw::sweep::RunSweep(options, hooks);

#ifndef LOADLAW_SWEEP_SWEEP_H_
#define LOADLAW_SWEEP_SWEEP_H_

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "loadlaw/runner/load_spec.h"
#include "loadlaw/runner/run_options.h"
#include "loadlaw/runner/runner.h"
#include "loadlaw/sweep/auto_levels.h"
#include "loadlaw/sweep/resource_sampler.h"
#include "loadlaw/sweep_file/steady_state.h"
#include "loadlaw/sweep_file/sweep_file.h"

namespace loadlaw::sweep {

struct SweepOptions {
  // Target, workload, loop kind, transport, SLOs; its `levels` and
  // `records_path` are set by the sweep.
  runner::RunOptions run;
  // The workload's text (file contents or a canonical description of a
  // synthetic one): its hash identifies the workload for --resume and compare.
  std::string workload_text;

  std::vector<int> concurrencies;  // closed loop, explicit levels
  std::vector<double> rates_rps;   // open loop, explicit levels
  bool auto_levels = false;        // closed loop: AutoLevelPolicy
  AutoLevelOptions auto_options;

  std::chrono::nanoseconds warmup = std::chrono::seconds(10);
  std::chrono::nanoseconds level_duration = std::chrono::seconds(60);
  // An unsettled level runs again with twice the window, at most this often.
  int max_extensions = 1;
  SteadyStateOptions steady;

  std::string out_path;      // the sweep file (required)
  std::string records_path;  // optional: every request as JSON lines
  bool resume = false;       // continue the sweep in out_path
  std::string label;         // hardware label
  int server_concurrency_limit = 0;  // when known (provenance only)
  SamplerOptions sampling;   // its target is taken from run.target_url
  std::uint64_t seed = 1;    // latency-sample reservoirs

  bool IsValid(std::string* why) const;
  // The longest the sweep can take, in seconds, with every level extended:
  // what the CLI announces before it starts.
  double MaxDurationS() const;
};

struct SweepHooks {
  std::function<void(const std::string&)> on_log;  // one line per event
  // Progress of the level being measured (index into the sweep's levels).
  std::function<void(int level, double load, const runner::Progress&)>
      on_progress;
  std::function<void(const SweepLevel&)> on_level;  // after each save
  const std::atomic<bool>* cancel = nullptr;
  // What set `cancel` ("SIGTERM"), for the sweep file's stop_reason.
  std::function<std::string()> cancel_reason;
  UncertaintyScore score;  // auto mode: where a fit is least certain
};

// A sweep as the user writes it (CLI flags, Python keywords; option names as
// in runner::LoadSpec): closed loop over `levels` or `auto_levels`, or open
// loop over `rates`; durations as text.
struct SweepSpec {
  runner::LoadSpec load;
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
  std::vector<std::string> metrics;  // extra Prometheus series
  int pid = 0;                       // local server to sample, 0: none
  bool gpu = true;                   // sample nvidia-smi
  bool scrape_metrics = true;        // sample the target's /metrics
  int server_limit = 0;              // the server's concurrency limit
};

// The options of `spec`, validated: exactly one of levels, auto or rates;
// the workload identity from runner::WorkloadIdentity; a closed loop's
// ramp-up half the warm-up unless given. Throws std::invalid_argument naming
// the option as the user spelled it.
SweepOptions BuildSweepOptions(const SweepSpec& spec);

// One line for a finished level, as the CLI and Python log it: "level 3: 4
// users: 12.50 req/s, 800 tok/s, concurrency 3.98, e2e p99 0.412 s, ttft
// p95 0.031 s, 0 errors" (and why, when it never settled).
std::string DescribeLevel(const SweepLevel& level, bool open_loop);
// "4 users", "1 user", "2.5 req/s".
std::string DescribeLoad(double load, bool open_loop);

// Runs the sweep. Throws std::invalid_argument for invalid options or a
// --resume whose file belongs to another target, loop or workload;
// std::runtime_error when the sweep file cannot be written, or the records
// file stops taking writes (a full disk: the sweep stops, its file saved with
// the finished levels and that stop_reason first). A cancelled sweep returns
// (and has saved) its finished levels with complete = false.
SweepFile RunSweep(const SweepOptions& options, const SweepHooks& hooks = {});

}  // namespace loadlaw::sweep

#endif  // LOADLAW_SWEEP_SWEEP_H_
