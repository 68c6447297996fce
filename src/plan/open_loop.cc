// Open-loop forecasts: the flow-equivalent server gives how many requests an
// arrival finds; the latency an arrival sees is a mixture over that number
// (docs/planning.md, "Open-loop latency").

#include "loadlaw/plan/open_loop.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "plan/parse_internal.h"
#include "plan/replica_model_internal.h"

namespace loadlaw::plan {
namespace internal {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// (1 - e^-x) / x for x >= 0, accurate near 0.
double OneMinusExpOver(double x) { return x < 1e-12 ? 1 : -std::expm1(-x) / x; }

// The integral over u in [a, c] of exp(e(u)), e linear with e(a) = e_a,
// e(c) = e_c, both <= -u (so nothing overflows).
double ExpIntegral(double a, double c, double e_a, double e_c) {
  const double width = c - a;
  if (width <= 0) return 0;
  const double slope = (e_c - e_a) / width;
  return slope > 0 ? std::exp(e_c) * width * OneMinusExpOver(slope * width)
                   : std::exp(e_a) * width * OneMinusExpOver(-slope * width);
}

// P(W + L > t) for W ~ Exp(theta) and L of the distribution, exactly: on a
// piece of the quantile function, L = q(u) with u ~ Exp(1), and
// P(W > t - q) = min(1, exp(-theta (t - q))), so each piece integrates in
// closed form (docs/planning.md).
double WaitPlusServiceSurvival(const QuantileDistribution& service,
                               double theta, double t_s) {
  double total = 0;
  for (const QuantileDistribution::Piece& p : service.Pieces()) {
    const double tail = std::exp(-p.u_from) - std::exp(-p.u_to);
    if (p.slope == 0) {
      total +=
          p.q_from >= t_s ? tail : std::exp(-theta * (t_s - p.q_from)) * tail;
      continue;
    }
    // Above u_cross the service alone exceeds t.
    const double u_cross = p.u_from + (t_s - p.q_from) / p.slope;
    const double c = std::clamp(u_cross, p.u_from, p.u_to);
    const auto exponent = [&](double u) {
      return -theta * (t_s - p.q_from - p.slope * (u - p.u_from)) - u;
    };
    total += ExpIntegral(p.u_from, c, exponent(p.u_from), exponent(c));
    total += std::exp(-c) - std::exp(-p.u_to);
  }
  return std::min(1.0, total);
}

// The latency of an arrival as a mixture: with probability weights[n] it
// finds n < K requests and is served at concurrency n + 1; with probability
// queued it waits Exp(wait_rate) for a slot and is then served at K (the wait
// adds to E2E and TTFT, not to TPOT).
class ArrivalMixture {
 public:
  ArrivalMixture(const ReplicaModel& replica, const OpenLoopState& state,
                 fit::LatencyMetric metric)
      : replica_(replica),
        metric_(metric),
        weights_(state.fes.state_probabilities),
        queued_(state.queued_probability),
        wait_rate_(state.wait_rate_per_s),
        waits_(metric != fit::LatencyMetric::kTpot) {
    weights_.resize(static_cast<size_t>(replica.concurrency_limit()));
  }

  double Survival(double t_s) const {
    double survival = 0;
    for (size_t n = 0; n < weights_.size(); ++n) {
      if (weights_[n] == 0) continue;
      const int served_at = static_cast<int>(n) + 1;
      survival += weights_[n] * (1 - replica_.At(metric_, served_at).Cdf(t_s));
    }
    if (queued_ == 0) return survival;
    const QuantileDistribution& at_limit =
        replica_.At(metric_, replica_.concurrency_limit());
    return survival + queued_ * (waits_ ? WaitPlusServiceSurvival(
                                              at_limit, wait_rate_, t_s)
                                        : 1 - at_limit.Cdf(t_s));
  }

