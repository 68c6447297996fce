// File: loadlaw/engine/simulate.h
// The engine in virtual time: a fleet of identical replicas behind a router,
// driven by a closed loop of users (sessions back to back, with think time)
// or an open loop of session arrivals (Poisson, gamma, constant), each
// session a sequence of turns whose prompts carry the conversation so far.
// Every request runs to completion through the engine of engine.h; the run
// takes milliseconds of CPU for thousands of requests, so the engine model
// forecasts by simulating (loadlaw/engine/forecast.h).
//
//   loadlaw::engine::Fleet fleet;
//   fleet.params.max_num_seqs = 64;
//   fleet.replicas = 3;
//   loadlaw::engine::FixedSessions sessions({{100, 64}});  // one shape
//   loadlaw::engine::Load load;
//   load.open_loop = true;
//   load.rate_rps = 40;
//   load.duration_ms = 600000;
//   loadlaw::engine::SimulationResult run =
//       loadlaw::engine::Simulate(fleet, sessions, load);

#ifndef LOADLAW_ENGINE_SIMULATE_H_
#define LOADLAW_ENGINE_SIMULATE_H_

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "loadlaw/engine/params.h"
#include "loadlaw/workload/arrival.h"

namespace loadlaw::engine {

// One request of a session: its prompt (the conversation so far), its
// output, and the client-side pause before the session's next turn (a tool
// call, thinking); times in ms.
struct TurnShape {
  std::int64_t prompt_tokens = 1;
  std::int64_t output_tokens = 1;
  double pause_after_ms = 0;
};

// A session: its turns, and (closed loop) the user's pause before the next
// session.
struct SessionShape {
  int scenario = 0;
  std::vector<TurnShape> turns;
  double think_after_ms = 0;
};

// Where sessions come from. Next() is called in the order sessions start;
// `rng` is the run's workload stream.
class SessionSource {
 public:
  virtual ~SessionSource() = default;
  virtual SessionShape Next(std::mt19937_64& rng) = 0;
};

// Sessions drawn uniformly from a fixed list (with replacement).
class FixedSessions : public SessionSource {
 public:
  // Throws std::invalid_argument for an empty list, a session without
  // turns, or a turn with fewer than 1 prompt or output token.
  explicit FixedSessions(std::vector<SessionShape> sessions);
  SessionShape Next(std::mt19937_64& rng) override;
  const std::vector<SessionShape>& sessions() const { return sessions_; }

 private:
  std::vector<SessionShape> sessions_;
};

// How a request picks its replica.
enum class Router {
  kRoundRobin,        // in turn
  kRandom,            // uniformly
  kLeastOutstanding,  // the fewest requests in flight (ties: lowest index)
};
std::string_view RouterName(Router router);  // "round_robin", ...
// Throws std::invalid_argument naming `field` and the choices.
Router ParseRouter(std::string_view text, std::string_view field);

struct Fleet {
  EngineParams params;
  int replicas = 1;
  Router router = Router::kLeastOutstanding;
  std::uint64_t seed = 1;  // the replicas' step jitter
  bool IsValid(std::string* why) const;
};

// Who sends, and for how long. Sessions start until `duration_ms` (0: no
// limit) or `max_requests` requests (0: no limit; one must be set); every
// started request runs to completion.
struct Load {
  bool open_loop = false;
  int concurrency = 1;  // closed loop: users, each one session at a time
  double ramp_up_ms = 0;  // closed loop: users start spread over this
  double rate_rps = 0;    // open loop: session arrivals per second
  workload::ArrivalKind arrival = workload::ArrivalKind::kPoisson;
  double burstiness = 1.0;  // gamma shape (1: Poisson)
  double duration_ms = 0;
  std::int64_t max_requests = 0;
  std::uint64_t seed = 1;  // workload draws, arrivals, routing
  bool IsValid(std::string* why) const;
};

// One request as its client saw it (ms of virtual time). The request reached
// the engine request_overhead_ms after it was sent.
struct SimulatedRequest {
  std::int64_t index = 0;    // issue order, from 0
  std::int64_t session = 0;  // session index, from 0
  int turn = 0;
  bool last_turn = true;
  int scenario = 0;
  int replica = 0;
  int user = -1;  // closed loop user, -1 in an open loop
  std::int64_t prompt_tokens = 0;
  std::int64_t output_tokens = 0;
  double send_ms = 0;
  double admit_ms = 0;  // the start of the step that admitted it
  double first_token_ms = 0;
  double done_ms = 0;
  // The median and longest gap between consecutive tokens (0 below 2).
  double itl_median_ms = 0;
  double itl_max_ms = 0;
  double TtftMs() const { return first_token_ms - send_ms; }
  double E2eMs() const { return done_ms - send_ms; }
  // (done - first) / (output_tokens - 1); 0 for a single-token request.
  double TpotMs() const;
};

struct SimulatedSession {
  std::int64_t index = 0;
  int scenario = 0;
  int turns = 0;
  double start_ms = 0;  // its first request sent
  double end_ms = 0;    // its last request done
};

struct SimulationResult {
  std::vector<SimulatedRequest> requests;  // in issue order, all completed
  std::vector<SimulatedSession> sessions;  // finished ones, in start order
  double end_ms = 0;
  std::int64_t steps = 0;
  bool truncated = false;  // issuing stopped at kMaxSimulatedRequests
};

// A simulation never issues more than this many requests (memory bound).
inline constexpr std::int64_t kMaxSimulatedRequests = 5'000'000;

// Runs the fleet. Throws std::invalid_argument naming the field when the
// fleet or load is invalid, a request can never fit a replica's KV cache,
// or virtual time could not advance (step_base_ms and step_per_seq_ms 0).
SimulationResult Simulate(const Fleet& fleet, SessionSource& sessions,
                          const Load& load);

}  // namespace loadlaw::engine

#endif  // LOADLAW_ENGINE_SIMULATE_H_
