// The cost sections: replicas and monthly cost against demand (today's and
// the growth scenarios, each re-planned), and the cost of a million output
// tokens against the load one replica carries (with hosted APIs beside it).

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "report/build_internal.h"
#include "report/format_internal.h"

namespace loadlaw::report::internal {
namespace {

constexpr int kDemandPoints = 40;

std::string ScenarioName(double factor) {
  return FormatFactor(factor) + (factor == 1 ? " (today)" : "");
}

std::vector<Cell> ScenarioRow(const Scenario& s, const std::string& cur) {
  const plan::PlanResult& p = s.plan;
  std::vector<Cell> row = {
      TextCell(ScenarioName(s.factor)),
      NumberCell(p.demand.requests_per_s,
                 base::FormatGrouped(p.demand.requests_per_s) + " req/s")};
  if (!p.feasible) {
    row.push_back(TextCell("not feasible"));
    for (int i = 0; i < 3; ++i) row.push_back(TextCell("–"));
    return row;
  }
  row.push_back(NumberCell(p.replicas.value,
                           WithInterval(base::FormatCount(p.replicas.value),
                                        FormatInterval(p.replicas, true))));
  if (p.cost.monthly) {  // priced (and feasible)
    const double monthly = p.cost.monthly->value;
    const double per_m = p.cost.per_million_output_tokens->value;
    row.push_back(NumberCell(monthly, FormatMoney(monthly, cur)));
    row.push_back(NumberCell(per_m, FormatMoney(per_m, cur)));
  } else {
    row.push_back(TextCell("not priced"));
    row.push_back(TextCell("not priced"));
  }
  const double utilization = p.operating_point.utilization;
  row.push_back(NumberCell(utilization, FormatPercent(utilization)));
  return row;
}

Table ScenarioTable(const Context& c) {
  Table t;
  t.id = "scenarios";
  t.title = "Growth scenarios";
  t.columns = {"Scenario",
               "Demand",
               "Replicas",
               "Monthly cost",
               "Per 1M output tokens",
               "Utilisation"};
  for (const Scenario& s : c.scenarios) {
    t.rows.push_back(ScenarioRow(s, c.currency));
  }
  t.caption =
      "Each scenario is planned afresh with the same SLOs and "
      "headroom; utilisation is of one replica's SLO capacity.";
  return t;
}

// Replicas against demand from a quarter of today's up to past the largest
// scenario, each point a full plan.
Chart ScaleChart(const Context& c) {
  const plan::PlanOptions& base = *c.inputs->plan_options;
  double top_factor = 1;
  for (const Scenario& s : c.scenarios) {
    top_factor = std::max(top_factor, s.factor);
  }
  Chart chart;
  chart.id = "scale";
  chart.title = "Replicas and monthly cost against demand";
  chart.x.label = "Demand (req/s)";
  chart.y.label = "Replicas";
  Series band = MakeSeries("Replicas interval", SeriesKind::kBand, "blue");
  Series line = MakeSeries("Replicas", SeriesKind::kLine, "blue");
  band.stepped = line.stepped = true;
  for (double f : Grid(0.1 * top_factor, 1.1 * top_factor, kDemandPoints)) {
    plan::PlanOptions options = base;
    options.demand.per_s *= f;
    const plan::PlanResult p = plan::Plan(*c.model, options);
    if (!p.feasible) continue;
    line.x.push_back(p.demand.requests_per_s);
    line.y.push_back(p.replicas.value);
    band.x.push_back(p.demand.requests_per_s);
    band.y_low.push_back(p.replicas.low);
    band.y_high.push_back(p.replicas.high);
  }
  chart.series = {band, line};
  Series points = MakeSeries("Scenarios", SeriesKind::kPoints, "orange");
  for (const Scenario& s : c.scenarios) {
    if (!s.plan.feasible) continue;
    points.x.push_back(s.plan.demand.requests_per_s);
    points.y.push_back(s.plan.replicas.value);
  }
  chart.series.push_back(points);
  if (c.Priced()) {
    Axis cost;
    cost.label = "Monthly cost (" + CurrencyLabel(c.currency) + ")";
    cost.scale =
        *c.plan->cost.price_per_replica_hour * c.plan->cost.hours_per_month;
    chart.y2 = cost;
  }
  chart.caption =
      "Each point of the curve is a plan for that demand; the "
      "band spans the optimistic and pessimistic ends of the "
      "model's intervals. The right axis prices the replicas.";
  return chart;
}

Chart CostChart(const Context& c) {
  const plan::PlanResult& p = *c.plan;
  const fit::UslFit& tokens = c.model->output_tokens;
  const double per_hour = *p.cost.price_per_replica_hour;
  Chart chart;
  chart.id = "cost_per_token";
  chart.title = "Cost per 1M output tokens against load";
  chart.x.label = "Concurrency per replica (requests in flight)";
  chart.y.label =
      "Cost per 1M output tokens (" + CurrencyLabel(c.currency) + ")";
  Series band = MakeSeries("95 % band", SeriesKind::kBand, "green");
  Series line =
      MakeSeries("A replica kept at N in flight", SeriesKind::kLine, "green");
  auto cost = [&](double tok_per_s) {
    return per_hour * 1e6 / (3600 * tok_per_s);
  };
  double high = 0, low = INFINITY;
  for (double n : Grid(1, std::max(2.0, c.ChartMaxConcurrency()), 80)) {
    const base::Estimate x = tokens.PredictThroughput(n);
    line.x.push_back(n);
    line.y.push_back(cost(x.value));
    band.x.push_back(n);
    band.y_low.push_back(x.high > 0 ? cost(x.high) : NAN);
    band.y_high.push_back(x.low > 0 ? cost(x.low) : NAN);
    high = std::max(high, cost(x.value));
    low = std::min(low, cost(x.value));
  }
  chart.series = {band, line};
  if (p.feasible) {
    Series point = MakeSeries("The plan", SeriesKind::kPoints, "orange");
    point.x = {p.operating_point.mean_concurrency};
    point.y = {p.cost.per_million_output_tokens->value};
    chart.series.push_back(point);
  }
  const char* colors[] = {"purple", "gray", "teal", "red"};
  for (size_t i = 0; i < p.cost.api.size(); ++i) {
    const plan::ApiCost& api = p.cost.api[i];
    Series rule =
        MakeSeries(api.name + " API", SeriesKind::kRule, colors[i % 4]);
    rule.x = {1, line.x.back()};
    rule.y = {api.per_million_output_tokens, api.per_million_output_tokens};
    chart.series.push_back(rule);
    high = std::max(high, api.per_million_output_tokens);
  }
  chart.y.log = high > 20 * low;
  chart.caption =
      "Price per replica-hour over the output tokens one replica "
      "produces at each load; the plan runs below saturation to "
      "keep the SLOs, so it pays more per token.";
  return chart;
}

Table ApiTable(const Context& c) {
  const plan::PlanResult& p = *c.plan;
  Table t;
  t.id = "api_comparison";
  t.title = "Self-hosted against hosted APIs, same demand";
  t.columns = {"Option", "Monthly cost", "Per 1M output tokens"};
  t.rows.push_back(
      {TextCell("This plan: " + base::FormatCount(p.replicas.value) + " × " +
                (c.Hardware().empty() ? "replica" : c.Hardware())),
       NumberCell(p.cost.monthly->value,
                  FormatMoney(p.cost.monthly->value, c.currency)),
       NumberCell(
           p.cost.per_million_output_tokens->value,
           FormatMoney(p.cost.per_million_output_tokens->value, c.currency))});
  for (const plan::ApiCost& api : p.cost.api) {
    t.rows.push_back(
        {TextCell(api.name + " API"),
         NumberCell(api.monthly, FormatMoney(api.monthly, c.currency)),
         NumberCell(api.per_million_output_tokens,
                    FormatMoney(api.per_million_output_tokens, c.currency))});
  }
  t.caption =
      "API prices per million input and output tokens, applied to "
      "the same demand and token counts.";
  return t;
}

}  // namespace

Section ScaleSection(const Context& context) {
  Section s;
  s.id = "scale";
  s.title = "Replicas and cost against demand";
  s.intro =
      "How the fleet grows with demand: today's demand and growth "
      "scenarios, each planned with the same SLOs and headroom.";
  if (context.scenarios.empty()) {
    s.notes.push_back(
        "No demand and SLOs were given, so there is no plan: "
        "give --demand and --slo to size the fleet.");
    return s;
  }
  s.charts.push_back(ScaleChart(context));
  s.tables.push_back(ScenarioTable(context));
  return s;
}

Section CostSection(const Context& context) {
  Section s;
  s.id = "cost";
  s.title = "Cost per token against load";
  s.intro =
      "What a million output tokens cost on one replica at each load: "
      "the busier the replica, the cheaper the token, until latency "
      "breaks the SLOs.";
  if (!context.Priced()) {
    s.notes.push_back("Not priced: give --price or --pricing to see costs.");
    return s;
  }
  s.charts.push_back(CostChart(context));
  if (context.plan->feasible) s.tables.push_back(ApiTable(context));
  return s;
}

}  // namespace loadlaw::report::internal
