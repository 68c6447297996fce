// File: loadlaw/telemetry/histogram.h
// A log-linear histogram of non-negative values (latencies in seconds, token
// counts): each power of two above `lowest` is split into 1024 equal buckets,
// so any quantile is reported within 0.05 % of a recorded value (1/2048
// relative). Histograms with the same range merge exactly, which is how the
// per-thread recorders of a load run are combined at window boundaries.
//
//   loadlaw::telemetry::Histogram ttft;            // 1 us .. 1 h, in seconds
//   ttft.Record(0.0123);
//   loadlaw::telemetry::Histogram all;
//   all.Merge(ttft);
//   double p99_s = all.Quantile(0.99);
//   loadlaw::telemetry::Summary s = loadlaw::telemetry::Summarize(all);

#ifndef LOADLAW_TELEMETRY_HISTOGRAM_H_
#define LOADLAW_TELEMETRY_HISTOGRAM_H_

#include <cstdint>
#include <vector>

namespace loadlaw::telemetry {

class Histogram {
 public:
  static constexpr int kSubBucketBits = 10;  // 1024 buckets per octave
  static constexpr double kMaxRelativeError = 1.0 / 2048;

  // Covers [lowest, highest] with bounded relative error; values below
  // `lowest` (including 0) share one bucket, values above `highest` are
  // clamped into the last one (min, max and the sum stay exact). Throws
  // std::invalid_argument unless 0 < lowest < highest and both are finite.
  explicit Histogram(double lowest = 1e-6, double highest = 3600.0);

  // Records `value` `count` times. Negative and NaN values count as 0.
  void Record(double value, std::uint64_t count = 1);

  // Adds every count of `other`; throws std::invalid_argument when the two
  // ranges differ.
  void Merge(const Histogram& other);
  void Reset();

  std::uint64_t count() const { return count_; }
  double sum() const { return sum_; }
  double lowest() const { return lowest_; }
  double highest() const { return highest_; }
  // Exact smallest and largest recorded values; 0 when empty.
  double min() const { return count_ == 0 ? 0.0 : min_; }
  double max() const { return count_ == 0 ? 0.0 : max_; }
  // Exact mean; 0 when empty.
  double Mean() const { return count_ == 0 ? 0.0 : sum_ / count_; }

  // The value at quantile q in [0, 1] (nearest rank: the smallest recorded
  // value with at least ceil(q * count) values at or below it), as the middle
  // of its bucket clamped to [min, max] (values below `lowest` as min); the
  // first and last ranks are the exact min and max; 0 when empty. Throws
  // std::invalid_argument for q outside [0, 1].
  double Quantile(double q) const;

 private:
  std::size_t BucketOf(double value) const;
  double BucketMiddle(std::size_t index) const;

  double lowest_;
  double highest_;
  int octaves_;
  std::vector<std::uint64_t> counts_;  // [0]: below lowest_
  std::uint64_t count_ = 0;
  double sum_ = 0;
  double min_ = 0;
  double max_ = 0;
};

// The usual digest of a histogram (same unit as its values).
struct Summary {
  std::uint64_t count = 0;
  double mean = 0;
  double min = 0;
  double max = 0;
  double p50 = 0;
  double p90 = 0;
  double p95 = 0;
  double p99 = 0;
  double p999 = 0;
};

Summary Summarize(const Histogram& histogram);

}  // namespace loadlaw::telemetry

#endif  // LOADLAW_TELEMETRY_HISTOGRAM_H_
