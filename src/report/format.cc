// The report's one number formatter (format_internal.h).

#include <cmath>
#include <cstdio>
#include <string>

#include "report/format_internal.h"

namespace loadlaw::report::internal {
namespace {

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

std::string NonFinite(double value) {
  if (std::isnan(value)) return "–";
  return value > 0 ? "∞" : "-∞";
}

double RoundSignificant(double value, int significant) {
  const int magnitude = static_cast<int>(std::floor(std::log10(value)));
  const double unit = std::pow(10.0, magnitude - significant + 1);
  return std::round(value / unit) * unit;
}

}  // namespace

std::string FormatNumber(double value, int significant) {
  if (!std::isfinite(value)) return NonFinite(value);
  if (value == 0) return "0";
  const std::string sign = value < 0 ? "-" : "";
  const double rounded = RoundSignificant(std::fabs(value), significant);
  const int magnitude = static_cast<int>(std::floor(std::log10(rounded)));
  if (magnitude >= significant - 1) {
    char digits[64];
    std::snprintf(digits, sizeof digits, "%.0f", rounded);
    return sign + GroupThousands(digits);
  }
  char text[64];
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
  if (!std::isfinite(value)) return NonFinite(value);
  char digits[64];
  std::snprintf(digits, sizeof digits, "%.0f", std::fabs(std::round(value)));
  return (std::round(value) < 0 ? "-" : "") + GroupThousands(digits);
}

std::string FormatInterval(const fit::Estimate& e, bool whole,
                           int significant) {
  if (!std::isfinite(e.low) || std::isnan(e.high)) return "";
  auto one = [&](double v) {
    return whole ? FormatCount(v) : FormatNumber(v, significant);
  };
  return one(e.low) + "–" + one(e.high);
}

const char* SecondsUnit(double seconds) {
  return std::fabs(seconds) < 0.9995 ? "ms" : "s";
}

double SecondsFactor(double seconds) {
  return std::fabs(seconds) < 0.9995 ? 1000.0 : 1.0;
}

std::string FormatSeconds(double seconds) {
  if (!std::isfinite(seconds)) return NonFinite(seconds);
  return FormatNumber(seconds * SecondsFactor(seconds)) + " " +
         SecondsUnit(seconds);
}

std::string CurrencyLabel(const std::string& currency) {
  return currency == "USD" || currency.empty() ? "$" : currency;
}

std::string FormatMoney(double amount, const std::string& currency) {
  const std::string number =
      std::fabs(amount) >= 1000 ? FormatCount(amount) : FormatNumber(amount);
  if (currency == "USD" || currency.empty()) return "$" + number;
  return number + " " + currency;
}

std::string FormatPercent(double fraction) {
  if (!std::isfinite(fraction)) return NonFinite(fraction) + " %";
  const double percent = 100 * fraction;
  if (std::fabs(percent) >= 9.95) return FormatCount(percent) + " %";
  return FormatNumber(percent, 2) + " %";
}

std::string FormatSignedPercent(double fraction) {
  const std::string text = FormatPercent(fraction);
  return fraction > 0 ? "+" + text : text;
}

std::string FormatFactor(double factor) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", factor);
  return std::string("×") + text;
}

}  // namespace loadlaw::report::internal
