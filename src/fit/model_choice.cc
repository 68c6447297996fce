// CompareLaws: the USL against its special cases by AIC, simplest law first.

#include "loadlaw/fit/model_choice.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "loadlaw/base/format.h"
#include "fit/interval_internal.h"
#include "fit/usl_internal.h"

namespace loadlaw::fit {
namespace {

using base::FormatNumber;
using internal::kInfinity;

constexpr Law kSimplestFirst[] = {Law::kLinear, Law::kAmdahl, Law::kUsl};

int CountWeighted(const std::vector<Observation>& observations) {
  int count = 0;
  for (const Observation& o : observations) count += o.weight > 0 ? 1 : 0;
  return count;
}

// Index into cmp.fits of `law`, or -1.
int IndexOf(const LawComparison& cmp, Law law) {
  for (size_t i = 0; i < cmp.fits.size(); ++i) {
    if (cmp.fits[i].law == law) return static_cast<int>(i);
  }
  return -1;
}

// What the preferred law says about the system, in plain words.
std::string Reading(const UslFit& fit) {
  const UslParams& p = fit.params;
  switch (fit.law) {
    case Law::kUsl:
      return "both contention (sigma = " + base::FormatSignificant(p.sigma, 6) +
             ") and coherency (kappa = " + base::FormatSignificant(p.kappa, 6) +
             ") matter; throughput peaks near N = " +
             base::FormatSignificant(fit.peak_concurrency.value, 6);
    case Law::kAmdahl:
      return "no coherency penalty is detectable; throughput approaches the "
             "ceiling lambda/sigma = " +
             base::FormatSignificant(fit.amdahl_ceiling.value, 6);
    case Law::kLinear:
      return "no contention or coherency penalty is detectable at these "
             "levels";
  }
  return "";
}

std::string Explain(const LawComparison& cmp, double aic_tolerance) {
  const int preferred = IndexOf(cmp, cmp.preferred);
  if (preferred < 0 || !std::isfinite(cmp.delta_aic[preferred])) {
    return "no law could be fitted to the data";
  }
  const std::string name = LawName(cmp.preferred);
  int best = preferred;  // the lowest AIC, the preferred law on a tie
  for (size_t i = 0; i < cmp.fits.size(); ++i) {
    if (cmp.delta_aic[i] == 0 && cmp.delta_aic[best] != 0) {
      best = static_cast<int>(i);
    }
  }
  std::string text;
  if (best != preferred) {
    text = name + " explains the data as well as " +
           LawName(cmp.fits[best].law) + " with fewer parameters (AIC " +
           base::FormatSignificant(cmp.delta_aic[preferred], 6) + " higher, within the " +
           "tolerance " + FormatNumber(aic_tolerance) + ")";
  } else {
    text = name + " explains the data best";
    // The next simpler law lost by more than the tolerance, else it would
    // have been preferred.
    int simpler = -1;
    for (Law law : kSimplestFirst) {
      if (law == cmp.preferred) break;
      const int i = IndexOf(cmp, law);
      if (i >= 0 && std::isfinite(cmp.delta_aic[i])) simpler = i;
    }
    if (simpler >= 0) {
      text += " (the simpler " + std::string(LawName(cmp.fits[simpler].law)) +
              " has an AIC " + base::FormatSignificant(cmp.delta_aic[simpler], 6) +
              " higher, beyond the tolerance " + FormatNumber(aic_tolerance) +
              ")";
    }
  }
  return text + ": " + Reading(cmp.fits[preferred]) + ".";
}

}  // namespace

const UslFit& LawComparison::Preferred() const {
  const int index = IndexOf(*this, preferred);
  if (index < 0) {
    throw std::out_of_range(std::string("LawComparison: no fit for law ") +
                            LawName(preferred));
  }
  return fits[index];
}

LawComparison CompareLaws(const std::vector<Observation>& observations,
                          const FitOptions& options, double aic_tolerance) {
  if (!std::isfinite(aic_tolerance) || aic_tolerance < 0) {
    throw std::invalid_argument(
        "CompareLaws: aic_tolerance must be finite and >= 0, got " +
        FormatNumber(aic_tolerance));
  }
  CheckObservations(observations, "throughput",
                    internal::MinPoints(Law::kLinear));
  const int count = CountWeighted(observations);
  LawComparison cmp;
  for (Law law : {Law::kUsl, Law::kAmdahl, Law::kLinear}) {
    if (count < internal::MinPoints(law)) continue;
    FitOptions law_options = options;
    law_options.law = law;
    cmp.fits.push_back(FitUsl(observations, law_options));
  }
  double lowest = kInfinity;
  for (const UslFit& fit : cmp.fits) {
    if (fit.IsUsable()) lowest = std::min(lowest, fit.aic);
  }
  for (const UslFit& fit : cmp.fits) {
    cmp.delta_aic.push_back(fit.IsUsable() ? fit.aic - lowest : kInfinity);
  }
  cmp.preferred = cmp.fits.front().law;
  for (Law law : kSimplestFirst) {
    const int i = IndexOf(cmp, law);
    if (i >= 0 && cmp.delta_aic[i] <= aic_tolerance) {
      cmp.preferred = law;
      break;
    }
  }
  cmp.explanation = Explain(cmp, aic_tolerance);
  return cmp;
}

}  // namespace loadlaw::fit
