// The report's one number formatter (format_internal.h).

#include <cmath>
#include <cstdio>
#include <string>

#include "report/format_internal.h"

namespace loadlaw::report::internal {

std::string FormatInterval(const base::Estimate& e, bool whole,
                           int significant) {
  if (!std::isfinite(e.low) || std::isnan(e.high)) return "";
  auto one = [&](double v) {
    return whole ? base::FormatCount(v) : base::FormatGrouped(v, significant);
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
  if (!std::isfinite(seconds)) return base::FormatGrouped(seconds);
  return base::FormatGrouped(seconds * SecondsFactor(seconds)) + " " +
         SecondsUnit(seconds);
}

std::string CurrencyLabel(const std::string& currency) {
  return currency == "USD" || currency.empty() ? "$" : currency;
}

std::string FormatMoney(double amount, const std::string& currency) {
  const std::string number =
      std::fabs(amount) >= 1000 ? base::FormatCount(amount) : base::FormatGrouped(amount);
  if (currency == "USD" || currency.empty()) return "$" + number;
  return number + " " + currency;
}

std::string FormatPercent(double fraction) {
  if (!std::isfinite(fraction)) return base::FormatGrouped(fraction) + " %";
  const double percent = 100 * fraction;
  if (std::fabs(percent) >= 9.95) return base::FormatCount(percent) + " %";
  return base::FormatGrouped(percent, 2) + " %";
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
