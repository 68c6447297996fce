// Bad input: each failure lands in its error class with a sample message,
// and the run still ends on time. Also: the bearer token never leaks.

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>

#include <cstdlib>
#include <map>
#include <thread>

#include "runner/canned_server.h"
#include "runner/runner_test_util.h"

namespace loadlaw::runner {
namespace {

using std::chrono::milliseconds;
using telemetry::ErrorClass;
using testing::CannedServer;
using testing::QuickSimConfig;
using testing::ReadJsonLines;
using testing::StartSim;

// Counts of truth-log records by fault.
std::map<std::string, int> TruthFaults(const std::string& path) {
  std::map<std::string, int> faults;
  for (const nlohmann::json& l : ReadJsonLines(path)) {
    ++faults[l.at("fault").get<std::string>()];
  }
  return faults;
}

struct FaultCase {
  const char* fault;  // the truth log's name
  ErrorClass error;
};

class RunnerFaultsTest : public testing::OnBothTransports {
 protected:
  // Runs 3 users for 600 ms against `url` (or as `options` say) and
  // returns the level summary.
  telemetry::WindowSummary Against(const std::string& url,
                                   RunOptions* options = nullptr) const {
    RunOptions o = Quick(url, 3, milliseconds(600));
    o.connect_timeout = milliseconds(300);
    o.request_timeout = milliseconds(300);
    o.max_response_bytes = 64 * 1024;
    if (options != nullptr) o = *options;
    const auto t0 = std::chrono::steady_clock::now();
    const RunResult r = runner::Run(o);
    EXPECT_LT(std::chrono::steady_clock::now() - t0,
              milliseconds(1500));  // on time
    return r.levels[0].summary;
  }
};
LOADLAW_ON_BOTH_TRANSPORTS(RunnerFaultsTest);

TEST_P(RunnerFaultsTest, EverySimulatorFaultLandsInItsClass) {
  const FaultCase cases[] = {{"error", ErrorClass::kHttp5xx},
                             {"rate_limit", ErrorClass::kHttp429},
                             {"disconnect", ErrorClass::kStreamBroken},
                             {"malformed", ErrorClass::kMalformed},
                             {"stall", ErrorClass::kTimeout}};
  for (const FaultCase& c : cases) {
    SCOPED_TRACE(c.fault);
    sim::SimConfig config = QuickSimConfig();
    config.truth_log = testing::TempPath("truth_") + c.fault + ".jsonl";
    const std::string fault = c.fault;
    if (fault == "error") config.error_rate = 0.3;
    if (fault == "rate_limit") config.rate_limit_concurrency = 2;
    if (fault == "disconnect") config.disconnect_rate = 0.3;
    if (fault == "malformed") config.malformed_rate = 0.3;
    if (fault == "stall") {
      config.stall_rate = 0.3;
      config.stall_ms = 3000;
    }
    RunOptions o;
    {
      auto sim = StartSim(config);
      o = Quick(sim->BaseUrl(), 4, milliseconds(0));
      o.levels[0].requests = 60;
      o.request_timeout = milliseconds(400);
      o.honor_retry_after = false;
      const RunResult r = runner::Run(o);
      const telemetry::WindowSummary& s = r.levels[0].summary;
      sim->Stop();
      const std::map<std::string, int> truth = TruthFaults(config.truth_log);
      EXPECT_EQ(s.finished, 60u);
      ASSERT_GT(truth.count(fault), 0u);
      EXPECT_EQ(s.Error(c.error).count,
                static_cast<std::uint64_t>(truth.at(fault)));
      EXPECT_EQ(s.failed, s.Error(c.error).count);  // nothing misfiled
      EXPECT_FALSE(s.Error(c.error).sample.empty());
      if (fault == "rate_limit") {
        EXPECT_NE(s.Error(c.error).sample.find("Retry-After"),
                  std::string::npos);
      }
    }
  }
}

void ExpectOnly(const telemetry::WindowSummary& s, ErrorClass error,
                const std::string& sample_part) {
  EXPECT_GT(s.finished, 0u);
  EXPECT_EQ(s.Error(error).count, s.finished)
      << telemetry::ErrorClassName(error);
  EXPECT_NE(s.Error(error).sample.find(sample_part), std::string::npos)
      << s.Error(error).sample;
}

TEST_P(RunnerFaultsTest, ConnectionFailuresAreConnectErrors) {
  ExpectOnly(
      Against("http://127.0.0.1:" + std::to_string(testing::UnusedPort())),
      ErrorClass::kConnect, "onnect");
  // "Could not resolve host" or, without a DNS server, "Resolving timed out".
  ExpectOnly(Against("http://no-such-host.invalid:8000"), ErrorClass::kConnect,
             "esolv");
}

TEST_P(RunnerFaultsTest, HtmlInsteadOfSseIsMalformed) {
  CannedServer server([](int fd, const std::string&, const std::atomic<bool>&) {
    CannedServer::WriteAll(
        fd, CannedServer::Response(200, "text/html",
                                   "<html><body>Login</body></html>"));
  });
  ExpectOnly(Against(server.BaseUrl()), ErrorClass::kMalformed, "text/html");
}

TEST_P(RunnerFaultsTest, StatusCodesLandInTheirClasses) {
  CannedServer not_found(
      [](int fd, const std::string&, const std::atomic<bool>&) {
        CannedServer::WriteAll(
            fd, CannedServer::Response(404, "application/json",
                                       "{\"error\":\"no model\"}"));
      });
  ExpectOnly(Against(not_found.BaseUrl()), ErrorClass::kHttp4xx,
             "HTTP 404: {\"error\"");
  CannedServer unavailable(
      [](int fd, const std::string&, const std::atomic<bool>&) {
        CannedServer::WriteAll(
            fd, CannedServer::Response(503, "text/plain", "overloaded"));
      });
  ExpectOnly(Against(unavailable.BaseUrl()), ErrorClass::kHttp5xx,
             "HTTP 503: overloaded");
}

TEST_P(RunnerFaultsTest, EndlessStreamTimesOutAndHugeAnswerIsCut) {
  CannedServer endless([](int fd, const std::string&,
                          const std::atomic<bool>& stopping) {
    std::string head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: "
        "close\r\n\r\n";
    if (!CannedServer::WriteAll(fd, head)) return;
    while (!stopping.load() && CannedServer::WriteAll(fd, ": keep-alive\n\n")) {
      std::this_thread::sleep_for(milliseconds(5));
    }
  });
  ExpectOnly(Against(endless.BaseUrl()), ErrorClass::kTimeout, "timed out");
  CannedServer huge([](int fd, const std::string&, const std::atomic<bool>&) {
    std::string body;
    while (body.size() < 1'000'000) {
      body +=
          "data: "
          "{\"choices\":[{\"delta\":{\"content\":\"xxxxxxxxxxxxxxxxxxxx\"}}]}"
          "\n\n";
    }
    CannedServer::WriteAll(
        fd, CannedServer::Response(200, "text/event-stream", body));
  });
  ExpectOnly(Against(huge.BaseUrl()), ErrorClass::kMalformed,
             "max_response_bytes");
}

TEST_P(RunnerFaultsTest, CutOrFailingStreamsAreStreamBroken) {
  const std::string chunk =
      "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n";
  CannedServer no_done(
      [chunk](int fd, const std::string&, const std::atomic<bool>&) {
        CannedServer::WriteAll(
            fd, CannedServer::Response(200, "text/event-stream", chunk));
      });
  ExpectOnly(Against(no_done.BaseUrl()), ErrorClass::kStreamBroken,
             "before [DONE]");
  CannedServer error_event(
      [chunk](int fd, const std::string&, const std::atomic<bool>&) {
        CannedServer::WriteAll(
            fd, CannedServer::Response(
                    200, "text/event-stream",
                    chunk + "event: error\ndata: engine crashed\n\n"));
      });
  ExpectOnly(Against(error_event.BaseUrl()), ErrorClass::kStreamBroken,
             "engine crashed");
  CannedServer cut(
      [chunk](int fd, const std::string&, const std::atomic<bool>&) {
        CannedServer::WriteAll(
            fd,
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            "Content-Length: 100000\r\n\r\n" +
                chunk);
      });
  ExpectOnly(Against(cut.BaseUrl()), ErrorClass::kStreamBroken, "");
}

// llama-server keeps its Keep-Alive promise only until the next request: a
// request sent on a connection the server is about to close dies with nothing
// received. Here every connection answers once, then closes on the next
// request without answering, so every idle connection in libcurl's cache is
// such a trap; libcurl's own retries (on other cached connections) run out,
// and the runner sends the request again on a new connection.
TEST_P(RunnerFaultsTest, RequestsLostOnClosingKeepAliveConnectionsAreResent) {
  const std::string body =
      "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"},"
      "\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n";
  CannedServer once([body](int fd, const std::string&,
                           const std::atomic<bool>& stopping) {
    CannedServer::WriteAll(fd,
                           "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream"
                           "\r\nKeep-Alive: timeout=5, max=100\r\n"
                           "Content-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + body);
    char buf[4096];
    while (!stopping.load()) {  // the next request (or the client leaving)
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 50) > 0) break;
    }
    if (!stopping.load()) (void)recv(fd, buf, sizeof(buf), 0);
  });
  RunOptions o = Quick(once.BaseUrl(), 8, milliseconds(0));
  o.levels[0].requests = 200;
  o.request_timeout = milliseconds(2000);
  const RunResult r = runner::Run(o);
  const telemetry::WindowSummary& s = r.levels[0].summary;
  EXPECT_EQ(s.failed, 0u) << s.Error(ErrorClass::kStreamBroken).sample;
  EXPECT_GE(s.completed, 200u);
  EXPECT_GE(r.connections_opened, s.completed);  // one answer per connection
}

