// loadlaw: capacity planning for AI serving endpoints, calibrated by load tests.
// Errors from any command, and bad arguments, end as one line on stderr and
// exit status 2.

#include <cstdio>
#include <exception>

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
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::fprintf(stderr, "loadlaw: error: %s (see --help)\n", e.what());
    return 2;
  } catch (const loadlaw::cli::ExitStatus& e) {
    return e.code;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "loadlaw: error: %s\n", e.what());
    return 2;
  }
  return 0;
}
