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

Result RunCli(const std::string& args) {
  const std::string dir =
      ::testing::TempDir() + "/loadlaw_cli_" + std::to_string(getpid());
  const std::string command = "OPENAI_API_KEY=" + kSecret + " " + kBinary +
                              " run " + args + " >" + dir + "_out.txt 2>" +
                              dir + "_err.txt";
  const int raw = std::system(command.c_str());
  return {WEXITSTATUS(raw), ReadFile(dir + "_out.txt"),
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
  };
  for (const Case& c : cases) {
    const Result r = RunCli(c.args);
    EXPECT_EQ(r.status, 2) << c.args;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
}

}  // namespace
