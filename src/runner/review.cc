// Whether a run stands as a measurement (runner.h, RunFailure).

#include "loadlaw/base/format.h"
#include "loadlaw/runner/runner.h"

namespace loadlaw::runner {

std::string RunFailure(const RunResult& result) {
  if (!result.records_error.empty()) {
    return result.records_error +
           "; the run stopped there, and what it measured is reported";
  }
  if (result.levels.empty()) return "nothing was measured";
  for (const LevelResult& level : result.levels) {
    if (level.summary.finished > 0) continue;
    std::string why = "nothing was measured: no request finished in the " +
                      base::FormatGrouped(level.summary.window_s, 3) +
                      " s window";
    if (result.levels.size() > 1) {
      why += " of level " + std::to_string(level.index + 1);
    }
    if (result.aborted_requests > 0) {
      why +=
          " (" + std::to_string(result.aborted_requests) +
          (result.aborted_requests == 1 ? " request was" : " requests were") +
          " still in flight when the run ended, aborted and counted "
          "nowhere: a longer window, or a shorter request timeout, would "
          "see them end)";
    }
    return why;
  }
  return "";
}

}  // namespace loadlaw::runner
