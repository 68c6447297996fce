// `loadlaw sim` as a subprocess: the ready line, a request, a clean exit on
// SIGTERM and SIGINT, --config with flags over it, and bad configs.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sim/http_test_util.h"

namespace loadlaw::sim {
namespace {

using testing::ChatBody;
using testing::HttpClient;

const char kBinary[] = LOADLAW_BINARY_DIR "/bin/loadlaw";

struct Child {
  pid_t pid = -1;
  int out_fd = -1;  // the child's stdout
  int err_fd = -1;  // the child's stderr
};

Child Spawn(const std::vector<std::string>& args) {
  int out[2], err[2];
  EXPECT_EQ(pipe(out), 0);
  EXPECT_EQ(pipe(err), 0);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(kBinary));
  for (const std::string& arg : args) {
    argv.push_back(const_cast<char*>(arg.c_str()));
  }
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    dup2(err[1], STDERR_FILENO);
    close(out[0]);
    close(err[0]);
    execv(kBinary, argv.data());
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  return Child{pid, out[0], err[0]};
}

// One line from fd, waiting at most timeout_ms; "" on timeout or EOF.
std::string ReadLine(int fd, int timeout_ms) {
  std::string line;
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    char c;
    if (read(fd, &c, 1) != 1) return "";
    if (c == '\n') return line;
    line.push_back(c);
  }
  return "";
}

std::string ReadAll(int fd) {
  std::string text;
  char buffer[512];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof(buffer))) > 0) text.append(buffer, n);
  return text;
}

// The exit status, or -1 (after SIGKILL) when it takes over timeout_ms.
int WaitExit(const Child& child, int timeout_ms) {
  for (int waited_ms = 0; waited_ms < timeout_ms; waited_ms += 10) {
    int status = 0;
    if (waitpid(child.pid, &status, WNOHANG) == child.pid) {
      close(child.out_fd);
      close(child.err_fd);
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(child.pid, SIGKILL);
  waitpid(child.pid, nullptr, 0);
  close(child.out_fd);
  close(child.err_fd);
  return -1;
}

// The base URL from the ready line, or "" when the line is not as expected.
std::string ReadyUrl(const Child& child) {
  std::string line = ReadLine(child.out_fd, 10000);
  std::smatch match;
  static const std::regex kReady(
      R"(^loadlaw sim listening on (http://127\.0\.0\.1:[0-9]+)$)");
  EXPECT_TRUE(std::regex_match(line, match, kReady)) << "'" << line << "'";
  return match.size() == 2 ? match[1].str() : "";
}

TEST(SimCliTest, ServesAndExitsCleanlyOnSigterm) {
  Child child = Spawn({"sim", "--port", "0", "--step-base-ms", "1"});
  std::string url = ReadyUrl(child);
  ASSERT_FALSE(url.empty());
  HttpClient client;
  testing::HttpResult r =
      client.Post(url + "/v1/chat/completions", ChatBody(4, true, true));
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("data: [DONE]"), std::string::npos);
  kill(child.pid, SIGTERM);
  EXPECT_EQ(WaitExit(child, 5000), 0);
}

TEST(SimCliTest, SigintWithAnOpenStreamExitsCleanly) {
  Child child = Spawn({"sim", "--port", "0", "--step-base-ms", "1"});
  std::string url = ReadyUrl(child);
  ASSERT_FALSE(url.empty());
  std::thread stream([url] {
    HttpClient client;
    client.Post(url + "/v1/chat/completions", ChatBody(100000, true, false));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  kill(child.pid, SIGINT);
  EXPECT_EQ(WaitExit(child, 5000), 0);
  stream.join();
}

TEST(SimCliTest, FlagsOverrideTheConfigFile) {
  const std::string path = ::testing::TempDir() + "sim_cli_test.json";
  std::ofstream(path) << R"({"model": "from-file", "max_num_seqs": 3})";
  Child child = Spawn({"sim", "--config", path, "--port", "0", "--model",
                       "from-flag"});
  std::string url = ReadyUrl(child);
  ASSERT_FALSE(url.empty());
  HttpClient client;
  nlohmann::json models =
      nlohmann::json::parse(client.Get(url + "/v1/models").body);
  EXPECT_EQ(models["data"][0]["id"], "from-flag");
  kill(child.pid, SIGTERM);
  EXPECT_EQ(WaitExit(child, 5000), 0);
  std::remove(path.c_str());
}

TEST(SimCliTest, BadConfigsExitWithStatus2AndAMessage) {
  const std::string path = ::testing::TempDir() + "sim_cli_bad.json";
  std::ofstream(path) << R"({"bogus": 1})";
  Child unknown = Spawn({"sim", "--config", path});
  std::string message = ReadAll(unknown.err_fd);
  EXPECT_EQ(WaitExit(unknown, 5000), 2);
  EXPECT_NE(message.find("unknown key /bogus"), std::string::npos) << message;
  Child negative = Spawn({"sim", "--port", "0", "--step-base-ms", "-1"});
  message = ReadAll(negative.err_fd);
  EXPECT_EQ(WaitExit(negative, 5000), 2);
  EXPECT_NE(message.find("step_base_ms"), std::string::npos) << message;
  std::remove(path.c_str());
}

}  // namespace
}  // namespace loadlaw::sim
