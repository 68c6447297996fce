// Benchmarks of the fit module: wall time of the fits the CLI and the planner
// run, with everything they compute (several starts, active-set polish,
// covariance, intervals, derived quantities).
//
//   build/bin/fit_bench [repetitions]   # default 2000
//
// Prints, per case, the median, mean and minimum time in microseconds over
// the repetitions (after a short warm-up), and a checksum of the results so
// that the work cannot be optimized away.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>
#include <vector>

#include "loadlaw/fit/latency_curve.h"
#include "loadlaw/fit/model_choice.h"
#include "loadlaw/fit/usl.h"

namespace {

using loadlaw::fit::Observation;

constexpr int kDefaultRepetitions = 2000;
constexpr int kWarmup = 20;

// The first 10 levels of the Cisco benchmark (B. Schwartz, "Practical
// Scalability Analysis with the USL"), queries/s.
std::vector<Observation> CiscoPrefix() {
  const double tput[] = {955.16,  1878.91, 2688.01, 3548.68, 4315.54,
                         5130.43, 5931.37, 6531.08, 7219.8,  7867.61};
  std::vector<Observation> data;
  for (int i = 0; i < 10; ++i) data.push_back({i + 1.0, tput[i], 1.0});
  return data;
}

// N = 1..50 from sigma 0.03, kappa 5e-4, lambda 1000 with 2 % noise.
std::vector<Observation> Synthetic50() {
  std::mt19937 rng(42);
  std::normal_distribution<double> noise(0.0, 0.02);
  const loadlaw::fit::UslModel model({0.03, 5e-4, 1000});
  std::vector<Observation> data;
  for (int n = 1; n <= 50; ++n) {
    data.push_back({double(n), model.Throughput(n) * (1 + noise(rng)), 1.0});
  }
  return data;
}

// p99 latency (s) at 10 levels: 0.2 + 0.01 N + 5e-4 N^2 with 3 % noise.
std::vector<Observation> LatencyQuantiles() {
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0.0, 0.03);
  std::vector<Observation> data;
  for (double n : {1, 2, 4, 8, 12, 16, 24, 32, 48, 64}) {
    const double y = 0.2 + 0.01 * n + 5e-4 * n * n;
    data.push_back({n, y * (1 + noise(rng)), 1.0});
  }
  return data;
}

// Times `run` (which returns a number to fold into the checksum).
template <typename Run>
void Measure(const char* name, int repetitions, Run run, double* checksum) {
  for (int i = 0; i < kWarmup; ++i) *checksum += run();
  std::vector<double> micros;
  micros.reserve(repetitions);
  for (int i = 0; i < repetitions; ++i) {
    const auto start = std::chrono::steady_clock::now();
    *checksum += run();
    const auto stop = std::chrono::steady_clock::now();
    micros.push_back(
        std::chrono::duration<double, std::micro>(stop - start).count());
  }
  std::sort(micros.begin(), micros.end());
  const double mean =
      std::accumulate(micros.begin(), micros.end(), 0.0) / micros.size();
  std::printf("%-40s median %8.1f us   mean %8.1f us   min %8.1f us\n", name,
              micros[micros.size() / 2], mean, micros.front());
}

}  // namespace

int main(int argc, char** argv) {
  const int repetitions = argc > 1 ? std::atoi(argv[1]) : kDefaultRepetitions;
  if (repetitions < 1) {
    std::fprintf(stderr, "usage: fit_bench [repetitions >= 1]\n");
    return 2;
  }
  const std::vector<Observation> cisco10 = CiscoPrefix();
  const std::vector<Observation> synthetic50 = Synthetic50();
  const std::vector<Observation> latency = LatencyQuantiles();
  double checksum = 0;
  std::printf("fit_bench: %d repetitions per case\n", repetitions);
  Measure(
      "FitUsl, intervals, 10 points", repetitions,
      [&] { return loadlaw::fit::FitUsl(cisco10).peak_concurrency.high; },
      &checksum);
  Measure(
      "FitUsl, intervals, 50 points", repetitions,
      [&] { return loadlaw::fit::FitUsl(synthetic50).peak_concurrency.high; },
      &checksum);
  Measure(
      "CompareLaws (usl, amdahl, linear), 10 pts", repetitions,
      [&] { return loadlaw::fit::CompareLaws(cisco10).delta_aic.back(); },
      &checksum);
  Measure(
      "FitLatencyCurve, intervals, 10 points", repetitions,
      [&] { return loadlaw::fit::FitLatencyCurve(latency).c.high; }, &checksum);
  std::printf("checksum %.6g\n", checksum);
  return 0;
}
