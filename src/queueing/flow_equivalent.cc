// The flow-equivalent server as a birth-death chain: birth rate lambda in
// every state that admits an arrival, death rate X(min(n, K)) in state n.
// Detailed balance gives P(n) proportional to prod_{i=1}^{n} lambda / X(i),
// which for K = 256 and lambda far from X(n) over- or underflows a double, so
// the products are accumulated as logarithms and shifted by their maximum
// before exponentiation. With an unbounded queue the states beyond K form a
// geometric tail P(K + j) = P(K) r^j, r = lambda / X(K) < 1, summed in closed
// form: mass P(K) r / (1 - r), mean excess P(K) r / (1 - r)^2.

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "loadlaw/queueing/flow_equivalent.h"
#include "queueing/checks_internal.h"

namespace loadlaw::queueing {
namespace {

constexpr const char* kWhere = "SolveFlowEquivalent";
// Largest finite queue_limit and largest throughputs.size(); the state vector
// has limit + queue_limit + 1 entries. Use queue_limit -1 (unbounded, with the
// closed-form tail) for anything longer.
constexpr int kMaxQueueLimit = 10000000;
constexpr size_t kMaxConcurrency = 10000000;

// Validates the arguments and returns the concurrency limit K to use.
int CheckFlowEquivalentInput(const std::vector<double>& throughputs,
                             double arrival_rate,
                             const FlowEquivalentOptions& options) {
  if (throughputs.empty()) {
    internal::ThrowInvalid(kWhere, "throughputs is empty (need X(1)..X(K))");
  }
  for (size_t i = 0; i < throughputs.size(); ++i) {
    internal::CheckPositive(kWhere, "throughputs[" + std::to_string(i) + "]",
                            throughputs[i]);
  }
  internal::CheckPositive(kWhere, "arrival_rate", arrival_rate);
  if (throughputs.size() > kMaxConcurrency) {
    internal::ThrowInvalid(kWhere, "throughputs has " +
                                       std::to_string(throughputs.size()) +
                                       " entries, more than " +
                                       std::to_string(kMaxConcurrency));
  }
  const int size = static_cast<int>(throughputs.size());
  if (options.concurrency_limit < 0 || options.concurrency_limit > size) {
    internal::ThrowInvalid(
        kWhere, "options.concurrency_limit must be in [0, " +
                    std::to_string(size) + "] (0 = throughputs.size()), got " +
                    std::to_string(options.concurrency_limit));
  }
  if (options.queue_limit < -1 || options.queue_limit > kMaxQueueLimit) {
    internal::ThrowInvalid(
        kWhere, "options.queue_limit must be -1 (unbounded) or in [0, " +
                    std::to_string(kMaxQueueLimit) + "], got " +
                    std::to_string(options.queue_limit));
  }
  const int limit = options.concurrency_limit == 0 ? size
                                                   : options.concurrency_limit;
  const double top_rate = throughputs[limit - 1];
  if (options.queue_limit == -1 && arrival_rate >= top_rate) {
    internal::ThrowInvalid(
        kWhere, "arrival_rate " + internal::FormatNumber(arrival_rate) +
                    " /s >= X(" + std::to_string(limit) + ") " +
                    internal::FormatNumber(top_rate) +
                    " /s: an unbounded queue has no steady state (saturated)");
  }
  return limit;
}

// Unnormalised P(n), n = 0..last, scaled so that the largest is 1.
std::vector<double> RelativeWeights(const std::vector<double>& throughputs,
                                    double arrival_rate, int limit, int last) {
  std::vector<double> log_weight(last + 1, 0.0);
  const double log_arrival = std::log(arrival_rate);
  for (int n = 1; n <= last; ++n) {
    const double rate = throughputs[std::min(n, limit) - 1];
    log_weight[n] = log_weight[n - 1] + log_arrival - std::log(rate);
  }
  const double peak = *std::max_element(log_weight.begin(), log_weight.end());
  for (double& w : log_weight) w = std::exp(w - peak);
  return log_weight;
}

// Fills loss, throughput, queueing probability and utilization from the
// normalised distribution and tail.
void FillProbabilities(const std::vector<double>& throughputs, int limit,
                       bool unbounded, FlowEquivalentResult& r) {
  const std::vector<double>& p = r.state_probabilities;
  const int last = static_cast<int>(p.size()) - 1;
  r.loss_probability = unbounded ? 0.0 : p[last];
  // PASTA: arrivals see the time-stationary distribution; an admitted
  // arrival waits when it finds n >= K. Sums rather than 1 - P(...) keep
  // full relative precision at both very light and very heavy load.
  double accepted = r.tail_probability;  // P(an arrival is admitted)
  double waits = r.tail_probability;     // P(admitted and n >= K)
  double busy = r.tail_probability;      // P(n > 0)
  double completions = r.tail_probability * throughputs[limit - 1];
  for (int n = 0; n <= last; ++n) {
    if (n < last || unbounded) accepted += p[n];
    if (n >= limit && (n < last || unbounded)) waits += p[n];
    if (n > 0) {
      busy += p[n];
      completions += p[n] * throughputs[std::min(n, limit) - 1];
    }
  }
  // Balance makes completions = arrival_rate * accepted; prefer the exact
  // arrival rate when nothing is lost.
  r.throughput = unbounded ? r.arrival_rate : completions;
  r.queueing_probability = waits / accepted;
  r.utilization = busy;
}

// Fills the means from the normalised distribution (and tail, if any).
void FillMeans(int limit, double ratio, FlowEquivalentResult& r) {
  const std::vector<double>& p = r.state_probabilities;
  double in_service = 0;
  double in_queue = 0;
  for (int n = 1; n < static_cast<int>(p.size()); ++n) {
    in_service += std::min(n, limit) * p[n];
    in_queue += std::max(n - limit, 0) * p[n];
  }
  if (r.tail_probability > 0) {
    in_service += limit * r.tail_probability;
    in_queue += p[limit] * ratio / ((1 - ratio) * (1 - ratio));
  }
  const double in_system = in_service + in_queue;
  r.mean_in_system = in_system;
  r.mean_in_service = in_service;
  r.mean_queue_length = in_queue;
  r.mean_response_time = in_system / r.throughput;
  r.mean_wait = r.mean_queue_length / r.throughput;
}

}  // namespace

FlowEquivalentResult SolveFlowEquivalent(const std::vector<double>& throughputs,
                                         double arrival_rate,
                                         const FlowEquivalentOptions& options) {
  const int limit =
      CheckFlowEquivalentInput(throughputs, arrival_rate, options);
  const bool unbounded = options.queue_limit == -1;
  const int last = unbounded ? limit : limit + options.queue_limit;
  std::vector<double> weights =
      RelativeWeights(throughputs, arrival_rate, limit, last);

  // Tail beyond K (unbounded queue only), relative to the same scale.
  const double ratio = arrival_rate / throughputs[limit - 1];
  const double tail_weight =
      unbounded ? weights[limit] * ratio / (1 - ratio) : 0.0;
  double total = tail_weight;
  for (double w : weights) total += w;
  for (double& w : weights) w /= total;

  FlowEquivalentResult r;
  r.arrival_rate = arrival_rate;
  r.state_probabilities = std::move(weights);
  r.tail_probability = tail_weight / total;
  FillProbabilities(throughputs, limit, unbounded, r);
  FillMeans(limit, ratio, r);
  return r;
}

}  // namespace loadlaw::queueing
