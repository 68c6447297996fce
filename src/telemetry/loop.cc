// Loop kinds by name (loop.h).

#include "loadlaw/telemetry/loop.h"

#include <stdexcept>
#include <string>

namespace loadlaw::telemetry {

std::string_view LoopKindName(LoopKind loop) {
  return loop == LoopKind::kOpen ? "open" : "closed";
}

LoopKind ParseLoopKind(std::string_view text, std::string_view field) {
  if (text == "closed") return LoopKind::kClosed;
  if (text == "open") return LoopKind::kOpen;
  throw std::invalid_argument(std::string(field) + ": \"" + std::string(text) +
                              "\" is not one of closed, open");
}

}  // namespace loadlaw::telemetry
