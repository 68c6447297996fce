// BuildReport on a simulator sweep: the headline answers the plan's
// question with the plan's numbers, every chart has data, the three
// renderings carry the same text for every number, and bad inputs are named.

#include "loadlaw/report/report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "loadlaw/report/render.h"
#include "loadlaw/calibrate/calibrate.h"
#include "report/render_internal.h"
#include "report/sim_sweep.h"

namespace loadlaw::testing {
namespace {

using nlohmann::json;
using report::internal::EscapeHtml;

// A stand-in for Chart.js: the renderings are checked here, the drawing by
// tests/python/test_report_browser.py.
constexpr char kFakeChartJs[] = "window.Chart = function () {};";

struct Fixture {
  sweep::SweepFile sweep = SimSweep();
  fit::CapacityModel model = calibrate::FitSweep(sweep);
};

const Fixture& Sim() {
  static const Fixture* fixture = new Fixture();
  return *fixture;
}

report::ReportInputs PlannedInputs() {
  report::ReportInputs inputs;
  inputs.sweep = &Sim().sweep;
  inputs.model = &Sim().model;
  inputs.plan_options = SimPlanOptions();
  inputs.generated_at = "2025-06-02T08:00:00Z";
  return inputs;
}

// Every text the report shows as a number: figures, answer, table cells.
std::vector<std::string> ShownTexts(const json& j) {
  std::vector<std::string> out = {j.at("answer").get<std::string>(),
                                  j.at("question").get<std::string>()};
  for (const json& f : j.at("headline")) {
    out.push_back(f.at("text").get<std::string>());
    out.push_back(f.at("interval_text").get<std::string>());
    out.push_back(f.at("note").get<std::string>());
  }
  for (const json& s : j.at("sections")) {
    for (const json& t : s.at("tables")) {
      for (const json& row : t.at("rows")) {
        for (const json& cell : row)
          out.push_back(cell.at("text").get<std::string>());
      }
    }
  }
  return out;
}

std::string MarkdownCell(std::string text) {
  for (size_t i = text.find('|'); i != std::string::npos;
       i = text.find('|', i + 2)) {
    text.insert(i, "\\");
  }
  return text;
}

TEST(BuildReport, HeadlineCarriesThePlansNumbers) {
  const report::ReportInputs inputs = PlannedInputs();
  const plan::PlanResult plan = plan::Plan(Sim().model, *inputs.plan_options);
  ASSERT_TRUE(plan.feasible) << plan.message;
  const report::Report r = report::BuildReport(inputs);
  const report::Figure* replicas = r.FindFigure("replicas");
  ASSERT_NE(replicas, nullptr);
  EXPECT_EQ(replicas->value, plan.replicas.value);
  EXPECT_EQ(replicas->low, plan.replicas.low);
  EXPECT_EQ(replicas->text,
            std::to_string(static_cast<int>(plan.replicas.value)));
  const report::Figure* cost = r.FindFigure("monthly_cost");
  ASSERT_NE(cost, nullptr);
  EXPECT_DOUBLE_EQ(cost->value, plan.cost.monthly->value);
  EXPECT_EQ(cost->text.front(), '$');
  const report::Figure* n_star = r.FindFigure("saturation_concurrency");
  ASSERT_NE(n_star, nullptr);
  // Saturation is min(N*, the server's limit), as the plan computes it.
  EXPECT_DOUBLE_EQ(n_star->value, plan.saturation.concurrency.value);
  EXPECT_LE(n_star->value, Sim().model.requests.peak_concurrency.value);
  EXPECT_FALSE(n_star->interval_text.empty());
  for (const char* key : {"cost_per_million_output_tokens", "headroom",
                          "peak_throughput", "limited_by", "trust"}) {
    EXPECT_NE(r.FindFigure(key), nullptr) << key;
  }
  EXPECT_NE(r.question.find("200 req/s"), std::string::npos) << r.question;
  EXPECT_NE(r.answer.find(replicas->text), std::string::npos) << r.answer;
  EXPECT_EQ(r.interval_label, "95 % interval");
}

TEST(BuildReport, EveryChartHasData) {
  const report::Report r = report::BuildReport(PlannedInputs());
  for (const char* id :
       {"throughput", "latency_ttft", "latency_tpot", "latency_e2e", "scale",
        "cost_per_token", "holdout", "gauges"}) {
    const report::Chart* chart = r.FindChart(id);
    ASSERT_NE(chart, nullptr) << id;
    EXPECT_GT(chart->FinitePoints(), 0) << id;
    EXPECT_FALSE(chart->x.label.empty()) << id;
    EXPECT_FALSE(chart->y.label.empty()) << id;
  }
  // Growth scenarios: today, x1.5, x2, x4, with growing fleets.
  const report::Chart* scale = r.FindChart("scale");
  ASSERT_TRUE(scale->y2.has_value());
  EXPECT_GT(scale->y2->scale, 0);
  const report::Series& points = scale->series.back();
  ASSERT_EQ(points.y.size(), 4u);
  for (size_t i = 1; i < points.y.size(); ++i)
    EXPECT_GE(points.y[i], points.y[i - 1]);
  // The SLO lines are drawn where their metric is.
  bool has_slo = false;
  for (const report::Series& s : r.FindChart("latency_e2e")->series) {
    has_slo |= s.name == "SLO p99(e2e) < 1.50 s";
  }
  EXPECT_TRUE(has_slo);
}

TEST(Renderings, CarryTheSameNumbers) {
  const report::Report r = report::BuildReport(PlannedInputs());
  const json j = json::parse(report::RenderJson(r));
  const std::string md = report::RenderMarkdown(r);
  const std::string html = report::RenderHtml(r, kFakeChartJs);
  EXPECT_EQ(j.at("schema").get<std::string>(), report::kReportSchema);
  int checked = 0;
  for (const std::string& text : ShownTexts(j)) {
    if (text.empty()) continue;
    EXPECT_NE(md.find(MarkdownCell(text)), std::string::npos) << text;
    EXPECT_NE(html.find(EscapeHtml(text)), std::string::npos) << text;
    ++checked;
  }
  EXPECT_GT(checked, 100);
  // The JSON's numbers are the figures' own.
  const json& first = j.at("headline").at(0);
  EXPECT_EQ(first.at("key").get<std::string>(), "replicas");
  EXPECT_EQ(first.at("value").get<double>(), r.headline[0].value);
}

TEST(Renderings, HtmlChartDataIsTheJsonsChartData) {
  const report::Report r = report::BuildReport(PlannedInputs());
  const std::string html = report::RenderHtml(r, kFakeChartJs);
  const std::string open =
      "<script type=\"application/json\" id=\"loadlaw-data\">";
  const size_t begin = html.find(open);
  ASSERT_NE(begin, std::string::npos);
  const size_t end = html.find("</script>", begin);
  const json page =
      json::parse(html.substr(begin + open.size(), end - begin - open.size()));
  json charts = json::array();
  const json whole = json::parse(report::RenderJson(r));
  for (const json& s : whole.at("sections")) {
    for (const json& c : s.at("charts")) charts.push_back(c);
  }
  EXPECT_EQ(page.at("charts"), charts);
  EXPECT_NE(html.find(kFakeChartJs), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
}

TEST(BuildReport, WithoutAPlanShowsSaturationOnly) {
  report::ReportInputs inputs;
  inputs.sweep = &Sim().sweep;
  inputs.model = &Sim().model;
  const report::Report r = report::BuildReport(inputs);
  EXPECT_EQ(r.FindFigure("replicas"), nullptr);
  EXPECT_NE(r.FindFigure("saturation_concurrency"), nullptr);
  EXPECT_EQ(r.FindChart("scale"), nullptr);
  EXPECT_EQ(r.FindChart("cost_per_token"), nullptr);
  EXPECT_NE(r.question.find("saturate"), std::string::npos);
  EXPECT_FALSE(r.plan.has_value());
  EXPECT_NE(report::RenderMarkdown(r).find("give --demand and --slo"),
            std::string::npos);
}

TEST(BuildReport, WithoutASweepUsesTheModelsLevels) {
  report::ReportInputs inputs = PlannedInputs();
  inputs.sweep = nullptr;
  const report::Report r = report::BuildReport(inputs);
  const report::Chart* throughput = r.FindChart("throughput");
  ASSERT_NE(throughput, nullptr);
  EXPECT_EQ(r.FindChart("gauges"), nullptr);
  EXPECT_NE(report::RenderMarkdown(r).find("No sweep file given"),
            std::string::npos);
}

TEST(BuildReport, InfeasibleSlosAreReportedNotThrown) {
  report::ReportInputs inputs = PlannedInputs();
  inputs.plan_options->slos = {plan::ParseSlo("p99(e2e)<1ms")};
  const report::Report r = report::BuildReport(inputs);
  const report::Figure* replicas = r.FindFigure("replicas");
  ASSERT_NE(replicas, nullptr);
  EXPECT_EQ(replicas->text, "not feasible");
  EXPECT_TRUE(replicas->alert);
  EXPECT_EQ(r.FindFigure("monthly_cost"), nullptr);
  EXPECT_NE(r.answer.find("No load per replica meets the SLOs"),
            std::string::npos);
}

TEST(BuildReport, ErrorsAndGaugesPerLevel) {
  sweep::SweepFile sweep = Sim().sweep;
  telemetry::WindowSummary& top = sweep.levels.back().summary;
  top.errors[static_cast<int>(telemetry::ErrorClass::kTimeout) - 1].count = 3;
  top.failed = 3;
  top.finished += 3;
  report::ReportInputs inputs = PlannedInputs();
  inputs.sweep = &sweep;
  const std::string md = report::RenderMarkdown(report::BuildReport(inputs));
  EXPECT_NE(md.find("timeout 3"), std::string::npos);
  EXPECT_NE(md.find("vllm:num_requests_running"), std::string::npos);
}

TEST(BuildReport, BadInputsAreNamed) {
  report::ReportInputs inputs;
  try {
    report::BuildReport(inputs);
    FAIL() << "no model accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("model"), std::string::npos)
        << e.what();
  }
  inputs = PlannedInputs();
  inputs.growth_factors = {1, -2};
  try {
    report::BuildReport(inputs);
    FAIL() << "negative growth accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("growth_factors[1]"),
              std::string::npos)
        << e.what();
  }
  const report::Report r = report::BuildReport(PlannedInputs());
  EXPECT_THROW(report::RenderHtml(r, ""), std::invalid_argument);
  EXPECT_THROW(report::RenderHtml(r, "x</script>"), std::invalid_argument);
  EXPECT_THROW(report::WriteReport(r, "", kFakeChartJs), std::invalid_argument);
  EXPECT_THROW(report::LoadChartLibrary("/nonexistent/chart.umd.js"),
               std::runtime_error);
}

}  // namespace
}  // namespace loadlaw::testing
