// `loadlaw run` as a user runs it: the real binary against `loadlaw sim` in
// a subprocess. Checks the --json contract, the summary table, argument
// errors and that the API key appears in nothing written.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "runner/canned_server.h"
#include "runner/small_disk.h"

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const std::string kBinary = LOADLAW_BINARY_DIR "/bin/loadlaw";
const std::string kSecret = "sk-cli-secret-4e8d2b6a90";

// `loadlaw sim --port 0` in a child process; SIGTERM at the end.
class SimProcess {
 public:
  SimProcess() {
    int out[2];
    EXPECT_EQ(pipe(out), 0);
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      execl(kBinary.c_str(), "loadlaw", "sim", "--port", "0", "--step-base-ms",
            "2", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    FILE* f = fdopen(out[0], "r");
    char line[256] = {};
    if (std::fgets(line, sizeof(line), f) != nullptr) {
      const std::string text = line;
      const std::size_t at = text.find("http://");
      if (at != std::string::npos)
        url_ = text.substr(at, text.find_first_of("\r\n", at) - at);
    }
    stdout_ = f;
  }
  ~SimProcess() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    std::fclose(stdout_);
  }
  const std::string& url() const { return url_; }

 private:
  pid_t pid_ = -1;
  FILE* stdout_ = nullptr;
  std::string url_;
};

struct Result {
  int status;
  std::string out;
  std::string err;
};

// `loadlaw run ARGS`, its stdout to `out` (default: a file read back).
Result RunCli(const std::string& args, const std::string& out = "") {
  const std::string dir =
      ::testing::TempDir() + "/loadlaw_cli_" + std::to_string(getpid());
  const std::string out_path = out.empty() ? dir + "_out.txt" : out;
  const std::string command = "OPENAI_API_KEY=" + kSecret + " " + kBinary +
                              " run " + args + " >" + out_path + " 2>" + dir +
                              "_err.txt";
  const int raw = std::system(command.c_str());
  return {WEXITSTATUS(raw), out.empty() ? ReadFile(out_path) : "",
          ReadFile(dir + "_err.txt")};
}

