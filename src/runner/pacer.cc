// Closed- and open-loop pacing.

#include <algorithm>
#include <cmath>

#include "loadlaw/base/clock.h"

#include "runner/pacer_internal.h"

namespace loadlaw::runner::internal {

Pacer::Pacer(const workload::Workload& workload, telemetry::LoopKind loop,
             std::uint64_t seed, std::uint64_t id_base,
             workload::ArrivalKind arrival, double burstiness)
    : workload_(workload),
      loop_(loop),
      arrival_kind_(arrival),
      burstiness_(burstiness),
      rng_(seed),
      picker_(workload),
      next_session_id_(id_base + 1) {}

void Pacer::BeginLevel(int users, double rate_rps, int max_in_flight,
                       std::chrono::nanoseconds now, double phase,
                       std::chrono::nanoseconds ramp) {
  max_in_flight_ = max_in_flight;
  if (loop_ == telemetry::LoopKind::kClosed) {
    users_ = users;
    if (static_cast<int>(user_busy_.size()) < users) {
      user_busy_.resize(users);
      user_failures_.resize(users);
    }
    int fresh = 0;
    for (int u = 0; u < users; ++u) fresh += user_busy_[u] ? 0 : 1;
    int k = 0;
    for (int u = 0; u < users; ++u) {
      if (!user_busy_[u]) {
        user_busy_[u] = true;
        const double offset = (k++ + phase) / fresh;
        Schedule(now + std::chrono::nanoseconds(static_cast<std::int64_t>(
                           offset * static_cast<double>(ramp.count()))),
                 u, nullptr);
      }
    }
    return;
  }
  if (rate_rps <= 0) {
    arrivals_.reset();
    next_arrival_ = kNever;
    return;
  }
  arrivals_.emplace(arrival_kind_, rate_rps, burstiness_);
  next_arrival_ = now + base::FromSeconds(std::min(phase / rate_rps,
                                                   workload::kMaxDelaySeconds));
  if (arrival_kind_ != workload::ArrivalKind::kConstant && phase == 0) {
    next_arrival_ = now + arrivals_->NextGap(rng_);
  }
}

void Pacer::Stop() {
  stopped_ = true;
  next_arrival_ = kNever;
}

void Pacer::Schedule(std::chrono::nanoseconds due, int user,
                     workload::Session* session) {
  timers_.push(Timer{due, seq_++, user, session});
}

void Pacer::GenerateArrivals(std::chrono::nanoseconds now) {
  while (arrivals_ && next_arrival_ <= now) {
    Schedule(next_arrival_, -1, nullptr);
    next_arrival_ += arrivals_->NextGap(rng_);
  }
}

workload::Session* Pacer::NewSession() {
  auto session = std::make_unique<workload::Session>(
      workload_, picker_.Pick(rng_), next_session_id_++, rng_);
  workload::Session* raw = session.get();
  sessions_.emplace(raw, std::move(session));
  return raw;
}

void Pacer::EndSession(workload::Session* session) {
  if (session != nullptr) sessions_.erase(session);
}

void Pacer::TakeDue(std::chrono::nanoseconds now, std::vector<Start>* out,
                    std::size_t max_starts) {
  if (stopped_) return;
  GenerateArrivals(now);
  while (!timers_.empty() && timers_.top().due <= now) {
    const Timer t = timers_.top();
    timers_.pop();
    if (loop_ == telemetry::LoopKind::kClosed && t.user >= users_) {
      EndSession(t.session);  // a retired user abandons its session
      user_busy_[t.user] = false;
      continue;
    }
    workload::Session* session = t.session ? t.session : NewSession();
    backlog_.push_back(Start{t.due, t.user, session});
  }
  for (std::size_t taken = 0; taken < max_starts && CanStart(); ++taken) {
    out->push_back(backlog_.front());
    backlog_.pop_front();
    ++in_flight_;
  }
}

bool Pacer::CanStart() const {
  return !backlog_.empty() &&
         (max_in_flight_ <= 0 || in_flight_ < max_in_flight_);
}

std::chrono::nanoseconds Pacer::NextDue() const {
  if (stopped_) return kNever;
  if (CanStart()) return backlog_.front().t_sched;  // due already
  std::chrono::nanoseconds next = next_arrival_;
  if (!timers_.empty()) next = std::min(next, timers_.top().due);
  return next;
}

void Pacer::UserIdle(int user, std::chrono::nanoseconds now,
                     std::chrono::nanoseconds extra_wait) {
  if (user < 0) return;
  if (stopped_ || user >= users_) {
    user_busy_[user] = false;
    return;
  }
  const std::chrono::nanoseconds think =
      workload_.think_time_s.SampleDuration(rng_);
  Schedule(now + std::max(think, extra_wait), user, nullptr);
}

std::optional<SessionEnd> Pacer::OnFinished(const Start& start,
                                            const Outcome& outcome,
                                            std::chrono::nanoseconds now) {
  --in_flight_;
  workload::Session* session = start.session;
  if (outcome.ok && session->HasNextTurn()) {
    if (!stopped_ && (start.user < 0 || start.user < users_)) {
      session->AddReply(outcome.reply);
      Schedule(now + session->PauseBeforeNextTurn(rng_), start.user, session);
    } else {  // cut short by the end of the run: counts neither way
      EndSession(session);
      UserIdle(start.user, now, std::chrono::nanoseconds(0));
    }
    return std::nullopt;
  }
  const SessionEnd end{session->id(), outcome.ok};
  EndSession(session);
  UserIdle(start.user, now, WaitAfter(start.user, outcome));
  return end;
}

std::chrono::nanoseconds Pacer::WaitAfter(int user, const Outcome& outcome) {
  std::chrono::nanoseconds wait =
      outcome.retry_after.value_or(std::chrono::nanoseconds(0));
  if (user < 0) return wait;
  int& failures = user_failures_[static_cast<std::size_t>(user)];
  if (!outcome.back_off) {
    failures = 0;
    return wait;
  }
  failures = std::min(failures + 1, 62);
  const double full = std::min(static_cast<double>(kBackoffMax.count()),
                               static_cast<double>(kBackoffBase.count()) *
                                   std::ldexp(1.0, failures - 1));
  const double jitter = std::uniform_real_distribution<double>(0.5, 1.0)(rng_);
  return std::max(
      wait, std::chrono::nanoseconds(static_cast<std::int64_t>(full * jitter)));
}

void Pacer::Drop(const Start& start) {
  --in_flight_;
  EndSession(start.session);
  if (start.user >= 0) user_busy_[start.user] = false;
}

}  // namespace loadlaw::runner::internal
