// The fleet in virtual time: events, routing, sessions (simulate.h).

#include "loadlaw/engine/simulate.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>
#include <queue>
#include <unordered_map>
#include <stdexcept>
#include <vector>

#include "engine/rng_internal.h"
#include "loadlaw/base/clock.h"
#include "loadlaw/base/format.h"
#include "loadlaw/engine/engine.h"

namespace loadlaw::engine {
namespace {

// What happens at an instant. At one instant steps end first, then clients
// send, then requests reach their engine; a step begins only once every
// event of its instant is done, so a request that reaches an idle or
// finishing engine at the instant joins that next step.
enum class EventKind { kStepEnd = 0, kSend = 1, kArrive = 2 };

struct Event {
  double time_ms = 0;
  EventKind kind = EventKind::kSend;
  std::int64_t order = 0;  // ties of time and kind: in scheduling order
  int replica = 0;         // kStepEnd
  std::int64_t request = 0;  // kArrive
  std::int64_t session = 0;  // kSend
  bool operator>(const Event& o) const {
    if (time_ms != o.time_ms) return time_ms > o.time_ms;
    if (kind != o.kind) return kind > o.kind;
    return order > o.order;
  }
};

// The token gaps of a request in flight (for its median).
struct Gaps {
  double last_ms = 0;
  std::vector<double> gaps_ms;
};

double Median(std::vector<double>* v) {
  if (v->empty()) return 0;
  const std::size_t mid = v->size() / 2;
  std::nth_element(v->begin(), v->begin() + mid, v->end());
  const double upper = (*v)[mid];
  if (v->size() % 2 == 1) return upper;
  return 0.5 * (upper + *std::max_element(v->begin(), v->begin() + mid));
}

struct Replica {
  std::unique_ptr<Engine> engine;
  bool stepping = false;
  int outstanding = 0;
  std::vector<std::int64_t> request_of;  // engine id - 1 -> request index
};

// A session in progress.
struct Running {
  SessionShape shape;
  int user = -1;
  int next_turn = 0;
  double start_ms = 0;
};

class Simulator {
 public:
  Simulator(const Fleet& fleet, SessionSource& sessions, const Load& load)
      : fleet_(fleet),
        sessions_(sessions),
        load_(load),
        workload_rng_(DeriveSeed(load.seed, kStreamWorkload)),
        arrival_rng_(DeriveSeed(load.seed, kStreamArrivals)),
        route_rng_(DeriveSeed(load.seed, kStreamRouting)) {
    for (int r = 0; r < fleet.replicas; ++r) {
      Replica replica;
      replica.engine = std::make_unique<Engine>(
          fleet.params,
          DeriveSeed(fleet.seed, kStreamStepJitter + 100 * static_cast<std::uint64_t>(r)),
          &clock_);
      replicas_.push_back(std::move(replica));
    }
  }

  SimulationResult Run();

 private:
  bool MayStart(double time_ms) const {
    if (load_.duration_ms > 0 && time_ms >= load_.duration_ms) return false;
    return MayIssue();
  }
  bool MayIssue() const {
    const std::int64_t issued =
        static_cast<std::int64_t>(result_.requests.size());
    if (load_.max_requests > 0 && issued >= load_.max_requests) return false;
    return issued < kMaxSimulatedRequests;
  }
  void Push(double time_ms, EventKind kind, int replica, std::int64_t request,
            std::int64_t session) {
    events_.push(Event{time_ms, kind, order_++, replica, request, session});
  }
  void StartSession(double time_ms, int user);
  void ScheduleOpenArrival(double after_ms);
  void Send(double time_ms, std::int64_t session);
  void Arrive(std::int64_t request);
  void StepEnd(int replica);
  void Finished(const SimulatedRequest& request, double time_ms);
  int Route();
  void BeginSteps(double time_ms);

