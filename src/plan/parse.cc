// The text helpers shared by the plan module's parsers.

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <string>

#include "plan/parse_internal.h"

namespace loadlaw::plan::internal {

std::string Normalize(const std::string& text) {
  std::string out;
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isspace(u)) continue;
    out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

bool LeadingNumber(const std::string& text, double* value, std::string* rest) {
  // strtod would also take "inf", "nan" and hexadecimal; a plain decimal
  // number starts with a digit or a point followed by one.
  const bool digit_first =
      !text.empty() && (std::isdigit(static_cast<unsigned char>(text[0])) ||
                        (text[0] == '.' && text.size() > 1 &&
                         std::isdigit(static_cast<unsigned char>(text[1]))));
  if (!digit_first || text.rfind("0x", 0) == 0) return false;
  const char* begin = text.c_str();
  char* end = nullptr;
  const double parsed = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(parsed)) return false;
  *value = parsed;
  *rest = text.substr(static_cast<size_t>(end - begin));
  return true;
}

}  // namespace loadlaw::plan::internal
