// `compare` on sweeps: level matching, the changes of one level, the verdict.

#include "loadlaw/sweep/compare.h"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "sweep/compare_stats_internal.h"

namespace loadlaw::sweep {
namespace {

using internal::RatioInterval;

constexpr double kProbabilities[] = {0.50, 0.90, 0.95, 0.99};
constexpr const char* kQuantileNames[] = {"p50", "p90", "p95", "p99"};

std::string Num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

bool SameLoad(double a, double b) {
  return std::fabs(a - b) <= 1e-6 * std::max({std::fabs(a), std::fabs(b), 1.0});
}

MetricChange MakeChange(const std::string& metric, bool higher_is_better,
                        const RatioInterval& r, const std::string& method) {
  MetricChange c;
  c.metric = metric;
  c.higher_is_better = higher_is_better;
  c.baseline = r.baseline;
  c.candidate = r.candidate;
  c.relative = r.relative;
  c.low = r.low;
  c.high = r.high;
  c.method = std::isfinite(r.low) ? method : "point-only";
  return c;
}

// Throughput (requests or output tokens per second) from the per-second
// series of the two windows; the summaries' rates, without an interval, when
// a series is missing.
MetricChange ThroughputChange(const SweepLevel& base, const SweepLevel& cand,
                              bool tokens, const CompareOptions& options,
                              std::vector<std::string>* notes) {
  const std::string metric = tokens ? "output_tokens_per_s" : "requests_per_s";
  const std::vector<double> b = internal::WindowCounts(base, tokens);
  const std::vector<double> c = internal::WindowCounts(cand, tokens);
  if (b.empty() || c.empty()) {
    RatioInterval r;
    r.baseline =
        tokens ? base.summary.output_tokens_per_s : base.summary.requests_per_s;
    r.candidate =
        tokens ? cand.summary.output_tokens_per_s : cand.summary.requests_per_s;
    if (r.baseline > 0) r.relative = r.candidate / r.baseline - 1;
    if (!tokens)
      notes->push_back("no per-second series: throughput without interval");
    return MakeChange(metric, true, r, "");
  }
  const std::vector<double> bb = internal::BatchMeans(
      b, internal::BatchSeconds(b.size(), base.summary.e2e.mean));
  const std::vector<double> cb = internal::BatchMeans(
      c, internal::BatchSeconds(c.size(), cand.summary.e2e.mean));
  const RatioInterval r = internal::WelchRatio(bb, cb, options.confidence);
  if (!tokens && !std::isfinite(r.low)) {
    notes->push_back(
        "window too short for 2 batches: throughput without interval");
  }
  return MakeChange(metric, true, r, "welch-batch-means");
}

const telemetry::Summary& SummaryOf(const SweepLevel& level, int metric) {
  return metric == 0   ? level.summary.e2e
         : metric == 1 ? level.summary.ttft
                       : level.summary.tpot;
}

const std::vector<double>& SamplesOf(const SweepLevel& level, int metric) {
  return metric == 0   ? level.samples.e2e_s
         : metric == 1 ? level.samples.ttft_s
                       : level.samples.tpot_s;
}

double SummaryQuantile(const telemetry::Summary& s, int q) {
  const double values[] = {s.p50, s.p90, s.p95, s.p99};
  return s.count > 0 ? values[q] : internal::kNaN;
}

// The four quantile changes of one latency metric (0 e2e, 1 ttft, 2 tpot).
void AddLatencyChanges(const SweepLevel& base, const SweepLevel& cand,
                       int metric, const CompareOptions& options,
                       std::uint64_t seed, LevelComparison* out) {
  static constexpr const char* kMetricNames[] = {"e2e", "ttft", "tpot"};
  const std::vector<double>& b = SamplesOf(base, metric);
  const std::vector<double>& c = SamplesOf(cand, metric);
  std::vector<RatioInterval> ratios(4);
  if (!b.empty() && !c.empty()) {
    ratios = internal::BootstrapQuantileRatios(
        b, c, {std::begin(kProbabilities), std::end(kProbabilities)},
        {options.confidence, options.resamples, seed});
  } else {
    for (int q = 0; q < 4; ++q) {
      ratios[q].baseline = SummaryQuantile(SummaryOf(base, metric), q);
      ratios[q].candidate = SummaryQuantile(SummaryOf(cand, metric), q);
      if (ratios[q].baseline > 0) {
        ratios[q].relative = ratios[q].candidate / ratios[q].baseline - 1;
      }
    }
    if (std::isfinite(ratios[0].relative)) {
      out->notes.push_back(std::string("no ") + kMetricNames[metric] +
                           " samples: quantile changes without interval");
    }
  }
  for (int q = 0; q < 4; ++q) {
    if (!std::isfinite(ratios[q].relative)) continue;  // not measured
    out->changes.push_back(
        MakeChange(std::string(kMetricNames[metric]) + "." + kQuantileNames[q],
                   false, ratios[q], "bootstrap"));
  }
}

// The error rate of the windows (every error class), as a difference.
MetricChange ErrorRateChange(const SweepLevel& base, const SweepLevel& cand,
                             const CompareOptions& options) {
  const telemetry::WindowSummary& b = base.summary;
  const telemetry::WindowSummary& c = cand.summary;
  MetricChange change = MakeChange(
      "error_rate", false,
      internal::ProportionDifference(
          static_cast<double>(b.failed), static_cast<double>(b.finished),
          static_cast<double>(c.failed), static_cast<double>(c.finished),
          options.confidence),
      "newcombe-score");
  change.absolute = true;
  return change;
}

double Threshold(const MetricChange& c, const CompareOptions& options) {
  return c.absolute ? options.max_error_rate_increase : options.max_regression;
}

LevelComparison CompareLevel(const SweepLevel& base, const SweepLevel& cand,
                             bool open_loop, const CompareOptions& options) {
  LevelComparison out;
  out.load = base.Load(open_loop);
  out.baseline_index = base.index;
  out.candidate_index = cand.index;
  for (bool tokens : {false, true}) {
    out.changes.push_back(
        ThroughputChange(base, cand, tokens, options, &out.notes));
  }
  for (int metric = 0; metric < 3; ++metric) {
    const std::uint64_t seed =
        options.seed * 0x9E3779B97F4A7C15ULL + 31 * base.index + metric;
    AddLatencyChanges(base, cand, metric, options, seed, &out);
  }
  const MetricChange errors = ErrorRateChange(base, cand, options);
  if (std::isfinite(errors.relative)) out.changes.push_back(errors);
  for (MetricChange& c : out.changes) {
    c.status = ClassifyChange(c.relative, c.low, c.high, c.higher_is_better,
                              Threshold(c, options));
  }
  return out;
}

// Signed so that positive is worse, in units of the change's threshold (so
// that an error rate's difference ranks against relative changes).
double Worsening(const MetricChange& c, const CompareOptions& options) {
  const double w = c.higher_is_better ? -c.relative : c.relative;
  const double t = Threshold(c, options);
  return t > 0 ? w / t : w;
}

std::string Describe(const MetricChange& c, double load, bool open_loop) {
  std::string text = c.metric + " at " + Num(load) +
                     (open_loop ? " req/s" : " users") + ": " +
                     FormatChange(c, c.relative);
  if (std::isfinite(c.low)) {
    text += " [" + FormatChange(c, c.low) + ", " + FormatChange(c, c.high) +
            "]";
  }
  return text + ", " + ChangeStatusName(c.status);
}

int Severity(ChangeStatus s) {
  return s == ChangeStatus::kRegression           ? 2
         : s == ChangeStatus::kPossibleRegression ? 1
                                                  : 0;
}

void SetVerdict(SweepComparison* out) {
  int worst_severity = -1;
  double worst_worsening = 0;
  for (const LevelComparison& level : out->levels) {
    for (const MetricChange& c : level.changes) {
      const int s = Severity(c.status);
      const double w = Worsening(c, out->options);
      if (s > worst_severity || (s == worst_severity && w > worst_worsening)) {
        worst_severity = s;
        worst_worsening = w;
        out->worst = Describe(c, level.load, out->open_loop);
      }
    }
  }
  out->verdict = worst_severity == 2   ? Verdict::kRegression
                 : worst_severity == 1 ? Verdict::kInconclusive
                                       : Verdict::kPass;
}

void CheckComparable(const SweepFile& baseline, const SweepFile& candidate,
                     SweepComparison* out) {
  if (baseline.open_loop() != candidate.open_loop()) {
    throw std::invalid_argument("compare: the loops differ (baseline " +
                                baseline.provenance.loop + ", candidate " +
                                candidate.provenance.loop + ")");
  }
  const SweepProvenance& b = baseline.provenance;
  const SweepProvenance& c = candidate.provenance;
  if (!b.workload_hash.empty() && !c.workload_hash.empty() &&
      b.workload_hash != c.workload_hash) {
    out->notes.push_back("the workloads differ (hash " + b.workload_hash +
                         " vs " + c.workload_hash + ")");
  }
  if (b.think_time_s != c.think_time_s) {
    out->notes.push_back("the think times differ (" + Num(b.think_time_s) +
                         " s vs " + Num(c.think_time_s) + " s)");
  }
}

}  // namespace

bool CompareOptions::IsValid(std::string* why) const {
  std::string reason;
  if (!(max_regression >= 0 && max_regression < 1)) {
    reason = "max_regression must be in [0, 1), got " + Num(max_regression);
  } else if (!(max_error_rate_increase >= 0 && max_error_rate_increase < 1)) {
    reason = "max_error_rate_increase must be in [0, 1), got " +
             Num(max_error_rate_increase);
  } else if (!(confidence > 0 && confidence < 1)) {
    reason = "confidence must be in (0, 1), got " + Num(confidence);
  } else if (resamples < 100 || resamples > 1000000) {
    reason = "resamples must be in [100, 1000000], got " + Num(resamples);
  }
  if (why != nullptr) *why = reason;
  return reason.empty();
}

std::string FormatChange(const MetricChange& change, double value) {
  if (!std::isfinite(value)) return "-";
  char buf[32];
  if (change.absolute) {
    std::snprintf(buf, sizeof buf, "%+.2f pp", 100 * value);
  } else {
    std::snprintf(buf, sizeof buf, "%+.1f%%", 100 * value);
  }
  return buf;
}

const char* ChangeStatusName(ChangeStatus status) {
  switch (status) {
    case ChangeStatus::kImproved:
      return "improved";
    case ChangeStatus::kPossibleRegression:
      return "possible_regression";
    case ChangeStatus::kRegression:
      return "regression";
    case ChangeStatus::kOk:
      break;
  }
  return "ok";
}

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kInconclusive:
      return "inconclusive";
    case Verdict::kRegression:
      return "regression";
    case Verdict::kPass:
      break;
  }
  return "pass";
}