  const Fleet& fleet_;
  SessionSource& sessions_;
  Load load_;
  base::ManualClock clock_;
  std::vector<Replica> replicas_;
  std::mt19937_64 workload_rng_, arrival_rng_, route_rng_;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> events_;
  std::int64_t order_ = 0;
  int next_replica_ = 0;
  std::deque<Running> running_;  // by session index (stable references)
  std::unordered_map<std::int64_t, Gaps> gaps_;  // requests in flight
  SimulationResult result_;
};

void Simulator::StartSession(double time_ms, int user) {
  if (!MayStart(time_ms)) {
    if (result_.requests.size() >= kMaxSimulatedRequests) {
      result_.truncated = true;
    }
    return;
  }
  Running r;
  r.shape = sessions_.Next(workload_rng_);
  if (r.shape.turns.empty()) {
    throw std::invalid_argument("Simulate: a session has no turns");
  }
  r.user = user;
  r.start_ms = time_ms;
  running_.push_back(std::move(r));
  Push(time_ms, EventKind::kSend, 0, 0,
       static_cast<std::int64_t>(running_.size()) - 1);
}

void Simulator::ScheduleOpenArrival(double after_ms) {
  if (!MayStart(after_ms)) return;
  workload::ArrivalProcess process(load_.arrival, load_.rate_rps,
                                   load_.burstiness);
  const double gap_ms = base::ToSeconds(process.NextGap(arrival_rng_)) * 1e3;
  const double at = after_ms + gap_ms;
  if (!MayStart(at)) return;
  StartSession(at, -1);
  // The next arrival is scheduled when this one's first turn is sent.
}

void Simulator::Send(double time_ms, std::int64_t session) {
  Running& s = running_[static_cast<std::size_t>(session)];
  if (s.next_turn == 0 && load_.open_loop) ScheduleOpenArrival(time_ms);
  if (!MayIssue()) {
    if (result_.requests.size() >= kMaxSimulatedRequests) {
      result_.truncated = true;
    }
    return;  // the session is cut
  }
  const TurnShape& turn = s.shape.turns[static_cast<std::size_t>(s.next_turn)];
  SimulatedRequest r;
  r.index = static_cast<std::int64_t>(result_.requests.size());
  r.session = session;
  r.turn = s.next_turn;
  r.last_turn = s.next_turn + 1 ==
                static_cast<int>(s.shape.turns.size());
  r.scenario = s.shape.scenario;
  r.user = s.user;
  r.prompt_tokens = turn.prompt_tokens;
  r.output_tokens = turn.output_tokens;
  r.send_ms = time_ms;
  r.replica = Route();
  ++replicas_[static_cast<std::size_t>(r.replica)].outstanding;
  result_.requests.push_back(r);
  ++s.next_turn;
  Push(time_ms + fleet_.params.request_overhead_ms, EventKind::kArrive,
       r.replica, r.index, session);
}

int Simulator::Route() {
  const int n = static_cast<int>(replicas_.size());
  switch (fleet_.router) {
    case Router::kRoundRobin: {
      const int r = next_replica_;
      next_replica_ = (next_replica_ + 1) % n;
      return r;
    }
    case Router::kRandom:
      return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(
          route_rng_));
    case Router::kLeastOutstanding:
      break;
  }
  int best = 0;
  for (int r = 1; r < n; ++r) {
    if (replicas_[r].outstanding < replicas_[best].outstanding) best = r;
  }
  return best;
}

void Simulator::Arrive(std::int64_t request) {
  SimulatedRequest& r = result_.requests[static_cast<std::size_t>(request)];
  Replica& replica = replicas_[static_cast<std::size_t>(r.replica)];
  const SubmitResult submitted =
      replica.engine->Submit(r.prompt_tokens, r.output_tokens);
  if (!submitted.ok()) {
    throw std::invalid_argument("Simulate: a request of " +
                                std::to_string(r.prompt_tokens) +
                                " prompt tokens cannot run: " +
                                submitted.error);
  }
  replica.request_of.resize(static_cast<std::size_t>(submitted.id));
  replica.request_of[static_cast<std::size_t>(submitted.id - 1)] = request;
}

void Simulator::Finished(const SimulatedRequest& request, double time_ms) {
  --replicas_[static_cast<std::size_t>(request.replica)].outstanding;
  Running& s = running_[static_cast<std::size_t>(request.session)];
  const TurnShape& turn =
      s.shape.turns[static_cast<std::size_t>(request.turn)];
  if (!request.last_turn) {
    Push(time_ms + turn.pause_after_ms, EventKind::kSend, 0, 0,
         request.session);
    return;
  }
  SimulatedSession done;
  done.index = request.session;
  done.scenario = s.shape.scenario;
  done.turns = static_cast<int>(s.shape.turns.size());
  done.start_ms = s.start_ms;
  done.end_ms = time_ms;
  result_.sessions.push_back(done);
  if (s.user >= 0) StartSession(time_ms + s.shape.think_after_ms, s.user);
  s.shape.turns.clear();  // its shape is no longer needed
  s.shape.turns.shrink_to_fit();
}

void Simulator::StepEnd(int index) {
  Replica& replica = replicas_[static_cast<std::size_t>(index)];
  replica.stepping = false;
  const StepOutcome& outcome = replica.engine->FinishStep();
  ++result_.steps;
  for (const TokenEvent& event : outcome.tokens) {
    const std::int64_t request =
        replica.request_of[static_cast<std::size_t>(event.id - 1)];
    SimulatedRequest& r = result_.requests[static_cast<std::size_t>(request)];
    Gaps& g = gaps_[request];
    if (event.index == 1) {
      r.first_token_ms = outcome.end_ms;
    } else {
      g.gaps_ms.push_back(outcome.end_ms - g.last_ms);
    }
    g.last_ms = outcome.end_ms;
    if (event.finished) {
      r.done_ms = outcome.end_ms;
      if (!g.gaps_ms.empty()) {
        r.itl_max_ms = *std::max_element(g.gaps_ms.begin(), g.gaps_ms.end());
        r.itl_median_ms = Median(&g.gaps_ms);
      }
      gaps_.erase(request);
      Finished(r, outcome.end_ms);
    }
  }
}

void Simulator::BeginSteps(double time_ms) {
  for (std::size_t i = 0; i < replicas_.size(); ++i) {
    Replica& replica = replicas_[i];
    if (replica.stepping || !replica.engine->HasWork()) continue;
    const StepPlan& plan = replica.engine->BeginStep();
    for (const RequestId id : plan.admitted) {
      const std::int64_t request =
          replica.request_of[static_cast<std::size_t>(id - 1)];
      result_.requests[static_cast<std::size_t>(request)].admit_ms = time_ms;
    }
    const double duration = plan.duration_ms;
    replica.stepping = true;
    Push(time_ms + duration, EventKind::kStepEnd, static_cast<int>(i), 0, 0);
  }
}

SimulationResult Simulator::Run() {
  if (load_.open_loop && load_.arrival == workload::ArrivalKind::kConstant) {
    StartSession(0.0, -1);  // a constant schedule starts at once
  } else if (load_.open_loop) {
    ScheduleOpenArrival(0.0);
  } else {
    for (int user = 0; user < load_.concurrency; ++user) {
      StartSession(load_.ramp_up_ms * user / load_.concurrency, user);
    }
  }
  while (!events_.empty()) {
    const double now = events_.top().time_ms;
    clock_.SetMs(now);
    while (!events_.empty() && events_.top().time_ms == now) {
      const Event e = events_.top();
      events_.pop();
      switch (e.kind) {
        case EventKind::kStepEnd:
          StepEnd(e.replica);
          break;
        case EventKind::kSend:
          Send(now, e.session);
          break;
        case EventKind::kArrive:
          Arrive(e.request);
          break;
      }
    }
    BeginSteps(now);
  }
  result_.end_ms = clock_.NowMs();
  return std::move(result_);
}

}  // namespace

