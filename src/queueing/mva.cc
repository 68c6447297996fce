// Single-class exact MVA. Single-server stations use the classic recursion
//   R_k(n) = D_k (1 + Q_k(n-1)).
// A station with m > 1 identical servers is load dependent with rate
// multiplier alpha(j) = min(j, m); its exact residence time needs the
// marginal probabilities p_k(j | n-1) of j jobs present, but only for j < m-1:
//   R_k(n) = D_k / m (1 + Q_k(n-1) + sum_{j=0}^{m-2} (m-1-j) p_k(j | n-1))
//   p_k(j | n) = X(n) D_k / j  p_k(j-1 | n-1),            1 <= j <= m-2
// (the general load-dependent recursion R = D sum_j j/alpha(j) p(j-1 | n-1)
// with the terms for j >= m folded into Q_k(n-1), so a step costs O(m)).
//
// The textbook closes the recursion with p_k(0 | n) = 1 - sum_{j>=1} p_k(j|n)
// (or the equivalent from U_k = E[min(j, m)]). That subtraction is unstable:
// its rounding error is multiplied by X D / j at every later step and grows
// like a binomial coefficient; at 300 servers and 150 users the throughput
// comes out 20 % low. Clamping negatives does not cure it. Instead we use the
// exact identity p_k(0 | n) = G_{-k}(n) / G(n), where G_{-k} is the
// normalising constant of the network without station k, which gives
//   p_k(0 | n) = p_k(0 | n-1) X(n) / X_{-k}(n)
// with X_{-k} the throughput of that complement network: products only. The
// complements are solved by the same code; each subset of the load-dependent
// stations is solved once. A station with m >= N servers never queues and is
// solved as a delay (R = D), which needs no complement.

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "loadlaw/queueing/mva.h"
#include "queueing/checks_internal.h"

namespace loadlaw::queueing {
namespace {

// Load-dependent stations (1 < servers < users) beyond this many would need
// 2^count complement networks.
constexpr int kMaxLoadDependentStations = 12;

using Throughputs = std::vector<double>;  // X(n) at index n - 1

// The recursion's state for a sub-network, advanced one user per Step().
class SingleClassMva {
 public:
  // `members` index into `stations`; complements[i] is X_{-k}(1..N) for the
  // load-dependent member i (nullptr otherwise; empty when the complement
  // holds nobody anywhere: then p(0 | n) = 0 for n >= 1).
  SingleClassMva(const std::vector<Station>& stations,
                 std::vector<size_t> members, double think_time_s,
                 std::vector<const Throughputs*> complements)
      : stations_(stations),
        members_(std::move(members)),
        complements_(std::move(complements)),
        think_time_s_(think_time_s),
        queue_lengths_(members_.size(), 0.0),
        residence_s_(members_.size(), 0.0),
        marginals_(members_.size()) {
    for (size_t i = 0; i < members_.size(); ++i) {
      if (complements_[i] != nullptr) {
        // p(j | 0), j = 0..m-2: empty with certainty.
        marginals_[i].assign(Of(i).servers - 1, 0.0);
        marginals_[i][0] = 1.0;
      }
    }
  }

  // Adds one user; returns X(n) at the new population n.
  double Step() {
    ++n_;
    double total_s = 0;
    for (size_t i = 0; i < members_.size(); ++i) {
      residence_s_[i] = ResidenceTime(i);
      total_s += residence_s_[i];
    }
    throughput_ = n_ / (think_time_s_ + total_s);
    for (size_t i = 0; i < members_.size(); ++i) {
      queue_lengths_[i] = throughput_ * residence_s_[i];
      if (complements_[i] != nullptr) UpdateMarginals(i);
    }
    return throughput_;
  }

  // The solution at the current population, per member.
  MvaResult Result() const {
    MvaResult r;
    r.users = n_;
    r.throughput = throughput_;
    r.residence_times = residence_s_;
    r.queue_lengths = queue_lengths_;
    for (size_t i = 0; i < members_.size(); ++i) {
      r.response_time += residence_s_[i];
      r.utilizations.push_back(throughput_ * Of(i).demand_s / Of(i).servers);
    }
    return r;
  }

 private:
  const Station& Of(size_t i) const { return stations_[members_[i]]; }

  // R(n) of member i from the state at n - 1.
  double ResidenceTime(size_t i) const {
    const Station& station = Of(i);
    if (station.servers == 1) {
      return station.demand_s * (1.0 + queue_lengths_[i]);
    }
    if (complements_[i] == nullptr) return station.demand_s;  // never queues
    const int m = station.servers;
    const std::vector<double>& p = marginals_[i];
    // p(j | n-1) = 0 for j > n-1.
    const int last = std::min(m - 2, n_ - 1);
    double idle_servers = 0;  // E[max(m - 1 - j, 0)] at n - 1
    for (int j = 0; j <= last; ++j) idle_servers += (m - 1 - j) * p[j];
    return station.demand_s / m * (1.0 + queue_lengths_[i] + idle_servers);
  }

