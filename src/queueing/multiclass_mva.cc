// Multi-class exact MVA over single-server (queueing) stations:
//   R_ck(n) = D_ck (1 + Q_k(n - e_c)),   X_c(n) = n_c / (Z_c + sum_k R_ck(n)),
//   Q_ck(n) = X_c(n) R_ck(n),            Q_k(n) = sum_c Q_ck(n),
// over every population vector 0 <= n <= N. Vectors are numbered in mixed
// radix (class 0 fastest), so n - e_c always precedes n and one pass in index
// order visits each vector after all the vectors it needs.

#include <string>
#include <vector>

#include "loadlaw/queueing/mva.h"
#include "queueing/checks_internal.h"

namespace loadlaw::queueing {
namespace {

constexpr const char* kWhere = "SolveMulticlassMva";
// Stored doubles (population vectors x stations) beyond which the solve is
// refused: 2^25 doubles are 256 MiB.
constexpr double kMaxStoredValues = 33554432.0;

// Checks class c's row of demands, think time and population.
void CheckClass(const std::vector<std::vector<double>>& demands_s,
                const std::vector<double>& think_times_s,
                const std::vector<int>& populations, size_t c) {
  using internal::ThrowInvalid;
  const size_t stations = demands_s[0].size();
  const std::string row = "demands_s[" + std::to_string(c) + "]";
  if (demands_s[c].size() != stations) {
    ThrowInvalid(kWhere, row + " has " + std::to_string(demands_s[c].size()) +
                             " stations, demands_s[0] has " +
                             std::to_string(stations));
  }
  internal::CheckNonNegative(
      kWhere, "think_times_s[" + std::to_string(c) + "]", think_times_s[c]);
  double total_s = think_times_s[c];
  for (size_t k = 0; k < stations; ++k) {
    internal::CheckNonNegative(kWhere, row + "[" + std::to_string(k) + "]",
                               demands_s[c][k]);
    total_s += demands_s[c][k];
  }
  internal::CheckAtLeast(kWhere, "populations[" + std::to_string(c) + "]",
                         populations[c], 0);
  if (populations[c] > 0 && !(total_s > 0)) {
    ThrowInvalid(kWhere, "class " + std::to_string(c) +
                             " has users but zero think time and zero "
                             "demand everywhere (infinite throughput)");
  }
}

// Validates the arguments; returns the number of population vectors.
size_t CheckMulticlassInput(const std::vector<std::vector<double>>& demands_s,
                            const std::vector<double>& think_times_s,
                            const std::vector<int>& populations) {
  using internal::ThrowInvalid;
  const size_t classes = demands_s.size();
  if (classes == 0) ThrowInvalid(kWhere, "demands_s is empty (no classes)");
  const size_t stations = demands_s[0].size();
  if (stations == 0) {
    ThrowInvalid(kWhere, "demands_s[0] is empty (no stations)");
  }
  if (think_times_s.size() != classes || populations.size() != classes) {
    ThrowInvalid(kWhere, "think_times_s and populations must have one entry "
                         "per class (" + std::to_string(classes) + "), got " +
                             std::to_string(think_times_s.size()) + " and " +
                             std::to_string(populations.size()));
  }
  double vectors = 1;
  for (size_t c = 0; c < classes; ++c) {
    CheckClass(demands_s, think_times_s, populations, c);
    vectors *= populations[c] + 1.0;
  }
  if (vectors * static_cast<double>(stations) > kMaxStoredValues) {
    ThrowInvalid(kWhere, "populations span " + internal::FormatNumber(vectors) +
                             " population vectors, too many for exact MVA");
  }
  return static_cast<size_t>(vectors);
}

// The recursion over population vectors, in index order.
class MulticlassRecursion {
 public:
  MulticlassRecursion(const std::vector<std::vector<double>>& demands_s,
                      const std::vector<double>& think_times_s,
                      const std::vector<int>& populations, size_t vectors)
      : demands_s_(demands_s),
        think_times_s_(think_times_s),
        populations_(populations),
        classes_(demands_s.size()),
        stations_(demands_s[0].size()),
        vectors_(vectors),
        stride_(classes_),
        n_(classes_, 0),
        totals_(vectors * stations_, 0.0),
        throughputs_(classes_, 0.0),
        residence_s_(classes_, std::vector<double>(stations_, 0.0)) {
    for (size_t c = 0, s = 1; c < classes_; s *= populations[c] + 1, ++c) {
      stride_[c] = s;
    }
  }

