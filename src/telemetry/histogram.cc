// The log-linear histogram: bucket arithmetic and quantile walks.

#include "loadlaw/telemetry/histogram.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace loadlaw::telemetry {
namespace {

constexpr std::size_t kSubBuckets = std::size_t{1} << Histogram::kSubBucketBits;

}  // namespace

Histogram::Histogram(double lowest, double highest)
    : lowest_(lowest), highest_(highest) {
  if (!(lowest > 0) || !(highest > lowest) || !std::isfinite(highest)) {
    throw std::invalid_argument(
        "histogram range: need 0 < lowest < highest, got lowest=" +
        std::to_string(lowest) + " highest=" + std::to_string(highest));
  }
  octaves_ = static_cast<int>(std::floor(std::log2(highest / lowest))) + 1;
  counts_.assign(1 + static_cast<std::size_t>(octaves_) * kSubBuckets, 0);
}

std::size_t Histogram::BucketOf(double value) const {
  if (!(value >= lowest_)) return 0;
  int exponent = 0;
  const double mantissa = std::frexp(value / lowest_, &exponent);  // [0.5, 1)
  const int octave = exponent - 1;
  if (octave >= octaves_) return counts_.size() - 1;
  std::size_t sub = static_cast<std::size_t>((2 * mantissa - 1) * kSubBuckets);
  sub = std::min(sub, kSubBuckets - 1);
  return 1 + static_cast<std::size_t>(octave) * kSubBuckets + sub;
}

double Histogram::BucketMiddle(std::size_t index) const {
  const std::size_t octave = (index - 1) / kSubBuckets;
  const std::size_t sub = (index - 1) % kSubBuckets;
  return std::ldexp(lowest_, static_cast<int>(octave)) *
         (1 + (sub + 0.5) / kSubBuckets);
}

void Histogram::Record(double value, std::uint64_t count) {
  if (count == 0) return;
  if (!(value > 0)) value = 0;  // negative and NaN
  counts_[BucketOf(value)] += count;
  if (count_ == 0) {
    min_ = value;
    max_ = value;
  } else {
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
  }
  count_ += count;
  sum_ += value * static_cast<double>(count);
}

void Histogram::Merge(const Histogram& other) {
  if (other.lowest_ != lowest_ || other.highest_ != highest_) {
    throw std::invalid_argument("histogram merge: ranges differ (lowest " +
                                std::to_string(lowest_) + " vs " +
                                std::to_string(other.lowest_) + ")");
  }
  if (other.count_ == 0) return;
  for (std::size_t i = 0; i < counts_.size(); ++i)
    counts_[i] += other.counts_[i];
  if (count_ == 0) {
    min_ = other.min_;
    max_ = other.max_;
  } else {
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
  }
  count_ += other.count_;
  sum_ += other.sum_;
}

void Histogram::Reset() {
  std::fill(counts_.begin(), counts_.end(), 0);
  count_ = 0;
  sum_ = 0;
  min_ = 0;
  max_ = 0;
}

double Histogram::Quantile(double q) const {
  if (!(q >= 0 && q <= 1)) {
    throw std::invalid_argument("quantile: q must be in [0, 1], got " +
                                std::to_string(q));
  }
  if (count_ == 0) return 0;
  const double wanted = std::ceil(q * static_cast<double>(count_));
  const std::uint64_t rank =
      std::max<std::uint64_t>(1, static_cast<std::uint64_t>(wanted));
  if (rank >= count_) return max_;
  if (rank == 1) return min_;
  std::uint64_t seen = counts_[0];
  if (seen >= rank) return min_;  // below `lowest`: the smallest value
  for (std::size_t i = 1; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::clamp(BucketMiddle(i), min_, max_);
  }
  return max_;
}

Summary Summarize(const Histogram& h) {
  Summary s;
  s.count = h.count();
  s.mean = h.Mean();
  s.min = h.min();
  s.max = h.max();
  s.p50 = h.Quantile(0.50);
  s.p90 = h.Quantile(0.90);
  s.p95 = h.Quantile(0.95);
  s.p99 = h.Quantile(0.99);
  s.p999 = h.Quantile(0.999);
  return s;
}

}  // namespace loadlaw::telemetry
