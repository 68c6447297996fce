// The options `run` and `sweep` share (target, workload, transport, SLOs for
// goodput, seed) as flags onto runner::LoadSpec, and the Ctrl-C handling of
// a load test.

#ifndef LOADLAW_CLI_LOAD_ARGS_H_
#define LOADLAW_CLI_LOAD_ARGS_H_

#include <atomic>
#include <csignal>
#include <string>

#include <CLI/CLI.hpp>

#include "loadlaw/runner/load_spec.h"

namespace loadlaw::cli {

// Registers the shared flags on `cmd`, writing into `spec`.
void AddLoadOptions(CLI::App* cmd, runner::LoadSpec* spec);

// While alive, Ctrl-C (SIGINT) and SIGTERM set Flag() instead of killing
// the process (a second one does), so that a run or sweep stopped either way
// keeps and reports what it measured; the previous handlers are restored on
// destruction. A command stopped so exits with 128 + Signal().
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  static const std::atomic<bool>* Flag();
  // The signal that set the flag (0: none), and its name ("SIGTERM").
  static int Signal();
  static std::string SignalName();

 private:
  void (*previous_int_)(int);
  void (*previous_term_)(int);
};

}  // namespace loadlaw::cli

#endif  // LOADLAW_CLI_LOAD_ARGS_H_
