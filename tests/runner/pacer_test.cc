// Pacing on virtual time: closed-loop users, think time, Retry-After,
// sessions, open-loop schedules, the in-flight cap, level changes.

#include <gtest/gtest.h>

#include "runner/pacer_internal.h"

namespace loadlaw::runner::internal {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

workload::Workload Quick(double think_s = 0, int turns = 1) {
  workload::Workload w = workload::SyntheticWorkload(4, 4);
  w.think_time_s = workload::Distribution::Constant(think_s);
  w.scenarios[0].turns = workload::Distribution::Constant(turns);
  return w;
}

// TakeDue as the worker does it: each start sends its session's next turn.
void TakeAndSend(Pacer& p, nanoseconds now, std::vector<Start>* out) {
  const std::size_t before = out->size();
  p.TakeDue(now, out);
  for (std::size_t i = before; i < out->size(); ++i) {
    (*out)[i].session->NextTurn(p.rng());
  }
}

Pacer MakePacer(
    const workload::Workload& w, telemetry::LoopKind loop,
    workload::ArrivalKind arrival = workload::ArrivalKind::kConstant) {
  return Pacer(w, loop, /*seed=*/1, /*id_base=*/0, arrival, 1.0);
}

TEST(PacerTest, ClosedLoopKeepsEveryUserBusy) {
  const workload::Workload w = Quick();
  Pacer p = MakePacer(w, telemetry::LoopKind::kClosed);
  p.BeginLevel(5, 0, 0, seconds(0));
  std::vector<Start> due;
  TakeAndSend(p, seconds(0), &due);
  ASSERT_EQ(due.size(), 5u);
  EXPECT_EQ(p.in_flight(), 5);
  EXPECT_EQ(p.NextDue(), kNever);
  // A finished request is replaced at once (no think time).
  const std::optional<SessionEnd> end =
      p.OnFinished(due[2], Outcome{}, milliseconds(300));
  ASSERT_TRUE(end);
  EXPECT_TRUE(end->succeeded);
  EXPECT_EQ(p.NextDue(), milliseconds(300));
  std::vector<Start> next;
  TakeAndSend(p, milliseconds(300), &next);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].user, due[2].user);
  EXPECT_EQ(next[0].t_sched, milliseconds(300));
  EXPECT_EQ(p.in_flight(), 5);
}

TEST(PacerTest, ThinkTimeAndRetryAfter) {
  const workload::Workload w = Quick(/*think_s=*/2);
  Pacer p = MakePacer(w, telemetry::LoopKind::kClosed);
  p.BeginLevel(2, 0, 0, seconds(0));
  std::vector<Start> due;
  TakeAndSend(p, seconds(0), &due);
  p.OnFinished(due[0], Outcome{}, seconds(1));
  Outcome limited;
  limited.ok = false;
  limited.retry_after = seconds(5);
  const std::optional<SessionEnd> end =
      p.OnFinished(due[1], limited, seconds(1));
  ASSERT_TRUE(end);
  EXPECT_FALSE(end->succeeded);
  EXPECT_EQ(p.NextDue(), seconds(3));  // user 0 thinks 2 s
  std::vector<Start> next;
  TakeAndSend(p, seconds(3), &next);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].user, 0);
  EXPECT_EQ(next[0].t_sched, seconds(3));  // t_sched: the end of thinking
  EXPECT_EQ(p.NextDue(), seconds(6));      // user 1 waits out Retry-After
}

TEST(PacerTest, SessionTurnsStayWithTheirUser) {
  workload::Workload w = Quick(0, /*turns=*/3);
  w.scenarios[0].turn_think_time_s = workload::Distribution::Constant(0.5);
  Pacer p = MakePacer(w, telemetry::LoopKind::kClosed);
  p.BeginLevel(1, 0, 0, seconds(0));
  std::vector<Start> due;
  TakeAndSend(p, seconds(0), &due);
  workload::Session* session = due[0].session;
  Outcome ok;
  ok.reply = "answer one";
  EXPECT_FALSE(p.OnFinished(due[0], ok, seconds(1)));  // session goes on
  std::vector<Start> second;
  TakeAndSend(p, milliseconds(1500), &second);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].session, session);
  EXPECT_EQ(second[0].t_sched, milliseconds(1500));
  ASSERT_EQ(session->history().size(), 3u);  // user, assistant, user
  EXPECT_EQ(session->history()[1].content, "answer one");
  // A failed turn ends the session as failed.
  Outcome failed;
  failed.ok = false;
  const std::optional<SessionEnd> end =
      p.OnFinished(second[0], failed, seconds(2));
  ASSERT_TRUE(end);
  EXPECT_FALSE(end->succeeded);
}

