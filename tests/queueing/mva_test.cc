#include "loadlaw/queueing/mva.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "queueing/expect_invalid.h"

namespace loadlaw::queueing {
namespace {

using testing::ExpectInvalid;

// Exact solution of a closed network by brute force over its product form
// (BCMP): P(n_1..n_K) ~ Z^t / t! prod_k D_k^{n_k} / prod_{j<=n_k} min(j, m_k),
// t = N - sum n_k users thinking. Independent of MVA; fine for small N.
struct ProductForm {
  double throughput = 0;
  std::vector<double> queue_lengths;
};

double LogStationWeight(const Station& s, int n) {
  double w = n * std::log(s.demand_s);
  for (int j = 1; j <= n; ++j) w -= std::log(std::min(j, s.servers));
  return w;
}

void Enumerate(const std::vector<Station>& st, double think_s, int users,
               size_t k, std::vector<int>& n, std::vector<double>& log_w,
               std::vector<std::vector<int>>& states) {
  if (k == st.size()) {
    int placed = 0;
    double w = 0;
    for (size_t i = 0; i < st.size(); ++i) {
      placed += n[i];
      w += LogStationWeight(st[i], n[i]);
    }
    const int thinking = users - placed;
    if (think_s == 0 && thinking > 0) return;
    if (think_s > 0) {
      w += thinking * std::log(think_s) - std::lgamma(thinking + 1.0);
    }
    log_w.push_back(w);
    states.push_back(n);
    return;
  }
  int placed = 0;
  for (size_t i = 0; i < k; ++i) placed += n[i];
  for (n[k] = 0; n[k] <= users - placed; ++n[k]) {
    Enumerate(st, think_s, users, k + 1, n, log_w, states);
  }
}

ProductForm SolveByProductForm(const std::vector<Station>& st, double think_s,
                               int users) {
  std::vector<int> n(st.size(), 0);
  std::vector<double> log_w;
  std::vector<std::vector<int>> states;
  Enumerate(st, think_s, users, 0, n, log_w, states);
  const double peak = *std::max_element(log_w.begin(), log_w.end());
  double total = 0;
  for (double w : log_w) total += std::exp(w - peak);
  ProductForm r;
  r.queue_lengths.assign(st.size(), 0.0);
  for (size_t s = 0; s < states.size(); ++s) {
    const double p = std::exp(log_w[s] - peak) / total;
    for (size_t k = 0; k < st.size(); ++k) {
      r.queue_lengths[k] += p * states[s][k];
    }
    // Station 0 completes min(n_0, m_0) / D_0 cycles per second.
    r.throughput += p * std::min(states[s][0], st[0].servers) / st[0].demand_s;
  }
  return r;
}

void ExpectMatchesProductForm(const std::vector<Station>& st, double think_s,
                              int users) {
  const ProductForm exact = SolveByProductForm(st, think_s, users);
  const MvaResult mva = SolveMva(st, think_s, users);
  EXPECT_NEAR(mva.throughput, exact.throughput, 1e-9 * exact.throughput)
      << "users " << users;
  for (size_t k = 0; k < st.size(); ++k) {
    EXPECT_NEAR(mva.queue_lengths[k], exact.queue_lengths[k], 1e-9 * users)
        << "station " << k << " users " << users;
  }
}

// Little's law over the whole cycle and at each station.
void ExpectLittle(const MvaResult& r, double think_s) {
  EXPECT_NEAR(r.throughput * (r.response_time + think_s), r.users,
              1e-9 * r.users);
  double residence_s = 0;
  for (size_t k = 0; k < r.queue_lengths.size(); ++k) {
    EXPECT_NEAR(r.queue_lengths[k], r.throughput * r.residence_times[k],
                1e-12 * r.users);
    residence_s += r.residence_times[k];
  }
  EXPECT_NEAR(residence_s, r.response_time, 1e-12 * r.response_time);
}

// [P] Lazowska et al., QSP ch. 6 p. 117, from layeredqueuing/V6
// libmva/regression/test0.cc ("Exact MVA" row of goodL); X, R, U [C].
TEST(MvaTest, LazowskaChapter6) {
  const std::vector<Station> st = {
      {"cpu", 0.605}, {"disk1", 2.1}, {"disk2", 1.35}};
  const MvaResult r = SolveMva(st, 15.0, 3);
  EXPECT_EQ(r.users, 3);
  EXPECT_NEAR(r.queue_lengths[0], 0.0976, 1e-3);
  EXPECT_NEAR(r.queue_lengths[1], 0.3947, 1e-3);
  EXPECT_NEAR(r.queue_lengths[2], 0.2350, 1e-3);
  EXPECT_NEAR(r.throughput, 0.151516, 1e-6);
  EXPECT_NEAR(r.response_time, 4.799825, 1e-6);
  EXPECT_NEAR(r.utilizations[0], 0.0917, 1e-4);
  EXPECT_NEAR(r.utilizations[1], 0.3182, 1e-4);
  EXPECT_NEAR(r.utilizations[2], 0.2045, 1e-4);
  ExpectLittle(r, 15.0);
  ExpectMatchesProductForm(st, 15.0, 3);
}

// [P] imperial-qore/line-solver goldens/baselines/cqn_repairmen.json:
// Tput 0.66661, QLen 7.778, RespT 11.668, Util 0.99991; [C] exact
// X 0.666608, R 11.667982, Q 7.777973.
TEST(MvaTest, LineRepairmen) {
  const MvaResult r = SolveMva({{"queue", 1.5}}, 1.0 / 0.3, 10);
  EXPECT_NEAR(r.throughput, 0.666608, 1e-3 * 0.666608);
  EXPECT_NEAR(r.response_time, 11.667982, 1e-3 * 11.667982);
  EXPECT_NEAR(r.queue_lengths[0], 7.777973, 1e-3 * 7.777973);
  EXPECT_NEAR(r.throughput, 0.66661, 5e-6);
  EXPECT_NEAR(r.queue_lengths[0], 7.778, 5e-4);
  EXPECT_NEAR(r.response_time, 11.668, 5e-4);
  EXPECT_NEAR(r.utilizations[0], 0.99991, 5e-6);
}

// [P] DrQz/pdq-qnm-pkg README, "AWS Tomcat Model": 400 users, Z = 0, one
// station of 300 servers, S = 0.444 s: X 675.6757, R 0.5920, queue 400.
TEST(MvaTest, PdqTomcatSaturatedMultiServer) {
  const MvaResult r = SolveMva({{"tomcat", 0.444, 300}}, 0.0, 400);
  EXPECT_NEAR(r.throughput, 675.6757, 1e-4);
  EXPECT_NEAR(r.response_time, 0.5920, 1e-4);
  EXPECT_NEAR(r.queue_lengths[0], 400.0, 1e-9);
  EXPECT_NEAR(r.utilizations[0], 1.0, 1e-12);
  // With Z = 0 all n users sit at the pool: X(n) = min(n, 300) / S exactly,
  // at every n (the subtraction form of p(0) is 20 % off at n = 150).
  const std::vector<MvaResult> series =
      SolveMvaSeries({{"tomcat", 0.444, 300}}, 0.0, 400);
  for (int n = 1; n <= 400; ++n) {
    const double expected = std::min(n, 300) / 0.444;
    EXPECT_NEAR(series[n - 1].throughput, expected, 1e-9 * expected) << n;
  }
  EXPECT_NEAR(series[299].response_time, 0.444, 1e-12);
}

// Finite-source (machine-repairman, Engset-type) birth-death chain: N users,
// each thinking for Z then served at one station of m servers with service
// time D. P(j) ~ N! / (N-j)! (D/Z)^j / prod_{i<=j} min(i, m). Solved here
// directly, as an independent check of the multi-server recursion.
struct FiniteSource {
  double throughput = 0;
  double queue_length = 0;
};

FiniteSource SolveFiniteSource(int users, double think_s, double demand_s,
                               int servers) {
  std::vector<double> log_p(users + 1, 0.0);
  for (int j = 1; j <= users; ++j) {
    log_p[j] = log_p[j - 1] + std::log((users - j + 1) / think_s) -
               std::log(std::min(j, servers) / demand_s);
  }
  const double peak = *std::max_element(log_p.begin(), log_p.end());
  double total = 0;
  for (double w : log_p) total += std::exp(w - peak);
  FiniteSource r;
  for (int j = 0; j <= users; ++j) {
    const double p = std::exp(log_p[j] - peak) / total;
    r.queue_length += j * p;
    r.throughput += std::min(j, servers) / demand_s * p;
  }
  return r;
}

TEST(MvaTest, MultiServerEqualsFiniteSource) {
  struct Case {
    int users;
    double think_s;
    double demand_s;
    int servers;
  };
  for (const Case& c : {Case{10, 5.0, 1.0, 2}, Case{50, 10.0, 2.0, 8},
                        Case{200, 1.0, 0.5, 16}, Case{400, 2.0, 0.444, 300},
                        Case{1000, 20.0, 3.0, 100}, Case{30, 0.5, 4.0, 3},
                        Case{5, 10.0, 1.0, 64}}) {
    const FiniteSource exact =
        SolveFiniteSource(c.users, c.think_s, c.demand_s, c.servers);
    const std::vector<MvaResult> series =
        SolveMvaSeries({{"pool", c.demand_s, c.servers}}, c.think_s, c.users);
    const MvaResult& r = series.back();
    EXPECT_NEAR(r.throughput, exact.throughput, 1e-9 * exact.throughput)
        << c.users << " users, " << c.servers << " servers";
    EXPECT_NEAR(r.queue_lengths[0], exact.queue_length, 1e-9 * c.users)
        << c.users << " users, " << c.servers << " servers";
    ExpectLittle(r, c.think_s);
  }
}

// Multi-server stations inside a network, including a saturated pool beside
// a single server, against the brute-force product form.
TEST(MvaTest, MixedNetworkEqualsProductForm) {
  ExpectMatchesProductForm({{"pool", 2.0, 4}, {"db", 0.3, 1}}, 5.0, 30);
  ExpectMatchesProductForm({{"pool", 4.0, 8}, {"db", 0.2, 1}}, 2.0, 60);
  ExpectMatchesProductForm({{"a", 1.0, 3}, {"b", 0.9, 2}, {"c", 0.1, 1}}, 0.0,
                           25);
  ExpectMatchesProductForm({{"gpu", 1.0, 16}, {"cpu", 0.05, 1}}, 0.0, 80);
}

TEST(MvaTest, WideStationIsADelay) {
  // A station of m servers, m >= N, never queues: R = D at every n <= m.
  const MvaResult wide = SolveMva({{"wide", 2.0, 50}, {"cpu", 0.5}}, 1.0, 20);
  const MvaResult delay_like = SolveMva({{"cpu", 0.5}}, 1.0 + 2.0, 20);
  EXPECT_NEAR(wide.residence_times[0], 2.0, 1e-12);
  EXPECT_NEAR(wide.throughput, delay_like.throughput, 1e-12);
}

TEST(MvaTest, SeriesMatchesSingleSolves) {
  const std::vector<Station> st = {
      {"cpu", 0.02}, {"gpu", 0.15, 4}, {"disk", 0.03}};
  const std::vector<MvaResult> series = SolveMvaSeries(st, 1.0, 60);
  ASSERT_EQ(series.size(), 60u);
  for (int n : {1, 2, 17, 60}) {
    const MvaResult single = SolveMva(st, 1.0, n);
    EXPECT_EQ(series[n - 1].users, n);
    EXPECT_DOUBLE_EQ(series[n - 1].throughput, single.throughput);
    EXPECT_DOUBLE_EQ(series[n - 1].response_time, single.response_time);
  }
  for (size_t i = 1; i < series.size(); ++i) {
    EXPECT_GE(series[i].throughput, series[i - 1].throughput);
    EXPECT_GE(series[i].response_time, series[i - 1].response_time);
    ExpectLittle(series[i], 1.0);
  }
  // Bottleneck bound: X <= m / D of the gpu pool.
  EXPECT_LE(series.back().throughput, 4 / 0.15 + 1e-9);
}

TEST(MvaTest, OneUserSeesNoQueue) {
  const MvaResult r = SolveMva({{"a", 0.2}, {"b", 0.3, 2}}, 4.5, 1);
  EXPECT_NEAR(r.response_time, 0.5, 1e-12);
  EXPECT_NEAR(r.throughput, 1 / 5.0, 1e-12);
}

TEST(MvaTest, BadInput) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  ExpectInvalid([] { SolveMva({}, 1.0, 3); },
                {"SolveMva", "stations", "empty"});
  ExpectInvalid([] { SolveMva({{"a", 1.0}, {"b", 0.0}}, 1.0, 3); },
                {"stations[1].demand_s", "0"});
  ExpectInvalid([] { SolveMva({{"a", -1.0}}, 1.0, 3); },
                {"stations[0].demand_s", "-1"});
  ExpectInvalid([&] { SolveMva({{"a", kNaN}}, 1.0, 3); },
                {"stations[0].demand_s", "nan"});
  ExpectInvalid([] { SolveMva({{"a", 1.0, 0}}, 1.0, 3); },
                {"stations[0].servers", "0"});
  ExpectInvalid([] { SolveMva({{"a", 1.0}}, -1.0, 3); },
                {"think_time_s", "-1"});
  ExpectInvalid([&] { SolveMva({{"a", 1.0}}, kNaN, 3); }, {"think_time_s"});
  ExpectInvalid([] { SolveMva({{"a", 1.0}}, 1.0, 0); }, {"users", "0"});
  ExpectInvalid([] { SolveMvaSeries({{"a", 1.0}}, 1.0, -5); },
                {"SolveMvaSeries", "users", "-5"});
  // 13 load-dependent stations would need 2^13 complement networks.
  const std::vector<Station> many(13, Station{"pool", 0.1, 2});
  ExpectInvalid([&] { SolveMva(many, 1.0, 10); }, {"13 stations", "at most"});
  EXPECT_NO_THROW(SolveMva(many, 1.0, 2));  // servers >= users: delays
}

}  // namespace
}  // namespace loadlaw::queueing
