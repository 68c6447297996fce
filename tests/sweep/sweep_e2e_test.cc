// End to end: a real sweep over HTTP against `loadlaw sim`, fitted, and its
// forecast checked at levels it never saw; a sweep killed mid-level resumes
// with its finished levels intact.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/sim/server.h"
#include "loadlaw/calibrate/calibrate.h"
#include "loadlaw/sweep/sweep.h"

namespace loadlaw::sweep {
namespace {

using namespace std::chrono_literals;

sim::SimConfig SimWithKnownCurve() {
  sim::SimConfig c;
  c.port = 0;
  c.engine.max_num_seqs = 64;
  c.engine.step_base_ms = 4;
  c.engine.step_per_seq_ms = 0.5;
  c.engine.jitter = 0.05;
  return c;
}

SweepOptions Options(const std::string& target, std::vector<int> levels,
                     const std::string& out) {
  SweepOptions o;
  o.run.target_url = target;
  o.run.workload = workload::SyntheticWorkload(64, 32);
  o.run.ramp_up = 500ms;
  o.workload_text = "synthetic 64/32";
  o.concurrencies = std::move(levels);
  o.warmup = 1s;
  o.level_duration = 4s;
  o.steady.min_seconds = 3;
  o.out_path = out;
  o.sampling.gpu = false;
  return o;
}

double RelError(double got, double want) { return std::abs(got - want) / want; }

// Fit on 1, 2, 4, 8 users; forecast 16 and 32, then measure them.
TEST(SweepEndToEndTest, ForecastsLevelsItDidNotMeasure) {
  sim::Server server(SimWithKnownCurve());
  server.Start();
  const std::string dir = ::testing::TempDir();
  const SweepFile fitted_on =
      RunSweep(Options(server.BaseUrl(), {1, 2, 4, 8}, dir + "low.sweep.json"));
  ASSERT_TRUE(fitted_on.complete);
  ASSERT_EQ(fitted_on.levels.size(), 4u);
  EXPECT_EQ(fitted_on.provenance.served_model, "loadlaw-sim");
  EXPECT_GT(fitted_on.levels[3].gauges.count("vllm:num_requests_running"), 0u);
  const fit::CapacityModel model = calibrate::FitSweep(fitted_on);

  const SweepFile measured =
      RunSweep(Options(server.BaseUrl(), {16, 32}, dir + "high.sweep.json"));
  for (const SweepLevel& level : measured.levels) {
    const fit::CapacityPrediction p =
        model.Predict(level.summary.achieved_concurrency);
    const double e2e_p99 =
        p.Latency(fit::LatencyMetric::kE2e, fit::LatencyQuantile::kP99).value;
    std::printf("N=%d: throughput %.2f forecast %.2f; e2e p99 %.3f forecast %.3f\n",
                level.concurrency, level.summary.requests_per_s,
                p.requests_per_s.value, level.summary.e2e.p99, e2e_p99);
    EXPECT_LT(RelError(p.requests_per_s.value, level.summary.requests_per_s), 0.10);
    EXPECT_LT(RelError(e2e_p99, level.summary.e2e.p99), 0.20);
  }
}

// The binary, killed with SIGKILL in its second level, leaves a valid sweep
// file with the first level; --resume measures only what is missing.
TEST(SweepEndToEndTest, KilledSweepResumesWithItsFinishedLevels) {
  sim::Server server(SimWithKnownCurve());
  server.Start();
  const std::string out = ::testing::TempDir() + "killed.sweep.json";
  std::filesystem::remove(out);
  const std::string bin = std::string(LOADLAW_BINARY_DIR) + "/bin/loadlaw";
  const std::string target = server.BaseUrl();
  auto run = [&](bool resume) {
    const pid_t pid = fork();
    if (pid == 0) {
      std::freopen("/dev/null", "w", stdout);
      std::freopen("/dev/null", "w", stderr);
      execl(bin.c_str(), "loadlaw", "sweep", "--target", target.c_str(),
            "--prompt-tokens", "32", "--max-tokens", "16", "--levels",
            "1,2,4", "--warmup", "1s", "--level-duration", "5s", "--no-gpu",
            "--no-progress", "--out", out.c_str(),
            resume ? "--resume" : static_cast<char*>(nullptr),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    return pid;
  };
  const pid_t child = run(false);
  // Wait for the first level to be written, then kill in the next one.
  for (int i = 0; i < 300; ++i) {
    std::this_thread::sleep_for(100ms);
    if (std::filesystem::exists(out) && !LoadSweep(out).levels.empty()) break;
  }
  std::this_thread::sleep_for(1s);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  const SweepFile before = LoadSweep(out);
  ASSERT_EQ(before.levels.size(), 1u);
  EXPECT_FALSE(before.complete);
  EXPECT_EQ(before.levels[0].concurrency, 1);

  const pid_t again = run(true);
  waitpid(again, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const SweepFile after = LoadSweep(out);
  ASSERT_EQ(after.levels.size(), 3u);
  EXPECT_TRUE(after.complete);
  EXPECT_EQ(after.levels[0].summary.requests_per_s,
            before.levels[0].summary.requests_per_s);  // kept, not re-measured
  EXPECT_EQ(after.levels[1].concurrency, 2);
  EXPECT_EQ(after.levels[2].concurrency, 4);
}

TEST(SweepEndToEndTest, ResumeRefusesAnotherWorkload) {
  sim::Server server(SimWithKnownCurve());
  server.Start();
  const std::string out = ::testing::TempDir() + "other.sweep.json";
  SweepOptions o = Options(server.BaseUrl(), {1}, out);
  o.level_duration = 3s;
  RunSweep(o);
  o.workload_text = "a different workload";
  o.resume = true;
  try {
    RunSweep(o);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("workload hash"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace loadlaw::sweep
