// `loadlaw sweep` as a user runs it (the real binary): secrets in no output
// of the pipeline (sweep, fit, report), SIGTERM kept like Ctrl-C, and a
// records file that cannot be written ending the sweep with an error while
// its finished levels stay.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/secret_pieces.h"
#include "loadlaw/sim/server.h"
#include "loadlaw/sweep_file/sweep_file.h"
#include "runner/canned_server.h"
#include "runner/small_disk.h"

namespace loadlaw::sweep {
namespace {

using namespace std::chrono_literals;
using testing::CannedServer;
using testing::LongestPiece;

const std::string kBinary = std::string(LOADLAW_BINARY_DIR) + "/bin/loadlaw";

std::string Dir() {
  const std::string dir = ::testing::TempDir() + "/loadlaw_sweep_cmd_" +
                          std::to_string(getpid()) + "/";
  std::filesystem::create_directories(dir);
  return dir;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Outcome {
  int status = -1;  // exit status, or 128 + the signal that ended it
  std::string out, err;
};

// Runs `loadlaw ARGS` with `env` ("NAME=value ..." or ""), through the shell.
Outcome Loadlaw(const std::string& env, const std::string& args) {
  const std::string dir = Dir();
  const std::string command = "env -u OPENAI_API_KEY " + env + " '" + kBinary +
                              "' " + args + " >" + dir + "out.txt 2>" + dir +
                              "err.txt";
  const int raw = std::system(command.c_str());
  return {WEXITSTATUS(raw), ReadFile(dir + "out.txt"),
          ReadFile(dir + "err.txt")};
}

// The value of the request's Authorization header ("" when none).
std::string AuthorizationOf(const std::string& request) {
  const std::size_t at = request.find("\r\nAuthorization: ");
  if (at == std::string::npos) return "";
  const std::size_t from = at + 17;
  return request.substr(from, request.find("\r\n", from) - from);
}

// Streams of 4 tokens after 20 ms; one request in 25 an SSE error event
// that echoes the request's Authorization header across the 160-byte cut.
void AnswerOrEcho(int fd, const std::string& request, int n) {
  std::this_thread::sleep_for(20ms);
  std::string events;
  if (n % 25 == 24) {
    events = "event: error\ndata: " + std::string(120, '.') + " " +
             AuthorizationOf(request) + "\n\n";
  } else {
    for (int i = 0; i < 4; ++i) {
      events += "data: {\"choices\":[{\"delta\":{\"content\":\"tok\"}}]}\n\n";
    }
    events +=
        "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"length\"}],"
        "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":4}}\n\n"
        "data: [DONE]\n\n";
  }
  CannedServer::WriteAll(
      fd, CannedServer::Response(200, "text/event-stream", events));
}

TEST(SweepCommandTest, NoSecretReachesAnyOutputOfThePipeline) {
  std::atomic<int> answers{0};
  CannedServer server(
      [&](int fd, const std::string& request, const std::atomic<bool>&) {
        AnswerOrEcho(fd, request, answers++);
      });
  const std::string port = server.BaseUrl().substr(server.BaseUrl().rfind(':'));
  std::string key = "sk-";
  for (int i = 0; i < 16; ++i) key += "p4ssk3y0ne";
  const std::string password = "PASS-w0rd-8f3e1c";
  // What libcurl would send for the URL's credentials alone:
  // Basic base64("alice:PASS-w0rd-8f3e1c").
  const std::string basic = "YWxpY2U6UEFTUy13MHJkLThmM2UxYw==";
  const std::string dir = Dir();
  const std::string sweep_file = dir + "s.sweep.json";
  std::filesystem::remove(sweep_file);
  const std::string env = "OPENAI_API_KEY=" + key;
  const Outcome sweep = Loadlaw(
      env, "sweep --target http://alice:" + password + "@127.0.0.1" + port +
               " --levels 1,2,4 --level-duration 5s --warmup 1s "
               "--max-extensions 0 --no-gpu --no-progress --max-tokens 4 "
               "--out " +
               sweep_file + " --records " + dir + "r.jsonl");
  ASSERT_EQ(sweep.status, 0) << sweep.err;
  // The first status line names the target, without its password.
  EXPECT_NE(sweep.err.find("loadlaw sweep: http://127.0.0.1" + port),
            std::string::npos)
      << sweep.err;
  const Outcome fit =
      Loadlaw(env, "fit " + sweep_file + " --out " + dir + "s.model.json");
  EXPECT_EQ(fit.status, 0) << fit.err;
  const Outcome report =
      Loadlaw(env, "report " + sweep_file + " --out " + dir + "report");
  EXPECT_EQ(report.status, 0) << report.err;
  std::string everything;
  for (const Outcome* o : {&sweep, &fit, &report})
    everything += o->out + o->err;
  for (const char* file :
       {"s.sweep.json", "r.jsonl", "s.model.json", "report/report.html",
        "report/report.md", "report/report.json"}) {
    everything += ReadFile(dir + file);
  }
  // The key the server echoed, in the error samples.
  EXPECT_NE(everything.find("Bearer [REDACTED]"), std::string::npos);
  for (const std::string& secret : {key, password, basic}) {
    EXPECT_LT(LongestPiece(everything, secret), 8u) << secret;
  }
}

sim::SimConfig QuickSim() {
  sim::SimConfig c;
  c.port = 0;
  c.engine.step_base_ms = 4;
  c.engine.step_per_seq_ms = 0.5;
  return c;
}

// Records on a full disk: the sweep stops at the failed write with an error
// naming the file and cause; the levels finished before it stay in the
// sweep file, whose stop_reason says why it stopped.
TEST(SweepCommandTest, RecordsThatCannotBeWrittenStopTheSweepKeepingItsLevels) {
  testing::SmallDisk disk(64 * 1024);
  if (!disk.ok()) GTEST_SKIP() << disk.why();
  sim::Server server(QuickSim());
  server.Start();
  const std::string out = Dir() + "full.sweep.json";
  std::filesystem::remove(out);
  const std::string records = disk.path() + "/r.jsonl";
  // Level 1 writes about 25 KB of records, level 8 about 100 KB.
  const Outcome r =
      Loadlaw("", "sweep --target " + server.BaseUrl() +
                      " --levels 1,8 --level-duration 2s --warmup 1s "
                      "--max-extensions 0 --max-tokens 16 --no-gpu "
                      "--no-progress --out " +
                      out + " --records " + records);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("records file " + records + ": No space left on device"),
            std::string::npos)
      << r.err;
  const SweepFile sweep = LoadSweep(out);
  ASSERT_EQ(sweep.levels.size(), 1u);
  EXPECT_EQ(sweep.levels[0].concurrency, 1);
  EXPECT_FALSE(sweep.complete);
  EXPECT_NE(sweep.stop_reason.find("No space left on device"),
            std::string::npos)
      << sweep.stop_reason;
}

