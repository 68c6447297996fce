#include "loadlaw/telemetry/summary_json.h"

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace loadlaw::telemetry {
namespace {

WindowSummary Sample() {
  WindowSummary s;
  s.window_s = 30;
  s.open_loop = true;
  s.finished = 120;
  s.completed = 117;
  s.failed = 3;
  s.e2e = {117, 1.25, 0.5, 3.5, 1.2, 1.9, 2.1, 3.1, 3.4};
  s.ttft = {117, 0.1, 0.01, 0.9, 0.08, 0.2, 0.3, 0.8, 0.9};
  s.schedule_lag = {120, 1e-4, 0, 1e-3, 5e-5, 2e-4, 3e-4, 9e-4, 1e-3};
  s.requests_per_s = 3.9;
  s.output_tokens_per_s = 250.5;
  s.achieved_concurrency = 4.87;
  s.errors[2] = {3, "HTTP 429: slow down"};
  s.input_tokens_total = 15000;
  s.output_tokens_total = 7500;
  s.output_tokens = {117, 64, 64, 64, 64, 64, 64, 64, 64};
  s.time_series = {{0, 3, 0, 190, 0, 4.5, 0.1, 1.2},
                   {1, 5, 1, 320, 0, 4.9, 0.12, 1.3}};
  return s;
}

TEST(SummaryJsonTest, RoundTripsEveryField) {
  const WindowSummary s = Sample();
  const WindowSummary back = WindowSummaryFromJson(WindowSummaryToJson(s));
  EXPECT_EQ(back.window_s, s.window_s);
  EXPECT_TRUE(back.open_loop);
  EXPECT_EQ(back.failed, 3u);
  EXPECT_EQ(back.e2e.p99, 3.1);
  EXPECT_EQ(back.ttft.p50, 0.08);
  EXPECT_EQ(back.schedule_lag.p99, 9e-4);
  EXPECT_EQ(back.requests_per_s, 3.9);
  EXPECT_EQ(back.achieved_concurrency, 4.87);
  EXPECT_EQ(back.Error(ErrorClass::kHttp429).count, 3u);
  EXPECT_EQ(back.Error(ErrorClass::kHttp429).sample, "HTTP 429: slow down");
  EXPECT_EQ(back.output_tokens.mean, 64);
  ASSERT_EQ(back.time_series.size(), 2u);
  EXPECT_EQ(back.time_series[1].completed, 5u);
  EXPECT_EQ(back.time_series[1].concurrency, 4.9);
  // Writing the read-back summary gives the same JSON: nothing is lost.
  EXPECT_EQ(WindowSummaryToJson(back), WindowSummaryToJson(s));
}

TEST(SummaryJsonTest, MissingOrMistypedFieldsNameTheirPointer) {
  nlohmann::json j = WindowSummaryToJson(Sample());
  j["metrics"]["e2e"].erase("p99");
  try {
    WindowSummaryFromJson(j);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("/metrics/e2e/p99"),
              std::string::npos)
        << e.what();
  }
  j = WindowSummaryToJson(Sample());
  j["throughput"]["requests_per_s"] = "fast";
  try {
    WindowSummaryFromJson(j);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("/throughput/requests_per_s"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace loadlaw::telemetry