 private:
  const ReplicaModel& replica_;
  fit::LatencyMetric metric_;
  std::vector<double> weights_;
  double queued_;
  double wait_rate_;
  bool waits_;
};

}  // namespace

OpenLoopState SolveOpenLoop(const ReplicaModel& replica, double rate_rps) {
  OpenLoopState state;
  state.rate_rps = rate_rps;
  const double x_limit = replica.throughputs().back();
  if (!(rate_rps < x_limit)) return state;
  queueing::FlowEquivalentOptions options;
  options.concurrency_limit = replica.concurrency_limit();
  state.fes =
      queueing::SolveFlowEquivalent(replica.throughputs(), rate_rps, options);
  state.stable = true;
  state.queued_probability = state.fes.queueing_probability;
  state.wait_rate_per_s = x_limit - rate_rps;
  return state;
}

double LatencySurvival(const ReplicaModel& replica, const OpenLoopState& state,
                       fit::LatencyMetric metric, double t_s) {
  if (!state.stable) return 1;
  return ArrivalMixture(replica, state, metric).Survival(t_s);
}

double LatencyQuantile(const ReplicaModel& replica, const OpenLoopState& state,
                       fit::LatencyMetric metric, double probability) {
  if (!state.stable) return kInfinity;
  const ArrivalMixture mixture(replica, state, metric);
  const double tail = 1 - probability;
  double low = 0;
  double high = std::max(
      1e-9,
      replica.At(metric, replica.concurrency_limit()).Quantile(probability));
  for (int i = 0; i < 200 && mixture.Survival(high) > tail; ++i) {
    low = high;
    high *= 2;
  }
  for (int i = 0; i < 100 && high - low > 1e-10 * high; ++i) {
    const double mid = 0.5 * (low + high);
    (mixture.Survival(mid) > tail ? low : high) = mid;
  }
  return high;
}

}  // namespace internal

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// base::Estimate{central, -, optimistic, pessimistic} of a quantity that grows
// with load (latency, queue length).
base::Estimate Banded(double central, double optimistic, double pessimistic) {
  return base::Estimate{central, kNaN, std::min(optimistic, central),
                       std::max(pessimistic, central)};
}

}  // namespace

ConcurrencyLimit ChooseConcurrencyLimit(const fit::CapacityModel& model,
                                        int override_limit) {
  if (override_limit < 0) {
    throw std::invalid_argument(
        "concurrency limit must be >= 1 (or 0 for "
        "the model's), got " +
        std::to_string(override_limit));
  }
  ConcurrencyLimit limit;
  if (override_limit > 0) {
    limit.value = override_limit;
    limit.source = "option";
  } else if (model.provenance.server_concurrency_limit > 0) {
    limit.value = model.provenance.server_concurrency_limit;
    limit.source = "server";
  } else {
    limit.value =
        std::max(1, static_cast<int>(std::ceil(model.max_concurrency)));
    limit.source = "measured range";
    limit.note =
        "the server's concurrency limit is unknown: the replica is "
        "capped at the largest measured concurrency, " +
        std::to_string(limit.value) + " (set it with --concurrency-limit)";
  }
  const double n_star = model.requests.params.kappa > 0
                            ? model.requests.Model().PeakConcurrency()
                            : kInfinity;
  if (n_star < limit.value) {
    limit.value = std::max(1, static_cast<int>(std::floor(n_star)));
    limit.source += ", capped at the USL peak";
  }
  return limit;
}

base::Estimate OpenLoopForecast::Latency(fit::LatencyMetric metric,
                                        fit::LatencyQuantile quantile) const {
  const auto& e =
      latency_s[static_cast<int>(metric)][static_cast<int>(quantile)];
  return e ? *e : base::Estimate{kNaN, kNaN, kNaN, kNaN};
}

OpenLoopForecast PredictOpenLoop(const fit::CapacityModel& model,
                                 double rate_rps, int override_limit) {
  if (!std::isfinite(rate_rps) || rate_rps <= 0) {
    throw std::invalid_argument("rate must be finite and > 0 requests/s, got " +
                                internal::FormatNumber(rate_rps));
  }
  OpenLoopForecast f;
  f.rate_rps = rate_rps;
  f.concurrency_limit = ChooseConcurrencyLimit(model, override_limit).value;
  const Band bands[3] = {Band::kCentral, Band::kOptimistic, Band::kPessimistic};
  std::vector<internal::ReplicaModel> replicas;
  std::vector<internal::OpenLoopState> states;
  for (Band band : bands) {
    replicas.emplace_back(model, f.concurrency_limit, band);
    states.push_back(internal::SolveOpenLoop(replicas.back(), rate_rps));
  }
  f.stable = states[0].stable;
  const double served = f.stable ? rate_rps : kNaN;
  f.requests_per_s = {served, kNaN, served, served};
  const double tokens = served * model.mean_output_tokens;
  f.output_tokens_per_s = {tokens, kNaN, tokens, tokens};
  double l[3], q[3];
  for (int b = 0; b < 3; ++b) {
    l[b] = states[b].stable ? states[b].fes.mean_in_system : kInfinity;
    q[b] = states[b].stable ? states[b].queued_probability : 1.0;
  }
  f.mean_concurrency = Banded(l[0], l[1], l[2]);
  f.queueing_probability = Banded(q[0], q[1], q[2]);
  for (fit::LatencyMetric m : fit::kAllLatencyMetrics) {
    if (!replicas[0].HasMetric(m)) continue;
    for (fit::LatencyQuantile qn : fit::kAllLatencyQuantiles) {
      double v[3];
      for (int b = 0; b < 3; ++b) {
        v[b] = internal::LatencyQuantile(replicas[b], states[b], m,
                                         fit::QuantileProbability(qn));
      }
      f.latency_s[static_cast<int>(m)][static_cast<int>(qn)] =
          Banded(v[0], v[1], v[2]);
    }
  }
  return f;
}

}  // namespace loadlaw::plan
