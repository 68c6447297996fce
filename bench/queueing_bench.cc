// Timings of the queueing closed forms a planner calls in its inner loops.
// Each case runs many times; the median wall time per call is reported in
// microseconds (the median resists scheduler noise on a shared machine).
//
//   cmake --build build --target queueing_bench && ./build/bin/queueing_bench

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

#include "loadlaw/queueing/erlang.h"
#include "loadlaw/queueing/flow_equivalent.h"
#include "loadlaw/queueing/mva.h"

namespace {

using Clock = std::chrono::steady_clock;

// Keeps results observable so the optimiser cannot drop the work.
volatile double g_sink = 0;

// Median microseconds per call of `call` over `repetitions` timed runs, each
// of `batch` calls (batches amortise the clock read for the fast cases).
double MedianMicroseconds(const std::function<double()>& call,
                          int repetitions, int batch) {
  for (int i = 0; i < batch; ++i) g_sink = g_sink + call();  // warm up
  std::vector<double> samples_us;
  samples_us.reserve(repetitions);
  for (int r = 0; r < repetitions; ++r) {
    const Clock::time_point start = Clock::now();
    for (int i = 0; i < batch; ++i) g_sink = g_sink + call();
    const std::chrono::duration<double, std::micro> elapsed =
        Clock::now() - start;
    samples_us.push_back(elapsed.count() / batch);
  }
  std::nth_element(samples_us.begin(),
                   samples_us.begin() + samples_us.size() / 2,
                   samples_us.end());
  return samples_us[samples_us.size() / 2];
}

// A USL throughput curve X(n) = lambda n / (1 + sigma (n-1) + kappa n (n-1)).
std::vector<double> UslCurve(int size) {
  constexpr double kLambda = 10.0;
  constexpr double kSigma = 0.05;
  constexpr double kKappa = 0.001;
  std::vector<double> x(size);
  for (int n = 1; n <= size; ++n) {
    x[n - 1] = kLambda * n / (1 + kSigma * (n - 1) + kKappa * n * (n - 1));
  }
  return x;
}

void Report(const char* name, double median_us) {
  std::printf("%-52s %12.3f us\n", name, median_us);
}

}  // namespace

int main() {
  namespace q = loadlaw::queueing;
  const std::vector<double> usl = UslCurve(256);
  Report("flow-equivalent server, K = 256, lambda = 30/s",
         MedianMicroseconds(
             [&] { return q::SolveFlowEquivalent(usl, 30.0, {}).mean_wait; },
             2001, 20));
  q::FlowEquivalentOptions finite;
  finite.queue_limit = 256;
  Report("flow-equivalent server, K = 256, queue 256, 60/s",
         MedianMicroseconds(
             [&] {
               return q::SolveFlowEquivalent(usl, 60.0, finite).mean_wait;
             },
             2001, 20));
  Report("Erlang C, c = 1000, A = 950",
         MedianMicroseconds([] { return q::ErlangC(1000, 950.0); }, 2001, 100));
  const std::vector<q::Station> three = {
      {"cpu", 0.005}, {"gpu", 0.03}, {"net", 0.002}};
  Report("MVA, N = 1000, 3 single-server stations",
         MedianMicroseconds(
             [&] { return q::SolveMva(three, 1.0, 1000).throughput; }, 501, 4));
  const std::vector<q::Station> pooled = {
      {"cpu", 0.005}, {"gpu", 0.3, 16}, {"net", 0.002}};
  Report("MVA, N = 1000, 3 stations, one of 16 servers",
         MedianMicroseconds(
             [&] { return q::SolveMva(pooled, 1.0, 1000).throughput; }, 201,
             2));
  return 0;
}
