// The capacity model and the planner against the ground truth of the
// virtual-time simulator: a model fitted on closed-loop levels of the
// simulator forecasts the levels it never saw, forecasts open-loop latency,
// and plans the replica count that the simulator itself shows to be the
// smallest one meeting the SLOs (equal, or one more when the interval
// straddles).

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/plan/open_loop.h"
#include "loadlaw/plan/planner.h"
#include "loadlaw/plan/slo.h"
#include "plan/sim_levels.h"

namespace loadlaw::testing {
namespace {

using fit::LatencyMetric;
using fit::LatencyQuantile;

constexpr int kMaxNumSeqs = 32;

// A continuous-batching replica: 5 ms a step plus 0.4 ms per sequence, a
// 10 % jitter on the step time, 128-token prompts and 16..112 output tokens.
sim::SimConfig Config() {
  sim::SimConfig c;
  c.engine.max_num_seqs = kMaxNumSeqs;
  c.engine.step_base_ms = 5;
  c.engine.step_per_seq_ms = 0.4;
  c.engine.prefill_per_token_ms = 0.002;
  c.engine.step_per_ctx_token_us = 0.01;
  c.engine.jitter = 0.1;
  return c;
}

sim::RequestShape Shape() {
  sim::RequestShape s;
  s.prompt_tokens = sim::TokenCountDist::Fixed(128);
  s.max_tokens = sim::TokenCountDist::Uniform(16, 112);
  return s;
}

fit::CapacityModel FitLevels(const std::vector<int>& users) {
  std::vector<fit::LevelMeasurement> levels;
  for (int n : users)
    levels.push_back(MeasureLevel(Config(), Shape(), n, 2000));
  fit::Provenance provenance;
  provenance.hardware = "sim";
  provenance.server_concurrency_limit = kMaxNumSeqs;
  return fit::FitCapacityModel(levels, provenance);
}

// The simulator's latency quantiles under Poisson arrivals at rate_rps.
fit::LatencyTable SimulateOpenLoop(double rate_rps) {
  const sim::VirtualLoad load =
      sim::VirtualLoad::OpenLoop(sim::LoadMode::kPoisson, rate_rps, 40000);
  return LatencyQuantiles(
      SteadyRequests(sim::RunVirtual(Config(), Shape(), load)));
}

bool SimulatorMeets(const std::vector<plan::Slo>& slos, double rate_rps) {
  const fit::LatencyTable measured = SimulateOpenLoop(rate_rps);
  for (const plan::Slo& slo : slos) {
    if (measured.Get(slo.metric, slo.quantile) > slo.target_s) return false;
  }
  return true;
}

// The smallest replica count the simulator shows meeting every SLO.
int SimulatorReplicas(const std::vector<plan::Slo>& slos, double demand_rps,
                      int up_to) {
  for (int r = 1; r <= up_to; ++r) {
    if (SimulatorMeets(slos, demand_rps / r)) return r;
  }
  return -1;
}

void ExpectPlanMatchesSimulator(const std::vector<std::string>& slo_texts,
                                double demand_rps) {
  const fit::CapacityModel model = FitLevels({1, 2, 4, 8, 16});
  plan::PlanOptions options;
  for (const std::string& s : slo_texts)
    options.slos.push_back(plan::ParseSlo(s));
  options.demand = plan::ParseDemand(std::to_string(demand_rps) + "rps");
  const plan::PlanResult p = plan::Plan(model, options);
  ASSERT_TRUE(p.feasible) << p.message;
  const int planned = static_cast<int>(p.replicas.value);
  const int simulated =
      SimulatorReplicas(options.slos, demand_rps, planned + 2);
  std::printf("replicas: plan %d [%g, %g] (capacity %.2f rps), simulator %d\n",
              planned, p.replicas.low, p.replicas.high,
              p.per_replica_capacity_rps.value, simulated);
  const bool straddles = p.replicas.low <= simulated;
  EXPECT_TRUE(planned == simulated || (planned == simulated + 1 && straddles))
      << "plan " << planned << " [" << p.replicas.low << ", " << p.replicas.high
      << "], simulator " << simulated;
}

double RelError(double got, double want) { return (got - want) / want; }

TEST(SimOracleTest, PredictsTheUpperLevelsItNeverSaw) {
  const fit::CapacityModel model = FitLevels({1, 2, 4, 8});
  for (int n : {16, 32}) {
    const fit::LevelMeasurement measured =
        MeasureLevel(Config(), Shape(), n, 3000);
    const fit::CapacityPrediction predicted = model.Predict(n);
    const double x_error =
        RelError(predicted.requests_per_s.value, measured.requests_per_s);
    const double p99_error = RelError(
        predicted.Latency(LatencyMetric::kE2e, LatencyQuantile::kP99).value,
        measured.latency_s.Get(LatencyMetric::kE2e, LatencyQuantile::kP99));
    std::printf("N=%d: throughput error %+.2f %%, e2e p99 error %+.2f %%\n", n,
                100 * x_error, 100 * p99_error);
    EXPECT_LT(std::abs(x_error), 0.10) << "N=" << n;
    EXPECT_LT(std::abs(p99_error), 0.20) << "N=" << n;
  }
}

TEST(SimOracleTest, OpenLoopForecastTracksTheSimulator) {
  const fit::CapacityModel model = FitLevels({1, 2, 4, 8, 16});
  const double x_limit = model.requests.Model().Throughput(kMaxNumSeqs);
  for (double load : {0.3, 0.5, 0.7}) {
    const double rate = load * x_limit;
    const plan::OpenLoopForecast f = plan::PredictOpenLoop(model, rate);
    const fit::LatencyTable measured = SimulateOpenLoop(rate);
    for (LatencyQuantile q : {LatencyQuantile::kP50, LatencyQuantile::kP99}) {
      const double error = RelError(f.Latency(LatencyMetric::kE2e, q).value,
                                    measured.Get(LatencyMetric::kE2e, q));
      std::printf("load %.1f: e2e %s error %+.2f %%\n", load,
                  fit::LatencyQuantileName(q), 100 * error);
      EXPECT_LT(std::abs(error), 0.10) << "load " << load;
    }
  }
}

TEST(SimOracleTest, ReplicasForAnE2eSloMatchTheSimulator) {
  ExpectPlanMatchesSimulator({"p99(e2e)<1.5s", "p95(ttft)<500ms"}, 90);
}

TEST(SimOracleTest, ReplicasForATpotSloMatchTheSimulator) {
  ExpectPlanMatchesSimulator({"p90(tpot)<10ms"}, 90);
}

TEST(SimOracleTest, ReplicasForATightE2eSloMatchTheSimulator) {
  ExpectPlanMatchesSimulator({"p99(e2e)<1.2s"}, 150);
}

}  // namespace
}  // namespace loadlaw::testing
