// The options `run` and `sweep` share (target, workload, transport, SLOs for
// goodput, seed), assembled and validated as the CLI's load flags are
// (src/cli/load_args.cc), with the Python argument names in messages.

#ifndef LOADLAW_PYTHON_LOAD_OPTIONS_H_
#define LOADLAW_PYTHON_LOAD_OPTIONS_H_

#include <string>

#include "loadlaw/runner/run_options.h"

namespace loadlaw::python {

struct LoadOptions {
  runner::RunOptions run;  // without levels; loop is closed until set
  // What identifies the workload for a sweep's --resume and compare: the
  // workload file's text or a description of the synthetic one.
  std::string workload_text;
  bool ramp_up_given = false;  // a sweep defaults it to half its warm-up
};

}  // namespace loadlaw::python

#endif  // LOADLAW_PYTHON_LOAD_OPTIONS_H_
