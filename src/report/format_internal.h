// Private to the report module: the one formatter of every number a report
// shows. BuildReport formats each figure and table cell once with these, and
// the three renderings print the resulting text, so report.html, report.md
// and report.json cannot disagree.

#ifndef LOADLAW_REPORT_FORMAT_INTERNAL_H_
#define LOADLAW_REPORT_FORMAT_INTERNAL_H_

#include <string>

#include "loadlaw/base/estimate.h"
#include "loadlaw/base/format.h"

namespace loadlaw::report::internal {

// Plain numbers are written with base::FormatGrouped and base::FormatCount.

// The interval of `e` as "low–high" formatted like base::FormatGrouped, or an empty
// string when it has none. `whole` rounds both ends to whole numbers.
std::string FormatInterval(const base::Estimate& e, bool whole = false,
                           int significant = 3);

// Seconds shown in milliseconds below one second ("412 ms"), else in
// seconds ("4.81 s").
std::string FormatSeconds(double seconds);
// The unit FormatSeconds picks for `seconds`, and the factor it multiplies
// by: ("ms", 1000) or ("s", 1).
const char* SecondsUnit(double seconds);
double SecondsFactor(double seconds);

// Money: "$8,760" for USD, "8,760 EUR" for other currencies; three
// significant digits below 10,000 ("$0.423", "$2.99").
std::string FormatMoney(double amount, const std::string& currency);
// The symbol or code used by FormatMoney, for axis labels ("$", "EUR").
std::string CurrencyLabel(const std::string& currency);

// A fraction as a percentage: 0.2 -> "20 %", 0.034 -> "3.4 %".
std::string FormatPercent(double fraction);
// A signed percentage: 0.25 -> "+25 %".
std::string FormatSignedPercent(double fraction);

// "×1.5": a growth factor.
std::string FormatFactor(double factor);

}  // namespace loadlaw::report::internal

#endif  // LOADLAW_REPORT_FORMAT_INTERNAL_H_
