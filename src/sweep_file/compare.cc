// `compare` on sweeps: level matching, the changes of one level, the verdict.

#include "loadlaw/sweep_file/compare.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "loadlaw/base/format.h"
#include "loadlaw/compare/stats.h"

namespace loadlaw::sweep {
namespace {

using compare::Change;
using compare::RatioInterval;

constexpr double kProbabilities[] = {0.50, 0.90, 0.95, 0.99};
constexpr const char* kQuantileNames[] = {"p50", "p90", "p95", "p99"};

bool SameLoad(double a, double b) {
  return std::fabs(a - b) <= 1e-6 * std::max({std::fabs(a), std::fabs(b), 1.0});
}

Change MakeChange(const std::string& quantity, bool higher_is_better,
                  const RatioInterval& r, const std::string& method,
                  double threshold) {
  Change c;
  c.quantity = quantity;
  c.higher_is_better = higher_is_better;
  c.baseline = r.baseline;
  c.candidate = r.candidate;
  c.relative = r.relative;
  c.low = r.low;
  c.high = r.high;
  c.method = std::isfinite(r.low) ? method : "point-only";
  c.threshold = threshold;
  return c;
}

// The per-second completions (or output tokens) of the level's measurement
// window: the seconds of its time series with warmup_s <= t_s and, when the
// level records its duration, t_s + 1 <= warmup_s + duration_s.
std::vector<double> WindowCounts(const SweepLevel& level, bool output_tokens) {
  const double end_s = level.warmup_s + level.duration_s;
  std::vector<double> counts;
  for (const telemetry::SecondPoint& p : level.summary.time_series) {
    if (p.t_s + 1e-9 < level.warmup_s) continue;
    if (level.duration_s > 0 && p.t_s + 1 > end_s + 1e-6) continue;
    counts.push_back(output_tokens ? static_cast<double>(p.output_tokens)
                                   : static_cast<double>(p.completed));
  }
  return counts;
}

// Throughput (requests or output tokens per second) from the per-second
// series of the two windows; the summaries' rates, without an interval, when
// a series is missing.
Change ThroughputChange(const SweepLevel& base, const SweepLevel& cand,
                              bool tokens, const CompareOptions& options,
                              std::vector<std::string>* notes) {
  const std::string metric = tokens ? "output_tokens_per_s" : "requests_per_s";
  const std::vector<double> b = WindowCounts(base, tokens);
  const std::vector<double> c = WindowCounts(cand, tokens);
  if (b.empty() || c.empty()) {
    RatioInterval r;
    r.baseline =
        tokens ? base.summary.output_tokens_per_s : base.summary.requests_per_s;
    r.candidate =
        tokens ? cand.summary.output_tokens_per_s : cand.summary.requests_per_s;
    if (r.baseline > 0) r.relative = r.candidate / r.baseline - 1;
    if (!tokens)
      notes->push_back("no per-second series: throughput without interval");
    return MakeChange(metric, true, r, "", options.max_regression);
  }
  const std::vector<double> bb = compare::BatchMeans(
      b, compare::BatchSeconds(b.size(), base.summary.e2e.mean));
  const std::vector<double> cb = compare::BatchMeans(
      c, compare::BatchSeconds(c.size(), cand.summary.e2e.mean));
  const RatioInterval r = compare::WelchRatio(bb, cb, options.confidence);
  if (!tokens && !std::isfinite(r.low)) {
    notes->push_back(
        "window too short for 2 batches: throughput without interval");
  }
  return MakeChange(metric, true, r, "welch-batch-means",
                    options.max_regression);
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
  return s.count > 0 ? values[q] : compare::kNaN;
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
    ratios = compare::BootstrapQuantileRatios(
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
                   false, ratios[q], "bootstrap", options.max_regression));
  }
}

// The error rate of the windows (every error class), as a difference.
Change ErrorRateChange(const SweepLevel& base, const SweepLevel& cand,
                       const CompareOptions& options) {
  const telemetry::WindowSummary& b = base.summary;
  const telemetry::WindowSummary& c = cand.summary;
  Change change = MakeChange(
      "error_rate", false,
      compare::ProportionDifference(
          static_cast<double>(b.failed), static_cast<double>(b.finished),
          static_cast<double>(c.failed), static_cast<double>(c.finished),
          options.confidence),
      "newcombe-score", options.max_error_rate_increase);
  change.absolute = true;
  return change;
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
  const Change errors = ErrorRateChange(base, cand, options);
  if (std::isfinite(errors.relative)) out.changes.push_back(errors);
  for (Change& c : out.changes) c.status = compare::Classify(c);
  return out;
}

void SetVerdict(SweepComparison* out) {
  compare::Judge judge;
  for (const LevelComparison& level : out->levels) {
    const std::string where = "at " + base::FormatNumber(level.load) +
                              (out->open_loop ? " req/s" : " users");
    for (const Change& c : level.changes) judge.Consider(c, where);
  }
  out->verdict = judge.verdict();
  out->worst = judge.worst();
}

void CheckComparable(const SweepFile& baseline, const SweepFile& candidate,
                     SweepComparison* out) {
  if (baseline.open_loop() != candidate.open_loop()) {
    throw std::invalid_argument(
        "compare: the loops differ (baseline " +
        std::string(telemetry::LoopKindName(baseline.provenance.loop)) +
        ", candidate " +
        std::string(telemetry::LoopKindName(candidate.provenance.loop)) + ")");
  }
  const SweepProvenance& b = baseline.provenance;
  const SweepProvenance& c = candidate.provenance;
  if (!b.workload_hash.empty() && !c.workload_hash.empty() &&
      b.workload_hash != c.workload_hash) {
    out->notes.push_back("the workloads differ (hash " + b.workload_hash +
                         " vs " + c.workload_hash + ")");
  }
  if (b.think_time_s != c.think_time_s) {
    out->notes.push_back("the think times differ (" + base::FormatNumber(b.think_time_s) +
                         " s vs " + base::FormatNumber(c.think_time_s) + " s)");
  }
}

}  // namespace

bool CompareOptions::IsValid(std::string* why) const {
  std::string reason;
  if (!(max_regression >= 0 && max_regression < 1)) {
    reason = "max_regression must be in [0, 1), got " + base::FormatNumber(max_regression);
  } else if (!(max_error_rate_increase >= 0 && max_error_rate_increase < 1)) {
    reason = "max_error_rate_increase must be in [0, 1), got " +
             base::FormatNumber(max_error_rate_increase);
  } else if (!(confidence > 0 && confidence < 1)) {
    reason = "confidence must be in (0, 1), got " + base::FormatNumber(confidence);
  } else if (resamples < 100 || resamples > 1000000) {
    reason = "resamples must be in [100, 1000000], got " + std::to_string(resamples);
  }
  if (why != nullptr) *why = reason;
  return reason.empty();
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
  out.interval_confidence = compare::IntervalConfidence(
      options.confidence, 15 * static_cast<int>(pairs.size()),
      options.simultaneous);
  CompareOptions per_interval = options;
  per_interval.confidence = out.interval_confidence;
  for (const auto& [b, c] : pairs) {
    out.levels.push_back(CompareLevel(*b, *c, out.open_loop, per_interval));
  }
  SetVerdict(&out);
  return out;
}

}  // namespace loadlaw::sweep
