// File: loadlaw/plan/compare_models.h
// Baseline comparison of two capacity models: did the candidate's fitted
// capacity regress against the baseline's? Two kinds of result:
//
// - drift of the USL parameters sigma, kappa, lambda and the peak N* of the
//   request and token fits: candidate - baseline (and the relative change)
//   with an interval from the combined standard errors of the two fits,
//   taken as independent (Welch-Satterthwaite degrees of freedom from each
//   fit's points - parameters). Drift is reported, not gated: a parameter
//   matters through the throughput it gives.
// - gated changes, classified against the threshold by the rules every
//   comparison shares (loadlaw/compare/change.h, docs/compare.md): the peak
//   throughput X(N*), and at each concurrency the baseline measured the
//   predicted request and token throughput and every latency quantile both
//   models have a curve for. Each is a relative change with an interval on
//   the log of the ratio of the two predictions (delta-method standard
//   errors), simultaneous over all gated changes (Bonferroni) by default.
//
//   loadlaw::plan::ModelComparison c = loadlaw::plan::CompareModels(
//       loadlaw::fit::LoadCapacityModel("models/base.model.json"),
//       loadlaw::fit::LoadCapacityModel("models/canary.model.json"));
//   for (const loadlaw::plan::ParameterDrift& d : c.drift)
//     std::printf("%s %+g [%g, %g]\n", d.name.c_str(), d.difference, d.low,
//                 d.high);
//   bool regressed = c.verdict == loadlaw::compare::Verdict::kRegression;

#ifndef LOADLAW_PLAN_COMPARE_MODELS_H_
#define LOADLAW_PLAN_COMPARE_MODELS_H_

#include <limits>
#include <string>
#include <vector>

#include "loadlaw/compare/change.h"
#include "loadlaw/fit/capacity_model.h"

namespace loadlaw::plan {

struct ModelCompareOptions {
  double max_regression = 0.05;  // tolerated worsening, a fraction
  double confidence = 0.95;      // two-sided, in (0, 1)
  bool simultaneous = true;      // Bonferroni over the gated changes

  // False (naming the field and value in *why) when max_regression is not in
  // [0, 1) or confidence not in (0, 1).
  bool IsValid(std::string* why) const;
};

inline constexpr double kNotDetermined =
    std::numeric_limits<double>::quiet_NaN();

struct ParameterDrift {
  // "requests.sigma", "requests.kappa", "requests.lambda",
  // "requests.peak_concurrency", and the same for "output_tokens".
  std::string name;
  double baseline = kNotDetermined;
  double candidate = kNotDetermined;
  double difference = kNotDetermined;  // candidate - baseline
  double low = kNotDetermined;         // its interval (at `confidence`)
  double high = kNotDetermined;
  double relative = kNotDetermined;  // candidate / baseline - 1
  double relative_low = kNotDetermined;
  double relative_high = kNotDetermined;
  bool significant = false;  // the interval of the difference excludes 0
};

// A gated change (loadlaw/compare/change.h) at one concurrency. quantity:
// "requests.peak_throughput", "requests_per_s", "output_tokens_per_s", or a
// latency quantile such as "e2e.p99" (seconds); method "delta-method"; the
// interval at the comparison's interval_confidence.
struct ModelChange : compare::Change {
  double concurrency = kNotDetermined;  // where predicted; NaN for the peak
  bool extrapolated = false;  // outside the candidate's measured range
};

struct ModelComparison {
  ModelCompareOptions options;
  double interval_confidence = 0.95;  // of each gated change's interval
  std::vector<double> concurrencies;  // the baseline's measured levels
  std::vector<ParameterDrift> drift;
  std::vector<ModelChange> changes;
  std::vector<std::string> notes;  // hardware or workload differ, etc.
  compare::Verdict verdict = compare::Verdict::kPass;
  std::string worst;  // the most severe gated change, in words
};

// Compares `candidate` against `baseline`. Throws std::invalid_argument for
// invalid options or when either model's request fit is not usable.
ModelComparison CompareModels(const fit::CapacityModel& baseline,
                              const fit::CapacityModel& candidate,
                              const ModelCompareOptions& options = {});

// The comparison as JSON text (NaN as null; `indent` -1 for one line).
std::string ModelComparisonToJsonText(const ModelComparison& comparison,
                                      int indent = 2);

}  // namespace loadlaw::plan

#endif  // LOADLAW_PLAN_COMPARE_MODELS_H_
