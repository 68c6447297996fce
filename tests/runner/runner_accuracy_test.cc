// Accuracy against the simulator's truth log (timing-sensitive: registered
// RUN_SERIAL so that the parallel test run does not disturb it, and held on
// a 2-core machine with two CPU-bound jobs beside it):
// - client TTFT minus server TTFT at 500 streams on loopback: p90 < 1 ms
//   (p99 12 us idle; tens of ms when the client is starved of CPU);
// - request throughput within 3 % of the server's count over the same window;
// - achieved concurrency within 1 % of the server's own time-averaged requests
//   in flight (and above 95 % of N: the client keeps its users busy);
// - open loop at 1,000 arrivals/s: the server sees the schedule's rate, no
//   request reaches it before the lag the client reports says it could, and
//   the lag stays far below the 50 ms of a loop that missed its wake-ups
//   (p99 0.7-3 ms measured idle and loaded; the 1 ms of an idle machine is
//   printed, not asserted).

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "loadlaw/telemetry/histogram.h"
#include "runner/runner_test_util.h"

namespace loadlaw::runner {
namespace {

using std::chrono::milliseconds;
using testing::ReadJsonLines;
using testing::ReadTruth;
using testing::TruthRequest;

TEST(RunnerAccuracyTest, TtftMatchesTheServerAt500Streams) {
  sim::SimConfig config = testing::QuickSimConfig();
  config.engine.max_num_seqs = 1024;
  config.engine.step_base_ms = 10;
  config.truth_log = testing::TempPath("accuracy_truth.jsonl");
  auto sim = testing::StartSim(config);
  RunOptions o = testing::QuickOptions(sim->BaseUrl(), 500, milliseconds(3000));
  o.workload = workload::SyntheticWorkload(32, 16);
  o.levels[0].warmup = milliseconds(1000);
  o.records_path = testing::TempPath("accuracy_records.jsonl");
  const RunResult r = runner::Run(o);
  sim->Stop();
  // Receive times from the kernel: the client's own backlog (500 streams'
  // chunks on one thread) does not delay them.
  EXPECT_EQ(r.transport, Transport::kNative);
  const telemetry::WindowSummary& s = r.levels[0].summary;
  ASSERT_EQ(s.failed, 0u);

  const std::map<std::string, TruthRequest> truth = ReadTruth(config.truth_log);
  const std::vector<nlohmann::json> records = ReadJsonLines(o.records_path);
  telemetry::Histogram diff, send_lag, receive_lag;
  for (const nlohmann::json& l : records) {
    if (l.at("phase") != "measure" || !l.contains("response_id")) continue;
    const auto it = truth.find(l.at("response_id").get<std::string>());
    ASSERT_NE(it, truth.end());
    const double server_ttft_s = it->second.first_s - it->second.arrival_s;
    diff.Record(l.at("ttft_s").get<double>() - server_ttft_s);
    // The two halves of the difference, on aligned clocks.
    send_lag.Record(it->second.arrival_s -
                    (r.start_unix_s + l.at("t_send_s").get<double>()));
    receive_lag.Record(r.start_unix_s + l.at("t_first_s").get<double>() -
                       it->second.first_s);
  }
  ASSERT_EQ(diff.count(), s.completed);
  std::printf(
      "client - server TTFT: p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f "
      "ms (n=%llu)\n",
      diff.Quantile(0.5) * 1e3, diff.Quantile(0.9) * 1e3,
      diff.Quantile(0.99) * 1e3, diff.max() * 1e3,
      static_cast<unsigned long long>(diff.count()));
  std::printf("  t_send -> server arrival: p50 %.3f ms  p99 %.3f ms\n",
              send_lag.Quantile(0.5) * 1e3, send_lag.Quantile(0.99) * 1e3);
  std::printf(
      "  server flush -> client first chunk: p50 %.3f ms  p99 %.3f ms\n",
      receive_lag.Quantile(0.5) * 1e3, receive_lag.Quantile(0.99) * 1e3);
  // Idle, p99 is 12 us. With two CPU-bound jobs on the 2 cores the client
  // reads late, one recvmsg takes several chunks, and the kernel's stamp is
  // the last one's: p99 20-48 ms (docs/metrics.md, "Timing"), while p90
  // stays at 5 us. A client that stamped its own reads would show its
  // backlog at p90 too.
  EXPECT_LT(diff.Quantile(0.9), 0.001);
  EXPECT_LT(diff.Quantile(0.99), 0.1);

  // The server's completions over the client's window, in server time.
  const double offset = testing::ClockOffset(truth, records);
  int server_count = 0;
  for (const auto& [id, t] : truth) {
    const double done = t.done_s - offset;
    server_count += t.complete && done >= 1.0 && done < 4.0;
  }
  const double server_rps = server_count / 3.0;
  std::printf("throughput: client %.1f req/s, server %.1f req/s\n",
              s.requests_per_s, server_rps);
  EXPECT_NEAR(s.requests_per_s, server_rps, server_rps * 0.03);

  // Requests in flight, time-averaged over the window: the client's count
  // (send to the kernel's receipt of the last byte) against the server's
  // (arrival to the last write). The client's own delay between a last byte
  // and the user's next request is in neither.
  const double server_concurrency =
      testing::ServerInFlight(truth, offset, 1.0, 4.0);
  std::printf("in flight: client %.2f, server %.2f (of %d users)\n",
              s.achieved_concurrency, server_concurrency, 500);
  EXPECT_NEAR(s.achieved_concurrency, server_concurrency,
              server_concurrency * 0.01);
  EXPECT_GT(s.achieved_concurrency, 500 * 0.95);
}

TEST(RunnerAccuracyTest, OpenLoopScheduleLagAt1000ArrivalsPerSecond) {
  sim::SimConfig config = testing::QuickSimConfig();
  config.truth_log = testing::TempPath("open_loop_truth.jsonl");
  auto sim = testing::StartSim(config);
  RunOptions o = testing::QuickOptions(sim->BaseUrl(), 0, milliseconds(3000));
  o.workload = workload::SyntheticWorkload(16, 4);
  o.loop = telemetry::LoopKind::kOpen;
  o.levels[0].concurrency = 0;
  o.levels[0].rate_rps = 1000;
  o.levels[0].warmup = milliseconds(500);
  o.records_path = testing::TempPath("open_loop_records.jsonl");
  const RunResult r = runner::Run(o);
  sim->Stop();
  const telemetry::WindowSummary& s = r.levels[0].summary;
  std::printf("schedule lag: p50 %.3f ms  p99 %.3f ms  max %.3f ms (n=%llu)\n",
              s.schedule_lag.p50 * 1e3, s.schedule_lag.p99 * 1e3,
              s.schedule_lag.max * 1e3,
              static_cast<unsigned long long>(s.schedule_lag.count));
  EXPECT_EQ(s.failed, 0u);
  // Poisson arrivals: 3,000 expected, 4 standard deviations either way.
  EXPECT_NEAR(s.finished, 3000, 4 * std::sqrt(3000.0));

  // The server's own arrivals over the window, on the client's clock: the
  // schedule's rate reached it, however loaded the client.
  const std::map<std::string, TruthRequest> truth = ReadTruth(config.truth_log);
  const std::vector<nlohmann::json> records = ReadJsonLines(o.records_path);
  const double offset = testing::ClockOffset(truth, records);
  int arrivals = 0;
  for (const auto& [id, t] : truth) {
    const double at = t.arrival_s - offset;
    arrivals += at >= 0.5 && at < 3.5;
  }
  std::printf("arrivals at the server in the window: %d\n", arrivals);
  EXPECT_NEAR(arrivals, 3000, 4 * std::sqrt(3000.0) + 20);
  // Each request reached the server just after the client says it sent it:
  // the lag it reports (t_send - t_sched) is the lag there was, not an
  // earlier stamp of a send that happened later.
  telemetry::Histogram reach;  // server arrival - t_send, seconds
  double earliest = 1;
  for (const nlohmann::json& l : records) {
    if (!l.contains("response_id")) continue;
    const auto it = truth.find(l.at("response_id").get<std::string>());
    if (it == truth.end()) continue;
    const double gap =
        it->second.arrival_s - offset - l.at("t_send_s").get<double>();
    earliest = std::min(earliest, gap);
    reach.Record(std::max(gap, 0.0));
  }
  std::printf(
      "t_send -> server arrival: p50 %.3f ms  p99 %.3f ms  min %.3f "
      "ms\n",
      reach.Quantile(0.5) * 1e3, reach.Quantile(0.99) * 1e3, earliest * 1e3);
  EXPECT_GT(reach.count(), 2500u);
  EXPECT_GT(earliest, -0.002);
  EXPECT_LT(reach.Quantile(0.99), 0.010);
  // Coordinated omission is corrected, not hidden.
  EXPECT_GE(s.e2e_sched.p99, s.e2e.p99);
  EXPECT_LT(s.schedule_lag.p50, 0.001);
  EXPECT_LT(s.schedule_lag.p99, 0.025);
}

}  // namespace
}  // namespace loadlaw::runner
