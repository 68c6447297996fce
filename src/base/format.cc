// Number formatting (format.h).

#include "loadlaw/base/format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace loadlaw::base {
namespace {

std::string Spelled(double value) {
  if (std::isnan(value)) return "nan";
  return value > 0 ? "inf" : "-inf";
}

// "1234567" -> "1,234,567" (digits only; the sign is added by the caller).
std::string GroupThousands(const std::string& digits) {
  std::string out;
  const int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string NonFiniteSymbol(double value) {
  if (std::isnan(value)) return "–";
  return value > 0 ? "∞" : "-∞";
}

double RoundSignificant(double value, int significant) {
  const int magnitude = static_cast<int>(std::floor(std::log10(value)));
  const double unit = std::pow(10.0, magnitude - significant + 1);
  return std::round(value / unit) * unit;
}

}  // namespace

std::string FormatNumber(double value) {
  if (!std::isfinite(value)) return Spelled(value);
  char text[64];
  const std::to_chars_result r = std::to_chars(text, text + sizeof text, value);
  return std::string(text, r.ptr);
}

std::string FormatSignificant(double value, int significant) {
  if (!std::isfinite(value)) return Spelled(value);
  char text[64];
  std::snprintf(text, sizeof text, "%.*g", significant < 1 ? 1 : significant,
                value);
  return text;
}

std::string FormatGrouped(double value, int significant) {
  if (!std::isfinite(value)) return NonFiniteSymbol(value);
  if (value == 0) return "0";
  const std::string sign = value < 0 ? "-" : "";
  const double rounded = RoundSignificant(std::fabs(value), significant);
  const int magnitude = static_cast<int>(std::floor(std::log10(rounded)));
  char text[400];
  if (magnitude >= significant - 1) {
    std::snprintf(text, sizeof text, "%.0f", rounded);
    return sign + GroupThousands(text);
  }
  if (magnitude < -6) {  // too many zeros to read: 3.20e-07
    std::snprintf(text, sizeof text, "%.*e", significant - 1, rounded);
    return sign + text;
  }
  const int decimals = significant - 1 - magnitude;
  std::snprintf(text, sizeof text, "%.*f", decimals, rounded);
  const std::string s(text);
  const size_t dot = s.find('.');
  if (dot == std::string::npos) return sign + GroupThousands(s);
  return sign + GroupThousands(s.substr(0, dot)) + s.substr(dot);
}

std::string FormatCount(double value) {
  if (!std::isfinite(value)) return NonFiniteSymbol(value);
  char digits[400];
  std::snprintf(digits, sizeof digits, "%.0f", std::fabs(std::round(value)));
  return (std::round(value) < 0 ? "-" : "") + GroupThousands(digits);
}

std::string Truncate(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  // Back up to the start of a UTF-8 sequence (continuation bytes 10xxxxxx).
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return std::string(text.substr(0, cut)) + "…";
}

}  // namespace loadlaw::base
