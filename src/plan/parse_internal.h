// Private to the plan module: the small text helpers of the parsers of
// slo.cc, demand.cc and pricing.cc.

#ifndef LOADLAW_PLAN_PARSE_INTERNAL_H_
#define LOADLAW_PLAN_PARSE_INTERNAL_H_

#include <string>

#include "loadlaw/base/format.h"

namespace loadlaw::plan::internal {

using base::FormatNumber;

// The text without whitespace, in lower case.
std::string Normalize(const std::string& text);

// Reads a leading finite decimal number ("12", "2.5", ".5", "1e3"). Returns
// false when the text does not start with one; otherwise sets *value and
// *rest (what follows the number).
bool LeadingNumber(const std::string& text, double* value, std::string* rest);


}  // namespace loadlaw::plan::internal

#endif  // LOADLAW_PLAN_PARSE_INTERNAL_H_
