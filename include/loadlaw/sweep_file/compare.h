// File: loadlaw/sweep_file/compare.h
// Canary analysis of two sweeps: did the candidate deployment regress
// against the baseline? Levels are matched by their configured load (users in
// a closed loop, requests per second in an open one). At every matched level
// the request and output-token throughput and each latency quantile (p50,
// p90, p95, p99 of E2E, TTFT, TPOT) are compared as a relative change,
// candidate against baseline, with a confidence interval:
//
// - throughput: Welch's t on the log of the ratio of mean per-second
//   completions of the two measurement windows, the seconds grouped into
//   batches at least twice the level's mean E2E long (batch means), because
//   neighbouring seconds of a closed loop are correlated;
// - latency quantiles: a normal interval on the log of the ratio of the two
//   quantiles, its standard error from a seeded bootstrap of the per-request
//   latency reservoirs of the levels;
// - the error rate (failed / finished requests of the window, every error
//   class): the difference candidate - baseline in percentage points, with
//   Newcombe's hybrid score interval, against its own threshold.
//
// Each change is then classified against its threshold and the comparison
// gets one verdict, by the rules of loadlaw/compare/change.h; docs/compare.md
// states them in full.
//
//   loadlaw::sweep::CompareOptions options;
//   options.max_regression = 0.05;  // 5 %
//   loadlaw::sweep::SweepComparison c = loadlaw::sweep::CompareSweeps(
//       loadlaw::sweep::LoadSweep("base.sweep.json"),
//       loadlaw::sweep::LoadSweep("canary.sweep.json"), options);
//   if (c.verdict == loadlaw::compare::Verdict::kRegression)
//     std::puts(c.worst.c_str());

#ifndef LOADLAW_SWEEP_FILE_COMPARE_H_
#define LOADLAW_SWEEP_FILE_COMPARE_H_

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "loadlaw/compare/change.h"
#include "loadlaw/sweep_file/sweep_file.h"

namespace loadlaw::sweep {

struct CompareOptions {
  // The largest tolerated worsening, as a fraction: 0.05 lets throughput fall
  // by up to 5 % and latency rise by up to 5 %.
  double max_regression = 0.05;
  // The largest tolerated rise of the error rate, in absolute terms: 0.01
  // lets 0.5 % of failed requests become 1.5 %.
  double max_error_rate_increase = 0.01;
  double confidence = 0.95;  // two-sided, in (0, 1)
  // Make the intervals simultaneous (Bonferroni): each of the m compared
  // quantities gets confidence 1 - (1 - confidence) / m, so that all of them
  // hold together with at least `confidence`, and identical deployments are
  // called a regression at most 1 - confidence of the time however many
  // levels and metrics are compared. False: each interval at `confidence`.
  bool simultaneous = true;
  int resamples = 1000;    // bootstrap resamples per level and metric
  std::uint64_t seed = 1;  // of the bootstrap: same inputs, same result

  // False (with the field and value named in *why) when out of range:
  // max_regression and max_error_rate_increase in [0, 1), confidence in
  // (0, 1), resamples in [100, 1e6].
  bool IsValid(std::string* why) const;
};

struct LevelComparison {
  double load = 0;         // users (closed loop) or requests per second (open)
  int baseline_index = 0;  // SweepLevel::index of each side
  int candidate_index = 0;
  // Request and output-token throughput, the latency quantiles, the error
  // rate (an absolute change); quantity names as in the file header.
  std::vector<compare::Change> changes;
  std::vector<std::string> notes;  // why an interval is missing, etc.
};

struct SweepComparison {
  bool open_loop = false;
  CompareOptions options;
  double interval_confidence = 0.95;    // of each interval (see simultaneous)
  std::vector<LevelComparison> levels;  // matched, in baseline order
  std::vector<double> unmatched_baseline;  // loads only the baseline has
  std::vector<double> unmatched_candidate;
  std::vector<std::string> notes;  // e.g. the workloads differ
  compare::Verdict verdict = compare::Verdict::kPass;
  // The most severe change, then the one worsening most, in words (e.g.
  // "e2e.p99 at 8 users: +15.2% [+12.1%, +18.4%], regression"); empty when
  // nothing was compared.
  std::string worst;
};

// Compares `candidate` against `baseline`. Throws std::invalid_argument when
// the options are invalid, the loops differ (closed against open), or no
// level of the candidate matches one of the baseline.
SweepComparison CompareSweeps(const SweepFile& baseline,
                              const SweepFile& candidate,
                              const CompareOptions& options = {});

// The comparison as JSON (NaN as null), for `loadlaw compare --json`.
nlohmann::json SweepComparisonToJson(const SweepComparison& comparison);

}  // namespace loadlaw::sweep

#endif  // LOADLAW_SWEEP_FILE_COMPARE_H_
