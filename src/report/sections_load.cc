// The load sections: throughput against concurrency (measured points, the
// fitted USL, its band and N*) and latency quantiles against concurrency
// (measured, fitted, and the SLOs).

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "report/build_internal.h"
#include "report/format_internal.h"

namespace loadlaw::report::internal {
namespace {

constexpr int kCurvePoints = 100;

// Band and curve of a fitted quantity evaluated on `grid`.
template <typename Predict>
void AddFitted(const std::vector<double>& grid, Predict predict, double scale,
               Series* band, Series* line) {
  for (double n : grid) {
    const base::Estimate e = predict(n);
    band->x.push_back(n);
    band->y_low.push_back(e.low * scale);
    band->y_high.push_back(e.high * scale);
    line->x.push_back(n);
    line->y.push_back(e.value * scale);
  }
}

bool HasFinite(const std::vector<double>& v) {
  return std::any_of(v.begin(), v.end(),
                     [](double d) { return std::isfinite(d); });
}

void AddThroughputPoints(const Context& c, Chart* chart) {
  Series settled = MakeSeries("Measured", SeriesKind::kPoints, "orange");
  Series other =
      MakeSeries("Not settled or > 5 % errors", SeriesKind::kPoints, "gray");
  for (const MeasuredLevel& l : c.levels) {
    Series& s = l.settled && l.error_rate <= 0.05 ? settled : other;
    s.x.push_back(l.achieved);
    s.y.push_back(l.requests_per_s);
  }
  chart->series.push_back(settled);
  if (!other.x.empty()) chart->series.push_back(other);
}

Chart ThroughputChart(const Context& c, std::vector<std::string>* notes) {
  const fit::UslFit& usl = c.model->requests;
  Chart chart;
  chart.id = "throughput";
  chart.title = "Requests per second against requests in flight";
  chart.x.label = "Concurrency (requests in flight)";
  chart.y.label = "Throughput (req/s)";
  const double right = c.ChartMaxConcurrency();
  const std::vector<double> grid =
      Grid(right / kCurvePoints, right, kCurvePoints);
  Series band = MakeSeries("95 % band", SeriesKind::kBand, "blue");
  Series line = MakeSeries("USL fit", SeriesKind::kLine, "blue");
  AddFitted(
      grid, [&](double n) { return usl.PredictThroughput(n); }, 1.0, &band,
      &line);
  if (HasFinite(band.y_low)) chart.series.push_back(band);
  chart.series.push_back(line);
  double top = 0;
  for (double y : line.y) top = std::max(top, y);
  Series linear = MakeSeries("Linear scaling λN", SeriesKind::kRule, "gray");
  const double linear_end = std::min(right, 1.1 * top / usl.params.lambda);
  linear.x = {0, linear_end};
  linear.y = {0, usl.params.lambda * linear_end};
  chart.series.push_back(linear);
  AddThroughputPoints(c, &chart);
  const double n_star = usl.peak_concurrency.value;
  if (std::isfinite(n_star) && n_star <= right) {
    Series rule =
        MakeSeries("N* = " + base::FormatGrouped(n_star), SeriesKind::kRule, "red");
    rule.x = {n_star, n_star};
    rule.y = {0, usl.peak_throughput.value};
    chart.series.push_back(rule);
  } else if (std::isfinite(n_star)) {
    notes->push_back("N* = " + base::FormatGrouped(n_star) +
                     " lies far beyond the largest measured concurrency (" +
                     base::FormatGrouped(c.MaxAchieved()) +
                     "): the saturation point is an extrapolation.");
  }
  chart.caption =
      "Points: measured levels at their achieved concurrency. "
      "Curve: the Universal Scalability Law fitted to them, "
      "with its " +
      FormatPercent(c.model->confidence) + " confidence band.";
  return chart;
}

std::vector<Cell> UslRow(const std::string& name, const fit::UslFit& f,
                         const std::string& unit) {
  auto cell = [](const base::Estimate& e) {
    return NumberCell(e.value,
                      WithInterval(base::FormatGrouped(e.value), FormatInterval(e)));
  };
  return {TextCell(name),
          cell(f.sigma),
          cell(f.kappa),
          NumberCell(f.lambda.value,
                     WithInterval(base::FormatGrouped(f.lambda.value) + " " + unit,
                                  FormatInterval(f.lambda))),
          cell(f.peak_concurrency),
          NumberCell(
              f.peak_throughput.value,
              WithInterval(base::FormatGrouped(f.peak_throughput.value) + " " + unit,
                           FormatInterval(f.peak_throughput))),
          NumberCell(f.r_squared, base::FormatGrouped(f.r_squared, 4))};
}

Table UslTable(const Context& c) {
  Table t;
  t.id = "usl";
  t.title = "Fitted Universal Scalability Law";
  t.columns = {"Series", "σ contention", "κ coherency", "λ at N = 1",
               "N*",     "X(N*)",        "R²"};
  t.rows.push_back(UslRow("Requests", c.model->requests, "req/s"));
  t.rows.push_back(UslRow("Output tokens", c.model->output_tokens, "tok/s"));
  t.caption = "X(N) = λN / (1 + σ(N−1) + κN(N−1)); intervals at " +
              FormatPercent(c.model->confidence) + " confidence.";
  return t;
}

struct MetricInfo {
  fit::LatencyMetric metric;
  const char* id;
  const char* name;
};
constexpr std::array<MetricInfo, 3> kMetrics = {{
    {fit::LatencyMetric::kTtft, "latency_ttft", "TTFT"},
    {fit::LatencyMetric::kTpot, "latency_tpot", "TPOT"},
    {fit::LatencyMetric::kE2e, "latency_e2e", "E2E"},
}};

const char* QuantileColor(fit::LatencyQuantile q) {
  switch (q) {
    case fit::LatencyQuantile::kP50:
      return "teal";
    case fit::LatencyQuantile::kP90:
      return "blue";
    case fit::LatencyQuantile::kP95:
      return "purple";
    case fit::LatencyQuantile::kP99:
      return "orange";
  }
  return "blue";
}

std::vector<plan::Slo> SlosOn(const Context& c, fit::LatencyMetric metric) {
  std::vector<plan::Slo> out;
  if (c.inputs->plan_options) {
    for (const plan::Slo& s : c.inputs->plan_options->slos) {
      if (s.metric == metric) out.push_back(s);
    }
  } else if (c.plan != nullptr) {
    for (const plan::SloCheck& s : c.plan->operating_point.slo_checks) {
      if (s.slo.metric == metric) out.push_back(s.slo);
    }
  }
  return out;
}

// The largest latency the chart shows, which picks its unit.
double LargestLatency(const Context& c, fit::LatencyMetric metric,
                      const std::vector<plan::Slo>& slos) {
  double top = 0;
  for (const MeasuredLevel& l : c.levels) {
    const double v = l.latency_s.Get(metric, fit::LatencyQuantile::kP99);
    if (std::isfinite(v)) top = std::max(top, v);
  }
  for (const plan::Slo& s : slos) top = std::max(top, s.target_s);
  return top;
}

void AddQuantile(const Context& c, fit::LatencyMetric metric,
                 fit::LatencyQuantile q, bool with_band, double scale,
                 const std::vector<double>& grid, Chart* chart) {
  const std::string name = fit::LatencyQuantileName(q);
  Series points = MakeSeries(name, SeriesKind::kPoints, QuantileColor(q));
  for (const MeasuredLevel& l : c.levels) {
    if (!l.latency_s.Has(metric, q)) continue;
    points.x.push_back(l.achieved);
    points.y.push_back(l.latency_s.Get(metric, q) * scale);
  }
  const fit::LatencyCurveFit* curve = c.model->Curve(metric, q);
  if (curve != nullptr) {
    Series band =
        MakeSeries(name + " band", SeriesKind::kBand, QuantileColor(q));
    Series line =
        MakeSeries(name + " fit", SeriesKind::kLine, QuantileColor(q));
    AddFitted(
        grid, [&](double n) { return curve->Predict(n); }, scale, &band, &line);
    band.legend = line.legend = points.x.empty();
    if (with_band && HasFinite(band.y_low)) chart->series.push_back(band);
    chart->series.push_back(line);
  }
  if (!points.x.empty()) chart->series.push_back(points);
}

bool LatencyChart(const Context& c, const MetricInfo& info, Chart* chart) {
  const std::vector<plan::Slo> slos = SlosOn(c, info.metric);
  const double top = LargestLatency(c, info.metric, slos);
  const double scale = SecondsFactor(top);
  chart->id = info.id;
  chart->title = std::string(info.name) + " quantiles against concurrency";
  chart->x.label = "Concurrency (requests in flight)";
  chart->y.label = std::string(info.name) + " (" + SecondsUnit(top) + ")";
  const double right = c.ChartMaxConcurrency();
  const std::vector<double> grid =
      Grid(right / kCurvePoints, right, kCurvePoints);
  for (fit::LatencyQuantile q : fit::kAllLatencyQuantiles) {
    bool has_slo = false;
    for (const plan::Slo& s : slos) has_slo |= s.quantile == q;
    if (q == fit::LatencyQuantile::kP95 && !has_slo) continue;
    AddQuantile(c, info.metric, q, has_slo, scale, grid, chart);
  }
  for (const plan::Slo& s : slos) {
    Series rule = MakeSeries("SLO " + DescribeSlo(s), SeriesKind::kRule, "red");
    rule.x = {0, right};
    rule.y = {s.target_s * scale, s.target_s * scale};
    chart->series.push_back(rule);
  }
  chart->caption =
      "Points: measured quantiles of each level. Lines of the "
      "same colour: fitted quadratics in N (shaded: the band of "
      "a quantile under an SLO). Dashed red: the SLOs.";
  return chart->FinitePoints() > 0 && top > 0;
}

Table SloTable(const plan::PlanResult& p) {
  Table t;
  t.id = "slo_checks";
  t.title = "SLOs at the planned operating point";
  t.columns = {"SLO", "Forecast", "Interval", "Met"};
  for (const plan::SloCheck& check : p.operating_point.slo_checks) {
    t.rows.push_back({TextCell(DescribeSlo(check.slo)),
                      NumberCell(check.predicted_s.value,
                                 FormatSeconds(check.predicted_s.value)),
                      TextCell(SecondsInterval(check.predicted_s)),
                      TextCell(check.met ? "yes" : "no")});
  }
  const plan::PlanOperatingPoint& op = p.operating_point;
  t.caption =
      "Open-loop forecast at " + base::FormatGrouped(op.per_replica_rate_rps) +
      " req/s per replica (mean " + base::FormatGrouped(op.mean_concurrency) +
      " in flight); interval from the ends of the model's bands.";
  return t;
}

}  // namespace

Section ThroughputSection(const Context& context) {
  Section s;
  s.id = "throughput";
  s.title = "Throughput against concurrency";
  s.intro =
      "How one replica's throughput grows with the requests in flight, "
      "and where it stops growing (N*). Contention (σ) makes it level "
      "off; coherency (κ) makes it fall back.";
  s.charts.push_back(ThroughputChart(context, &s.notes));
  s.tables.push_back(UslTable(context));
  return s;
}

Section LatencySection(const Context& context) {
  Section s;
  s.id = "latency";
  s.title = "Latency against load";
  s.intro =
      "Time to first token (TTFT), time per output token (TPOT) and "
      "end-to-end latency (E2E) of one replica, per quantile, against "
      "its requests in flight.";
  for (const MetricInfo& info : kMetrics) {
    Chart chart;
    if (LatencyChart(context, info, &chart)) {
      s.charts.push_back(chart);
    } else {
      s.notes.push_back(std::string(info.name) + " was not measured.");
    }
  }
  if (context.plan != nullptr && context.plan->feasible) {
    s.tables.push_back(SloTable(*context.plan));
  }
  return s;
}

}  // namespace loadlaw::report::internal
