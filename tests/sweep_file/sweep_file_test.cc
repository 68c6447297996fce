#include "loadlaw/sweep_file/sweep_file.h"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace loadlaw::sweep {
namespace {

SweepFile Sample() {
  SweepFile s;
  s.provenance.target = "http://127.0.0.1:8000";
  s.provenance.served_model = "loadlaw-sim";
  s.provenance.workload_name = "chat";
  s.provenance.workload_hash = "44136fa355b3678a";
  s.provenance.label = "h100";
  s.provenance.date = "2026-11-28T09:00:00Z";
  s.provenance.server_concurrency_limit = 16;
  s.options.concurrencies = {1, 2};
  s.options.transport = "native";
  SweepLevel l;
  l.index = 0;
  l.concurrency = 2;
  l.warmup_s = 2;
  l.duration_s = 10;
  l.steady.settled = true;
  l.steady.seconds = 10;
  l.steady.trend_t = INFINITY;
  l.summary.window_s = 10;
  l.summary.requests_per_s = 12.5;
  l.summary.achieved_concurrency = 1.98;
  l.summary.e2e.p99 = 0.31;
  l.gauges["vllm:num_requests_running"] = {1.9, 2, 10};
  l.gauges["gpu_utilization_pct"] = {};  // never sampled
  l.samples.e2e_s = {0.1, 0.2, 0.3};
  s.levels.push_back(l);
  return s;
}

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + name;
}

TEST(SweepFileTest, SavesAtomicallyAndRoundTrips) {
  const std::string path = TempPath("round.sweep.json");
  SaveSweepAtomic(Sample(), path);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  const SweepFile back = LoadSweep(path);
  EXPECT_EQ(back.schema, kSweepSchema);
  EXPECT_EQ(back.provenance.label, "h100");
  EXPECT_EQ(back.provenance.server_concurrency_limit, 16);
  ASSERT_EQ(back.levels.size(), 1u);
  const SweepLevel& l = back.levels[0];
  EXPECT_EQ(l.concurrency, 2);
  EXPECT_EQ(l.summary.requests_per_s, 12.5);
  EXPECT_EQ(l.summary.e2e.p99, 0.31);
  EXPECT_EQ(l.steady.trend_t, INFINITY);  // written as "inf"
  EXPECT_EQ(l.gauges.at("vllm:num_requests_running").max, 2);
  EXPECT_TRUE(std::isnan(l.gauges.at("gpu_utilization_pct").mean));
  EXPECT_EQ(l.samples.e2e_s.size(), 3u);
  EXPECT_EQ(back.options.concurrencies, (std::vector<int>{1, 2}));
  EXPECT_EQ(back.options.transport, "native");
  // A second save replaces the file whole.
  SweepFile more = back;
  more.levels.push_back(more.levels[0]);
  more.levels[1].index = 1;
  SaveSweepAtomic(more, path);
  EXPECT_EQ(LoadSweep(path).levels.size(), 2u);
}

TEST(SweepFileTest, ErrorsNameTheFileAndThePointer) {
  nlohmann::json j = SweepToJson(Sample());
  j["levels"][0]["summary"]["throughput"].erase("requests_per_s");
  try {
    SweepFromJson(j, "a.sweep.json");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "a.sweep.json: missing field "
                  "/levels/0/summary/throughput/requests_per_s"),
              std::string::npos)
        << e.what();
  }
  j = SweepToJson(Sample());
  j["schema"] = "loadlaw.sweep/0";
  EXPECT_THROW(SweepFromJson(j, "x"), std::invalid_argument);
  j = SweepToJson(Sample());
  j["provenance"]["loop"] = "sideways";
  EXPECT_THROW(SweepFromJson(j, "x"), std::invalid_argument);
  const std::string bad = TempPath("bad.sweep.json");
  std::ofstream(bad) << "{not json";
  EXPECT_THROW(LoadSweep(bad), std::invalid_argument);
  EXPECT_THROW(LoadSweep(TempPath("missing.sweep.json")),
               std::invalid_argument);
}

TEST(SweepFileTest, UnwritableDirectoryIsAnError) {
  EXPECT_THROW(SaveSweepAtomic(Sample(), "/nonexistent/dir/a.sweep.json"),
               std::runtime_error);
}

}  // namespace
}  // namespace loadlaw::sweep