// SIGTERM (what a service manager or `timeout` sends) is handled like
// Ctrl-C: it used to kill the sweep (status 143) with nothing recorded of
// why. Now the finished levels stay, the file says what stopped it, and the
// exit status is still 128 + 15.
TEST(SweepCommandTest, SigtermKeepsTheFinishedLevelsAndSaysWhy) {
  sim::Server server(QuickSim());
  server.Start();
  const std::string out = Dir() + "term.sweep.json";
  std::filesystem::remove(out);
  const std::string target = server.BaseUrl();
  const pid_t child = fork();
  if (child == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    execl(kBinary.c_str(), "loadlaw", "sweep", "--target", target.c_str(),
          "--max-tokens", "8", "--levels", "1,2,4", "--warmup", "1s",
          "--level-duration", "2s", "--max-extensions", "0", "--no-gpu",
          "--no-progress", "--out", out.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 300; ++i) {  // until the first level is saved
    std::this_thread::sleep_for(100ms);
    if (std::filesystem::exists(out) && !LoadSweep(out).levels.empty()) break;
  }
  std::this_thread::sleep_for(500ms);
  kill(child, SIGTERM);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGTERM);
  const SweepFile sweep = LoadSweep(out);
  EXPECT_GE(sweep.levels.size(), 1u);
  EXPECT_FALSE(sweep.complete);
  EXPECT_NE(sweep.stop_reason.find("cancelled by SIGTERM"), std::string::npos)
      << sweep.stop_reason;
}

}  // namespace
}  // namespace loadlaw::sweep