// Counts a server cannot mean (negative, beyond 2^63) gave negative token
// throughput; such an answer is malformed, and the count is not believed.
TEST_P(RunnerFaultsTest, ImpossibleUsageCountsAreMalformed) {
  std::atomic<int> n{0};
  CannedServer liar([&](int fd, const std::string&, const std::atomic<bool>&) {
    const char* counts[] = {"-5", "18446744073709551615", "1e30", "\"7\""};
    const std::string events =
        "data: {\"choices\":[{\"delta\":{\"content\":\"a\"},"
        "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,"
        "\"completion_tokens\":" +
        std::string(counts[n++ % 4]) + "}}\n\ndata: [DONE]\n\n";
    CannedServer::WriteAll(
        fd, CannedServer::Response(200, "text/event-stream", events));
  });
  RunOptions o = Quick(liar.BaseUrl(), 2, milliseconds(0));
  o.levels[0].requests = 40;
  const telemetry::WindowSummary s = Against(liar.BaseUrl(), &o);
  ExpectOnly(s, ErrorClass::kMalformed, "usage.completion_tokens is ");
  EXPECT_EQ(s.output_tokens_total, 40);  // one chunk each, counted
  EXPECT_GE(s.output_tokens_per_s, 0);
}

// 4 closed-loop users for 2.5 s against a server that always answers 429
// and asks for a wait; returns the requests it received.
int AttemptsAgainstA429(Transport transport, const std::string& retry_after,
                        std::chrono::nanoseconds max_retry_after) {
  CannedServer throttled(
      [&](int fd, const std::string&, const std::atomic<bool>&) {
        CannedServer::WriteAll(
            fd, CannedServer::Response(429, "text/plain", "slow down",
                                       "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                                       "Retry-After: " +
                                           retry_after + "\r\n"));
      });
  RunOptions o =
      testing::QuickOptions(throttled.BaseUrl(), 4, milliseconds(2500));
  o.transport = transport;
  o.max_retry_after = max_retry_after;
  const RunResult r = runner::Run(o);
  EXPECT_EQ(r.levels[0].summary.Error(ErrorClass::kHttp429).count,
            r.levels[0].summary.finished);
  return throttled.requests();
}

