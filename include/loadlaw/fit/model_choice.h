// File: loadlaw/fit/model_choice.h
// Fits the USL and its special cases (Amdahl, linear) to the same data and
// says, by AIC, whether a simpler law explains it as well.
//
//   loadlaw::fit::LawComparison cmp = loadlaw::fit::CompareLaws(obs);
//   std::cout << cmp.explanation << "\n";  // "amdahl explains the data as well..."
//   const loadlaw::fit::UslFit& best = cmp.Preferred();

#ifndef LOADLAW_FIT_MODEL_CHOICE_H_
#define LOADLAW_FIT_MODEL_CHOICE_H_

#include <string>
#include <vector>

#include "loadlaw/fit/usl.h"

namespace loadlaw::fit {

struct LawComparison {
  // One fit per law, in the order kUsl, kAmdahl, kLinear; a law that could
  // not be fitted (too few points) is absent.
  std::vector<UslFit> fits;
  // The simplest law whose AIC is within `aic_tolerance` of the lowest AIC.
  Law preferred = Law::kUsl;
  // AIC of each fit minus the lowest AIC, in the order of `fits`.
  std::vector<double> delta_aic;
  // One plain sentence for the user.
  std::string explanation;

  const UslFit& Preferred() const;
};

// Fits every law with `options` (its `law` field is ignored). Throws like
// FitUsl. `aic_tolerance` (>= 0) is the AIC difference below which two laws
// are taken to explain the data equally well (2 by convention).
LawComparison CompareLaws(const std::vector<Observation>& observations,
                          const FitOptions& options = {},
                          double aic_tolerance = 2.0);

}  // namespace loadlaw::fit

#endif  // LOADLAW_FIT_MODEL_CHOICE_H_
