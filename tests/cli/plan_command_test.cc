// `loadlaw predict` and `loadlaw plan` as a user runs them, on model files the
// test writes: the JSON contract, agreement with the library, comparison of
// several models, and one-line errors with exit status 2.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/run_command.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/fit/capacity_model_json.h"
#include "loadlaw/plan/planner.h"

namespace loadlaw::testing {
namespace {

using nlohmann::json;

// Levels of a replica following the USL (sigma 0.03, kappa 2e-4, 4 req/s at
// N = 1), E2E and TTFT quantiles growing with N by Little's law.
std::vector<fit::LevelMeasurement> Levels(double speed) {
  std::vector<fit::LevelMeasurement> levels;
  int i = 0;
  for (double n : {1, 2, 4, 8, 16, 32, 48}) {
    const double wobble = 1 + 0.01 * std::sin(2.0 * i++);
    const double x =
        speed * 4 * n / (1 + 0.03 * (n - 1) + 2e-4 * n * (n - 1)) * wobble;
    fit::LevelMeasurement l;
    l.configured_concurrency = l.achieved_concurrency = n;
    l.requests_per_s = x;
    l.output_tokens_per_s = 150 * x;
    l.mean_input_tokens = 600;
    l.mean_output_tokens = 150;
    const double factors[4] = {1.0, 1.4, 1.6, 2.0};
    for (fit::LatencyQuantile q : fit::kAllLatencyQuantiles) {
      const double f = factors[static_cast<int>(q)];
      l.latency_s.Set(fit::LatencyMetric::kE2e, q, f * n / x);
      l.latency_s.Set(fit::LatencyMetric::kTtft, q,
                      f * (0.03 + 0.004 * n) / speed);
      l.latency_s.Set(fit::LatencyMetric::kTpot, q, f * n / x / 150);
    }
    levels.push_back(l);
  }
  return levels;
}

class PlanCommandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = "/tmp/loadlaw_plan_cli_" + std::to_string(getpid());
    std::system(("mkdir -p " + dir_).c_str());
    fit::Provenance h100;
    h100.hardware = "h100";
    h100.server_concurrency_limit = 64;
    fit::SaveCapacityModel(fit::FitCapacityModel(Levels(1.0), h100),
                           dir_ + "/h100.model.json");
    fit::Provenance l4 = h100;
    l4.hardware = "l4";
    fit::SaveCapacityModel(fit::FitCapacityModel(Levels(0.3), l4),
                           dir_ + "/l4.model.json");
  }
  static void TearDownTestSuite() { std::system(("rm -rf " + dir_).c_str()); }

  static std::string Model(const std::string& name) {
    return dir_ + "/" + name + ".model.json";
  }

