// Gaps between open-loop arrivals.

#include "loadlaw/workload/arrival.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "loadlaw/base/clock.h"
#include "loadlaw/workload/distribution.h"

namespace loadlaw::workload {

ArrivalKind ParseArrivalKind(std::string_view text, std::string_view field) {
  if (text == "constant") return ArrivalKind::kConstant;
  if (text == "poisson") return ArrivalKind::kPoisson;
  if (text == "gamma") return ArrivalKind::kGamma;
  throw std::invalid_argument(std::string(field) + ": '" + std::string(text) +
                              "' is not one of constant, poisson, gamma");
}

std::string_view ArrivalKindName(ArrivalKind kind) {
  switch (kind) {
    case ArrivalKind::kConstant:
      return "constant";
    case ArrivalKind::kPoisson:
      return "poisson";
    case ArrivalKind::kGamma:
      return "gamma";
  }
  return "poisson";
}

ArrivalProcess::ArrivalProcess(ArrivalKind kind, double rate_rps,
                               double burstiness)
    : kind_(kind), rate_rps_(rate_rps), burstiness_(burstiness) {
  if (!(rate_rps > 0) || !std::isfinite(rate_rps)) {
    throw std::invalid_argument("rate_rps must be > 0, got " +
                                std::to_string(rate_rps));
  }
  if (!(burstiness > 0) || !std::isfinite(burstiness)) {
    throw std::invalid_argument("burstiness must be > 0, got " +
                                std::to_string(burstiness));
  }
}

std::chrono::nanoseconds ArrivalProcess::NextGap(std::mt19937_64& rng) {
  const double mean_s = 1.0 / rate_rps_;
  double gap_s = mean_s;
  switch (kind_) {
    case ArrivalKind::kConstant:
      break;
    case ArrivalKind::kPoisson:
      gap_s = std::exponential_distribution<double>(rate_rps_)(rng);
      break;
    case ArrivalKind::kGamma:
      gap_s = std::gamma_distribution<double>(burstiness_,
                                              mean_s / burstiness_)(rng);
      break;
  }
  // Bounded, so that the next arrival's time cannot overflow.
  return base::FromSeconds(std::clamp(gap_s, 0.0, kMaxDelaySeconds));
}

}  // namespace loadlaw::workload
