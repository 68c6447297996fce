// `loadlaw fit RUN.sweep.json [--out MODEL.model.json]`: the capacity model of
// a calibration sweep (the CSV form of `fit` is in fit_command.cc).

#ifndef LOADLAW_CLI_FIT_SWEEP_H_
#define LOADLAW_CLI_FIT_SWEEP_H_

#include <string>

namespace loadlaw::cli {

// True when `path` names a sweep file (it ends in .json).
bool IsSweepPath(const std::string& path);

// Fits the sweep at `sweep_path` holding out the top `holdout_levels` levels
// (0: the automatic rule), prints a summary (or, with `json`, the model
// document), and writes the model to `out_path` when it is not empty.
void RunFitSweep(const std::string& sweep_path, const std::string& out_path,
                 int holdout_levels, bool json);

}  // namespace loadlaw::cli

#endif  // LOADLAW_CLI_FIT_SWEEP_H_
