// File: loadlaw/runner/run_options.h
// What a load run does: the target, the workload, closed loop (N virtual
// users) or open loop (arrivals at a rate), one or more load levels run one
// after another (each a warm-up, then a measurement window), transport
// limits, credentials (by environment variable name only) and SLOs.
//
//   using namespace std::chrono_literals;
//   loadlaw::runner::RunOptions options;
//   options.target_url = "http://127.0.0.1:8000";
//   loadlaw::runner::LoadLevel level;
//   level.concurrency = 32;
//   level.warmup = 10s;
//   level.duration = 60s;
//   options.levels = {level};
//   std::string why;
//   if (!options.IsValid(&why)) throw std::invalid_argument(why);

#ifndef LOADLAW_RUNNER_RUN_OPTIONS_H_
#define LOADLAW_RUNNER_RUN_OPTIONS_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "loadlaw/telemetry/loop.h"
#include "loadlaw/telemetry/window_recorder.h"
#include "loadlaw/workload/arrival.h"
#include "loadlaw/workload/workload.h"

namespace loadlaw::runner {

enum class HttpVersion { kHttp1_1, kHttp2 };

// How requests go on the wire. kAuto: the native HTTP/1.1 transport for
// http:// targets (kernel receive times, low overhead; docs/metrics.md,
// "Timing"), libcurl for https, HTTP/2, a proxy in the environment or
// credentials in the URL. kNative fails on a run it cannot serve.
enum class Transport { kAuto, kCurl, kNative };
std::string_view TransportName(Transport t);  // "auto", "curl", "native"
// The transport named `text`; throws std::invalid_argument naming `field`.
Transport ParseTransport(std::string_view text, std::string_view field);

// The load a level may ask for. Above a million arrivals per second or a
// hundred thousand users no client keeps up; below one arrival in 1,000 s a
// window sees nothing (and the gap between arrivals overflows).
inline constexpr int kMaxConcurrency = 100'000;
inline constexpr double kMinRateRps = 1e-3;
inline constexpr double kMaxRateRps = 1e6;
// An answer larger than this cannot be allowed (max_response_bytes).
inline constexpr std::int64_t kMaxResponseBytesLimit = std::int64_t{1} << 30;

// Why `users` virtual users (or requests in flight) cannot run, "" when they
// can: outside [1, kMaxConcurrency], or more sockets than this process may
// open (its hard RLIMIT_NOFILE, less a reserve). E.g. "must be in [1,
// 100000], got 0".
std::string ConcurrencyProblem(std::int64_t users);
// Why `rate_rps` arrivals per second cannot run, "" when they can: outside
// [kMinRateRps, kMaxRateRps] or not a number.
std::string RateProblem(double rate_rps);
// Why a gamma shape cannot be used, "" when it can: outside [0.01, 100].
std::string BurstinessProblem(double burstiness);
// Why an answer limit cannot be used: outside [1, kMaxResponseBytesLimit].
std::string ResponseBytesProblem(std::int64_t bytes);

// One load level. Closed loop uses `concurrency`, open loop `rate_rps`. The
// level stops after `duration` of measurement, or (single-level runs only)
// once `requests` measured requests have finished.
struct LoadLevel {
  int concurrency = 0;
  double rate_rps = 0;
  std::chrono::nanoseconds warmup{0};
  std::chrono::nanoseconds duration{0};
  std::int64_t requests = 0;
};

struct RunOptions {
  // Base URL of the server, "http://host:port" with or without "/v1"; for
  // generic HTTP scenarios the URL their paths are appended to.
  std::string target_url;
  workload::Workload workload = workload::SyntheticWorkload(128, 64);
  // Model name sent in requests; empty: the scenario's, else the workload's,
  // else none.
  std::string model;

  telemetry::LoopKind loop = telemetry::LoopKind::kClosed;
  std::vector<LoadLevel> levels;
  // Open loop: the arrival process, its burstiness (gamma shape) and an
  // optional cap on requests in flight (0: none; late arrivals wait, and the
  // wait shows in the schedule lag).
  workload::ArrivalKind arrival = workload::ArrivalKind::kPoisson;
  double burstiness = 1.0;
  int max_in_flight = 0;

  // Closed loop: a level's new virtual users start spread evenly over this
  // time (capped at the level's warm-up) instead of all at once, so that they
  // do not move in lockstep (which makes a short window's completion count
  // jump by whole waves of N).
  std::chrono::nanoseconds ramp_up{0};

  // Worker threads, each with its own libcurl multi handle; virtual users
  // and arrivals are split evenly between them.
  int threads = 1;

  // The bearer token is read from this environment variable (no header when
  // it is unset or empty). It never appears in results, records or messages.
  std::string api_key_env = "OPENAI_API_KEY";
  bool verify_tls = true;
  HttpVersion http_version = HttpVersion::kHttp1_1;
  Transport transport = Transport::kAuto;
  std::chrono::nanoseconds connect_timeout = std::chrono::seconds(10);
  std::chrono::nanoseconds request_timeout = std::chrono::seconds(300);
  // Closed loop: after a 429 a virtual user waits for Retry-After (seconds
  // or an HTTP-date; at most max_retry_after) before its next request, or
  // backs off when there is none (docs/metrics.md, "Error classes").
  bool honor_retry_after = true;
  std::chrono::nanoseconds max_retry_after = std::chrono::seconds(60);
  // A larger answer is cut and counted as `malformed`.
  std::int64_t max_response_bytes = std::int64_t{32} << 20;

  // When set, every request is written to this file as one JSON line; the
  // file is created anew unless records_append.
  std::string records_path;
  bool records_append = false;
  // Added to each level's index in records and results: a sweep runs its
  // levels one run at a time, and its records name the sweep's level.
  int level_index_offset = 0;
  telemetry::SloSpec slo;  // for goodput
  std::uint64_t seed = 1;  // seeds scenario choice, prompts, think, arrivals

  // True when the options can run; otherwise false with a message naming
  // the field and its value in *why (when not null).
  bool IsValid(std::string* why) const;
};

}  // namespace loadlaw::runner

#endif  // LOADLAW_RUNNER_RUN_OPTIONS_H_