ChangeStatus ClassifyChange(double relative, double low, double high,
                            bool higher_is_better, double max_regression) {
  if (!std::isfinite(relative)) return ChangeStatus::kOk;
  const double w = higher_is_better ? -relative : relative;
  const double w_low = higher_is_better ? -high : low;
  const double w_high = higher_is_better ? -low : high;
  const bool has_interval = std::isfinite(low) && std::isfinite(high);
  if (has_interval && w_low > max_regression) return ChangeStatus::kRegression;
  if (w > max_regression && (!has_interval || w_low > 0)) {
    return ChangeStatus::kPossibleRegression;
  }
  if (has_interval && w_high < -max_regression) return ChangeStatus::kImproved;
  return ChangeStatus::kOk;
}

namespace {

// Pairs each baseline level with the first unused candidate level of the
// same configured load; the rest are listed as unmatched.
std::vector<std::pair<const SweepLevel*, const SweepLevel*>> MatchLevels(
    const SweepFile& baseline, const SweepFile& candidate,
    SweepComparison* out) {
  std::vector<std::pair<const SweepLevel*, const SweepLevel*>> pairs;
  const bool open = out->open_loop;
  std::vector<bool> used(candidate.levels.size(), false);
  for (const SweepLevel& b : baseline.levels) {
    std::size_t match = 0;
    while (match < candidate.levels.size() &&
           (used[match] ||
            !SameLoad(b.Load(open), candidate.levels[match].Load(open)))) {
      ++match;
    }
    if (match == candidate.levels.size()) {
      out->unmatched_baseline.push_back(b.Load(open));
      continue;
    }
    used[match] = true;
    pairs.emplace_back(&b, &candidate.levels[match]);
  }
  for (std::size_t i = 0; i < candidate.levels.size(); ++i) {
    if (!used[i])
      out->unmatched_candidate.push_back(candidate.levels[i].Load(open));
  }
  return pairs;
}

}  // namespace

SweepComparison CompareSweeps(const SweepFile& baseline,
                              const SweepFile& candidate,
                              const CompareOptions& options) {
  std::string why;
  if (!options.IsValid(&why)) throw std::invalid_argument("compare: " + why);
  SweepComparison out;
  out.options = options;
  out.open_loop = baseline.open_loop();
  CheckComparable(baseline, candidate, &out);
  const auto pairs = MatchLevels(baseline, candidate, &out);
  if (pairs.empty()) {
    throw std::invalid_argument(
        "compare: no level of the candidate matches a level of the baseline "
        "(compared by configured " +
        std::string(out.open_loop ? "rate" : "concurrency") + ")");
  }
  // Two throughputs, 3 x 4 latency quantiles and the error rate per level.
  const double m = options.simultaneous ? 15.0 * pairs.size() : 1.0;
  out.interval_confidence = 1 - (1 - options.confidence) / m;
  CompareOptions per_interval = options;
  per_interval.confidence = out.interval_confidence;
  for (const auto& [b, c] : pairs) {
    out.levels.push_back(CompareLevel(*b, *c, out.open_loop, per_interval));
  }
  SetVerdict(&out);
  return out;
}

}  // namespace loadlaw::sweep
