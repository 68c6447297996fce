// File: loadlaw/workload/duration.h
// Durations and delay distributions written as text, as the CLI takes them:
// "60s", "500ms", "2m", "1h", "250us", "1.5s" (a bare number is seconds); a
// delay is a duration (constant) or "exp:MEAN" or "uniform:MIN:MAX".
//
//   std::chrono::nanoseconds d = loadlaw::workload::ParseDuration("90s",
//   "--duration"); loadlaw::workload::Distribution think_s =
//       loadlaw::workload::ParseDelaySpec("exp:2s", "--think-time");

#ifndef LOADLAW_WORKLOAD_DURATION_H_
#define LOADLAW_WORKLOAD_DURATION_H_

#include <chrono>
#include <string>
#include <string_view>

#include "loadlaw/workload/distribution.h"

namespace loadlaw::workload {

// Parses a non-negative duration; throws std::invalid_argument naming `field`
// and the text when it is not one.
std::chrono::nanoseconds ParseDuration(std::string_view text,
                                       std::string_view field);

// Parses a delay distribution in seconds: "2s" (constant), "exp:2s"
// (exponential with that mean), "uniform:500ms:2s". Throws
// std::invalid_argument naming `field` and the text.
Distribution ParseDelaySpec(std::string_view text, std::string_view field);

// The canonical text of a delay ParseDelaySpec reads back: "2s", "exp:2s",
// "uniform:0.5s:2s" (seconds written as base::FormatNumber writes them), so
// that "2s", "2000ms" and a Python 2.0 name the same delay.
std::string DelaySpecText(const Distribution& delay);

}  // namespace loadlaw::workload

#endif  // LOADLAW_WORKLOAD_DURATION_H_