double SimulatedRequest::TpotMs() const {
  if (output_tokens < 2) return 0;
  return (done_ms - first_token_ms) / static_cast<double>(output_tokens - 1);
}

FixedSessions::FixedSessions(std::vector<SessionShape> sessions)
    : sessions_(std::move(sessions)) {
  if (sessions_.empty()) {
    throw std::invalid_argument("sessions: the list is empty");
  }
  for (const SessionShape& s : sessions_) {
    if (s.turns.empty()) throw std::invalid_argument("sessions: no turns");
    for (const TurnShape& t : s.turns) {
      if (t.prompt_tokens < 1 || t.output_tokens < 1) {
        throw std::invalid_argument(
            "sessions: a turn needs at least 1 prompt and 1 output token");
      }
      if (!(t.pause_after_ms >= 0) || !std::isfinite(t.pause_after_ms)) {
        throw std::invalid_argument("sessions: pause_after_ms must be >= 0");
      }
    }
  }
}

SessionShape FixedSessions::Next(std::mt19937_64& rng) {
  if (sessions_.size() == 1) return sessions_[0];
  return sessions_[std::uniform_int_distribution<std::size_t>(
      0, sessions_.size() - 1)(rng)];
}

std::string_view RouterName(Router router) {
  switch (router) {
    case Router::kRoundRobin:
      return "round_robin";
    case Router::kRandom:
      return "random";
    case Router::kLeastOutstanding:
      break;
  }
  return "least_outstanding";
}