  // p(j | n) for j = 0..m-2 from p(j | n-1), in place (downwards in j).
  void UpdateMarginals(size_t i) {
    const Station& station = Of(i);
    std::vector<double>& p = marginals_[i];
    const double busy = throughput_ * station.demand_s;  // X(n) D
    const int top = std::min(station.servers - 2, n_);
    for (int j = top; j >= 1; --j) p[j] = busy / j * p[j - 1];
    const Throughputs& complement = *complements_[i];
    p[0] = complement.empty() ? 0.0 : p[0] * throughput_ / complement[n_ - 1];
  }

  const std::vector<Station>& stations_;
  const std::vector<size_t> members_;
  const std::vector<const Throughputs*> complements_;
  const double think_time_s_;
  int n_ = 0;
  double throughput_ = 0;
  std::vector<double> queue_lengths_;          // Q(n) per member
  std::vector<double> residence_s_;            // R(n) per member
  std::vector<std::vector<double>> marginals_;  // p(j | n), j = 0..m-2
};

// Builds the recursion for a sub-network: every single-server and delay-like
// station plus the load-dependent stations whose bit is set in a mask. The
// complement throughputs each one needs are solved first, once per mask.
class NetworkBuilder {
 public:
  NetworkBuilder(const std::vector<Station>& stations, double think_time_s,
                 int users)
      : stations_(stations), think_time_s_(think_time_s), users_(users) {
    for (size_t k = 0; k < stations.size(); ++k) {
      if (stations[k].servers > 1 && stations[k].servers < users) {
        load_dependent_.push_back(k);
      }
    }
  }

  uint32_t FullMask() const { return (1u << load_dependent_.size()) - 1; }

  // The recursion for the sub-network `mask`, ready to Step().
  SingleClassMva Make(uint32_t mask) {
    std::vector<size_t> members;
    std::vector<const Throughputs*> complements;
    for (size_t k = 0; k < stations_.size(); ++k) {
      const auto it = std::find(load_dependent_.begin(),
                                load_dependent_.end(), k);
      if (it == load_dependent_.end()) {
        members.push_back(k);
        complements.push_back(nullptr);
        continue;
      }
      const uint32_t bit = 1u << (it - load_dependent_.begin());
      if ((mask & bit) == 0) continue;
      members.push_back(k);
      complements.push_back(&ThroughputsOf(mask & ~bit));
    }
    return SingleClassMva(stations_, std::move(members), think_time_s_,
                          std::move(complements));
  }

 private:
  // X(1..N) of sub-network `mask` (empty if it holds no station and Z = 0).
  const Throughputs& ThroughputsOf(uint32_t mask) {
    auto found = cache_.find(mask);
    if (found != cache_.end()) return found->second;
    Throughputs x;
    const bool has_stations =
        mask != 0 || load_dependent_.size() < stations_.size();
    if (has_stations) {
      SingleClassMva mva = Make(mask);
      for (int n = 1; n <= users_; ++n) x.push_back(mva.Step());
    } else if (think_time_s_ > 0) {
      for (int n = 1; n <= users_; ++n) x.push_back(n / think_time_s_);
    }
    return cache_.emplace(mask, std::move(x)).first->second;
  }

  const std::vector<Station>& stations_;
  const double think_time_s_;
  const int users_;
  std::vector<size_t> load_dependent_;  // indices with 1 < servers < users
  std::map<uint32_t, Throughputs> cache_;
};

void CheckSingleClassInput(const char* where,
                           const std::vector<Station>& stations,
                           double think_time_s, int users) {
  if (stations.empty()) {
    internal::ThrowInvalid(where, "stations is empty (need at least one)");
  }
  int load_dependent = 0;
  for (size_t k = 0; k < stations.size(); ++k) {
    const std::string field = "stations[" + std::to_string(k) + "]";
    internal::CheckPositive(where, field + ".demand_s", stations[k].demand_s);
    internal::CheckAtLeast(where, field + ".servers", stations[k].servers, 1);
    if (stations[k].servers > 1 && stations[k].servers < users) {
      ++load_dependent;
    }
  }
  internal::CheckNonNegative(where, "think_time_s", think_time_s);
  internal::CheckAtLeast(where, "users", users, 1);
  if (load_dependent > kMaxLoadDependentStations) {
    internal::ThrowInvalid(
        where, std::to_string(load_dependent) +
                   " stations have 1 < servers < users; exact MVA supports "
                   "at most " + std::to_string(kMaxLoadDependentStations));
  }
}

}  // namespace

MvaResult SolveMva(const std::vector<Station>& stations, double think_time_s,
                   int users) {
  CheckSingleClassInput("SolveMva", stations, think_time_s, users);
  NetworkBuilder builder(stations, think_time_s, users);
  SingleClassMva mva = builder.Make(builder.FullMask());
  for (int n = 1; n <= users; ++n) mva.Step();
  return mva.Result();
}

std::vector<MvaResult> SolveMvaSeries(const std::vector<Station>& stations,
                                      double think_time_s, int users) {
  CheckSingleClassInput("SolveMvaSeries", stations, think_time_s, users);
  NetworkBuilder builder(stations, think_time_s, users);
  SingleClassMva mva = builder.Make(builder.FullMask());
  std::vector<MvaResult> series;
  series.reserve(users);
  for (int n = 1; n <= users; ++n) {
    mva.Step();
    series.push_back(mva.Result());
  }
  return series;
}

}  // namespace loadlaw::queueing
