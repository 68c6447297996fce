// loadlaw: capacity planning for AI serving endpoints, calibrated by load tests.
// Errors from any command, and bad arguments, end as one line on stderr and
// exit status 2; so does output that could not be written to stdout.

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "loadlaw: capacity planning for AI serving endpoints, calibrated by "
      "load tests",
      "loadlaw"};
  app.set_version_flag("--version", std::string("loadlaw ") + LOADLAW_VERSION);
  app.require_subcommand(1);
  loadlaw::cli::AddFitCommand(app);
  loadlaw::cli::AddQueueCommand(app);
  loadlaw::cli::AddSimCommand(app);
  loadlaw::cli::AddRunCommand(app);
  loadlaw::cli::AddSweepCommand(app);
  loadlaw::cli::AddPredictCommand(app);
  loadlaw::cli::AddPlanCommand(app);
  loadlaw::cli::AddReportCommand(app);
  loadlaw::cli::AddCompareCommand(app);
  int status = 0;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      status = app.exit(e);  // --help, --version
    } else {
      std::fprintf(stderr, "loadlaw: error: %s (see --help)\n", e.what());
      return 2;
    }
  } catch (const loadlaw::cli::ExitStatus& e) {
    status = e.code;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "loadlaw: error: %s\n", e.what());
    return 2;
  }
  // What a command printed is its result: a write that failed (a full disk,
  // a closed pipe) is an error, not a success with nothing to show. The
  // cause is the errno of the write that failed, which nothing since reset.
  std::cout.flush();
  const bool failed =
      std::fflush(stdout) != 0 || std::ferror(stdout) || !std::cout;
  if (failed) {
    const int cause = errno;
    std::fprintf(stderr, "loadlaw: error: cannot write to stdout: %s\n",
                 cause != 0 ? std::strerror(cause) : "write failed");
    return 2;
  }
  return status;
}
