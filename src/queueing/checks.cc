#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "queueing/checks_internal.h"

namespace loadlaw::queueing::internal {

void ThrowInvalid(std::string_view where, std::string_view what) {
  std::string message(where);
  message += ": ";
  message += what;
  throw std::invalid_argument(message);
}

namespace {

[[noreturn]] void ThrowField(std::string_view where, std::string_view field,
                             std::string_view condition,
                             const std::string& value) {
  std::string what(field);
  what += " must be ";
  what += condition;
  what += ", got ";
  what += value;
  ThrowInvalid(where, what);
}

}  // namespace

void CheckPositive(std::string_view where, std::string_view field,
                   double value) {
  if (!(value > 0) || !std::isfinite(value)) {
    ThrowField(where, field, "positive and finite", FormatNumber(value));
  }
}

void CheckNonNegative(std::string_view where, std::string_view field,
                      double value) {
  if (!(value >= 0) || !std::isfinite(value)) {
    ThrowField(where, field, "non-negative and finite", FormatNumber(value));
  }
}

void CheckAtLeast(std::string_view where, std::string_view field, int value,
                  int min_value) {
  if (value < min_value) {
    ThrowField(where, field, "at least " + std::to_string(min_value),
               std::to_string(value));
  }
}

}  // namespace loadlaw::queueing::internal
