// The replica as the planner sees it: throughput and latency distributions by
// concurrency, at one end of the capacity model's bands.

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "plan/replica_model_internal.h"

namespace loadlaw::plan::internal {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

double ToU(double probability) { return -std::log1p(-probability); }

// The end of an estimate's band that `band` asks for; the value itself when
// the band is not determined.
double BandValue(const base::Estimate& e, Band band, bool higher_is_better) {
  if (band == Band::kCentral) return e.value;
  const bool want_high = (band == Band::kOptimistic) == higher_is_better;
  const double end = want_high ? e.high : e.low;
  return std::isfinite(end) ? end : e.value;
}

}  // namespace

QuantileDistribution::QuantileDistribution(
    const std::vector<double>& probabilities,
    const std::vector<double>& values_s) {
  if (probabilities.empty() || probabilities.size() != values_s.size()) {
    throw std::invalid_argument(
        "QuantileDistribution: needs as many probabilities as values (>= 1)");
  }
  double running = 0;
  for (size_t i = 0; i < probabilities.size(); ++i) {
    running = std::max(running, values_s[i]);
    u_.push_back(ToU(probabilities[i]));
    q_.push_back(running);
  }
}

double QuantileDistribution::Quantile(double probability) const {
  const size_t n = q_.size();
  if (n == 1) return q_[0];
  const double u = probability >= 1 ? kInfinity : ToU(probability);
  if (u <= u_[0]) {
    const double slope = (q_[1] - q_[0]) / (u_[1] - u_[0]);
    return std::max(0.0, q_[0] - slope * (u_[0] - u));
  }
  for (size_t i = 0; i + 1 < n; ++i) {
    if (u <= u_[i + 1]) {
      return q_[i] + (q_[i + 1] - q_[i]) * (u - u_[i]) / (u_[i + 1] - u_[i]);
    }
  }
  const double slope = (q_[n - 1] - q_[n - 2]) / (u_[n - 1] - u_[n - 2]);
  return slope > 0 ? q_[n - 1] + slope * (u - u_[n - 1]) : q_[n - 1];
}

double QuantileDistribution::Cdf(double t_s) const {
  const size_t n = q_.size();
  if (t_s < 0) return 0;
  if (n == 1) return t_s >= q_[0] ? 1 : 0;
  double u = 0;
  if (t_s < q_[0]) {
    const double slope = (q_[1] - q_[0]) / (u_[1] - u_[0]);
    if (slope <= 0) return 0;
    u = u_[0] - (q_[0] - t_s) / slope;
    return u <= 0 ? 0 : -std::expm1(-u);
  }
  for (size_t i = 0; i + 1 < n; ++i) {
    if (t_s < q_[i + 1]) {
      u = u_[i] + (t_s - q_[i]) / (q_[i + 1] - q_[i]) * (u_[i + 1] - u_[i]);
      return -std::expm1(-u);
    }
  }
  const double slope = (q_[n - 1] - q_[n - 2]) / (u_[n - 1] - u_[n - 2]);
  if (slope <= 0) return 1;
  u = u_[n - 1] + (t_s - q_[n - 1]) / slope;
  return -std::expm1(-u);
}

std::vector<QuantileDistribution::Piece> QuantileDistribution::Pieces() const {
  const size_t n = q_.size();
  if (n == 1) return {{0, kInfinity, q_[0], 0}};
  std::vector<Piece> pieces;
  const double first = (q_[1] - q_[0]) / (u_[1] - u_[0]);
  const double at_zero = q_[0] - first * u_[0];
  if (at_zero < 0) {  // clipped at 0 below u_zero
    const double u_zero = u_[0] - q_[0] / first;
    pieces.push_back({0, u_zero, 0, 0});
    pieces.push_back({u_zero, u_[0], 0, first});
  } else {
    pieces.push_back({0, u_[0], at_zero, first});
  }
  for (size_t i = 0; i + 1 < n; ++i) {
    pieces.push_back(
        {u_[i], u_[i + 1], q_[i], (q_[i + 1] - q_[i]) / (u_[i + 1] - u_[i])});
  }
  const double last = (q_[n - 1] - q_[n - 2]) / (u_[n - 1] - u_[n - 2]);
  pieces.push_back({u_[n - 1], kInfinity, q_[n - 1], std::max(0.0, last)});
  return pieces;
}

ReplicaModel::ReplicaModel(const fit::CapacityModel& model,
                           int concurrency_limit, Band band)
    : limit_(concurrency_limit) {
  if (concurrency_limit < 1) {
    throw std::invalid_argument("concurrency limit must be >= 1, got " +
                                std::to_string(concurrency_limit));
  }
  for (int n = 1; n <= limit_; ++n) {
    const base::Estimate x = model.requests.PredictThroughput(n);
    const double central = x.value;
    // A band reaching 0 would stop the server; keep a sliver of throughput.
    throughputs_.push_back(std::max(
        BandValue(x, band, /*higher_is_better=*/true), 1e-9 * central));
  }
  for (fit::LatencyMetric m : fit::kAllLatencyMetrics) {
    std::vector<const fit::LatencyCurveFit*> curves;
    std::vector<double> probabilities;
    for (fit::LatencyQuantile q : fit::kAllLatencyQuantiles) {
      const fit::LatencyCurveFit* c = model.Curve(m, q);
      if (c == nullptr || !c->IsUsable()) continue;
      curves.push_back(c);
      probabilities.push_back(fit::QuantileProbability(q));
    }
    if (curves.empty()) continue;
    auto& by_n = distributions_[static_cast<int>(m)];
    for (int n = 1; n <= limit_; ++n) {
      std::vector<double> values;
      for (const fit::LatencyCurveFit* c : curves) {
        values.push_back(BandValue(c->Predict(n), band, false));
      }
      by_n.emplace_back(probabilities, values);
    }
  }
}

bool ReplicaModel::HasMetric(fit::LatencyMetric metric) const {
  return !distributions_[static_cast<int>(metric)].empty();
}

const QuantileDistribution& ReplicaModel::At(fit::LatencyMetric metric,
                                             int n) const {
  const auto& by_n = distributions_[static_cast<int>(metric)];
  if (by_n.empty() || n < 1 || n > limit_) {
    throw std::invalid_argument(
        std::string("ReplicaModel::At: no ") + fit::LatencyMetricName(metric) +
        " distribution at concurrency " + std::to_string(n));
  }
  return by_n[static_cast<size_t>(n - 1)];
}

}  // namespace loadlaw::plan::internal
