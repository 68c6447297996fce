// The metric definitions of docs/metrics.md, checked on hand-made records.

#include "loadlaw/telemetry/window_recorder.h"

#include <gtest/gtest.h>

#include "loadlaw/base/clock.h"

namespace loadlaw::telemetry {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// A streamed completion: sent at send_ms, chunks at the given times (ms),
// done at done_ms.
RequestRecord Streamed(int send_ms, std::vector<int> chunk_ms, int done_ms,
                       std::int64_t usage_tokens = 0) {
  RequestRecord r;
  r.t_sched = milliseconds(send_ms);
  r.t_send = milliseconds(send_ms);
  r.t_first = milliseconds(chunk_ms.front());
  r.t_last = milliseconds(chunk_ms.back());
  for (std::size_t i = 1; i < chunk_ms.size(); ++i) {
    r.chunk_gaps.push_back(milliseconds(chunk_ms[i] - chunk_ms[i - 1]));
  }
  r.t_done = milliseconds(done_ms);
  r.output_chunks = static_cast<std::int64_t>(chunk_ms.size());
  r.output_tokens = usage_tokens > 0 ? usage_tokens : r.output_chunks;
  r.output_tokens_source =
      usage_tokens > 0 ? TokenSource::kUsage : TokenSource::kChunks;
  r.input_tokens = 100;
  return r;
}

TEST(WindowRecorderTest, LatenciesFollowTheDefinitions) {
  WindowRecorder rec(seconds(0), seconds(0), seconds(10));
  // TTFT 100 ms, TPOT (400-100)/(4-1) = 100 ms, E2E 450 ms.
  rec.Add(Streamed(1000, {1100, 1200, 1300, 1400}, 1450));
  const WindowSummary s = rec.Summarize(seconds(10));
  EXPECT_EQ(s.completed, 1u);
  EXPECT_NEAR(s.ttft.max, 0.100, 1e-4);
  EXPECT_NEAR(s.tpot.max, 0.100, 1e-4);
  EXPECT_NEAR(s.e2e.max, 0.450, 1e-4);
  EXPECT_EQ(s.itl.count, 3u);  // pooled gaps between consecutive chunks
  EXPECT_NEAR(s.itl.mean, 0.100, 1e-4);
  EXPECT_EQ(s.schedule_lag.count, 0u);  // closed loop: no _sched forms
}

TEST(WindowRecorderTest, TpotUsesServerTokensAndNeedsTwo) {
  WindowRecorder rec(seconds(0), seconds(0), seconds(10));
  // 3 chunks but usage says 7 tokens: TPOT = 300 ms / 6.
  rec.Add(Streamed(0, {100, 200, 400}, 450, /*usage_tokens=*/7));
  rec.Add(Streamed(0, {100}, 150));  // 1 token: no TPOT
  const WindowSummary s = rec.Summarize(seconds(10));
  EXPECT_EQ(s.tpot.count, 1u);
  EXPECT_NEAR(s.tpot.max, 0.050, 1e-4);
  EXPECT_EQ(s.output_tokens_total, 8);
  EXPECT_EQ(s.tokens_from_chunks, 1u);
}

TEST(WindowRecorderTest, WindowExcludesWarmupAndCountsThroughput) {
  WindowRecorder rec(seconds(0), seconds(2), seconds(12));
  RequestRecord warm = Streamed(0, {100, 200}, 1500);
  warm.phase = Phase::kWarmup;
  rec.Add(warm);
  for (int i = 0; i < 20; ++i) {
    rec.Add(Streamed(2000 + i * 400, {2100 + i * 400, 2200 + i * 400},
                     2300 + i * 400));
  }
  const WindowSummary s = rec.Summarize(seconds(12));
  EXPECT_DOUBLE_EQ(s.window_s, 10);
  EXPECT_EQ(s.completed, 20u);
  EXPECT_DOUBLE_EQ(s.requests_per_s, 2.0);
  EXPECT_DOUBLE_EQ(s.output_tokens_per_s, 4.0);
  EXPECT_DOUBLE_EQ(s.input_tokens_per_s, 200.0);
  // The series covers the warm-up too.
  ASSERT_GE(s.time_series.size(), 3u);
  EXPECT_EQ(s.time_series[1].completed, 1u);
}

TEST(WindowRecorderTest, AchievedConcurrencyIsTimeAveragedInFlight) {
  WindowRecorder rec(seconds(0), seconds(10), seconds(20));
  rec.AddBusy(seconds(5), seconds(15));   // 5 s inside the window
  rec.AddBusy(seconds(10), seconds(20));  // 10 s
  rec.AddBusy(seconds(12), seconds(30));  // 8 s
  rec.AddBusy(seconds(0), seconds(9));    // none
  const WindowSummary s = rec.Summarize(seconds(20));
  EXPECT_DOUBLE_EQ(s.achieved_concurrency, 2.3);
  ASSERT_GE(s.time_series.size(), 20u);
  EXPECT_DOUBLE_EQ(s.time_series[13].concurrency, 3.0);
}

TEST(WindowRecorderTest, GoodputCountsCompletionsMeetingEverySlo) {
  SloSpec slo;
  slo.ttft_s = 0.15;
  slo.e2e_s = 1.0;
  WindowRecorder rec(seconds(0), seconds(0), seconds(10), slo);
  rec.Add(Streamed(0, {100, 200}, 500));   // good
  rec.Add(Streamed(0, {200, 300}, 500));   // TTFT too slow
  rec.Add(Streamed(0, {100, 200}, 1500));  // E2E too slow
  const WindowSummary s = rec.Summarize(seconds(10));
  EXPECT_EQ(s.good_completions, 1u);
  EXPECT_DOUBLE_EQ(s.goodput_rps, 0.1);
}

TEST(WindowRecorderTest, ErrorsByClassKeepTheFirstMessage) {
  WindowRecorder a(seconds(0), seconds(0), seconds(10));
  WindowRecorder b(seconds(0), seconds(0), seconds(10));
  RequestRecord r;
  r.t_done = seconds(1);
  r.error = ErrorClass::kHttp5xx;
  r.error_message = "HTTP 500: first";
  a.Add(r);
  r.error_message = "HTTP 500: second";
  a.Add(r);
  r.error = ErrorClass::kTimeout;
  r.error_message = "timed out";
  b.Add(r);
  a.Merge(b);
  const WindowSummary s = a.Summarize(seconds(10));
  EXPECT_EQ(s.failed, 3u);
  EXPECT_EQ(s.completed, 0u);
  EXPECT_EQ(s.Error(ErrorClass::kHttp5xx).count, 2u);
  EXPECT_EQ(s.Error(ErrorClass::kHttp5xx).sample, "HTTP 500: first");
  EXPECT_EQ(s.Error(ErrorClass::kTimeout).sample, "timed out");
  EXPECT_EQ(s.Error(ErrorClass::kConnect).count, 0u);
  EXPECT_EQ(s.e2e.count, 0u);  // latencies are of completions only
}

TEST(WindowRecorderTest, OpenLoopAddsScheduleFormsAndLag) {
  WindowRecorder rec(seconds(0), seconds(0), seconds(10));
  RequestRecord r = Streamed(1000, {1100, 1150}, 1200);
  r.open_loop = true;
  r.t_sched = milliseconds(990);  // sent 10 ms late
  rec.Add(r);
  const WindowSummary s = rec.Summarize(seconds(10));
  EXPECT_TRUE(s.open_loop);
  EXPECT_NEAR(s.schedule_lag.max, 0.010, 1e-5);
  EXPECT_NEAR(s.ttft_sched.max, 0.110, 1e-4);
  EXPECT_NEAR(s.e2e_sched.max, 0.210, 1e-4);
  EXPECT_NEAR(s.ttft.max, 0.100, 1e-4);
}

TEST(WindowRecorderTest, SessionSuccessRate) {
  WindowRecorder rec(seconds(0), seconds(0), seconds(10));
  rec.AddSession(true);
  rec.AddSession(true);
  rec.AddSession(false);
  rec.AddSession(true);
  const WindowSummary s = rec.Summarize(seconds(10));
  EXPECT_EQ(s.sessions_finished, 4u);
  EXPECT_DOUBLE_EQ(s.session_success_rate, 0.75);
}

TEST(ClockTest, FakeClockMovesOnlyWhenTold) {
  base::ManualClock clock;
  EXPECT_EQ(clock.Now().count(), 0);
  clock.Advance(milliseconds(5));
  EXPECT_EQ(clock.Now(), milliseconds(5));
  clock.Set(seconds(2));
  EXPECT_DOUBLE_EQ(base::ToSeconds(clock.Now()), 2.0);
  EXPECT_EQ(base::FromSeconds(0.25), milliseconds(250));
}

}  // namespace
}  // namespace loadlaw::telemetry
