// The evidence sections: the hold-out validation (the model forecasting
// levels it never saw) and the per-level tables of load, latency, errors and
// resource gauges (why the replica saturates).

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "loadlaw/telemetry/request_record.h"
#include "report/build_internal.h"
#include "report/format_internal.h"

namespace loadlaw::report::internal {
namespace {

constexpr size_t kMaxGaugeColumns = 6;

// Users are whole numbers; open-loop rates need not be.
Cell LoadCell(double load) {
  return NumberCell(
      load, load == std::round(load) ? base::FormatCount(load) : base::FormatGrouped(load));
}

Cell ErrorCell(double rel_error) {
  return NumberCell(rel_error, FormatSignedPercent(rel_error));
}

Table HoldoutTable(const fit::CapacityHoldout& h) {
  Table t;
  t.id = "holdout";
  t.title = "Forecast against measured, held-out levels";
  t.columns = {"Concurrency",      "Measured",         "Forecast", "Error",
               "E2E p99 measured", "E2E p99 forecast", "Error"};
  for (const fit::HoldoutForecast& p : h.points) {
    t.rows.push_back(
        {NumberCell(p.concurrency, base::FormatGrouped(p.concurrency)),
         NumberCell(p.requests_per_s_measured,
                    base::FormatGrouped(p.requests_per_s_measured) + " req/s"),
         NumberCell(p.requests_per_s_predicted,
                    base::FormatGrouped(p.requests_per_s_predicted) + " req/s"),
         ErrorCell(p.requests_per_s_rel_error),
         NumberCell(p.e2e_p99_s_measured, FormatSeconds(p.e2e_p99_s_measured)),
         NumberCell(p.e2e_p99_s_predicted,
                    FormatSeconds(p.e2e_p99_s_predicted)),
         ErrorCell(p.e2e_p99_rel_error)});
  }
  t.caption = "The model refitted on the " + base::FormatCount(h.fitted_levels) +
              " lowest levels only; error = (forecast − measured) / measured.";
  return t;
}

Chart HoldoutChart(const Context& c) {
  const fit::CapacityHoldout& h = c.model->holdout;
  Chart chart;
  chart.id = "holdout";
  chart.title = "Hold-out forecast against measured throughput";
  chart.x.label = "Concurrency (requests in flight)";
  chart.y.label = "Throughput (req/s)";
  double first_held = INFINITY;
  for (const fit::HoldoutForecast& p : h.points) {
    first_held = std::min(first_held, p.concurrency);
  }
  Series fitted = MakeSeries("Levels the forecast was fitted on",
                             SeriesKind::kPoints, "gray");
  for (const MeasuredLevel& l : c.levels) {
    if (l.achieved >= 0.999 * first_held) continue;
    fitted.x.push_back(l.achieved);
    fitted.y.push_back(l.requests_per_s);
  }
  Series measured =
      MakeSeries("Held out: measured", SeriesKind::kPoints, "orange");
  Series forecast =
      MakeSeries("Held out: forecast", SeriesKind::kPoints, "blue");
  for (const fit::HoldoutForecast& p : h.points) {
    measured.x.push_back(p.concurrency);
    measured.y.push_back(p.requests_per_s_measured);
    forecast.x.push_back(p.concurrency);
    forecast.y.push_back(p.requests_per_s_predicted);
  }
  chart.series = {fitted, measured, forecast};
  chart.caption =
      "Gray: the levels the validation fit saw. Orange and blue: "
      "what the held-out levels measured and what the fit "
      "forecast for them.";
  return chart;
}

Table DiagnosticsTable(const fit::CapacityModel& model) {
  Table t;
  t.id = "diagnostics";
  t.title = "Goodness of fit";
  t.columns = {"Series", "Levels", "R²", "Largest residual", "At (in flight)"};
  for (const fit::SeriesDiagnostics& d : model.diagnostics) {
    t.rows.push_back({TextCell(d.series),
                      NumberCell(d.points, base::FormatCount(d.points)),
                      NumberCell(d.r_squared, base::FormatGrouped(d.r_squared, 4)),
                      NumberCell(d.max_abs_rel_residual,
                                 FormatPercent(d.max_abs_rel_residual)),
                      NumberCell(d.worst_concurrency,
                                 base::FormatGrouped(d.worst_concurrency, 3))});
  }
  t.caption =
      "Largest residual: the largest |measured − fitted| / measured "
      "over the fitted levels, and the achieved concurrency of that level.";
  return t;
}

std::string LoadColumn(const Context& c) {
  const bool open = c.inputs->sweep != nullptr && c.inputs->sweep->open_loop();
  return open ? "Rate (req/s)" : "Users";
}

Cell LatencyCell(const MeasuredLevel& l, fit::LatencyMetric m,
                 fit::LatencyQuantile q) {
  if (!l.latency_s.Has(m, q)) return TextCell("–");
  const double v = l.latency_s.Get(m, q);
  return NumberCell(v, FormatSeconds(v));
}

Table LevelsTable(const Context& c) {
  using fit::LatencyMetric;
  using fit::LatencyQuantile;
  Table t;
  t.id = "levels";
  t.title = "Measured levels";
  t.columns = {LoadColumn(c), "In flight", "Req/s",    "Output tok/s",
               "TTFT p50",    "TTFT p99",  "TPOT p50", "E2E p50",
               "E2E p99",     "Steady"};
  for (const MeasuredLevel& l : c.levels) {
    t.rows.push_back(
        {LoadCell(l.users), NumberCell(l.achieved, base::FormatGrouped(l.achieved)),
         NumberCell(l.requests_per_s, base::FormatGrouped(l.requests_per_s)),
         NumberCell(l.output_tokens_per_s, base::FormatGrouped(l.output_tokens_per_s)),
         LatencyCell(l, LatencyMetric::kTtft, LatencyQuantile::kP50),
         LatencyCell(l, LatencyMetric::kTtft, LatencyQuantile::kP99),
         LatencyCell(l, LatencyMetric::kTpot, LatencyQuantile::kP50),
         LatencyCell(l, LatencyMetric::kE2e, LatencyQuantile::kP50),
         LatencyCell(l, LatencyMetric::kE2e, LatencyQuantile::kP99),
         TextCell(l.settled ? "yes" : "no: " + l.steady_reason)});
  }
  return t;
}

// Gauge names in the sweep, the best known first, at most kMaxGaugeColumns.
std::vector<std::string> GaugeNames(const Context& c) {
  std::map<std::string, int> seen;
  for (const MeasuredLevel& l : c.levels) {
    for (const auto& [name, stats] : l.source->gauges) ++seen[name];
  }
  const char* preferred[] = {
      "gpu_utilization_pct",       "vllm:num_requests_running",
      "vllm:num_requests_waiting", "vllm:gpu_cache_usage_perc",
      "process_cpu_cores",         "gpu_memory_used_mib"};
  std::vector<std::string> out;
  for (const char* name : preferred) {
    if (seen.erase(name) > 0) out.push_back(name);
  }
  for (const auto& [name, count] : seen) out.push_back(name);
  if (out.size() > kMaxGaugeColumns) out.resize(kMaxGaugeColumns);
  return out;
}

std::string ErrorsByClass(const telemetry::WindowSummary& s) {
  std::string out;
  for (telemetry::ErrorClass e : telemetry::AllErrorClasses()) {
    const telemetry::ErrorTally& tally = s.Error(e);
    if (tally.count == 0) continue;
    out += (out.empty() ? "" : ", ") + std::string(ErrorClassName(e)) + " " +
           base::FormatCount(static_cast<double>(tally.count));
  }
  return out.empty() ? "none" : out;
}

Cell GaugeCell(const sweep::SweepLevel& level, const std::string& name) {
  const auto it = level.gauges.find(name);
  if (it == level.gauges.end() || it->second.samples == 0) {
    return TextCell("–");
  }
  return NumberCell(it->second.mean, base::FormatGrouped(it->second.mean) + " (" +
                                         base::FormatGrouped(it->second.max) + ")");
}

Table ResourcesTable(const Context& c, const std::vector<std::string>& gauges) {
  Table t;
  t.id = "resources";
  t.title = "Errors and resource gauges per level";
  t.columns = {LoadColumn(c), "Completed", "Failed", "Error rate",
               "Errors by class"};
  for (const std::string& g : gauges) t.columns.push_back(g);
  for (const MeasuredLevel& l : c.levels) {
    const telemetry::WindowSummary& s = l.source->summary;
    std::vector<Cell> row = {
        LoadCell(l.users),
        NumberCell(s.completed, base::FormatCount(static_cast<double>(s.completed))),
        NumberCell(s.failed, base::FormatCount(static_cast<double>(s.failed))),
        NumberCell(l.error_rate, FormatPercent(l.error_rate)),
        TextCell(ErrorsByClass(s))};
    for (const std::string& g : gauges) row.push_back(GaugeCell(*l.source, g));
    t.rows.push_back(row);
  }
  t.caption =
      "Gauges: mean over the measurement window (maximum in "
      "parentheses), sampled from the target and the host.";
  return t;
}

Chart GaugesChart(const Context& c, const std::vector<std::string>& gauges) {
  Chart chart;
  chart.id = "gauges";
  chart.title = "Resource gauges and errors against concurrency";
  chart.x.label = "Concurrency (requests in flight)";
  chart.y.label = "Percent (%)";
  const char* colors[] = {"blue", "orange", "teal", "purple", "green", "gray"};
  for (size_t i = 0; i < gauges.size(); ++i) {
    double peak = 0;
    for (const MeasuredLevel& l : c.levels) {
      const auto it = l.source->gauges.find(gauges[i]);
      if (it != l.source->gauges.end()) peak = std::max(peak, it->second.mean);
    }
    if (!(peak > 0)) continue;
    Series s = MakeSeries(gauges[i] + " (peak " + base::FormatGrouped(peak) + ")",
                          SeriesKind::kLine, colors[i % 6]);
    for (const MeasuredLevel& l : c.levels) {
      const auto it = l.source->gauges.find(gauges[i]);
      if (it == l.source->gauges.end() || it->second.samples == 0) continue;
      s.x.push_back(l.achieved);
      s.y.push_back(100 * it->second.mean / peak);
    }
    chart.series.push_back(s);
  }
  Series errors = MakeSeries("Error rate", SeriesKind::kPoints, "red");
  for (const MeasuredLevel& l : c.levels) {
    errors.x.push_back(l.achieved);
    errors.y.push_back(100 * l.error_rate);
  }
  chart.series.push_back(errors);
  chart.caption =
      "Each gauge as a percentage of its largest mean over the "
      "levels; errors as a percentage of the requests. A gauge that flattens "
      "at its peak while throughput still "
      "grows slowly points at the resource that saturates.";
  return chart;
}

}  // namespace

Section ValidationSection(const Context& context) {
  const fit::CapacityModel& model = *context.model;
  Section s;
  s.id = "validation";
  s.title = "Hold-out validation";
  s.intro =
      "Can the model be trusted beyond its data? It was refitted on the "
      "lowest levels only and asked to forecast the highest, which it "
      "never saw.";
  if (model.holdout.held_out_levels > 0) {
    s.charts.push_back(HoldoutChart(context));
    s.tables.push_back(HoldoutTable(model.holdout));
  } else {
    s.notes.push_back(model.holdout.note.empty()
                          ? "Too few levels to hold any out."
                          : model.holdout.note);
  }
  if (!model.diagnostics.empty()) s.tables.push_back(DiagnosticsTable(model));
  for (const std::string& note : model.notes) s.notes.push_back(note);
  return s;
}

Section LevelsSection(const Context& context) {
  Section s;
  s.id = "levels";
  s.title = "Errors and resource gauges per level";
  s.intro =
      "Every measured level: load, latency, errors by class and the "
      "resource gauges that explain why the replica saturates.";
  const bool with_sweep = context.inputs->sweep != nullptr;
  if (with_sweep) {
    const std::vector<std::string> gauges = GaugeNames(context);
    if (!context.levels.empty()) {
      s.charts.push_back(GaugesChart(context, gauges));
    }
    s.tables.push_back(LevelsTable(context));
    s.tables.push_back(ResourcesTable(context, gauges));
  } else {
    s.tables.push_back(LevelsTable(context));
    s.notes.push_back(
        "No sweep file given: errors by class and resource "
        "gauges come from the sweep.");
  }
  return s;
}

}  // namespace loadlaw::report::internal
