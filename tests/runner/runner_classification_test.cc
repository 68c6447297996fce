// One table of bad answers, each read by both transports into the same
// error class: the native transport and libcurl disagreed on bad chunked
// encoding, large heads, HTTP/0.9 answers and odd status lines. Also the SSE
// line limit (a line without end was read up to max_response_bytes) and a
// run whose requests never end.

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "runner/canned_server.h"
#include "runner/runner_test_util.h"

namespace loadlaw::runner {
namespace {

using std::chrono::milliseconds;
using telemetry::ErrorClass;
using testing::CannedServer;

const std::string kStream =
    "data: {\"choices\":[{\"delta\":{\"content\":\"a\"},\"finish_reason\":"
    "\"stop\"}]}\n\ndata: [DONE]\n\n";
const std::string kSse = "Content-Type: text/event-stream\r\n";

std::string Length(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n";
}

std::string Hex(std::size_t n) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%zx", n);
  return buf;
}

struct Case {
  const char* name;
  std::string answer;               // every byte the server sends
  std::optional<ErrorClass> error;  // nullopt: completes
};

std::vector<Case> Cases() {
  const std::string ok = "HTTP/1.1 200 OK\r\n";
  const std::string fields_64k(70'000, 'a');
  std::string many_fields;
  for (int i = 0; i < 100; ++i) {
    many_fields +=
        "X-H" + std::to_string(i) + ": " + std::string(1000, 'b') + "\r\n";
  }
  return {
      {"well formed", ok + kSse + Length(kStream) + "\r\n" + kStream,
       std::nullopt},
      {"no reason phrase but its space",
       "HTTP/1.1 200 \r\n" + kSse + Length(kStream) + "\r\n" + kStream,
       std::nullopt},
      {"a bad chunk size",
       ok + kSse + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + kStream +
           "\r\n0\r\n\r\n",
       ErrorClass::kMalformed},
      {"a chunked body cut before its last chunk",
       ok + kSse + "Transfer-Encoding: chunked\r\n\r\n" + Hex(kStream.size()) +
           "\r\n" + kStream + "\r\n",
       ErrorClass::kStreamBroken},
      {"one header of 70,000 bytes",
       ok + kSse + "X-Big: " + fields_64k + "\r\n" + Length(kStream) + "\r\n" +
           kStream,
       ErrorClass::kMalformed},
      {"one header of 200,000 bytes",
       ok + kSse + "X-Big: " + std::string(200'000, 'c') + "\r\n" +
           Length(kStream) + "\r\n" + kStream,
       ErrorClass::kMalformed},
      {"100 headers of 1,000 bytes",
       ok + kSse + many_fields + Length(kStream) + "\r\n" + kStream,
       ErrorClass::kMalformed},
      {"HTTP/0.9 (a body without a head)", kStream, ErrorClass::kMalformed},
      {"binary garbage", std::string("\x01\x02 garbage\r\n\r\n", 15),
       ErrorClass::kMalformed},
      {"lines ended by LF alone",
       "HTTP/1.1 200 OK\nContent-Type: text/event-stream\n" +
           std::string("Content-Length: ") + std::to_string(kStream.size()) +
           "\n\n" + kStream,
       ErrorClass::kMalformed},
      {"an HTTP/2 status line on HTTP/1.1",
       "HTTP/2 200 OK\r\n" + kSse + Length(kStream) + "\r\n" + kStream,
       ErrorClass::kMalformed},
      {"a status line without a reason",
       "HTTP/1.1 200\r\n" + kSse + Length(kStream) + "\r\n" + kStream,
       ErrorClass::kMalformed},
      {"a space before a field's colon",
       ok + kSse + "X-A : b\r\n" + Length(kStream) + "\r\n" + kStream,
       ErrorClass::kMalformed},
      {"a field without a colon",
       ok + kSse + "Garbage\r\n" + Length(kStream) + "\r\n" + kStream,
       ErrorClass::kMalformed},
      {"two different Content-Lengths",
       ok + kSse + Length(kStream) + "Content-Length: 5\r\n\r\n" + kStream,
       ErrorClass::kMalformed},
      {"a bad Content-Length",
       ok + kSse + "Content-Length: abc\r\n\r\n" + kStream,
       ErrorClass::kMalformed},
      {"Transfer-Encoding beside Content-Length",
       ok + kSse + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n" +
           Hex(kStream.size()) + "\r\n" + kStream + "\r\n0\r\n\r\n",
       ErrorClass::kMalformed},
      {"a compressed Transfer-Encoding nobody asked for",
       ok + kSse + "Transfer-Encoding: gzip, chunked\r\n\r\n" +
           Hex(kStream.size()) + "\r\n" + kStream + "\r\n0\r\n\r\n",
       ErrorClass::kMalformed},
      {"a body shorter than its Content-Length",
       ok + kSse + "Content-Length: 100000\r\n\r\n" + kStream,
       ErrorClass::kStreamBroken},
      {"nothing at all", "", ErrorClass::kStreamBroken},
  };
}

class RunnerClassificationTest : public testing::OnBothTransports {};
LOADLAW_ON_BOTH_TRANSPORTS(RunnerClassificationTest);

TEST_P(RunnerClassificationTest, BothTransportsClassifyEveryAnswerAlike) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    CannedServer server(
        [&](int fd, const std::string&, const std::atomic<bool>&) {
          CannedServer::WriteAll(fd, c.answer);
        });
    RunOptions o = Quick(server.BaseUrl(), 1, milliseconds(0));
    o.levels[0].requests = 3;
    o.request_timeout = milliseconds(3000);
    const telemetry::WindowSummary s = runner::Run(o).levels[0].summary;
    ASSERT_EQ(s.finished, 3u);
    if (!c.error) {
      EXPECT_EQ(s.completed, 3u) << s.failed;
      continue;
    }
    EXPECT_EQ(s.Error(*c.error).count, 3u)
        << telemetry::ErrorClassName(*c.error) << " expected; got " << [&] {
             std::string got;
             for (ErrorClass e : telemetry::AllErrorClasses()) {
               if (s.Error(e).count > 0) {
                 got += std::string(telemetry::ErrorClassName(e)) + ": " +
                        s.Error(e).sample + "; ";
               }
             }
             return got;
           }();
  }
}

// A 100 MB line without a newline stops at the 1 MiB SSE line limit, not at
// the 32 MiB answer limit.
TEST_P(RunnerClassificationTest, ALineWithoutEndStopsAtTheLineLimit) {
  CannedServer endless([](int fd, const std::string&,
                          const std::atomic<bool>& stopping) {
    if (!CannedServer::WriteAll(fd, "HTTP/1.1 200 OK\r\n" + kSse +
                                        "Connection: close\r\n\r\ndata: ")) {
      return;
    }
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 100 && !stopping.load(); ++i) {
      if (!CannedServer::WriteAll(fd, chunk)) return;
    }
  });
  RunOptions o = Quick(endless.BaseUrl(), 1, milliseconds(0));
  o.levels[0].requests = 2;
  o.records_path = testing::TempPath("long_line.jsonl");
  const telemetry::WindowSummary s = runner::Run(o).levels[0].summary;
  EXPECT_EQ(s.Error(ErrorClass::kMalformed).count, 2u);
  EXPECT_NE(s.Error(ErrorClass::kMalformed).sample.find("SSE line longer"),
            std::string::npos)
      << s.Error(ErrorClass::kMalformed).sample;
  for (const nlohmann::json& r : testing::ReadJsonLines(o.records_path)) {
    if (r.contains("aborted")) continue;
    EXPECT_LE(r.at("response_bytes").get<std::int64_t>(), 2 << 20);
  }
}

// Requests that never end, with a timeout longer than the run: they are
// aborted at its end, and the result says the run measured nothing.
TEST_P(RunnerClassificationTest, RequestsThatNeverEndAreNamedNotHidden) {
  testing::SilentPort silent;
  RunOptions o = Quick(silent.BaseUrl(), 3, milliseconds(500));
  o.request_timeout = std::chrono::seconds(60);
  const RunResult r = runner::Run(o);
  EXPECT_EQ(r.levels[0].summary.finished, 0u);
  EXPECT_EQ(r.aborted_requests, 3u);
  const std::string failure = RunFailure(r);
  EXPECT_NE(failure.find("nothing was measured"), std::string::npos) << failure;
  EXPECT_NE(failure.find("3 requests were still in flight"), std::string::npos)
      << failure;
}

}  // namespace
}  // namespace loadlaw::runner