TEST(PacerTest, OpenLoopConstantScheduleIsExact) {
  const workload::Workload w = Quick();
  Pacer p = MakePacer(w, telemetry::LoopKind::kOpen);
  p.BeginLevel(0, /*rate_rps=*/1000, 0, seconds(1));
  std::vector<Start> due;
  TakeAndSend(p, milliseconds(1010), &due);  // a late wake: 11 arrivals due
  ASSERT_EQ(due.size(), 11u);
  for (std::size_t i = 0; i < due.size(); ++i) {
    EXPECT_EQ(due[i].t_sched,
              seconds(1) + milliseconds(i));  // not the wake time
    EXPECT_EQ(due[i].user, -1);
  }
  EXPECT_EQ(p.NextDue(), milliseconds(1011));
}

TEST(PacerTest, OpenLoopIgnoresAnswers) {
  const workload::Workload w = Quick();
  Pacer p = MakePacer(w, telemetry::LoopKind::kOpen);
  p.BeginLevel(0, 100, 0, seconds(0));
  std::vector<Start> due;
  TakeAndSend(p, seconds(1), &due);
  EXPECT_EQ(due.size(), 101u);  // arrivals at 0, 10 ms, ..., 1000 ms
  EXPECT_EQ(p.in_flight(), 101);
}

TEST(PacerTest, InFlightCapQueuesArrivalsAndKeepsTheirSchedule) {
  const workload::Workload w = Quick();
  Pacer p = MakePacer(w, telemetry::LoopKind::kOpen);
  p.BeginLevel(0, 1000, /*max_in_flight=*/2, seconds(0));
  std::vector<Start> due;
  TakeAndSend(p, milliseconds(4), &due);
  ASSERT_EQ(due.size(), 2u);
  p.OnFinished(due[0], Outcome{}, milliseconds(6));
  std::vector<Start> next;
  TakeAndSend(p, milliseconds(6), &next);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].t_sched, milliseconds(2));  // the lag shows
}

TEST(PacerTest, PoissonRateIsHeld) {
  const workload::Workload w = Quick();
  Pacer p = MakePacer(w, telemetry::LoopKind::kOpen, workload::ArrivalKind::kPoisson);
  p.BeginLevel(0, 2000, 0, seconds(0));
  std::vector<Start> due;
  TakeAndSend(p, seconds(10), &due);
  EXPECT_NEAR(due.size(), 20000, 450);  // ~3 sigma
}

TEST(PacerTest, LevelChangesAddAndRetireUsers) {
  const workload::Workload w = Quick();
  Pacer p = MakePacer(w, telemetry::LoopKind::kClosed);
  p.BeginLevel(2, 0, 0, seconds(0));
  std::vector<Start> due;
  TakeAndSend(p, seconds(0), &due);
  p.BeginLevel(4, 0, 0, seconds(1));
  std::vector<Start> more;
  TakeAndSend(p, seconds(1), &more);
  EXPECT_EQ(more.size(), 2u);  // users 2 and 3 join; 0 and 1 are busy
  EXPECT_EQ(p.in_flight(), 4);
  p.BeginLevel(1, 0, 0, seconds(2));
  for (const Start& s : due) p.OnFinished(s, Outcome{}, seconds(3));
  for (const Start& s : more) p.OnFinished(s, Outcome{}, seconds(3));
  std::vector<Start> after;
  TakeAndSend(p, seconds(3), &after);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].user, 0);
}

