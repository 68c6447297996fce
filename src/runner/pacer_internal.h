// Pacing: decides when each request of a worker starts. Closed loop: N
// virtual users, each running sessions turn after turn and thinking between
// sessions. Open loop: sessions arrive on a schedule (constant, Poisson,
// gamma) whatever the server does; an optional in-flight cap holds late
// arrivals in a queue, where their wait shows as schedule lag. Pure logic on
// times handed in, so tests drive it with a fake clock.
//
//   Pacer pacer(workload, telemetry::LoopKind::kClosed, seed, arrival_kind, burstiness);
//   pacer.BeginLevel(/*concurrency=*/8, /*rate_rps=*/0, /*cap=*/0, now);
//   std::vector<Start> due;
//   pacer.TakeDue(now, &due);            // send these
//   ... pacer.OnFinished(start, outcome, now);
//   std::chrono::nanoseconds next = pacer.NextDue();

#ifndef LOADLAW_RUNNER_PACER_INTERNAL_H_
#define LOADLAW_RUNNER_PACER_INTERNAL_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <queue>
#include <random>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "loadlaw/runner/run_options.h"
#include "loadlaw/workload/arrival.h"
#include "loadlaw/workload/session.h"
#include "loadlaw/workload/workload.h"

namespace loadlaw::runner::internal {

inline constexpr std::chrono::nanoseconds kNever =
    std::chrono::nanoseconds::max();

// A request to send now.
struct Start {
  std::chrono::nanoseconds t_sched{0};  // its intended start
  int user = -1;                        // closed loop: the virtual user
  workload::Session* session = nullptr;
};

// How a request ended, as far as pacing cares.
struct Outcome {
  bool ok = true;
  std::string_view reply;  // the answer's text (for the session's history)
  std::optional<std::chrono::nanoseconds> retry_after;
  // A failure that asks the user to back off: a connect error, or a 429
  // without a usable Retry-After.
  bool back_off = false;
};

// Closed loop: after its k-th failure in a row that asks for it, a user waits
// a bounded exponential backoff with jitter, uniform in [1/2, 1] of
// min(kBackoffMax, kBackoffBase x 2^(k-1)), so that a refused port or a
// throttling server is not hammered (tens of thousands of attempts a
// second); any other outcome starts the count again.
inline constexpr std::chrono::nanoseconds kBackoffBase =
    std::chrono::milliseconds(50);
inline constexpr std::chrono::nanoseconds kBackoffMax = std::chrono::seconds(5);

// A session that ended, with whether every one of its turns succeeded.
struct SessionEnd {
  std::uint64_t id = 0;
  bool succeeded = false;
};

class Pacer {
 public:
  // `workload` must outlive the pacer. Session ids are id_base + 1, + 2, ...
  Pacer(const workload::Workload& workload, telemetry::LoopKind loop, std::uint64_t seed,
        std::uint64_t id_base, workload::ArrivalKind arrival,
        double burstiness);

  // Starts a level at `now`: `users` virtual users (closed loop) or arrivals
  // at `rate_rps` (open loop); `max_in_flight` 0 means no cap. Users beyond
  // a lower count retire as their requests end. `phase` delays the first
  // arrival by that fraction of a mean gap (spreads threads apart). New
  // closed-loop users start spread evenly over `ramp` (each delayed by
  // ramp x (k + phase) / new users), so that they do not move in lockstep.
  void BeginLevel(int users, double rate_rps, int max_in_flight,
                  std::chrono::nanoseconds now, double phase = 0,
                  std::chrono::nanoseconds ramp = {});
  // No new request from now on (the run is ending or its count is reached).
  void Stop();
  bool stopped() const { return stopped_; }

  // Appends the starts due at `now` to *out (within the cap), at most
  // `max_starts` of them; they count as in flight from here on.
  void TakeDue(std::chrono::nanoseconds now, std::vector<Start>* out,
               std::size_t max_starts = SIZE_MAX);
  // When the next start falls due (in the past when due starts were left
  // by TakeDue's max_starts); kNever when nothing is scheduled.
  std::chrono::nanoseconds NextDue() const;

  // A started request ended at `now`: schedules the session's next turn or
  // the user's next session. Returns the session when it ended.
  std::optional<SessionEnd> OnFinished(const Start& start,
                                       const Outcome& outcome,
                                       std::chrono::nanoseconds now);
  // A taken start that will not be sent (see Stop): forgets it.
  void Drop(const Start& start);

  int in_flight() const { return in_flight_; }
  std::mt19937_64& rng() { return rng_; }

 private:
  struct Timer {
    std::chrono::nanoseconds due;
    std::uint64_t seq;
    int user;
    workload::Session* session;  // nullptr: begin a new session
    bool operator>(const Timer& o) const {
      return due != o.due ? due > o.due : seq > o.seq;
    }
  };

  void Schedule(std::chrono::nanoseconds due, int user,
                workload::Session* session);
  // A start waits in the backlog and the cap lets it go.
  bool CanStart() const;
  void GenerateArrivals(std::chrono::nanoseconds now);
  workload::Session* NewSession();
  void EndSession(workload::Session* session);
  void UserIdle(int user, std::chrono::nanoseconds now,
                std::chrono::nanoseconds extra_wait);
  // The wait `outcome` asks of `user` (Retry-After, backoff).
  std::chrono::nanoseconds WaitAfter(int user, const Outcome& outcome);

  const workload::Workload& workload_;
  telemetry::LoopKind loop_;
  workload::ArrivalKind arrival_kind_;
  double burstiness_;
  std::mt19937_64 rng_;
  workload::ScenarioPicker picker_;
  std::uint64_t next_session_id_;
  std::uint64_t seq_ = 0;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
  std::deque<Start> backlog_;  // due but held by the in-flight cap
  std::unordered_map<workload::Session*, std::unique_ptr<workload::Session>>
      sessions_;
  std::vector<bool> user_busy_;  // scheduled or in flight
  std::vector<int> user_failures_;  // in a row that ask for a backoff
  int users_ = 0;
  std::optional<workload::ArrivalProcess> arrivals_;
  std::chrono::nanoseconds next_arrival_ = kNever;
  int max_in_flight_ = 0;
  int in_flight_ = 0;
  bool stopped_ = false;
};

}  // namespace loadlaw::runner::internal

#endif  // LOADLAW_RUNNER_PACER_INTERNAL_H_
