// Parsing the demand, the headroom and a price per hour.

#include "loadlaw/plan/demand.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "plan/parse_internal.h"

namespace loadlaw::plan {
namespace {

using internal::FormatNumber;

[[noreturn]] void Fail(const char* what, const std::string& text,
                       const std::string& why) {
  throw std::invalid_argument(std::string(what) + " '" + text + "': " + why);
}

// Seconds in one unit of "s", "min", "h" (and their spellings); 0 if unknown.
double PeriodSeconds(const std::string& per) {
  if (per == "s" || per == "sec" || per == "second") return 1;
  if (per == "min" || per == "minute") return 60;
  if (per == "h" || per == "hr" || per == "hour") return 3600;
  return 0;
}

// Reads "rps", "rpm", "tps", or WHAT/PER into the demand's unit and the
// seconds of its period. False when the unit is not one of these.
bool ParseRateUnit(const std::string& unit, Demand::Unit* kind,
                   double* period_s) {
  if (unit == "rps" || unit == "rpm" || unit == "tps") {
    *kind =
        unit == "tps" ? Demand::Unit::kOutputTokens : Demand::Unit::kRequests;
    *period_s = unit == "rpm" ? 60 : 1;
    return true;
  }
  const size_t slash = unit.find('/');
  if (slash == std::string::npos) return false;
  const std::string what = unit.substr(0, slash);
  *period_s = PeriodSeconds(unit.substr(slash + 1));
  if (*period_s == 0) return false;
  if (what.empty() || what == "r" || what == "req" || what == "requests" ||
      what == "request") {
    *kind = Demand::Unit::kRequests;
    return true;
  }
  if (what == "tok" || what == "tokens" || what == "token") {
    *kind = Demand::Unit::kOutputTokens;
    return true;
  }
  return false;
}

}  // namespace

double Demand::RequestsPerS(double mean_output_tokens) const {
  if (unit == Unit::kRequests) return per_s;
  if (!(mean_output_tokens > 0) || !std::isfinite(mean_output_tokens)) {
    throw std::invalid_argument("demand '" + text +
                                "': output-token demand needs the mean output "
                                "tokens per request, got " +
                                base::FormatSignificant(mean_output_tokens, 6));
  }
  return per_s / mean_output_tokens;
}

Demand ParseDemand(const std::string& text) {
  const std::string s = internal::Normalize(text);
  double value = 0;
  std::string unit;
  if (!internal::LeadingNumber(s, &value, &unit)) {
    Fail("demand", text,
         "expected a number and a rate, e.g. 200rps, "
         "12000/min or 5000tok/s");
  }
  Demand demand;
  demand.text = text;
  double period_s = 0;
  if (unit.empty()) {
    Fail("demand", text,
         "missing unit after the number (e.g. rps, /min, "
         "tok/s)");
  }
  if (!ParseRateUnit(unit, &demand.unit, &period_s)) {
    Fail("demand", text,
         "unknown unit '" + unit +
             "' (expected rps, rpm, /s, /min, /h, req/s, "
             "tok/s, tokens/min, ...)");
  }
  if (!(value > 0)) {
    Fail("demand", text, "must be > 0, got " + FormatNumber(value));
  }
  demand.per_s = value / period_s;
  return demand;
}

double ParseHeadroom(const std::string& text) {
  const std::string s = internal::Normalize(text);
  if (!s.empty() && s[0] == '-') Fail("headroom", text, "must be >= 0");
  double value = 0;
  std::string rest;
  if (!internal::LeadingNumber(s, &value, &rest)) {
    Fail("headroom", text,
         "expected a percentage or a fraction, e.g. 20% or "
         "0.2");
  }
  if (rest == "%") return value / 100;
  if (!rest.empty()) {
    Fail("headroom", text, "unexpected '" + rest + "' after the number");
  }
  if (value > 1) {
    Fail("headroom", text,
         "a bare number above 1 is ambiguous: write " + FormatNumber(value) +
             "% or " + FormatNumber(value / 100));
  }
  return value;
}

double ParsePricePerHour(const std::string& text) {
  std::string s = internal::Normalize(text);
  if (!s.empty() && s[0] == '$') s = s.substr(1);
  if (!s.empty() && s[0] == '-') Fail("price", text, "must be >= 0");
  double value = 0;
  std::string rest;
  if (!internal::LeadingNumber(s, &value, &rest)) {
    Fail("price", text, "expected a price per hour, e.g. 2.50/h");
  }
  if (!rest.empty() && rest != "/h" && rest != "/hr" && rest != "/hour") {
    Fail("price", text, "unknown unit '" + rest + "' (expected /h)");
  }
  return value;
}

}  // namespace loadlaw::plan
