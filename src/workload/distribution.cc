// Sampling of the workload's random quantities.

#include "loadlaw/workload/distribution.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "loadlaw/base/clock.h"

namespace loadlaw::workload {
namespace {

void CheckParameter(double value, const char* name) {
  if (!std::isfinite(value) || value < 0) {
    std::ostringstream msg;
    msg << "distribution " << name << " must be finite and >= 0, got " << value;
    throw std::invalid_argument(msg.str());
  }
}

}  // namespace

Distribution Distribution::Constant(double value) {
  CheckParameter(value, "value");
  Distribution d;
  d.kind_ = Kind::kConstant;
  d.a_ = value;
  d.mean_ = value;
  return d;
}

Distribution Distribution::Uniform(double low, double high) {
  CheckParameter(low, "min");
  CheckParameter(high, "max");
  if (low > high) {
    throw std::invalid_argument("uniform distribution: min > max");
  }
  Distribution d;
  d.kind_ = Kind::kUniform;
  d.a_ = low;
  d.b_ = high;
  d.mean_ = (low + high) / 2;
  return d;
}

Distribution Distribution::Exponential(double mean) {
  CheckParameter(mean, "mean");
  Distribution d;
  d.kind_ = Kind::kExponential;
  d.a_ = mean;
  d.mean_ = mean;
  return d;
}

Distribution Distribution::Normal(double mean, double stddev) {
  CheckParameter(mean, "mean");
  CheckParameter(stddev, "stddev");
  Distribution d;
  d.kind_ = Kind::kNormal;
  d.a_ = mean;
  d.b_ = stddev;
  d.mean_ = mean;
  return d;
}

Distribution Distribution::LogNormal(double mean, double stddev) {
  CheckParameter(mean, "mean");
  CheckParameter(stddev, "stddev");
  if (mean <= 0) throw std::invalid_argument("lognormal mean must be > 0");
  Distribution d;
  d.kind_ = Kind::kLogNormal;
  const double sigma2 = std::log1p((stddev * stddev) / (mean * mean));
  d.a_ = std::log(mean) - sigma2 / 2;
  d.b_ = std::sqrt(sigma2);
  d.mean_ = mean;
  return d;
}

Distribution Distribution::WithBounds(double min, double max) const {
  if (std::isnan(min) || std::isnan(max) || min > max) {
    throw std::invalid_argument("distribution bounds: min > max");
  }
  Distribution d = *this;
  d.min_ = std::max(0.0, min);
  d.max_ = max;
  return d;
}

Distribution Distribution::CappedAt(double cap) const {
  Distribution d = *this;
  d.max_ = std::min(max_, cap);
  d.min_ = std::min(min_, d.max_);
  return d;
}

std::chrono::nanoseconds Distribution::SampleDuration(
    std::mt19937_64& rng) const {
  return base::FromSeconds(std::min(Sample(rng), kMaxDelaySeconds));
}

double Distribution::Sample(std::mt19937_64& rng) const {
  double x = a_;
  switch (kind_) {
    case Kind::kConstant:
      break;
    case Kind::kUniform:
      x = std::uniform_real_distribution<double>(a_, b_)(rng);
      break;
    case Kind::kExponential:
      x = a_ > 0 ? std::exponential_distribution<double>(1 / a_)(rng) : 0.0;
      break;
    case Kind::kNormal:
      x = std::normal_distribution<double>(a_, b_)(rng);
      break;
    case Kind::kLogNormal:
      x = std::lognormal_distribution<double>(a_, b_)(rng);
      break;
  }
  return std::clamp(x, min_, max_);
}

std::int64_t Distribution::SampleCount(std::mt19937_64& rng) const {
  const double x = std::round(Sample(rng));
  if (!(x >= 1)) return 1;
  if (x > 1e15) return static_cast<std::int64_t>(1e15);
  return static_cast<std::int64_t>(x);
}

double Distribution::Mean() const { return mean_; }

std::string Distribution::Describe() const {
  std::ostringstream out;
  switch (kind_) {
    case Kind::kConstant:
      out << a_;
      break;
    case Kind::kUniform:
      out << "uniform(" << a_ << ", " << b_ << ")";
      break;
    case Kind::kExponential:
      out << "exponential(mean=" << a_ << ")";
      break;
    case Kind::kNormal:
      out << "normal(mean=" << a_ << ", stddev=" << b_ << ")";
      break;
    case Kind::kLogNormal:
      out << "lognormal(mean=" << mean_ << ")";
      break;
  }
  if (min_ > 0 || std::isfinite(max_)) {
    out << " in [" << min_ << ", " << max_ << "]";
  }
  return out.str();
}

}  // namespace loadlaw::workload