// An HTTP-date, or an integer too large for any type, was no wait at all:
// 4 users sent 74,000-178,000 requests in 3 s. Now each waits (about 1 s
// here: the date is one second after the answer's Date), so about 3 each.
TEST_P(RunnerFaultsTest, RetryAfterAsADateOrAHugeNumberIsHonoured) {
  const int dated = AttemptsAgainstA429(
      GetParam(), "Sun, 06 Nov 1994 08:49:38 GMT", std::chrono::seconds(60));
  EXPECT_GE(dated, 4);
  EXPECT_LE(dated, 16);
  const int huge = AttemptsAgainstA429(GetParam(), "99999999999999999999999",
                                       std::chrono::seconds(1));
  EXPECT_GE(huge, 4);
  EXPECT_LE(huge, 16);  // cut to max_retry_after, 1 s
}

// A refused port was retried at once: about 22,000 attempts a second. Users
// now back off (50 ms doubling, with jitter): a handful each in 1.5 s.
TEST_P(RunnerFaultsTest, RefusedConnectionsAreRetriedWithBackoff) {
  RunOptions o =
      Quick("http://127.0.0.1:" + std::to_string(testing::UnusedPort()), 4,
            milliseconds(1500));
  const RunResult r = runner::Run(o);
  const telemetry::WindowSummary& s = r.levels[0].summary;
  EXPECT_EQ(s.Error(ErrorClass::kConnect).count, s.finished);
  EXPECT_GE(s.finished, 8u);
  EXPECT_LE(s.finished, 40u);
}

