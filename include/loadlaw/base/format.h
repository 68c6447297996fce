// File: loadlaw/base/format.h
// How numbers are written in loadlaw's messages and readable text. One rule
// for every module, so that "got X" in an error reads the same wherever it
// comes from, and a value the user wrote is echoed exactly.
//
//   loadlaw::base::FormatNumber(0.1);            // "0.1"
//   loadlaw::base::FormatNumber(1e308);          // "1e+308"
//   loadlaw::base::FormatSignificant(2.71828, 3);  // "2.72"
//   loadlaw::base::FormatGrouped(12400.7, 3);    // "12,400"
//   loadlaw::base::Truncate(huge_value_text, 80);  // at most 80 bytes, "…"

#ifndef LOADLAW_BASE_FORMAT_H_
#define LOADLAW_BASE_FORMAT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace loadlaw::base {

// The shortest text that reads back as exactly `value` ("0.1", "1e+308",
// "0.3333333333333333"); "nan", "inf" and "-inf" spelled out. For every
// number a message echoes.
std::string FormatNumber(double value);

// `value` to `significant` digits in %g style ("2.72", "1.2e+06"), "nan",
// "inf", "-inf" spelled out. For derived figures in messages.
std::string FormatSignificant(double value, int significant);

// `value` to `significant` digits for reading, digits grouped by thousands
// ("12,400", "1,230", "412", "0.0423"), an exponent only below 1e-6
// ("3.20e-07"); "–" for NaN, "∞" for +infinity. For reports and tables.
std::string FormatGrouped(double value, int significant = 3);

// A whole number grouped by thousands ("1,204"); "–" for NaN.
std::string FormatCount(double value);

// `text` cut to at most `max_bytes` bytes (never inside a UTF-8 sequence),
// with "…" appended when cut. For echoing untrusted input in one line.
std::string Truncate(std::string_view text, std::size_t max_bytes);

}  // namespace loadlaw::base

#endif  // LOADLAW_BASE_FORMAT_H_
