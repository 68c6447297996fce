// `loadlaw compare` as a user (or a deployment gate) runs it, on sweep and
// model files measured on the virtual-time simulator: a 15 % slower step
// exits 1 naming the regression, identical parameters with another seed exit
// 0, and bad input exits 2 with one line.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/run_command.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/fit/capacity_model_json.h"
#include "loadlaw/sweep_file/sweep_file.h"
#include "plan/sim_levels.h"
#include "sweep_file/sim_sweep.h"

namespace loadlaw::testing {
namespace {

using nlohmann::json;

fit::CapacityModel ModelOf(const SimSweepSpec& spec) {
  std::vector<fit::LevelMeasurement> levels;
  for (int users : {1, 2, 4, 8, 16, 32}) {
    sim::SimConfig config = spec.config;
    config.seed = spec.seed;
    levels.push_back(MeasureLevel(config, spec.shape, users, 40 * users + 200,
                                  spec.seed * 131 + users));
  }
  return fit::FitCapacityModel(levels, fit::Provenance{});
}

class CompareCommandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = "/tmp/loadlaw_compare_cli_" + std::to_string(getpid());
    std::system(("mkdir -p " + dir_).c_str());
    sweep::SaveSweepAtomic(SimSweep(NoisySpec(1)), Path("base.sweep.json"));
    sweep::SaveSweepAtomic(SimSweep(NoisySpec(2)), Path("same.sweep.json"));
    sweep::SaveSweepAtomic(SimSweep(NoisySpec(3, 1.15)),
                           Path("slow.sweep.json"));
    sweep::SweepFile open = SimSweep(NoisySpec(4));
    open.provenance.loop = telemetry::LoopKind::kOpen;
    for (sweep::SweepLevel& l : open.levels) l.rate_rps = l.concurrency;
    sweep::SaveSweepAtomic(open, Path("open.sweep.json"));
    fit::SaveCapacityModel(ModelOf(NoisySpec(1)), Path("base.model.json"));
    fit::SaveCapacityModel(ModelOf(NoisySpec(2)), Path("same.model.json"));
    fit::SaveCapacityModel(ModelOf(NoisySpec(3, 1.15)),
                           Path("slow.model.json"));
  }
  static void TearDownTestSuite() { std::system(("rm -rf " + dir_).c_str()); }

  static std::string Path(const std::string& name) { return dir_ + "/" + name; }
  static CommandResult Compare(const std::string& base, const std::string& cand,
                               const std::string& flags = "") {
    return RunLoadlaw("compare " + Path(base) + " " + Path(cand) + " " + flags);
  }
  static void ExpectOneLineError(const CommandResult& r,
                                 const std::string& text) {
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(text), std::string::npos) << r.err;
  }

  static std::string dir_;
};
std::string CompareCommandTest::dir_;

TEST_F(CompareCommandTest, FlagsASlowerStepWithExitStatusOne) {
  const CommandResult r = Compare("base.sweep.json", "slow.sweep.json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("verdict: regression"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("worst: "), std::string::npos);
  EXPECT_NE(r.out.find("users 8"), std::string::npos);
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(CompareCommandTest, PassesIdenticalParametersWithAnotherSeed) {
  const CommandResult r = Compare("base.sweep.json", "same.sweep.json");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("verdict: pass"), std::string::npos) << r.out;
}

TEST_F(CompareCommandTest, JsonCarriesTheVerdictAndTheIntervals) {
  const CommandResult r =
      Compare("base.sweep.json", "slow.sweep.json", "--json");
  EXPECT_EQ(r.exit_code, 1);
  const json j = json::parse(r.out);
  EXPECT_EQ(j.at("kind").get<std::string>(), "sweep");
  EXPECT_EQ(j.at("verdict").get<std::string>(), "regression");
  EXPECT_DOUBLE_EQ(j.at("max_regression").get<double>(), 0.05);
  const json& change = j.at("levels").at(0).at("changes").at(0);
  EXPECT_EQ(change.at("metric").get<std::string>(), "requests_per_s");
  EXPECT_TRUE(change.at("interval").at(0).is_number());
}

TEST_F(CompareCommandTest, AWideThresholdLetsTheSlowerStepPass) {
  const CommandResult r =
      Compare("base.sweep.json", "slow.sweep.json", "--max-regression 60%");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(
      Compare("base.sweep.json", "slow.sweep.json", "--max-regression 0.6")
          .exit_code,
      0);
}

TEST_F(CompareCommandTest, ComparesModels) {
  const CommandResult slow = Compare("base.model.json", "slow.model.json");
  EXPECT_EQ(slow.exit_code, 1) << slow.out << slow.err;
  EXPECT_NE(slow.out.find("requests.lambda"), std::string::npos);
  EXPECT_NE(slow.out.find("verdict: regression"), std::string::npos);
  const CommandResult same =
      Compare("base.model.json", "same.model.json", "--json");
  EXPECT_EQ(same.exit_code, 0) << same.out;
  EXPECT_EQ(json::parse(same.out).at("kind").get<std::string>(), "model");
}

TEST_F(CompareCommandTest, BadInputExitsTwoWithOneLine) {
  ExpectOneLineError(Compare("base.sweep.json", "slow.model.json"),
                     "compare two sweeps or two models");
  ExpectOneLineError(Compare("base.sweep.json", "missing.sweep.json"),
                     "missing.sweep.json");
  ExpectOneLineError(Compare("base.sweep.json", "open.sweep.json"),
                     "the loops differ");
  ExpectOneLineError(
      Compare("base.sweep.json", "same.sweep.json", "--max-regression 5"),
      "--max-regression");
}

}  // namespace
}  // namespace loadlaw::testing
