// Records as JSON lines: every field, escaping, invalid UTF-8.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "runner/records_internal.h"

namespace loadlaw::runner::internal {
namespace {

using std::chrono::milliseconds;

TEST(RecordsTest, LineParsesBackWithEveryField) {
  telemetry::RequestRecord r;
  r.id = 7;
  r.level = 1;
  r.phase = telemetry::Phase::kMeasure;
  r.session = 3;
  r.turn = 2;
  r.http_status = 200;
  r.t_sched = milliseconds(90);
  r.t_send = milliseconds(100);
  r.t_first = milliseconds(150);
  r.t_last = milliseconds(350);
  r.t_done = milliseconds(360);
  r.input_tokens = 12;
  r.output_tokens = 5;
  r.output_tokens_source = telemetry::TokenSource::kUsage;
  r.output_chunks = 5;
  r.response_id = "chatcmpl-9";
  std::string out;
  AppendRecordJson(r, "short \"qa\"", false, &out);
  ASSERT_EQ(out.back(), '\n');
  const nlohmann::json j = nlohmann::json::parse(out);
  EXPECT_EQ(j.at("id").get<int>(), 7);
  EXPECT_EQ(j.at("phase").get<std::string>(), "measure");
  EXPECT_EQ(j.at("scenario").get<std::string>(), "short \"qa\"");
  EXPECT_TRUE(j.at("error").is_null());
  EXPECT_DOUBLE_EQ(j.at("ttft_s").get<double>(), 0.05);
  EXPECT_DOUBLE_EQ(j.at("e2e_s").get<double>(), 0.26);
  EXPECT_DOUBLE_EQ(j.at("tpot_s").get<double>(), 0.05);
  EXPECT_DOUBLE_EQ(j.at("lag_s").get<double>(), 0.01);
  EXPECT_EQ(j.at("output_tokens_source").get<std::string>(), "usage");
  EXPECT_EQ(j.at("response_id").get<std::string>(), "chatcmpl-9");
}

TEST(RecordsTest, ErrorsAndOddText) {
  telemetry::RequestRecord r;
  r.error = telemetry::ErrorClass::kMalformed;
  r.error_message = std::string("bad \x01 byte \xff and \xC3\xA9 \\ end");
  std::string out;
  AppendRecordJson(r, "s", true, &out);
  const nlohmann::json j = nlohmann::json::parse(out);
  EXPECT_EQ(j.at("error").get<std::string>(), "malformed");
  EXPECT_EQ(j.at("error_message").get<std::string>(),
            "bad \x01 byte \xEF\xBF\xBD and \xC3\xA9 \\ end");
  EXPECT_TRUE(j.at("aborted").get<bool>());
  EXPECT_TRUE(j.at("ttft_s").is_null());
  EXPECT_TRUE(j.at("tpot_s").is_null());
}

// A full disk: the write error is kept, named and reported, not dropped.
TEST(RecordWriterTest, AFailedWriteIsReportedWithItsCause) {
  RecordWriter writer("/dev/full", /*append=*/false);
  EXPECT_EQ(writer.error(), "");
  EXPECT_FALSE(writer.Append("{\"id\":1}\n"));
  EXPECT_FALSE(writer.Append("{\"id\":2}\n"));  // and nothing after it
  EXPECT_EQ(writer.error(),
            "records file /dev/full: No space left on device (after 0 bytes)");
  EXPECT_FALSE(writer.Close());
}

TEST(RecordWriterTest, WritesAreCountedUntilTheFirstFailure) {
  const std::string path = ::testing::TempDir() + "/records_writer_ok.jsonl";
  RecordWriter writer(path, /*append=*/false);
  EXPECT_TRUE(writer.Append("{\"id\":1}\n"));
  EXPECT_TRUE(writer.Close());
  EXPECT_EQ(writer.error(), "");
}

}  // namespace
}  // namespace loadlaw::runner::internal