  static json Json(const std::string& args) {
    const CommandResult r = RunLoadlaw(args + " --json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  }

  static std::string dir_;
};

std::string PlanCommandTest::dir_;

TEST_F(PlanCommandTest, PredictGivesEachLevelWithItsInterval) {
  const json j = Json("predict " + Model("h100") + " --concurrency 16,32");
  ASSERT_EQ(j["predictions"].size(), 2u);
  const fit::CapacityModel model = fit::LoadCapacityModel(Model("h100"));
  for (const json& p : j["predictions"]) {
    const double n = p["concurrency"].get<double>();
    const fit::CapacityPrediction want = model.Predict(n);
    EXPECT_EQ(p["mode"].get<std::string>(), "closed_loop");
    EXPECT_NEAR(p["requests_per_s"].get<double>(), want.requests_per_s.value,
                1e-9);
    EXPECT_TRUE(p["output_tokens_per_s"].is_number());
    EXPECT_NEAR(
        p["e2e_p99_s"].get<double>(),
        want.Latency(fit::LatencyMetric::kE2e, fit::LatencyQuantile::kP99)
            .value,
        1e-12);
    EXPECT_TRUE(p["ttft_p95_s"].is_number());
    EXPECT_LT(p["intervals"]["requests_per_s"][0].get<double>(),
              p["requests_per_s"].get<double>());
    EXPECT_GT(p["intervals"]["e2e_p99_s"][1].get<double>(),
              p["e2e_p99_s"].get<double>());
  }
  const json open = Json("predict " + Model("h100") + " --rate 20");
  ASSERT_EQ(open["predictions"].size(), 1u);
  EXPECT_EQ(open["predictions"][0]["mode"].get<std::string>(), "open_loop");
  EXPECT_TRUE(open["predictions"][0]["stable"].get<bool>());
  EXPECT_DOUBLE_EQ(open["predictions"][0]["requests_per_s"].get<double>(), 20);
  const CommandResult text =
      RunLoadlaw("predict " + Model("h100") + " --concurrency 16");
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("concurrency 16 (closed loop)"), std::string::npos);
}

TEST_F(PlanCommandTest, PlanJsonHasTheContractAndMatchesTheLibrary) {
  const json j = Json("plan " + Model("h100") +
                      " --demand 200rps --slo 'p99(e2e)<5s' "
                      "--slo 'p95(ttft)<500ms' --headroom 20% --price 2.50/h "
                      "--replicas 12");
  plan::PlanOptions options;
  options.slos = {plan::ParseSlo("p99(e2e)<5s"),
                  plan::ParseSlo("p95(ttft)<500ms")};
  options.demand = plan::ParseDemand("200rps");
  options.headroom = 0.2;
  options.price_per_replica_hour = 2.5;
  options.current_replicas = 12;
  const plan::PlanResult want =
      plan::Plan(fit::LoadCapacityModel(Model("h100")), options);
  EXPECT_EQ(j["replicas"]["value"].get<double>(), want.replicas.value);
  EXPECT_LE(j["replicas"]["low"].get<double>(), want.replicas.value);
  EXPECT_GE(j["replicas"]["high"].get<double>(), want.replicas.value);
  EXPECT_TRUE(j["saturation"]["concurrency"]["value"].is_number());
  EXPECT_TRUE(j["saturation"]["throughput_rps"]["value"].is_number());
  EXPECT_TRUE(j["per_replica_capacity_rps"]["value"].is_number());
  EXPECT_NEAR(j["cost"]["monthly"]["value"].get<double>(),
              want.replicas.value * 2.5 * 730, 1e-9);
  EXPECT_TRUE(j["cost"]["per_million_output_tokens"]["value"].is_number());
  EXPECT_DOUBLE_EQ(j["headroom"]["sizing_fraction"].get<double>(), 0.2);
  EXPECT_TRUE(j["headroom"]["capacity_ratio"]["value"].is_number());
}

TEST_F(PlanCommandTest, PricingFileAndComparisonNameTheCheapest) {
  const json j = Json("plan " + Model("h100") + " " + Model("l4") +
                      " --demand 12000/min --slo 'p99(e2e)<5s' "
                      "--pricing models/pricing.json");
  ASSERT_EQ(j["plans"].size(), 2u);
  for (const json& p : j["plans"]) {
    EXPECT_TRUE(p["cost"]["priced"].get<bool>());
    EXPECT_FALSE(p["cost"]["api"].empty());
  }
  const int cheapest = j["cheapest_index"].get<int>();
  ASSERT_GE(cheapest, 0);
  const double a = j["plans"][0]["cost"]["monthly"]["value"].get<double>();
  const double b = j["plans"][1]["cost"]["monthly"]["value"].get<double>();
  EXPECT_EQ(cheapest, a <= b ? 0 : 1);
  EXPECT_NE(j["verdict"].get<std::string>().find("is the cheapest option"),
            std::string::npos);
  const CommandResult text = RunLoadlaw(
      "plan " + Model("h100") + " " + Model("l4") +
      " --demand 200rps --slo 'p99(e2e)<5s' --pricing models/pricing.json");
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("replicas "), std::string::npos);
  EXPECT_NE(text.out.find("is the cheapest option meeting the SLOs"),
            std::string::npos);
}

TEST_F(PlanCommandTest, BadInputIsOneLineAndExitTwo) {
  const CommandResult slo = RunLoadlaw("plan " + Model("h100") +
                                       " --demand 200rps --slo 'p99(e2x)<5s'");
  EXPECT_EQ(slo.exit_code, 2);
  EXPECT_EQ(slo.err,
            "loadlaw: error: SLO 'p99(e2x)<5s': unknown metric 'e2x' "
            "(expected e2e, ttft, tpot)\n");
  json broken = json::parse(ReadWholeFile(Model("h100")));
  broken["throughput"]["requests_per_s"]["params"].erase("sigma");
  const std::string path = Model("broken");
  std::ofstream(path) << broken.dump();
  const CommandResult missing =
      RunLoadlaw("predict " + path + " --concurrency 8");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "loadlaw: error: " + path +
                             ": missing field "
                             "/throughput/requests_per_s/params/sigma\n");
  const CommandResult hardware = RunLoadlaw(
      "plan " + Model("h100") +
      " --demand 200rps --slo 'p99(e2e)<5s' --pricing models/pricing.json "
      "--hardware tpu");
  EXPECT_EQ(hardware.exit_code, 2);
  EXPECT_NE(hardware.err.find("has no hardware 'tpu'"), std::string::npos);
  const CommandResult demand =
      RunLoadlaw("plan " + Model("h100") + " --demand 200 --slo 'p99(e2e)<5s'");
  EXPECT_EQ(demand.exit_code, 2);
  EXPECT_NE(demand.err.find("demand '200': missing unit"), std::string::npos);
}

}  // namespace
}  // namespace loadlaw::testing
