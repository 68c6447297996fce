// File: loadlaw/plan/demand.h
// The other inputs of a plan as a user writes them: the demand (requests or
// output tokens per unit of time), the sizing headroom and a price per hour.
//
//   loadlaw::plan::Demand d = loadlaw::plan::ParseDemand("12000/min");
//   double rps = d.RequestsPerS(/*mean_output_tokens=*/180);  // 200
//   double headroom = loadlaw::plan::ParseHeadroom("20%");   // 0.2
//   double usd_per_h = loadlaw::plan::ParsePricePerHour("2.50/h");

#ifndef LOADLAW_PLAN_DEMAND_H_
#define LOADLAW_PLAN_DEMAND_H_

#include <string>

namespace loadlaw::plan {

struct Demand {
  enum class Unit { kRequests, kOutputTokens };
  Unit unit = Unit::kRequests;
  double per_s = 0;  // requests or output tokens per second, > 0
  std::string text;  // as the user wrote it

  // Requests per second; output-token demand is divided by the mean output
  // tokens per request (> 0, else std::invalid_argument).
  double RequestsPerS(double mean_output_tokens) const;
};

// Parses a number and a rate unit: requests as "200rps", "200/s", "200 req/s",
// "12000/min", "12000rpm", "720000/h"; output tokens as "5000tok/s",
// "5000 tokens/s", "300000tok/min". Throws std::invalid_argument quoting the
// text and naming the bad part (number, unit, or a value that is not > 0).
Demand ParseDemand(const std::string& text);

// "20%" or "0.2" -> 0.2. A bare number above 1 is refused as ambiguous (write
// "20%" or "0.2"); negative values are refused. Throws std::invalid_argument.
double ParseHeadroom(const std::string& text);

// "2.50/h", "$2.50/h", "2.5/hr" or "2.5" -> 2.5 (currency per hour, >= 0).
// Throws std::invalid_argument naming the bad part.
double ParsePricePerHour(const std::string& text);

}  // namespace loadlaw::plan

#endif  // LOADLAW_PLAN_DEMAND_H_
