// Argument checks shared by the queueing sources. Every failure throws
// std::invalid_argument with a message of the form
//   "<Function>: <field> must be <condition>, got <value>"
// so that the caller (CLI, notebook) can show it unchanged.

#ifndef LOADLAW_QUEUEING_CHECKS_INTERNAL_H_
#define LOADLAW_QUEUEING_CHECKS_INTERNAL_H_

#include <string>

#include "loadlaw/base/format.h"
#include <string_view>

namespace loadlaw::queueing::internal {

using base::FormatNumber;


// Throws std::invalid_argument("<where>: <what>").
[[noreturn]] void ThrowInvalid(std::string_view where, std::string_view what);

// value > 0 and finite.
void CheckPositive(std::string_view where, std::string_view field,
                   double value);
// value >= 0 and finite.
void CheckNonNegative(std::string_view where, std::string_view field,
                      double value);
// value >= min_value.
void CheckAtLeast(std::string_view where, std::string_view field, int value,
                  int min_value);

}  // namespace loadlaw::queueing::internal

#endif  // LOADLAW_QUEUEING_CHECKS_INTERNAL_H_
