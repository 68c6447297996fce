// File: loadlaw/telemetry/loop.h
// The two ways a load test paces its requests, which decide what its levels
// mean: a closed loop's level is a number of virtual users, an open loop's an
// arrival rate.
//
//   loadlaw::telemetry::LoopKind loop =
//       loadlaw::telemetry::ParseLoopKind("open", "/provenance/loop");
//   loadlaw::telemetry::LoopKindName(loop);  // "open"

#ifndef LOADLAW_TELEMETRY_LOOP_H_
#define LOADLAW_TELEMETRY_LOOP_H_

#include <string_view>

namespace loadlaw::telemetry {

enum class LoopKind {
  kClosed,  // N virtual users: send, wait for the answer, think, send again
  kOpen,    // arrivals on a schedule, whatever the answers do
};

std::string_view LoopKindName(LoopKind loop);  // "closed", "open"

// The loop named `text`; throws std::invalid_argument naming `field` and the
// text otherwise.
LoopKind ParseLoopKind(std::string_view text, std::string_view field);

}  // namespace loadlaw::telemetry

#endif  // LOADLAW_TELEMETRY_LOOP_H_
