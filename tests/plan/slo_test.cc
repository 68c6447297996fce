// Parsing what the user writes: SLOs, demand, headroom and prices, with
// errors that name the part that is wrong.

#include "loadlaw/plan/slo.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "loadlaw/plan/demand.h"

namespace loadlaw::plan {
namespace {

using fit::LatencyMetric;
using fit::LatencyQuantile;

template <typename F>
std::string ErrorOf(F f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(SloTest, ParsesQuantileMetricAndBound) {
  const Slo a = ParseSlo("p99(e2e)<5s");
  EXPECT_EQ(a.metric, LatencyMetric::kE2e);
  EXPECT_EQ(a.quantile, LatencyQuantile::kP99);
  EXPECT_DOUBLE_EQ(a.target_s, 5);
  EXPECT_EQ(a.text, "p99(e2e)<5s");
  EXPECT_DOUBLE_EQ(a.Probability(), 0.99);
  const Slo b = ParseSlo(" P95( TTFT ) <= 500ms");
  EXPECT_EQ(b.metric, LatencyMetric::kTtft);
  EXPECT_EQ(b.quantile, LatencyQuantile::kP95);
  EXPECT_DOUBLE_EQ(b.target_s, 0.5);
  const Slo c = ParseSlo("p90(tpot)<50ms");
  EXPECT_EQ(c.metric, LatencyMetric::kTpot);
  EXPECT_DOUBLE_EQ(c.target_s, 0.05);
  EXPECT_DOUBLE_EQ(ParseSlo("p50(ttft)<250us").target_s, 250e-6);
  EXPECT_EQ(ParseSlo("p50(e2e)<1.5s").Describe(), "p50(e2e) < 1.5 s");
}

TEST(SloTest, ErrorsNameTheBadPart) {
  EXPECT_EQ(ErrorOf([] { ParseSlo("p99(e2x)<5s"); }),
            "SLO 'p99(e2x)<5s': unknown metric 'e2x' (expected e2e, ttft, "
            "tpot)");
  EXPECT_EQ(ErrorOf([] { ParseSlo("p98(e2e)<5s"); }),
            "SLO 'p98(e2e)<5s': unknown statistic 'p98' (expected p50, p90, "
            "p95, p99)");
  EXPECT_EQ(ErrorOf([] { ParseSlo("mean(e2e)<2s"); }),
            "SLO 'mean(e2e)<2s': statistic 'mean' is not supported: the model "
            "fits quantiles (expected p50, p90, p95, p99)");
  EXPECT_EQ(ErrorOf([] { ParseSlo("p99(e2e)<5min"); }),
            "SLO 'p99(e2e)<5min': unknown unit 'min' (expected us, ms, s)");
  EXPECT_EQ(ErrorOf([] { ParseSlo("p99(e2e)<5"); }),
            "SLO 'p99(e2e)<5': missing unit after '5' (expected us, ms, s)");
  EXPECT_EQ(ErrorOf([] { ParseSlo("p99(e2e)<fast"); }),
            "SLO 'p99(e2e)<fast': bad value 'fast' (expected a number with a "
            "unit, e.g. 5s or 500ms)");
  EXPECT_EQ(ErrorOf([] { ParseSlo("p99(e2e)5s"); }),
            "SLO 'p99(e2e)5s': missing '<' after 'p99(e2e)'");
  EXPECT_EQ(ErrorOf([] { ParseSlo("p99(e2e)>5s"); }),
            "SLO 'p99(e2e)>5s': comparison '>' is not supported: an SLO "
            "bounds latency from above (use '<')");
  EXPECT_EQ(ErrorOf([] { ParseSlo("p99(e2e<5s"); }),
            "SLO 'p99(e2e<5s': missing ')' after the metric");
  EXPECT_EQ(ErrorOf([] { ParseSlo("e2e<5s"); }),
            "SLO 'e2e<5s': expected the form STAT(METRIC)<VALUE, e.g. "
            "p99(e2e)<5s");
  EXPECT_EQ(ErrorOf([] { ParseSlo("p99()<5s"); }),
            "SLO 'p99()<5s': missing metric between '(' and ')'");
  EXPECT_EQ(ErrorOf([] { ParseSlo("p99(e2e)<0s"); }),
            "SLO 'p99(e2e)<0s': target must be > 0, got 0");
}

TEST(DemandTest, ParsesRequestAndTokenRates) {
  EXPECT_DOUBLE_EQ(ParseDemand("200rps").per_s, 200);
  EXPECT_DOUBLE_EQ(ParseDemand("200/s").per_s, 200);
  EXPECT_DOUBLE_EQ(ParseDemand("200 req/s").per_s, 200);
  EXPECT_DOUBLE_EQ(ParseDemand("12000/min").per_s, 200);
  EXPECT_DOUBLE_EQ(ParseDemand("12000rpm").per_s, 200);
  EXPECT_DOUBLE_EQ(ParseDemand("720000/h").per_s, 200);
  const Demand tokens = ParseDemand("5000tok/s");
  EXPECT_EQ(tokens.unit, Demand::Unit::kOutputTokens);
  EXPECT_DOUBLE_EQ(tokens.RequestsPerS(250), 20);
  EXPECT_DOUBLE_EQ(ParseDemand("300000 tokens/min").RequestsPerS(100), 50);
  EXPECT_EQ(ParseDemand("200rps").unit, Demand::Unit::kRequests);
  EXPECT_DOUBLE_EQ(ParseDemand("200rps").RequestsPerS(0), 200);
}

TEST(DemandTest, ErrorsNameTheBadPart) {
  EXPECT_EQ(ErrorOf([] { ParseDemand("200"); }),
            "demand '200': missing unit after the number (e.g. rps, /min, "
            "tok/s)");
  EXPECT_EQ(ErrorOf([] { ParseDemand("200/day"); }),
            "demand '200/day': unknown unit '/day' (expected rps, rpm, /s, "
            "/min, /h, req/s, tok/s, tokens/min, ...)");
  EXPECT_EQ(ErrorOf([] { ParseDemand("lots"); }),
            "demand 'lots': expected a number and a rate, e.g. 200rps, "
            "12000/min or 5000tok/s");
  EXPECT_EQ(ErrorOf([] { ParseDemand("0rps"); }),
            "demand '0rps': must be > 0, got 0");
  EXPECT_THROW(ParseDemand("5000tok/s").RequestsPerS(0), std::invalid_argument);
}

TEST(HeadroomTest, TakesPercentOrFraction) {
  EXPECT_DOUBLE_EQ(ParseHeadroom("20%"), 0.2);
  EXPECT_DOUBLE_EQ(ParseHeadroom("0.2"), 0.2);
  EXPECT_DOUBLE_EQ(ParseHeadroom("0"), 0);
  EXPECT_DOUBLE_EQ(ParseHeadroom("150%"), 1.5);
  EXPECT_EQ(ErrorOf([] { ParseHeadroom("20"); }),
            "headroom '20': a bare number above 1 is ambiguous: write 20% or "
            "0.2");
  EXPECT_EQ(ErrorOf([] { ParseHeadroom("-5%"); }),
            "headroom '-5%': must be >= 0");
  EXPECT_EQ(ErrorOf([] { ParseHeadroom("20pc"); }),
            "headroom '20pc': unexpected 'pc' after the number");
}

TEST(PriceTest, TakesAPricePerHour) {
  EXPECT_DOUBLE_EQ(ParsePricePerHour("2.50/h"), 2.5);
  EXPECT_DOUBLE_EQ(ParsePricePerHour("$2.50/h"), 2.5);
  EXPECT_DOUBLE_EQ(ParsePricePerHour("2.5 /hr"), 2.5);
  EXPECT_DOUBLE_EQ(ParsePricePerHour("2.5"), 2.5);
  EXPECT_EQ(ErrorOf([] { ParsePricePerHour("2.5/month"); }),
            "price '2.5/month': unknown unit '/month' (expected /h)");
  EXPECT_EQ(ErrorOf([] { ParsePricePerHour("-1/h"); }),
            "price '-1/h': must be >= 0");
}

}  // namespace
}  // namespace loadlaw::plan