TEST(PacerTest, StopEndsEverything) {
  const workload::Workload w = Quick();
  Pacer p = MakePacer(w, telemetry::LoopKind::kClosed);
  p.BeginLevel(3, 0, 0, seconds(0));
  std::vector<Start> due;
  TakeAndSend(p, seconds(0), &due);
  p.Stop();
  p.Drop(due[0]);
  p.OnFinished(due[1], Outcome{}, seconds(1));
  std::vector<Start> none;
  TakeAndSend(p, seconds(5), &none);
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(p.NextDue(), kNever);
  EXPECT_EQ(p.in_flight(), 1);
}

// Thousands of users due at once are handed out a batch at a time, and the
// rest stay due (the worker reads answers and the clock in between).
TEST(PacerTest, StartsAreHandedOutInBatches) {
  const workload::Workload w = Quick();
  Pacer p = MakePacer(w, telemetry::LoopKind::kClosed);
  p.BeginLevel(1000, 0, 0, seconds(0));
  std::vector<Start> due;
  p.TakeDue(seconds(0), &due, 256);
  EXPECT_EQ(due.size(), 256u);
  EXPECT_EQ(p.in_flight(), 256);
  EXPECT_LE(p.NextDue(), seconds(0));  // more are due already
  p.TakeDue(milliseconds(1), &due, 1000);
  EXPECT_EQ(due.size(), 1000u);
  EXPECT_EQ(p.NextDue(), kNever);
}

// Whatever the rate and gamma shape, the gap to the next arrival is at most
// workload::kMaxDelaySeconds (a gap of 1e29 ns overflowed).
TEST(PacerTest, TinyRatesScheduleTheNextArrivalWithoutOverflow) {
  const workload::Workload w = Quick();
  for (auto kind :
       {workload::ArrivalKind::kConstant, workload::ArrivalKind::kPoisson,
        workload::ArrivalKind::kGamma}) {
    for (double phase : {0.0, 0.5}) {
      Pacer p = MakePacer(w, telemetry::LoopKind::kOpen, kind);
      p.BeginLevel(0, 1e-20, 0, seconds(5), phase);
      std::vector<Start> due;
      p.TakeDue(seconds(6), &due);
      EXPECT_LE(due.size(), 1u);  // a constant schedule starts at once
      EXPECT_GE(p.NextDue(), seconds(5));
      EXPECT_LE(p.NextDue(), seconds(5) + seconds(1'000'000));
    }
  }
}

// Failures that ask for it (connect errors, a 429 without Retry-After) make
// a user wait longer each time, within bounds and with jitter; any other
// outcome starts again from the shortest wait.
TEST(PacerTest, BackoffGrowsIsBoundedAndResets) {
  const workload::Workload w = Quick();
  Pacer p = MakePacer(w, telemetry::LoopKind::kClosed);
  p.BeginLevel(1, 0, 0, seconds(0));
  std::vector<Start> due;
  nanoseconds now{0};
  TakeAndSend(p, now, &due);
  Outcome refused;
  refused.ok = false;
  refused.back_off = true;
  for (int k = 1; k <= 12; ++k) {
    p.OnFinished(due.back(), refused, now);
    const nanoseconds wait = p.NextDue() - now;
    const nanoseconds full =
        std::min<nanoseconds>(kBackoffMax, kBackoffBase * (1LL << (k - 1)));
    EXPECT_GE(wait, full / 2) << k;
    EXPECT_LE(wait, full) << k;
    now = p.NextDue();
    TakeAndSend(p, now, &due);
  }
  Outcome other;
  other.ok = false;  // e.g. an HTTP 500: no backoff, and the count restarts
  p.OnFinished(due.back(), other, now);
  EXPECT_EQ(p.NextDue(), now);
  TakeAndSend(p, now, &due);
  p.OnFinished(due.back(), refused, now);
  EXPECT_LE(p.NextDue() - now, kBackoffBase);
  // A Retry-After longer than the backoff wins.
  TakeAndSend(p, p.NextDue(), &due);
  refused.retry_after = seconds(30);
  p.OnFinished(due.back(), refused, now);
  EXPECT_EQ(p.NextDue() - now, seconds(30));
}

}  // namespace
}  // namespace loadlaw::runner::internal