TEST_P(RunnerFaultsTest, BearerTokenNeverAppearsInAnyOutput) {
  const std::string secret = "sk-loadlaw-test-7f3a9c1e5b";
  setenv("LOADLAW_TEST_API_KEY", secret.c_str(), 1);
  // A server that echoes the Authorization header back in a 401.
  std::atomic<bool> saw_key{false};
  CannedServer echo([&](int fd, const std::string& request,
                        const std::atomic<bool>&) {
    const std::size_t at = request.find("Authorization: Bearer ");
    if (at != std::string::npos && request.find(secret) != std::string::npos)
      saw_key = true;
    const std::string header =
        at == std::string::npos
            ? ""
            : request.substr(at, request.find("\r\n", at) - at);
    CannedServer::WriteAll(
        fd, CannedServer::Response(401, "text/plain",
                                   "bad credentials: " + header));
  });
  RunOptions o = Quick(echo.BaseUrl(), 2, milliseconds(300));
  o.api_key_env = "LOADLAW_TEST_API_KEY";
  o.records_path = testing::TempPath("secret_records.jsonl");
  const RunResult r = runner::Run(o);
  EXPECT_TRUE(saw_key.load());  // the server did get it
  const telemetry::WindowSummary& s = r.levels[0].summary;
  EXPECT_EQ(s.Error(ErrorClass::kHttp4xx).count, s.finished);
  EXPECT_NE(s.Error(ErrorClass::kHttp4xx).sample.find("[REDACTED]"),
            std::string::npos);
  const std::string everything = RunResultToJson(r) +
                                 testing::ReadFile(o.records_path) +
                                 RunResultToJson(r, -1);
  EXPECT_EQ(everything.find(secret), std::string::npos);
  EXPECT_EQ(everything.find("7f3a9c1e5b"), std::string::npos);
  unsetenv("LOADLAW_TEST_API_KEY");
}

TEST(RedactUrlTest, UrlCredentialsAreRemovedFromResults) {
  EXPECT_EQ(RedactUrl("http://user:pw@host:1/v1"), "http://host:1/v1");
  EXPECT_EQ(RedactUrl("https://host/a@b"), "https://host/a@b");
}

}  // namespace
}  // namespace loadlaw::runner
