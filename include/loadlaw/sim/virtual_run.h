// File: loadlaw/sim/virtual_run.h
// The simulator without HTTP: the engine of engine.h driven in virtual time
// by a closed loop of N users or an open loop of arrivals at a rate. A run of
// thousands of requests takes milliseconds, so tests and notebooks get
// ground-truth curves in seconds. Times are milliseconds of virtual compute.
//
//   loadlaw::sim::SimConfig config;
//   config.step_base_ms = 5;
//   loadlaw::sim::RequestShape shape;
//   shape.prompt_tokens = loadlaw::sim::TokenCountDist::Fixed(100);
//   shape.max_tokens = loadlaw::sim::TokenCountDist::Fixed(64);
//   loadlaw::sim::VirtualLoad load =
//       loadlaw::sim::VirtualLoad::ClosedLoop(/*concurrency=*/8, 2000);
//   loadlaw::sim::VirtualRunResult run =
//       loadlaw::sim::RunVirtual(config, shape, load);
//   double x_rps = run.throughput_rps;
//   double ttft_ms = run.requests[0].TtftMs();

#ifndef LOADLAW_SIM_VIRTUAL_RUN_H_
#define LOADLAW_SIM_VIRTUAL_RUN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "loadlaw/sim/config.h"

namespace loadlaw::sim {

// A distribution of token counts, small on purpose: the workload module maps
// its richer distributions onto these (or samples them itself and passes
// Fixed counts per run).
struct TokenCountDist {
  enum class Kind { kFixed, kUniform, kGeometric };
  Kind kind = Kind::kFixed;
  std::int64_t min = 1;  // kFixed: the count; kUniform: lowest; else 1
  std::int64_t max = 1;  // kFixed: the count; kUniform: highest; kGeometric:
                         // cap (the draw is min(draw, max))
  double mean = 1.0;     // kGeometric: mean before the cap

  static TokenCountDist Fixed(std::int64_t count);
  static TokenCountDist Uniform(std::int64_t low, std::int64_t high);
  static TokenCountDist Geometric(double mean, std::int64_t cap);
  // False, naming `name` and the bad value in *why, unless 1 <= min <= max
  // and (kGeometric) mean >= 1.
  bool IsValid(const std::string& name, std::string* why) const;
};

// The requests of a virtual run. max_tokens goes through the engine's
// output_dist exactly as an HTTP request's max_tokens does.
struct RequestShape {
  TokenCountDist prompt_tokens = TokenCountDist::Fixed(128);
  TokenCountDist max_tokens = TokenCountDist::Fixed(128);
};

enum class LoadMode { kClosedLoop, kPoisson, kConstantRate };

// Who sends the requests, and when the run stops issuing them: after
// num_requests arrivals or at duration_ms of virtual time, whichever comes
// first (0 means no limit; at least one must be set). Issued requests always
// run to completion.
struct VirtualLoad {
  LoadMode mode = LoadMode::kClosedLoop;
  int concurrency = 1;      // closed loop: users, each one request at a time
  double think_ms = 0.0;    // closed loop: pause between a user's requests
  double rate_rps = 0.0;    // open loop: arrivals per second of virtual time
  std::int64_t num_requests = 0;
  double duration_ms = 0.0;
  std::uint64_t seed = 1;  // request shapes and Poisson arrivals

  static VirtualLoad ClosedLoop(int concurrency, std::int64_t num_requests);
  static VirtualLoad OpenLoop(LoadMode mode, double rate_rps,
                              std::int64_t num_requests);
  bool IsValid(std::string* why) const;
};

// One request of a run. done_ms == last_token_ms: the engine ends a request
// with its last token (the server writes [DONE] in the same write).
struct RequestTiming {
  std::int64_t index = 0;  // issue order, from 0
  int user = -1;           // closed loop user, -1 in an open loop
  std::int64_t prompt_tokens = 0;
  std::int64_t max_tokens = 0;
  std::int64_t output_tokens = 0;
  double arrival_ms = 0.0;
  double first_token_ms = 0.0;
  double last_token_ms = 0.0;
  double done_ms = 0.0;

  double TtftMs() const { return first_token_ms - arrival_ms; }
  double E2eMs() const { return done_ms - arrival_ms; }
  // (last - first) / (output_tokens - 1); 0 for a single-token request.
  double TpotMs() const;
};

struct VirtualRunResult {
  std::vector<RequestTiming> requests;  // in issue order, all completed
  double end_ms = 0.0;     // when the last request finished
  std::int64_t steps = 0;  // engine steps taken
  bool truncated = false;  // issuing stopped at kMaxVirtualRequests
  // Completions and output tokens per second over the middle of the run,
  // [0.1 end_ms, 0.9 end_ms): the ramp-up and the drain left out.
  double throughput_rps = 0.0;
  double output_tokens_per_s = 0.0;

  // Requests whose done_ms lies in [from_ms, to_ms), per second.
  double ThroughputRps(double from_ms, double to_ms) const;
  // Output tokens of those requests, per second.
  double OutputTokensPerS(double from_ms, double to_ms) const;
  double MeanE2eMs() const;
};

// A run never issues more than this many requests (memory bound).
inline constexpr std::int64_t kMaxVirtualRequests = 2000000;

// Runs the engine in virtual time. Throws std::invalid_argument (the field
// and value named) when config, shape or load is invalid, when a request of
// the shape could never fit the KV cache, or when step_base_ms and
// step_per_seq_ms are both 0 (virtual time would not advance).
VirtualRunResult RunVirtual(const SimConfig& config, const RequestShape& shape,
                            const VirtualLoad& load);

// The closed form of docs/simulator.md: steady-state requests per second of
// N closed-loop users with zero think time, fixed prompt P and output T
// tokens, when N <= max_num_seqs, N P <= prefill_budget_tokens, N (P + T) <=
// kv_capacity_tokens and jitter is 0 (output_dist fixed):
//   R(N) = T (a + b N) + N (p P + c T (P + (T - 1) / 2))   [ms]
//   X(N) = 1000 N / R(N)                                   [requests/s]
// with a = step_base_ms, b = step_per_seq_ms, p = prefill_per_token_ms,
// c = step_per_ctx_token_us / 1000.
double ClosedFormResponseMs(const SimConfig& config, int concurrency,
                            std::int64_t prompt_tokens,
                            std::int64_t output_tokens);
double ClosedFormThroughputRps(const SimConfig& config, int concurrency,
                               std::int64_t prompt_tokens,
                               std::int64_t output_tokens);

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_VIRTUAL_RUN_H_
