// File: loadlaw/workload/distribution.h
// A random quantity of a workload model (token lengths, turns, think and tool
// times): constant, uniform, exponential, normal or log-normal, optionally
// clamped. The unit is the one of the field that holds it (`*_s` fields are
// seconds, `*_tokens` fields tokens).
//
//   auto think_s = loadlaw::workload::Distribution::Exponential(2.0);
//   std::mt19937_64 rng(42);
//   double s = think_s.Sample(rng);
//   auto tokens = loadlaw::workload::Distribution::Normal(512, 128)
//                     .WithBounds(16, 2048);
//   std::int64_t n = tokens.SampleCount(rng);  // rounded, at least 1

#ifndef LOADLAW_WORKLOAD_DISTRIBUTION_H_
#define LOADLAW_WORKLOAD_DISTRIBUTION_H_

#include <chrono>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

namespace loadlaw::workload {

// The longest pause a workload's distribution can yield (about 11.6 days):
// longer ones are cut there, so that adding one to a time cannot overflow.
inline constexpr double kMaxDelaySeconds = 1e6;

class Distribution {
 public:
  enum class Kind { kConstant, kUniform, kExponential, kNormal, kLogNormal };

  // The constant 0.
  Distribution() = default;

  // Each throws std::invalid_argument for a negative or non-finite parameter
  // (or low > high).
  static Distribution Constant(double value);
  static Distribution Uniform(double low, double high);
  static Distribution Exponential(double mean);
  static Distribution Normal(double mean, double stddev);
  // Log-normal with the given mean and standard deviation of the value (not
  // of its logarithm).
  static Distribution LogNormal(double mean, double stddev);

  // A copy whose samples are clamped to [min, max]; throws
  // std::invalid_argument when min > max.
  Distribution WithBounds(double min, double max) const;
  // A copy whose samples are at most `cap` (its bounds moved under `cap`).
  Distribution CappedAt(double cap) const;

  // A sample, clamped to the bounds and never negative.
  double Sample(std::mt19937_64& rng) const;
  // A sample rounded to the nearest integer, at least 1 (token counts, turns).
  std::int64_t SampleCount(std::mt19937_64& rng) const;
  // A sample taken as seconds, as a duration of at most kMaxDelaySeconds.
  std::chrono::nanoseconds SampleDuration(std::mt19937_64& rng) const;

  // The mean of the unclamped distribution.
  double Mean() const;
  Kind kind() const { return kind_; }
  // The parameters as given: the value (constant), low and high (uniform),
  // the mean (exponential), mean and stddev (normal); log-normal: the mean
  // and stddev of the logarithm.
  double first() const { return a_; }
  double second() const { return b_; }
  // E.g. "exponential(mean=2)", "uniform(1, 3)", "128".
  std::string Describe() const;

 private:
  Kind kind_ = Kind::kConstant;
  double a_ = 0;  // value, low, mean, or mu of the log
  double b_ = 0;  // high, stddev, or sigma of the log
  double mean_ = 0;
  double min_ = 0;
  double max_ = std::numeric_limits<double>::infinity();
};

}  // namespace loadlaw::workload

#endif  // LOADLAW_WORKLOAD_DISTRIBUTION_H_
