// Secrets a server echoes back never reach an output: the API key, the URL's
// password and the values of a workload's secret headers, planted at the
// start of what the server says, past every cut (160 bytes of an SSE error
// or malformed chunk, 512 of a body), as the response id, and split across
// two SSE events. Every output of the run is searched for any 8-byte piece
// of any secret.

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "base/secret_pieces.h"
#include "runner/canned_server.h"
#include "runner/runner_test_util.h"

namespace loadlaw::runner {
namespace {

using std::chrono::milliseconds;
using testing::CannedServer;
using testing::LongestPiece;

std::string Repeat(const std::string& unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += unit;
  return out;
}

// 164 characters, as the key that lost 160 of them to the cut.
const std::string kApiKey = "sk-" + Repeat("k3y0f164ch", 16) + "z";
// An 800-character JWT-like token (169 of its characters leaked).
const std::string kJwt = "eyJ" + Repeat("hbGciOiJIUzI1NiJ9", 47);
const std::string kApiKeyHeader = "xak-" + Repeat("7Hq2", 10);

// The values of the request's Authorization and X-Api-Key headers (a token
// after "Bearer "), and the number of Authorization headers.
std::vector<std::string> SecretsIn(const std::string& request, int* auths) {
  std::vector<std::string> found;
  *auths = 0;
  std::size_t at = 0;
  while ((at = request.find("\r\n", at)) != std::string::npos) {
    at += 2;
    const std::size_t colon = request.find(':', at);
    const std::size_t end = request.find("\r\n", at);
    if (colon == std::string::npos || colon > end) break;
    std::string name = request.substr(at, colon - at);
    for (char& c : name) c = static_cast<char>(std::tolower(c));
    std::string value = request.substr(colon + 2, end - colon - 2);
    if (name == "authorization") {
      ++*auths;
      value = value.substr(value.find(' ') + 1);
    }
    if (name == "authorization" || name == "x-api-key") found.push_back(value);
  }
  return found;
}

std::string Sse(const std::string& events) {
  return CannedServer::Response(200, "text/event-stream", events);
}

// The n-th answer: the echoed secrets in one more place.
std::string Echo(int n, const std::string& secrets) {
  const std::string pad(170, '.');
  const std::string half1 = secrets.substr(0, secrets.size() / 2);
  const std::string half2 = secrets.substr(secrets.size() / 2);
  switch (n % 8) {
    case 0:
      return CannedServer::Response(401, "text/plain", secrets + " denied");
    case 1:
      return CannedServer::Response(401, "text/plain",
                                    std::string(600, '-') + secrets);
    case 2:
      return Sse("event: error\ndata: " + pad + secrets + "\n\n");
    case 3:
      return Sse("data: {not json " + pad + secrets + "\n\n");
    case 4:
      return Sse("event: error\ndata: " + pad + half1 +
                 "\n\nevent: error\ndata: " + half2 + "\n\n");
    case 5:
      return Sse("data: {\"id\": \"" + secrets +
                 "\", \"choices\": [{\"delta\": {\"content\": \"a\"}, "
                 "\"finish_reason\": \"stop\"}]}\n\ndata: [DONE]\n\n");
    case 6:
      return CannedServer::Response(200, "text/html", pad + secrets);
    default:
      return CannedServer::Response(
          500, "application/json",
          "{\"error\": {\"message\": \"" + pad + secrets + "\"}}");
  }
}

class RunnerSecretsTest : public testing::OnBothTransports {};
LOADLAW_ON_BOTH_TRANSPORTS(RunnerSecretsTest);

TEST_P(RunnerSecretsTest, EchoedSecretsAreRedactedBeforeAnyCut) {
  setenv("LOADLAW_TEST_LONG_KEY", kApiKey.c_str(), 1);
  std::atomic<int> answers{0};
  std::atomic<int> most_auths{0};
  CannedServer echo(
      [&](int fd, const std::string& request, const std::atomic<bool>&) {
        int auths = 0;
        std::string secrets;
        for (const std::string& s : SecretsIn(request, &auths))
          secrets += s + " ";
        if (auths > most_auths.load()) most_auths = auths;
        CannedServer::WriteAll(fd, Echo(answers++, secrets));
      });
  RunOptions o = Quick(echo.BaseUrl(), 2, milliseconds(0));
  o.levels[0].requests = 64;
  o.api_key_env = "LOADLAW_TEST_LONG_KEY";
  // A generic HTTP scenario with its own credentials beside the chat one.
  workload::Scenario http;
  http.name = "http";
  http.api = workload::Api::kHttp;
  http.http.headers = {{"Authorization", "Bearer " + kJwt},
                       {"X-Api-Key", kApiKeyHeader}};
  o.workload.scenarios.push_back(http);
  o.records_path = testing::TempPath("echoed_secrets.jsonl");
  const RunResult r = runner::Run(o);
  unsetenv("LOADLAW_TEST_LONG_KEY");

  EXPECT_GE(answers.load(), 64);
  EXPECT_EQ(most_auths.load(), 1);  // never the key's and the workload's
  EXPECT_GT(r.levels[0].summary.failed, 0u);
  const std::string everything = RunResultToJson(r) + RunResultToJson(r, -1) +
                                 testing::ReadFile(o.records_path);
  EXPECT_NE(everything.find("[REDACTED]"), std::string::npos);
  for (const std::string& secret : {kApiKey, kJwt, kApiKeyHeader}) {
    EXPECT_LT(LongestPiece(everything, secret), 8u) << secret.substr(0, 8);
  }
}

}  // namespace
}  // namespace loadlaw::runner
