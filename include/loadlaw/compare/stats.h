// File: loadlaw/compare/stats.h
// The statistics behind `loadlaw compare` (docs/compare.md): relative changes
// with intervals from batch means (Welch), from a bootstrap of quantiles,
// from two independent estimates with standard errors (delta method), and
// the difference of two proportions (Newcombe's score interval).
//
//   loadlaw::compare::RatioInterval x = loadlaw::compare::WelchRatio(
//       loadlaw::compare::BatchMeans(base_counts, 4),
//       loadlaw::compare::BatchMeans(cand_counts, 4), 0.95);
//   std::vector<loadlaw::compare::RatioInterval> q =
//       loadlaw::compare::BootstrapQuantileRatios(base_e2e, cand_e2e,
//                                                 {0.5, 0.99}, {0.95, 1000, 7});

#ifndef LOADLAW_COMPARE_STATS_H_
#define LOADLAW_COMPARE_STATS_H_

#include <cstdint>
#include <limits>
#include <vector>

namespace loadlaw::compare {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A relative change r = candidate / baseline - 1 of two estimates (or, for a
// difference, candidate - baseline) with its interval [low, high] (NaN when
// undetermined).
struct RatioInterval {
  double baseline = kNaN;
  double candidate = kNaN;
  double relative = kNaN;
  double low = kNaN;
  double high = kNaN;
};

// The two-sided Student-t quantile: t with P(|T| <= t) = confidence for
// T ~ t(degrees_of_freedom) (real-valued; the normal quantile when infinite).
// NaN when degrees_of_freedom is not positive.
double StudentTQuantile(double confidence, double degrees_of_freedom);

// Welch-Satterthwaite degrees of freedom of v1 + v2 (variances with df1 and
// df2 degrees of freedom); NaN when either df is not positive, infinite when
// both variances are 0.
double WelchSatterthwaite(double v1, double df1, double v2, double df2);

// The number of seconds per batch for a level whose mean E2E is `e2e_mean_s`:
// at least twice the mean E2E (so that batches are nearly independent), at
// least 1, and long enough that there are at most 20 batches of `seconds`.
int BatchSeconds(int seconds, double e2e_mean_s);

// The means of consecutive batches of `counts`, the i-th covering
// [floor(i n / k), floor((i + 1) n / k)) with k = n / batch_seconds batches.
std::vector<double> BatchMeans(const std::vector<double>& counts,
                               int batch_seconds);

// The ratio of the means of two sets of batch means, with Welch's interval
// on the log of the ratio (delta method: the relative variance of a mean is
// s^2 / (k mean^2)) and Welch-Satterthwaite degrees of freedom. The interval
// is NaN when either side has fewer than 2 batches or a mean of 0.
RatioInterval WelchRatio(const std::vector<double>& baseline_batches,
                         const std::vector<double>& candidate_batches,
                         double confidence);

// One side of a comparison of two fitted estimates: the value, its standard
// error and the degrees of freedom of that error.
struct EstimateSide {
  double value = kNaN;
  double std_error = kNaN;
  double df = kNaN;
};

// candidate / baseline - 1 of two independent estimates, with an interval on
// the log of the ratio (the relative variance of each side is (se / value)^2,
// Welch-Satterthwaite df). relative is NaN unless both values are positive
// and finite; the interval is NaN when a standard error or df is missing.
RatioInterval EstimateRatio(const EstimateSide& baseline,
                            const EstimateSide& candidate, double confidence);

// candidate - baseline of two independent estimates with the interval
// difference +- t(df) sqrt(se_b^2 + se_c^2) (Welch-Satterthwaite df).
RatioInterval EstimateDifference(const EstimateSide& baseline,
                                 const EstimateSide& candidate,
                                 double confidence);

// The p-quantile of sorted `values` as the inverse of the empirical
// distribution: the smallest value x with F(x) >= p. NaN when empty.
double SortedQuantile(const std::vector<double>& sorted_values, double p);

struct BootstrapOptions {
  double confidence = 0.95;
  int resamples = 1000;
  std::uint64_t seed = 1;
};

// For each p of `probabilities`, the ratio of the candidate's p-quantile to
// the baseline's, with a normal interval on the log of the ratio whose
// standard error is bootstrapped: each resample draws both samples again with
// replacement (seeded, so deterministic) and takes the log of the ratio of
// their quantiles. (A percentile interval would need far more resamples at
// the simultaneous confidence `compare` uses.) Empty samples or a
// non-positive quantile give NaN.
std::vector<RatioInterval> BootstrapQuantileRatios(
    std::vector<double> baseline, std::vector<double> candidate,
    const std::vector<double>& probabilities, const BootstrapOptions& options);

// The difference of two proportions, candidate - baseline, with Newcombe's
// hybrid score interval (Newcombe 1998, method 10: from the two Wilson score
// intervals), which keeps its coverage when a count is 0. `relative` holds
// the difference; baseline and candidate the two proportions. All NaN when
// a trial count is 0.
RatioInterval ProportionDifference(double baseline_events,
                                   double baseline_trials,
                                   double candidate_events,
                                   double candidate_trials, double confidence);

}  // namespace loadlaw::compare

#endif  // LOADLAW_COMPARE_STATS_H_
