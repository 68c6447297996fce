#include "loadlaw/telemetry/resource_sample.h"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace loadlaw::telemetry {
namespace {

// Shaped like vLLM's /metrics (names from vLLM's documentation).
constexpr char kVllmLike[] = R"(# HELP vllm:num_requests_running Number of requests in model execution batches.
# TYPE vllm:num_requests_running gauge
vllm:num_requests_running{engine="0",model_name="m"} 12.0
vllm:num_requests_running{engine="1",model_name="m"} 4.0
vllm:num_requests_waiting{model_name="m"} 3
vllm:kv_cache_usage_perc{model_name="m \"quoted\", with comma"} 0.42 1700000000000
vllm:e2e_request_latency_seconds_bucket{le="+Inf",model_name="m"} 17
weird_value NaN
this line is { broken
)";

TEST(PrometheusTest, ParsesSamplesLabelsAndSpecialValues) {
  int skipped = -1;
  const std::vector<MetricSample> m = ParsePrometheusText(kVllmLike, &skipped);
  EXPECT_EQ(skipped, 1);
  ASSERT_EQ(m.size(), 6u);
  EXPECT_EQ(m[0].labels.at("engine"), "0");
  EXPECT_EQ(m[3].labels.at("model_name"), "m \"quoted\", with comma");
  EXPECT_DOUBLE_EQ(m[3].value, 0.42);
  EXPECT_EQ(m[4].labels.at("le"), "+Inf");
  EXPECT_TRUE(std::isnan(m[5].value));
  EXPECT_EQ(SumMetric(m, "vllm:num_requests_running"), 16.0);
  EXPECT_EQ(SumMetric(m, "vllm:num_requests_waiting"), 3.0);
  EXPECT_FALSE(SumMetric(m, "vllm:gpu_cache_usage_perc").has_value());
}

TEST(ProcessStatTest, ReadsThisProcess) {
  const ProcessStat s = ReadProcessStat(getpid());
  EXPECT_EQ(s.pid, getpid());
  EXPECT_GE(s.cpu_s, 0.0);
  EXPECT_GT(s.rss_bytes, 1 << 20);  // a test binary holds more than 1 MiB
}

TEST(ProcessStatTest, ReadsAFakeProcAndRefusesAMissingPid) {
  const std::filesystem::path root =
      std::filesystem::path(::testing::TempDir()) / "fake_proc";
  std::filesystem::create_directories(root / "42");
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  std::ofstream(root / "42" / "stat")
      << "42 (my server (v2)) S 1 42 42 0 -1 4194560 100 0 0 0 "
      << static_cast<long>(3 * ticks) << " " << static_cast<long>(ticks)
      << " 0 0 20 0 8 0 100 1000 50\n";
  std::ofstream(root / "42" / "status") << "Name:\tx\nVmRSS:\t  2048 kB\n";
  const ProcessStat s = ReadProcessStat(42, root.string());
  EXPECT_DOUBLE_EQ(s.cpu_s, 4.0);
  EXPECT_DOUBLE_EQ(s.rss_bytes, 2048.0 * 1024);
  try {
    ReadProcessStat(43, root.string());
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("pid 43"), std::string::npos);
  }
}

TEST(NvidiaSmiTest, ParsesTheQueryOutputAndNamesABadLine) {
  const std::vector<GpuStat> g =
      ParseNvidiaSmiCsv("0, 87, 70213, 81559\n1, 0, 3, 81559\n");
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[1].index, 1);
  EXPECT_DOUBLE_EQ(g[0].utilization_pct, 87);
  EXPECT_DOUBLE_EQ(g[0].memory_used_mib, 70213);
  EXPECT_DOUBLE_EQ(g[0].memory_total_mib, 81559);
  // MIG devices report no utilisation: not a number, not an error.
  EXPECT_TRUE(std::isnan(
      ParseNvidiaSmiCsv("0, [N/A], 3, 81559\n")[0].utilization_pct));
  try {
    ParseNvidiaSmiCsv("0, 87, 70213, 81559\n1, busy, 3\n");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos);
  }
}

// Found by fuzzing: an index that does not fit an int ("1e57") or is not a
// number ("[N/A]", read as NaN) was cast to int, which is undefined
// behaviour. Such a line is an error naming it, like any other bad line.
TEST(NvidiaSmiTest, AnIndexThatIsNotASmallWholeNumberIsABadLine) {
  for (const char* index :
       {"1e57", "[N/A]", "N/A", "-1", "1.5", "65536", "99999999999", "inf",
        "nan", "0x1", ""}) {
    const std::string csv = std::string(index) + ", 87, 70213, 81559\n";
    try {
      ParseNvidiaSmiCsv(csv);
      ADD_FAILURE() << "no exception for index '" << index << "'";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("line 1"), std::string::npos)
          << e.what();
    }
  }
  EXPECT_EQ(ParseNvidiaSmiCsv("65535, 1, 2, 3\n")[0].index, 65535);
}

}  // namespace
}  // namespace loadlaw::telemetry
