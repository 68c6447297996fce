// Accuracy against the simulator's truth log (timing-sensitive: registered
// RUN_SERIAL so that the parallel test run does not disturb it):
// - client TTFT minus server TTFT, p99 < 1 ms at 500 streams on loopback;
// - request throughput within 3 % of the server's count over the same window;
// - achieved concurrency within 1 % of the server's own time-averaged requests
//   in flight (and above 95 % of N: the client keeps its users busy; within
//   2 % of N at 16 users in runner_sim_test);
// - open-loop schedule lag p99 < 1 ms at 1,000 arrivals/s.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "loadlaw/telemetry/histogram.h"
#include "runner/runner_test_util.h"

namespace loadlaw::runner {
namespace {

using std::chrono::milliseconds;
using testing::ReadJsonLines;

struct Truth {
  double arrival_s = 0;
  double first_s = -1;
  double done_s = 0;
  bool complete = false;
};

std::map<std::string, Truth> ReadTruth(const std::string& path) {
  std::map<std::string, Truth> truth;
  for (const nlohmann::json& l : ReadJsonLines(path)) {
    Truth t;
    t.arrival_s = l.at("arrival_unix_ms").get<double>() / 1e3;
    if (!l.at("first_token_unix_ms").is_null()) {
      t.first_s = l.at("first_token_unix_ms").get<double>() / 1e3;
    }
    if (!l.at("done_unix_ms").is_null())
      t.done_s = l.at("done_unix_ms").get<double>() / 1e3;
    t.complete = l.at("complete").get<bool>();
    truth[l.at("id").get<std::string>()] = t;
  }
  return truth;
}

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

  const std::map<std::string, Truth> truth = ReadTruth(config.truth_log);
  telemetry::Histogram diff, send_lag, receive_lag;
  std::vector<double> offsets;  // server unix time - client run time, at done
  for (const nlohmann::json& l : ReadJsonLines(o.records_path)) {
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
    offsets.push_back(it->second.done_s - l.at("t_done_s").get<double>());
  }
  ASSERT_EQ(diff.count(), s.completed);
  std::printf(
      "client - server TTFT: p50 %.3f ms  p99 %.3f ms  max %.3f ms (n=%llu)\n",
      diff.Quantile(0.5) * 1e3, diff.Quantile(0.99) * 1e3, diff.max() * 1e3,
      static_cast<unsigned long long>(diff.count()));
  std::printf("  t_send -> server arrival: p50 %.3f ms  p99 %.3f ms\n",
              send_lag.Quantile(0.5) * 1e3, send_lag.Quantile(0.99) * 1e3);
  std::printf(
      "  server flush -> client first chunk: p50 %.3f ms  p99 %.3f ms\n",
      receive_lag.Quantile(0.5) * 1e3, receive_lag.Quantile(0.99) * 1e3);
  EXPECT_LT(diff.Quantile(0.99), 0.001);

  // The server's completions over the client's window, in server time.
  std::nth_element(offsets.begin(), offsets.begin() + offsets.size() / 2,
                   offsets.end());
  const double offset = offsets[offsets.size() / 2];
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
  double server_busy_s = 0;
  for (const auto& [id, t] : truth) {
    const double from = std::max(1.0, t.arrival_s - offset);
    const double to = std::min(4.0, t.done_s - offset);
    if (t.done_s > 0 && to > from) server_busy_s += to - from;
  }
  const double server_concurrency = server_busy_s / 3.0;
  std::printf("in flight: client %.2f, server %.2f (of %d users)\n",
              s.achieved_concurrency, server_concurrency, 500);
  EXPECT_NEAR(s.achieved_concurrency, server_concurrency,
              server_concurrency * 0.01);
  EXPECT_GT(s.achieved_concurrency, 500 * 0.95);
}

TEST(RunnerAccuracyTest, OpenLoopScheduleLagAt1000ArrivalsPerSecond) {
  auto sim = testing::StartSim(testing::QuickSimConfig());
  RunOptions o = testing::QuickOptions(sim->BaseUrl(), 0, milliseconds(3000));
  o.workload = workload::SyntheticWorkload(16, 4);
  o.loop = telemetry::LoopKind::kOpen;
  o.levels[0].concurrency = 0;
  o.levels[0].rate_rps = 1000;
  o.levels[0].warmup = milliseconds(500);
  const RunResult r = runner::Run(o);
  const telemetry::WindowSummary& s = r.levels[0].summary;
  std::printf("schedule lag: p50 %.3f ms  p99 %.3f ms  max %.3f ms (n=%llu)\n",
              s.schedule_lag.p50 * 1e3, s.schedule_lag.p99 * 1e3,
              s.schedule_lag.max * 1e3,
              static_cast<unsigned long long>(s.schedule_lag.count));
  EXPECT_EQ(s.failed, 0u);
  EXPECT_NEAR(s.finished, 3000, 3000 * 0.06);
  EXPECT_LT(s.schedule_lag.p99, 0.001);
}

}  // namespace
}  // namespace loadlaw::runner
