// The loadlaw subcommands. Each Add*Command registers one subcommand (with its
// options and a callback that runs it) on the top-level app.

#ifndef LOADLAW_CLI_COMMANDS_H_
#define LOADLAW_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace loadlaw::cli {

// Thrown by a command that finished but must exit with a non-zero status
// (e.g. `compare` finding a regression); main() turns it into the exit code.
struct ExitStatus {
  int code = 0;
};

void AddFitCommand(CLI::App& app);
void AddQueueCommand(CLI::App& app);
void AddSimCommand(CLI::App& app);
void AddRunCommand(CLI::App& app);
void AddSweepCommand(CLI::App& app);
void AddPredictCommand(CLI::App& app);
void AddPlanCommand(CLI::App& app);
void AddReportCommand(CLI::App& app);
void AddCompareCommand(CLI::App& app);

}  // namespace loadlaw::cli

#endif  // LOADLAW_CLI_COMMANDS_H_
