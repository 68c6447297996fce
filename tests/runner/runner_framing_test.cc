// HTTP/1.1 framing that both transports must read alike: an answer dribbled
// a byte at a time, chunked encoding with chunk extensions and trailers, an
// HTTP/1.0 answer that the close ends, and an interim 100 Continue.

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "runner/canned_server.h"
#include "runner/runner_test_util.h"

namespace loadlaw::runner {
namespace {

using std::chrono::milliseconds;
using testing::CannedServer;

// Two output tokens with usage, a finish reason and [DONE].
const std::string kStream =
    "data: {\"id\":\"x\",\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"
    "data: {\"choices\":[{\"delta\":{\"content\":\"b\"},\"finish_reason\":"
    "\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}\n\n"
    "data: [DONE]\n\n";
const std::string kSseHead =
    "Content-Type: text/event-stream\r\nCache-Control: no-cache\r\n";

std::string Chunk(const std::string& data, const std::string& extension = "") {
  char size[32];
  std::snprintf(size, sizeof(size), "%zx", data.size());
  return std::string(size) + extension + "\r\n" + data + "\r\n";
}

class RunnerFramingTest : public testing::OnBothTransports {
 protected:
  // 20 streamed requests from 2 users must all complete with the server's
  // usage (2 output tokens each).
  void ExpectAllComplete(const CannedServer& server) {
    RunOptions o = Quick(server.BaseUrl(), 2, milliseconds(0));
    o.levels[0].requests = 20;
    o.request_timeout = milliseconds(5000);
    const RunResult r = runner::Run(o);
    const telemetry::WindowSummary& s = r.levels[0].summary;
    for (telemetry::ErrorClass e : telemetry::AllErrorClasses()) {
      EXPECT_EQ(s.Error(e).count, 0u)
          << telemetry::ErrorClassName(e) << ": " << s.Error(e).sample;
    }
    EXPECT_EQ(s.completed, 20u);
    EXPECT_EQ(s.output_tokens_total, 40);
    EXPECT_EQ(s.tokens_from_chunks, 0u);  // every count from usage
  }
};
LOADLAW_ON_BOTH_TRANSPORTS(RunnerFramingTest);

TEST_P(RunnerFramingTest, AnAnswerDribbledAByteAtATime) {
  CannedServer server([](int fd, const std::string&,
                         const std::atomic<bool>&) {
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    const std::string answer = "HTTP/1.1 200 OK\r\n" + kSseHead +
                               "Transfer-Encoding: chunked\r\n\r\n" +
                               Chunk(kStream) + "0\r\n\r\n";
    for (char c : answer) {
      if (!CannedServer::WriteAll(fd, std::string(1, c))) return;
      std::this_thread::sleep_for(std::chrono::microseconds(20));
    }
  });
  ExpectAllComplete(server);
}

TEST_P(RunnerFramingTest, ChunkExtensionsAndTrailers) {
  CannedServer server([](int fd, const std::string&,
                         const std::atomic<bool>&) {
    const std::size_t half = kStream.size() / 2;
    CannedServer::WriteAll(
        fd, "HTTP/1.1 200 OK\r\n" + kSseHead +
                "Transfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n" +
                Chunk(kStream.substr(0, half), ";name=value") +
                Chunk(kStream.substr(half), ";flag") +
                "0\r\nX-Checksum: 42\r\n\r\n");
  });
  ExpectAllComplete(server);
}

TEST_P(RunnerFramingTest, AnHttp10AnswerEndedByTheClose) {
  CannedServer server([](int fd, const std::string&,
                         const std::atomic<bool>&) {
    CannedServer::WriteAll(fd, "HTTP/1.0 200 OK\r\n" + kSseHead + "\r\n" +
                                   kStream);
  });  // returning closes the connection: the end of the answer
  ExpectAllComplete(server);
}

TEST_P(RunnerFramingTest, AnInterim100ContinueBeforeTheAnswer) {
  CannedServer server([](int fd, const std::string&,
                         const std::atomic<bool>&) {
    CannedServer::WriteAll(
        fd, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n" + kSseHead +
                "Content-Length: " + std::to_string(kStream.size()) +
                "\r\n\r\n" + kStream);
  });
  ExpectAllComplete(server);
}

}  // namespace
}  // namespace loadlaw::runner