Router ParseRouter(std::string_view text, std::string_view field) {
  for (Router r :
       {Router::kRoundRobin, Router::kRandom, Router::kLeastOutstanding}) {
    if (text == RouterName(r)) return r;
  }
  throw std::invalid_argument(std::string(field) + ": '" + std::string(text) +
                              "' is not one of round_robin, random, "
                              "least_outstanding");
}

bool Fleet::IsValid(std::string* why) const {
  std::string reason;
  if (!params.IsValid(&reason)) {
  } else if (replicas < 1 || replicas > 100000) {
    reason = "replicas must be in [1, 100000], got " + std::to_string(replicas);
  } else if (params.step_base_ms <= 0 && params.step_per_seq_ms <= 0) {
    reason =
        "step_base_ms or step_per_seq_ms must be > 0 for virtual time to "
        "advance";
  }
  if (why != nullptr) *why = reason;
  return reason.empty();
}

bool Load::IsValid(std::string* why) const {
  std::string reason;
  if (open_loop && !(rate_rps > 0 && rate_rps <= 1e7)) {
    reason = "rate_rps must be in (0, 1e7], got " + base::FormatNumber(rate_rps);
  } else if (open_loop && !(burstiness > 0 && burstiness <= 1e3)) {
    reason = "burstiness must be in (0, 1000], got " +
             base::FormatNumber(burstiness);
  } else if (!open_loop && (concurrency < 1 || concurrency > 1000000)) {
    reason = "concurrency must be in [1, 1000000], got " +
             std::to_string(concurrency);
  } else if (!(ramp_up_ms >= 0) || !std::isfinite(ramp_up_ms)) {
    reason = "ramp_up_ms must be >= 0";
  } else if (!(duration_ms >= 0) || !std::isfinite(duration_ms)) {
    reason = "duration_ms must be >= 0, got " + base::FormatNumber(duration_ms);
  } else if (max_requests < 0) {
    reason = "max_requests must be >= 0";
  } else if (duration_ms == 0 && max_requests == 0) {
    reason = "give duration_ms or max_requests (or both)";
  }
  if (why != nullptr) *why = reason;
  return reason.empty();
}

SimulationResult Simulate(const Fleet& fleet, SessionSource& sessions,
                          const Load& load) {
  std::string why;
  if (!fleet.IsValid(&why) || !load.IsValid(&why)) {
    throw std::invalid_argument("Simulate: " + why);
  }
  return Simulator(fleet, sessions, load).Run();
}

}  // namespace loadlaw::engine
