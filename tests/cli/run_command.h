// Runs the loadlaw binary as a subprocess and captures what it prints, so the
// CLI tests exercise exactly what a user runs.

#ifndef LOADLAW_TESTS_CLI_RUN_COMMAND_H_
#define LOADLAW_TESTS_CLI_RUN_COMMAND_H_

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace loadlaw::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs `build/bin/loadlaw ARGS` through the shell from the source directory
// (so relative paths such as models/examples/cisco.csv work).
inline CommandResult RunLoadlaw(const std::string& args) {
  const std::string err_path =
      "/tmp/loadlaw_cli_test_" + std::to_string(getpid()) + ".err";
  const std::string command = std::string("cd '") + LOADLAW_SOURCE_DIR +
                              "' && '" + LOADLAW_BINARY_DIR +
                              "/bin/loadlaw' " + args + " 2>'" + err_path + "'";
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) result.out.append(buf, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = ReadWholeFile(err_path);
  std::remove(err_path.c_str());
  return result;
}

}  // namespace loadlaw::testing

#endif  // LOADLAW_TESTS_CLI_RUN_COMMAND_H_
