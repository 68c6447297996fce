// M/M/c solver shared with the approximations built on it, so that their
// error messages name the public function the caller used.

#ifndef LOADLAW_QUEUEING_ERLANG_INTERNAL_H_
#define LOADLAW_QUEUEING_ERLANG_INTERNAL_H_

#include <string_view>

#include "loadlaw/queueing/erlang.h"

namespace loadlaw::queueing::internal {

// SolveMmc, with `where` as the function named in error messages.
MmcResult SolveMmcFor(std::string_view where, double arrival_rate,
                      double service_time, int servers);

}  // namespace loadlaw::queueing::internal

#endif  // LOADLAW_QUEUEING_ERLANG_INTERNAL_H_
