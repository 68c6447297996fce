// The options `run` and `sweep` share (target, workload, transport, SLOs for
// goodput, seed) as flags onto runner::LoadSpec, and the Ctrl-C handling of
// a load test.

#ifndef LOADLAW_CLI_LOAD_ARGS_H_
#define LOADLAW_CLI_LOAD_ARGS_H_

#include <atomic>
#include <csignal>

#include <CLI/CLI.hpp>

#include "loadlaw/runner/load_spec.h"

namespace loadlaw::cli {

// Registers the shared flags on `cmd`, writing into `spec`.
void AddLoadOptions(CLI::App* cmd, runner::LoadSpec* spec);

// While alive, Ctrl-C sets Interrupted() instead of killing the process (a
// second Ctrl-C does); the previous handler is restored on destruction.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  static const std::atomic<bool>* Flag();

 private:
  void (*previous_)(int);
};

}  // namespace loadlaw::cli

#endif  // LOADLAW_CLI_LOAD_ARGS_H_
