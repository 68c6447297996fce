// The statistics of `loadlaw compare` (stats.h): batch-means Welch intervals
// for throughput, bootstrap intervals for latency quantiles, delta-method
// intervals for fitted estimates, score intervals for error rates.

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <numeric>
#include <random>

#include "loadlaw/compare/stats.h"

namespace loadlaw::compare {
namespace {

constexpr int kMaxBatches = 20;

double Mean(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / values.size();
}

double SampleVariance(const std::vector<double>& values, double mean) {
  double sum = 0;
  for (double v : values) sum += (v - mean) * (v - mean);
  return sum / (values.size() - 1);
}

// A uniform index in [0, n) from one 64-bit draw (multiply and shift: the
// same on every platform, unlike std::uniform_int_distribution).
std::size_t DrawIndex(std::mt19937_64& rng, std::size_t n) {
  const unsigned __int128 product =
      static_cast<unsigned __int128>(rng()) * static_cast<unsigned __int128>(n);
  return static_cast<std::size_t>(product >> 64);
}

// The 1-based ranks whose values are the p-quantiles (inverse ECDF) of n.
std::vector<std::size_t> QuantileRanks(const std::vector<double>& probabilities,
                                       std::size_t n) {
  std::vector<std::size_t> ranks;
  for (double p : probabilities) {
    const double rank = std::ceil(p * n - 1e-9);
    ranks.push_back(static_cast<std::size_t>(
        std::clamp(rank, 1.0, static_cast<double>(n))));
  }
  return ranks;
}

// The quantiles (at `ranks`, ascending) of one resample of `sorted`: the
// resample is kept as the count of draws of each index, so reading its
// quantiles is one pass instead of a sort.
void ResampleQuantiles(const std::vector<double>& sorted,
                       const std::vector<std::size_t>& ranks,
                       std::mt19937_64& rng, std::vector<std::uint32_t>* counts,
                       std::vector<double>* quantiles) {
  const std::size_t n = sorted.size();
  std::fill(counts->begin(), counts->end(), 0);
  for (std::size_t i = 0; i < n; ++i) ++(*counts)[DrawIndex(rng, n)];
  std::size_t seen = 0, j = 0;
  for (std::size_t i = 0; i < n && j < ranks.size(); ++i) {
    seen += (*counts)[i];
    while (j < ranks.size() && seen >= ranks[j]) (*quantiles)[j++] = sorted[i];
  }
}

}  // namespace

double StudentTQuantile(double confidence, double degrees_of_freedom) {
  if (!(degrees_of_freedom > 0)) return kNaN;
  const double upper = 0.5 + 0.5 * confidence;
  if (std::isinf(degrees_of_freedom) || degrees_of_freedom > 1e7) {
    return boost::math::quantile(boost::math::normal_distribution<>(), upper);
  }
  return boost::math::quantile(
      boost::math::students_t_distribution<>(degrees_of_freedom), upper);
}

double WelchSatterthwaite(double v1, double df1, double v2, double df2) {
  if (!(df1 > 0) || !(df2 > 0)) return kNaN;
  const double denominator = v1 * v1 / df1 + v2 * v2 / df2;
  return denominator > 0 ? (v1 + v2) * (v1 + v2) / denominator : INFINITY;
}

RatioInterval EstimateRatio(const EstimateSide& b, const EstimateSide& c,
                            double confidence) {
  RatioInterval out;
  out.baseline = b.value;
  out.candidate = c.value;
  if (!(b.value > 0) || !(c.value > 0) || !std::isfinite(b.value) ||
      !std::isfinite(c.value)) {
    return out;
  }
  out.relative = c.value / b.value - 1;
  const double vb = std::pow(b.std_error / b.value, 2);
  const double vc = std::pow(c.std_error / c.value, 2);
  const double t =
      StudentTQuantile(confidence, WelchSatterthwaite(vb, b.df, vc, c.df));
  const double half = t * std::sqrt(vb + vc);
  if (!std::isfinite(half)) return out;
  const double log_ratio = std::log(c.value / b.value);
  out.low = std::expm1(log_ratio - half);
  out.high = std::expm1(log_ratio + half);
  return out;
}

RatioInterval EstimateDifference(const EstimateSide& b, const EstimateSide& c,
                                 double confidence) {
  RatioInterval out;
  out.baseline = b.value;
  out.candidate = c.value;
  out.relative = c.value - b.value;
  const double vb = b.std_error * b.std_error, vc = c.std_error * c.std_error;
  const double t =
      StudentTQuantile(confidence, WelchSatterthwaite(vb, b.df, vc, c.df));
  const double half = t * std::sqrt(vb + vc);
  if (!std::isfinite(out.relative) || !std::isfinite(half)) return out;
  out.low = out.relative - half;
  out.high = out.relative + half;
  return out;
}

int BatchSeconds(int seconds, double e2e_mean_s) {
  const double decorrelated =
      std::isfinite(e2e_mean_s) ? std::ceil(2 * e2e_mean_s) : 1.0;
  const int fewest = (seconds + kMaxBatches - 1) / kMaxBatches;
  return std::max({1, static_cast<int>(std::min(decorrelated, 1e6)), fewest});
}

std::vector<double> BatchMeans(const std::vector<double>& counts,
                               int batch_seconds) {
  const std::size_t n = counts.size();
  const std::size_t k =
      n / static_cast<std::size_t>(std::max(1, batch_seconds));
  std::vector<double> means;
  for (std::size_t i = 0; i < k; ++i) {
    const std::size_t begin = i * n / k, end = (i + 1) * n / k;
    double sum = 0;
    for (std::size_t s = begin; s < end; ++s) sum += counts[s];
    means.push_back(sum / (end - begin));
  }
  return means;
}

RatioInterval WelchRatio(const std::vector<double>& baseline_batches,
                         const std::vector<double>& candidate_batches,
                         double confidence) {
  RatioInterval out;
  if (baseline_batches.empty() || candidate_batches.empty()) return out;
  out.baseline = Mean(baseline_batches);
  out.candidate = Mean(candidate_batches);
  if (!(out.baseline > 0)) return out;
  out.relative = out.candidate / out.baseline - 1;
  const double kb = baseline_batches.size(), kc = candidate_batches.size();
  if (kb < 2 || kc < 2 || !(out.candidate > 0)) return out;
  const double vb = SampleVariance(baseline_batches, out.baseline) /
                    (kb * out.baseline * out.baseline);
  const double vc = SampleVariance(candidate_batches, out.candidate) /
                    (kc * out.candidate * out.candidate);
  const double log_ratio = std::log(out.candidate / out.baseline);
  if (vb + vc == 0) {
    out.low = out.high = out.relative;
    return out;
  }
  const double df =
      (vb + vc) * (vb + vc) / (vb * vb / (kb - 1) + vc * vc / (kc - 1));
  const double half = StudentTQuantile(confidence, df) * std::sqrt(vb + vc);
  out.low = std::exp(log_ratio - half) - 1;
  out.high = std::exp(log_ratio + half) - 1;
  return out;
}

double SortedQuantile(const std::vector<double>& sorted_values, double p) {
  if (sorted_values.empty()) return kNaN;
  return sorted_values[QuantileRanks({p}, sorted_values.size())[0] - 1];
}

std::vector<RatioInterval> BootstrapQuantileRatios(
    std::vector<double> baseline, std::vector<double> candidate,
    const std::vector<double>& probabilities, const BootstrapOptions& options) {
  std::vector<RatioInterval> out(probabilities.size());
  if (baseline.empty() || candidate.empty()) return out;
  std::sort(baseline.begin(), baseline.end());
  std::sort(candidate.begin(), candidate.end());
  for (std::size_t j = 0; j < probabilities.size(); ++j) {
    out[j].baseline = SortedQuantile(baseline, probabilities[j]);
    out[j].candidate = SortedQuantile(candidate, probabilities[j]);
    if (out[j].baseline > 0) {
      out[j].relative = out[j].candidate / out[j].baseline - 1;
    }
  }
  std::vector<double> sorted_p = probabilities;
  std::sort(sorted_p.begin(), sorted_p.end());
  const std::vector<std::size_t> ranks_b =
      QuantileRanks(sorted_p, baseline.size());
  const std::vector<std::size_t> ranks_c =
      QuantileRanks(sorted_p, candidate.size());
  std::mt19937_64 rng(options.seed);
  std::vector<std::uint32_t> counts_b(baseline.size()),
      counts_c(candidate.size());
  std::vector<double> qb(sorted_p.size()), qc(sorted_p.size());
  std::vector<std::vector<double>> log_ratios(sorted_p.size());
  for (int r = 0; r < options.resamples; ++r) {
    ResampleQuantiles(baseline, ranks_b, rng, &counts_b, &qb);
    ResampleQuantiles(candidate, ranks_c, rng, &counts_c, &qc);
    for (std::size_t j = 0; j < sorted_p.size(); ++j) {
      if (qb[j] > 0 && qc[j] > 0)
        log_ratios[j].push_back(std::log(qc[j] / qb[j]));
    }
  }
  const double z = StudentTQuantile(options.confidence, INFINITY);
  for (std::size_t j = 0; j < probabilities.size(); ++j) {
    const std::size_t s = static_cast<std::size_t>(
        std::lower_bound(sorted_p.begin(), sorted_p.end(), probabilities[j]) -
        sorted_p.begin());
    const std::vector<double>& logs = log_ratios[s];
    if (logs.size() < 2 || !(out[j].relative > -1)) continue;
    const double se = std::sqrt(SampleVariance(logs, Mean(logs)));
    const double log_ratio = std::log1p(out[j].relative);
    out[j].low = std::expm1(log_ratio - z * se);
    out[j].high = std::expm1(log_ratio + z * se);
  }
  return out;
}

namespace {

// Wilson's score interval of the proportion events / trials at the normal
// quantile z.
void WilsonInterval(double events, double trials, double z, double* low,
                    double* high) {
  const double p = events / trials;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const double half = z / (1 + z2 / trials) *
                      std::sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials));
  *low = std::max(0.0, centre - half);
  *high = std::min(1.0, centre + half);
}

}  // namespace

RatioInterval ProportionDifference(double baseline_events,
                                   double baseline_trials,
                                   double candidate_events,
                                   double candidate_trials, double confidence) {
  RatioInterval r;
  if (!(baseline_trials > 0) || !(candidate_trials > 0)) return r;
  r.baseline = baseline_events / baseline_trials;
  r.candidate = candidate_events / candidate_trials;
  r.relative = r.candidate - r.baseline;
  const double z = StudentTQuantile(confidence, INFINITY);
  double l1 = 0, u1 = 0, l2 = 0, u2 = 0;
  WilsonInterval(baseline_events, baseline_trials, z, &l1, &u1);
  WilsonInterval(candidate_events, candidate_trials, z, &l2, &u2);
  const double below = std::hypot(r.candidate - l2, u1 - r.baseline);
  const double above = std::hypot(u2 - r.candidate, r.baseline - l1);
  r.low = r.relative - below;
  r.high = r.relative + above;
  return r;
}

}  // namespace loadlaw::compare