TEST(RunCommandTest, JsonHasTheDocumentedFieldsAndNoKey) {
  SimProcess sim;
  ASSERT_FALSE(sim.url().empty());
  const std::string records = ::testing::TempDir() + "/loadlaw_cli_" +
                              std::to_string(getpid()) + "_records.jsonl";
  const Result r =
      RunCli("--target " + sim.url() +
             "/v1 --concurrency 4 --duration 1s "
             "--warmup 200ms --prompt-tokens 16 --max-tokens 8 --json "
             "--records " +
             records);
  ASSERT_EQ(r.status, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  for (const char* metric : {"ttft", "tpot", "itl", "e2e"}) {
    for (const char* key :
         {"count", "mean", "p50", "p90", "p95", "p99", "p999", "max"}) {
      EXPECT_TRUE(j.at("metrics").at(metric).contains(key))
          << metric << "." << key;
    }
  }
  EXPECT_GT(j.at("metrics").at("ttft").at("count").get<int>(), 10);
  EXPECT_GT(j.at("throughput").at("requests_per_s").get<double>(), 0);
  EXPECT_GT(j.at("throughput").at("output_tokens_per_s").get<double>(), 0);
  EXPECT_EQ(j.at("concurrency").at("configured").get<int>(), 4);
  EXPECT_NEAR(j.at("concurrency").at("achieved").get<double>(), 4, 0.1);
  EXPECT_EQ(j.at("errors").size(), 8u);
  EXPECT_EQ(j.at("tokens").at("output").get<int>(),
            8 * j.at("requests").at("finished").get<int>());
  const std::string everything = r.out + r.err + ReadFile(records);
  EXPECT_EQ(everything.find(kSecret), std::string::npos);
}

TEST(RunCommandTest, SummaryTableAndOpenLoop) {
  SimProcess sim;
  const Result r = RunCli("--target " + sim.url() +
                          " --rate 50 --duration 1s "
                          "--max-tokens 4 --arrival constant");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("open loop"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("schedule_lag"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ttft"), std::string::npos);
  EXPECT_EQ((r.out + r.err).find(kSecret), std::string::npos);
}

TEST(RunCommandTest, BadArgumentsExitTwoWithOneClearLine) {
  struct Case {
    std::string args, message;
  } cases[] = {
      {"--target http://127.0.0.1:1 --duration 1s",
       "--concurrency N or --rate R"},
      {"--target http://127.0.0.1:1 --concurrency 2", "--duration"},
      {"--target http://127.0.0.1:1 --concurrency 2 --duration 10q",
       "'10q' is not a duration"},
      {"--target http://127.0.0.1:1 --concurrency 2 --duration 1s --workload " +
           std::string(LOADLAW_SOURCE_DIR) +
           "/tests/runner/data/bad_workload.json",
       "/scenarios/0/max_tokens/stddev"},
      {"--target http://127.0.0.1:1 --concurrency 2 --duration 1s "
       "--api-key-env NO_SUCH_VAR_X",
       "NO_SUCH_VAR_X is not set"},
      // Bounds where the options enter (these allocated until memory ran
      // out, hung, or ran for seconds and measured nothing).
      {"--target http://127.0.0.1:1 --rate 1e-20 --duration 1s",
       "--rate: must be in [0.001, 1000000] arrivals per second, got 1e-20"},
      {"--target http://127.0.0.1:1 --concurrency 100001 --duration 1s",
       "--concurrency: must be in [1, 100000], got 100001"},
      {"--target http://127.0.0.1:1 --concurrency 1 --duration 1s "
       "--prompt-tokens 1000000000",
       "--prompt-tokens: must be in [1, 1000000] tokens, got 1000000000"},
  };
  for (const Case& c : cases) {
    const Result r = RunCli(c.args);
    EXPECT_EQ(r.status, 2) << c.args;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
}

TEST(RunCommandTest, OutputThatCannotBeWrittenIsAnError) {
  SimProcess sim;
  const std::string args =
      "--target " + sim.url() + " --concurrency 2 --duration 300ms --json";
  const Result r = RunCli(args, "/dev/full");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("cannot write to stdout: No space left on device"),
            std::string::npos)
      << r.err;
}

// --records on a full disk: the run stops at the failed write, reports what
// it measured on stdout, and ends with an error naming the file and cause.
TEST(RunCommandTest, RecordsThatCannotBeWrittenEndTheRunWithAnError) {
  SimProcess sim;
  const std::string args = "--target " + sim.url() +
                           " --concurrency 4 --duration 5s --max-tokens 8 "
                           "--json --records ";
  const Result r = RunCli(args + "/dev/full");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("records file /dev/full: No space left on device"),
            std::string::npos)
      << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_NE(j.at("records_error").get<std::string>().find("/dev/full"),
            std::string::npos);
  EXPECT_LT(j.at("elapsed_s").get<double>(), 4.0);  // stopped, not 5 s on

  loadlaw::testing::SmallDisk disk(64 * 1024);
  if (!disk.ok()) GTEST_SKIP() << disk.why();
  const std::string records = disk.path() + "/records.jsonl";
  const Result small = RunCli(args + records);
  EXPECT_EQ(small.status, 2);
  EXPECT_NE(
      small.err.find("records file " + records + ": No space left on device"),
      std::string::npos)
      << small.err;
  const nlohmann::json measured = nlohmann::json::parse(small.out);
  EXPECT_GT(measured.at("requests").at("finished").get<int>(), 0);
  EXPECT_FALSE(measured.at("complete").get<bool>());
  EXPECT_LE(ReadFile(records).size(), 64u * 1024);
}

// A server that never answers and --timeout longer than the run: nothing
// finishes, and the run says so instead of "0 completed, 0 failed".
TEST(RunCommandTest, ARunThatMeasuredNothingSaysSoAndFails) {
  const loadlaw::testing::SilentPort silent;
  const Result r = RunCli("--target " + silent.BaseUrl() +
                          " --concurrency 3 --duration 1s --timeout 60s");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("0 completed, 0 failed, 3 aborted at the end of the "
                       "run"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("nothing was measured"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("3 requests were still in flight"), std::string::npos)
      << r.err;
}

// SIGTERM stops a run as Ctrl-C does: what it measured is printed, and the
// exit status is 128 + 15.
TEST(RunCommandTest, SigtermStopsTheRunAndReportsIt) {
  SimProcess sim;
  const std::string out = ::testing::TempDir() + "/loadlaw_cli_" +
                          std::to_string(getpid()) + "_term.json";
  const pid_t child = fork();
  if (child == 0) {
    std::freopen(out.c_str(), "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    execl(kBinary.c_str(), "loadlaw", "run", "--target", sim.url().c_str(),
          "--concurrency", "2", "--duration", "20s", "--max-tokens", "8",
          "--json", static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  kill(child, SIGTERM);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGTERM);
  const nlohmann::json j = nlohmann::json::parse(ReadFile(out));
  EXPECT_TRUE(j.at("cancelled").get<bool>());
  EXPECT_GT(j.at("requests").at("completed").get<int>(), 0);
  EXPECT_LT(j.at("elapsed_s").get<double>(), 10);
}

}  // namespace