  // Solves every vector up to the full population N.
  void Run() {
    for (size_t index = 1; index < vectors_; ++index) {
      Advance();
      SolveAt(index);
    }
  }

  // The solution at N (call after Run).
  MulticlassMvaResult Result() const {
    MulticlassMvaResult r;
    r.throughputs = throughputs_;
    r.response_times.assign(classes_, 0.0);
    r.queue_lengths.assign(classes_, std::vector<double>(stations_, 0.0));
    r.utilizations.assign(stations_, 0.0);
    const double* q_full = &totals_[(vectors_ - 1) * stations_];
    for (size_t c = 0; c < classes_; ++c) {
      for (size_t k = 0; k < stations_; ++k) {
        // An empty class reports what one added user would see (arrival
        // theorem: R_c at N + e_c sees the network at N).
        const double residence_s =
            populations_[c] > 0 ? residence_s_[c][k]
                                : demands_s_[c][k] * (1.0 + q_full[k]);
        r.response_times[c] += residence_s;
        r.queue_lengths[c][k] = throughputs_[c] * residence_s;
        r.utilizations[k] += throughputs_[c] * demands_s_[c][k];
      }
    }
    return r;
  }

 private:
  // n_ := the vector with the next index (class 0 counts fastest).
  void Advance() {
    for (size_t c = 0; c < classes_; ++c) {
      if (n_[c] < populations_[c]) {
        ++n_[c];
        return;
      }
      n_[c] = 0;
    }
  }

  // Q_k(n_) into totals_, and the per-class X and R at n_.
  void SolveAt(size_t index) {
    double* q = &totals_[index * stations_];
    for (size_t c = 0; c < classes_; ++c) {
      throughputs_[c] = 0;
      if (n_[c] == 0) continue;
      const double* q_prev = &totals_[(index - stride_[c]) * stations_];
      double cycle_s = think_times_s_[c];
      for (size_t k = 0; k < stations_; ++k) {
        residence_s_[c][k] = demands_s_[c][k] * (1.0 + q_prev[k]);
        cycle_s += residence_s_[c][k];
      }
      throughputs_[c] = n_[c] / cycle_s;
      for (size_t k = 0; k < stations_; ++k) {
        q[k] += throughputs_[c] * residence_s_[c][k];
      }
    }
  }

  const std::vector<std::vector<double>>& demands_s_;
  const std::vector<double>& think_times_s_;
  const std::vector<int>& populations_;
  const size_t classes_;
  const size_t stations_;
  const size_t vectors_;
  std::vector<size_t> stride_;  // index step of one class-c user
  std::vector<int> n_;          // the current population vector
  std::vector<double> totals_;  // [index * stations + k] = Q_k(vector index)
  std::vector<double> throughputs_;               // X_c at n_
  std::vector<std::vector<double>> residence_s_;  // R_ck at n_
};

}  // namespace

MulticlassMvaResult SolveMulticlassMva(
    const std::vector<std::vector<double>>& demands_s,
    const std::vector<double>& think_times_s,
    const std::vector<int>& populations) {
  const size_t vectors =
      CheckMulticlassInput(demands_s, think_times_s, populations);
  MulticlassRecursion mva(demands_s, think_times_s, populations, vectors);
  mva.Run();
  return mva.Result();
}

}  // namespace loadlaw::queueing
