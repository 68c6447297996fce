// The capacity model: fitted against achieved concurrency, validated by its
// own hold-out and residuals, and stored as JSON that predicts exactly like
// the fitted model.

#include "loadlaw/fit/capacity_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "loadlaw/fit/capacity_model_json.h"

namespace loadlaw::fit {
namespace {

using nlohmann::json;

constexpr double kSigma = 0.05;
constexpr double kKappa = 0.0005;
constexpr double kLambda = 10;  // requests/s at N = 1

double TrueThroughput(double n) {
  return kLambda * n / (1 + kSigma * (n - 1) + kKappa * n * (n - 1));
}

// Levels drawn from the law: E2E p50 is Little's N / X(N) (a quadratic in N),
// the upper quantiles multiples of it, TTFT linear, TPOT not measured.
// `noise` scales a deterministic +-1 % wobble.
std::vector<LevelMeasurement> LawLevels(const std::vector<double>& users,
                                        double noise) {
  std::vector<LevelMeasurement> levels;
  for (size_t i = 0; i < users.size(); ++i) {
    const double n = users[i];
    const double wobble = 1 + noise * 0.01 * std::sin(3.0 * i + 1);
    LevelMeasurement l;
    l.configured_concurrency = n;
    l.achieved_concurrency = n * 0.98;
    const double x = TrueThroughput(l.achieved_concurrency) * wobble;
    l.requests_per_s = x;
    l.output_tokens_per_s = 100 * x;
    l.mean_input_tokens = 500;
    l.mean_output_tokens = 100;
    const double r =
        l.achieved_concurrency / TrueThroughput(l.achieved_concurrency);
    const double factors[4] = {1.0, 1.5, 1.7, 2.0};
    for (LatencyQuantile q : kAllLatencyQuantiles) {
      const double f = factors[static_cast<int>(q)];
      l.latency_s.Set(LatencyMetric::kE2e, q, f * r / wobble);
      l.latency_s.Set(LatencyMetric::kTtft, q,
                      f * (0.05 + 0.01 * l.achieved_concurrency) / wobble);
    }
    l.duration_s = 60;
    levels.push_back(l);
  }
  return levels;
}

Provenance TestProvenance() {
  Provenance p;
  p.endpoint = "http://127.0.0.1:8000/v1";
  p.served_model = "loadlaw-sim";
  p.hardware = "h100";
  p.workload_name = "chat";
  p.workload_hash = "abc123";
  p.date = "2025-06-01";
  p.server_concurrency_limit = 64;
  return p;
}

const std::vector<double> kUsers = {1, 2, 4, 8, 16, 24, 32, 48};

TEST(CapacityModelTest, RecoversTheLawFromCleanLevels) {
  const CapacityModel m =
      FitCapacityModel(LawLevels(kUsers, 0), TestProvenance());
  EXPECT_NEAR(m.requests.params.sigma, kSigma, 1e-6);
  EXPECT_NEAR(m.requests.params.kappa, kKappa, 1e-8);
  EXPECT_NEAR(m.requests.params.lambda, kLambda, 1e-5);
  EXPECT_NEAR(m.output_tokens.params.lambda, 100 * kLambda, 1e-3);
  const LatencyCurveFit* p50 =
      m.Curve(LatencyMetric::kE2e, LatencyQuantile::kP50);
  ASSERT_NE(p50, nullptr);
  EXPECT_NEAR(p50->c.value, kKappa / kLambda, 1e-9);
  EXPECT_EQ(m.Curve(LatencyMetric::kTpot, LatencyQuantile::kP99), nullptr);
  EXPECT_DOUBLE_EQ(m.min_concurrency, 0.98);
  EXPECT_DOUBLE_EQ(m.max_concurrency, 48 * 0.98);
  EXPECT_DOUBLE_EQ(m.mean_output_tokens, 100);
  EXPECT_EQ(m.holdout.held_out_levels, 2);
  ASSERT_EQ(m.holdout.points.size(), 2u);
  EXPECT_LT(m.holdout.max_abs_throughput_error, 1e-6);
  EXPECT_LT(m.holdout.max_abs_e2e_p99_error, 1e-6);
  EXPECT_TRUE(m.trust.ok) << m.trust.warnings.front();
  EXPECT_EQ(m.provenance.loadlaw_version, LOADLAW_VERSION);
  const CapacityPrediction at20 = m.Predict(20);
  EXPECT_NEAR(at20.requests_per_s.value, TrueThroughput(20), 1e-5);
  EXPECT_NEAR(at20.Latency(LatencyMetric::kE2e, LatencyQuantile::kP99).value,
              2 * 20 / TrueThroughput(20), 1e-6);
  EXPECT_TRUE(std::isnan(
      at20.Latency(LatencyMetric::kTpot, LatencyQuantile::kP50).value));
}

void ExpectSameEstimate(const base::Estimate& a, const base::Estimate& b,
                        const std::string& what) {
  for (auto [x, y] :
       {std::pair{a.value, b.value}, {a.low, b.low}, {a.high, b.high}}) {
    if (std::isnan(x)) {
      EXPECT_TRUE(std::isnan(y)) << what;
    } else {
      EXPECT_LE(std::abs(x - y), 1e-12 * std::max(1.0, std::abs(x))) << what;
    }
  }
}

TEST(CapacityModelTest, ALoadedModelPredictsExactlyLikeTheFittedOne) {
  const CapacityModel fitted =
      FitCapacityModel(LawLevels(kUsers, 1), TestProvenance());
  const CapacityModel loaded =
      CapacityModelFromJsonText(CapacityModelToJsonText(fitted), "test");
  for (double n : {1.0, 7.5, 30.0, 100.0}) {
    const CapacityPrediction a = fitted.Predict(n);
    const CapacityPrediction b = loaded.Predict(n);
    ExpectSameEstimate(a.requests_per_s, b.requests_per_s, "requests_per_s");
    ExpectSameEstimate(a.output_tokens_per_s, b.output_tokens_per_s, "tokens");
    for (LatencyMetric m : kAllLatencyMetrics) {
      for (LatencyQuantile q : kAllLatencyQuantiles) {
        ExpectSameEstimate(a.Latency(m, q), b.Latency(m, q),
                           LatencyMetricName(m));
      }
    }
  }
  ExpectSameEstimate(fitted.requests.peak_concurrency,
                     loaded.requests.peak_concurrency, "N*");
  EXPECT_EQ(loaded.provenance.hardware, "h100");
  EXPECT_EQ(loaded.provenance.server_concurrency_limit, 64);
  EXPECT_EQ(loaded.levels.size(), kUsers.size());
  EXPECT_EQ(loaded.holdout.points.size(), fitted.holdout.points.size());
  EXPECT_EQ(loaded.trust.ok, fitted.trust.ok);
  EXPECT_EQ(loaded.diagnostics.size(), fitted.diagnostics.size());
  // Writing the loaded model again gives the same text.
  EXPECT_EQ(CapacityModelToJsonText(loaded), CapacityModelToJsonText(fitted));
}

TEST(CapacityModelTest, ALevelsLatencyTableIsWrittenAsInTheModelFile) {
  const CapacityModel model =
      FitCapacityModel(LawLevels(kUsers, 1), TestProvenance());
  const json file = json::parse(CapacityModelToJsonText(model));
  const json table =
      json::parse(LatencyTableToJsonText(model.levels[0].latency_s));
  EXPECT_EQ(table, file["levels"][0]["latency_s"]);
  EXPECT_EQ(LatencyTableToJsonText(LatencyTable()), "{}");  // none measured
}

TEST(CapacityModelTest, AnAmdahlFitKeepsItsInfinitePeakThroughJson) {
  std::vector<LevelMeasurement> levels = LawLevels({1, 2, 4, 8}, 0);
  for (LevelMeasurement& l : levels) {  // kappa = 0: no peak
    l.requests_per_s = kLambda * l.achieved_concurrency /
                       (1 + kSigma * (l.achieved_concurrency - 1));
  }
  CapacityModelOptions options;
  options.fit.law = Law::kAmdahl;
  const CapacityModel fitted = FitCapacityModel(levels, {}, options);
  ASSERT_TRUE(std::isinf(fitted.requests.peak_concurrency.value));
  const std::string text = CapacityModelToJsonText(fitted);
  EXPECT_NE(text.find("\"inf\""), std::string::npos);
  const CapacityModel loaded = CapacityModelFromJsonText(text);
  EXPECT_TRUE(std::isinf(loaded.requests.peak_concurrency.value));
  EXPECT_EQ(loaded.requests.law, Law::kAmdahl);
}

std::string ErrorOf(const std::string& text) {
  try {
    CapacityModelFromJsonText(text, "h100.model.json");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(CapacityModelTest, AMissingFieldNamesItsJsonPointer) {
  const CapacityModel m =
      FitCapacityModel(LawLevels(kUsers, 1), TestProvenance());
  json j = json::parse(CapacityModelToJsonText(m));
  json no_sigma = j;
  no_sigma["throughput"]["requests_per_s"]["params"].erase("sigma");
  EXPECT_EQ(ErrorOf(no_sigma.dump()),
            "h100.model.json: missing field "
            "/throughput/requests_per_s/params/sigma");
  json no_curve_cov = j;
  no_curve_cov["latency_s"]["e2e"]["p99"].erase("covariance");
  EXPECT_EQ(ErrorOf(no_curve_cov.dump()),
            "h100.model.json: missing field /latency_s/e2e/p99/covariance");
  json bad_type = j;
  bad_type["provenance"]["hardware"] = 5;
  EXPECT_EQ(ErrorOf(bad_type.dump()),
            "h100.model.json: /provenance/hardware: expected a string, got "
            "number");
  json bad_level = j;
  bad_level["levels"][3]["requests_per_s"] = "fast";
  EXPECT_NE(ErrorOf(bad_level.dump()).find("/levels/3/requests_per_s"),
            std::string::npos);
  json bad_metric = j;
  bad_metric["latency_s"]["e2x"] = json::object();
  EXPECT_NE(ErrorOf(bad_metric.dump()).find("unknown key 'e2x'"),
            std::string::npos);
}

TEST(CapacityModelTest, TheSchemaIsChecked) {
  EXPECT_EQ(ErrorOf(R"({"schema": "loadlaw.capacity_model/9"})"),
            "h100.model.json: /schema: 'loadlaw.capacity_model/9' is not a "
            "supported schema (expected loadlaw.capacity_model/1)");
  EXPECT_EQ(ErrorOf("{}"), "h100.model.json: missing field /schema");
  EXPECT_NE(ErrorOf("{not json").find("not valid JSON"), std::string::npos);
  EXPECT_THROW(LoadCapacityModel("/nonexistent/x.model.json"),
               std::invalid_argument);
}

TEST(CapacityModelTest, LeavesOutUnsettledAndFailingLevels) {
  std::vector<LevelMeasurement> levels = LawLevels(kUsers, 0);
  levels[7].settled = false;
  levels[6].error_rate = 0.2;
  const CapacityModel m = FitCapacityModel(levels, TestProvenance());
  EXPECT_DOUBLE_EQ(m.max_concurrency, 24 * 0.98);
  EXPECT_EQ(m.requests.num_points, 6);
  ASSERT_GE(m.notes.size(), 2u);
  EXPECT_EQ(m.notes[0],
            "level 6 (concurrency 32) left out: error rate 0.2 above 0.05");
  EXPECT_EQ(m.notes[1], "level 7 (concurrency 48) left out: not settled");
  EXPECT_EQ(m.levels.size(), kUsers.size());  // all kept in the file
}

TEST(CapacityModelTest, TooFewUsableLevelsIsAnErrorThatSaysWhy) {
  std::vector<LevelMeasurement> levels = LawLevels({1, 2, 4, 8}, 0);
  levels[1].settled = false;
  levels[3].settled = false;
  try {
    FitCapacityModel(levels, {});
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(
        std::string(e.what()).find("2 usable levels, the USL needs at least 3"),
        std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find(
                  "level 3 (concurrency 8) left out: not settled"),
              std::string::npos)
        << e.what();
  }
}

TEST(CapacityModelTest, ABadLevelFieldIsNamed) {
  std::vector<LevelMeasurement> levels = LawLevels(kUsers, 0);
  levels[2].requests_per_s = -1;
  EXPECT_THROW(
      {
        try {
          FitCapacityModel(levels, {});
        } catch (const std::invalid_argument& e) {
          EXPECT_NE(std::string(e.what()).find("levels[2].requests_per_s"),
                    std::string::npos)
              << e.what();
          throw;
        }
      },
      std::invalid_argument);
  levels = LawLevels(kUsers, 0);
  levels[1].latency_s.Set(LatencyMetric::kTtft, LatencyQuantile::kP95, -0.1);
  try {
    FitCapacityModel(levels, {});
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("levels[1].latency_s.ttft.p95"),
              std::string::npos)
        << e.what();
  }
}

TEST(CapacityModelTest, SaysPlainlyWhenItShouldNotBeTrusted) {
  const CapacityModel few = FitCapacityModel(LawLevels({1, 2, 4}, 0), {});
  EXPECT_FALSE(few.trust.ok);
  ASSERT_FALSE(few.trust.warnings.empty());
  EXPECT_EQ(few.trust.warnings[0],
            "only 3 settled levels were fitted; at least 4 are needed to "
            "trust the model");
  EXPECT_EQ(few.holdout.held_out_levels, 0);
  // A latency series that jumps around explains nothing.
  std::vector<LevelMeasurement> noisy = LawLevels(kUsers, 0);
  const double jumps[8] = {0.9, 0.2, 1.1, 0.3, 1.4, 0.2, 1.0, 0.5};
  for (size_t i = 0; i < noisy.size(); ++i) {
    noisy[i].latency_s.Set(LatencyMetric::kTtft, LatencyQuantile::kP99,
                           jumps[i]);
  }
  const CapacityModel poor = FitCapacityModel(noisy, {});
  EXPECT_FALSE(poor.trust.ok);
  bool named = false;
  for (const std::string& w : poor.trust.warnings) {
    named |= w.find("ttft.p99: the curve explains the data poorly") == 0;
  }
  EXPECT_TRUE(named);
}

TEST(CapacityModelTest, OptionsAreValidated) {
  CapacityModelOptions options;
  options.holdout_levels = 6;
  EXPECT_THROW(FitCapacityModel(LawLevels(kUsers, 0), {}, options),
               std::invalid_argument);
  options.holdout_levels = -2;
  std::string why;
  EXPECT_FALSE(options.IsValid(&why));
  EXPECT_NE(why.find("holdout_levels"), std::string::npos);
  options = {};
  options.max_error_rate = 2;
  EXPECT_FALSE(options.IsValid(&why));
  EXPECT_EQ(why, "max_error_rate must be in [0, 1], got 2");
}

}  // namespace
}  // namespace loadlaw::fit
