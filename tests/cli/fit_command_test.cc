// `loadlaw fit` as a user runs it: published fits reproduced through the
// binary, the JSON contract, and one-line errors with a non-zero exit.

#include <cmath>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/run_command.h"
#include "loadlaw/sweep_file/sweep_file.h"
#include "sweep_file/sim_sweep.h"

namespace loadlaw::testing {
namespace {

using nlohmann::json;

json FitJson(const std::string& args) {
  const CommandResult r = RunLoadlaw("fit " + args + " --json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

double RelError(double got, double want) {
  return std::abs(got - want) / std::abs(want);
}

// R package usl, README and tests/peak-scalability.R (specsdm91).
TEST(FitCommandTest, SpecSdm91MatchesThePublishedFit) {
  const json j = FitJson("models/examples/specsdm91.csv");
  EXPECT_LT(RelError(j["params"]["sigma"].get<double>(), 0.02772848), 1e-4);
  EXPECT_LT(RelError(j["params"]["kappa"].get<double>(), 1.043655e-4), 1e-4);
  EXPECT_LT(RelError(j["params"]["lambda"].get<double>(), 89.99523), 1e-4);
  EXPECT_LT(RelError(j["peak"]["concurrency"].get<double>(), 96.51956), 1e-4);
  EXPECT_LT(RelError(j["stderr"]["sigma"].get<double>(), 0.0091217), 1e-3);
  EXPECT_LT(j["peak"]["concurrency_low"].get<double>(), 96.51956);
  EXPECT_GT(j["peak"]["concurrency_high"].get<double>(), 96.51956);
  EXPECT_EQ(j["law"].get<std::string>(), "usl");
  EXPECT_EQ(j["preferred_law"].get<std::string>(), "usl");
  EXPECT_EQ(j["limited_by"].get<std::string>(), "contention");
  EXPECT_TRUE(j["sse"].is_number());
  EXPECT_TRUE(j["aic"].is_number());
  EXPECT_EQ(j["predictions"].size(), 7u);
  EXPECT_TRUE(j["warnings"].empty());  // 7 distinct levels: nothing to warn
}

// Schwartz, "Practical Scalability Analysis with the USL": the fit on the
// first 10 Cisco levels forecasts X(20) ~= 12,572.
TEST(FitCommandTest, CiscoHoldoutForecastsTheHeldOutLevels) {
  const json j = FitJson("models/examples/cisco.csv --holdout 22");
  EXPECT_LT(RelError(j["params"]["lambda"].get<double>(), 995.6486), 2e-4);
  EXPECT_LT(RelError(j["params"]["sigma"].get<double>(), 0.02671591), 2e-4);
  EXPECT_LT(RelError(j["params"]["kappa"].get<double>(), 0.0007690945), 2e-4);
  ASSERT_EQ(j["holdout"].size(), 22u);
  EXPECT_EQ(j["holdout_fit"]["points"].get<int>(), 10);
  bool saw_20 = false;
  for (const json& p : j["holdout"]) {
    const double measured = p["measured"].get<double>();
    const double predicted = p["predicted"].get<double>();
    EXPECT_NEAR(p["rel_error"].get<double>(),
                (predicted - measured) / measured, 1e-12);
    if (p["n"].get<double>() == 20) {
      saw_20 = true;
      EXPECT_LT(RelError(predicted, 12572), 5e-4);
    }
  }
  EXPECT_TRUE(saw_20);
}

// Full raytracer data: the coherency term ends on its bound 0, so Amdahl's
// law explains the data as well with one parameter fewer.
TEST(FitCommandTest, RaytracerPrefersAmdahl) {
  const json j = FitJson("models/examples/raytracer.csv");
  EXPECT_TRUE(j["kappa_at_bound"].get<bool>());
  EXPECT_EQ(j["params"]["kappa"].get<double>(), 0.0);
  EXPECT_LE(j["sse"].get<double>(), 697.25);
  EXPECT_EQ(j["preferred_law"].get<std::string>(), "amdahl");
  EXPECT_TRUE(j["peak"]["concurrency"].is_null());  // N* is infinite
}

TEST(FitCommandTest, ColumnsByNameAndHumanSummary) {
  const CommandResult r = RunLoadlaw(
      "fit models/examples/oracledb.csv --x db_time --y txn_rate");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("peak concurrency N*"), std::string::npos);
  EXPECT_NE(r.out.find("law comparison"), std::string::npos);
}

TEST(FitCommandTest, ErrorsAreOneLineAndExitNonZero) {
  struct Case {
    std::string args;
    std::string says;
  };
  const Case cases[] = {
      {"fit no/such/file.csv", "cannot open"},
      {"fit models/examples/cisco.csv --y nope", "no column 'nope'"},
      {"fit models/examples/cisco.csv --law cubic", "--law: 'cubic'"},
      {"fit models/examples/cisco.csv --confidence 1.5", "confidence"},
      {"fit models/examples/cisco.csv --holdout 31", "holdout"},
  };
  for (const Case& c : cases) {
    const CommandResult r = RunLoadlaw(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.args << ": " << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "not one line: " << r.err;
  }
}

TEST(FitCommandTest, TooFewPointsIsRefused) {
  const std::string path = ::testing::TempDir() + "two_points.csv";
  FILE* f = std::fopen(path.c_str(), "w");
  std::fputs("n,x\n1,10\n2,19\n", f);
  std::fclose(f);
  const CommandResult r = RunLoadlaw("fit " + path);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("3"), std::string::npos) << r.err;
}

TEST(FitCommandTest, FewPointsWarnThatTheFitIsWeak) {
  const std::string path = ::testing::TempDir() + "four_points.csv";
  FILE* f = std::fopen(path.c_str(), "w");
  std::fputs("n,x\n1,10\n2,19\n4,33\n8,50\n", f);
  std::fclose(f);
  const CommandResult r = RunLoadlaw("fit " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("warning:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("weakly"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace loadlaw::testing

// Sweep files the capacity model cannot be fitted to are refused with one
// line that says why.
namespace loadlaw::testing {
namespace {

std::string WriteSweep(const std::string& name, const sweep::SweepFile& s) {
  const std::string path = ::testing::TempDir() + name;
  sweep::SaveSweepAtomic(s, path);
  return path;
}

TEST(FitSweepCommandTest, TooFewLevelsAllErrorsAndMissingFieldsAreNamed) {
  SimSweepSpec spec = NoisySpec(3);
  spec.window_s = 10;
  spec.users = {1, 2};
  CommandResult r = RunLoadlaw("fit " + WriteSweep("two.sweep.json", SimSweep(spec)));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("3"), std::string::npos) << r.err;

  spec.users = {1, 2, 4, 8};
  sweep::SweepFile failing = SimSweep(spec);
  for (sweep::SweepLevel& l : failing.levels) {
    l.summary.failed = l.summary.finished;  // every request failed
  }
  r = RunLoadlaw("fit " + WriteSweep("errors.sweep.json", failing));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "not one line: " << r.err;

  nlohmann::json j = sweep::SweepToJson(SimSweep(spec));
  j["levels"][2]["summary"]["concurrency"].erase("achieved");
  const std::string broken = ::testing::TempDir() + "broken.sweep.json";
  FILE* f = std::fopen(broken.c_str(), "w");
  std::fputs(j.dump().c_str(), f);
  std::fclose(f);
  r = RunLoadlaw("fit " + broken);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/levels/2/summary/concurrency/achieved"),
            std::string::npos)
      << r.err;

  r = RunLoadlaw("fit " + WriteSweep("good.sweep.json", SimSweep(spec)) +
                 " --out " + ::testing::TempDir() + "good.model.json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("model written to"), std::string::npos);
}

}  // namespace
}  // namespace loadlaw::testing
