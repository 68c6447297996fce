// File: loadlaw/report/report.h
// The capacity and TCO report as one in-memory document: the question and
// its answer first (replicas, cost, headroom, saturation, each with its
// interval), then the evidence — throughput and latency against concurrency
// with the fitted curves, replicas and cost against demand with growth
// scenarios, cost per token against load, the hold-out validation, errors
// and resource gauges per level — and the provenance. Every number is
// formatted once, here; the HTML, Markdown and JSON renderings (render.h)
// print the same text.
//
//   loadlaw::report::ReportInputs inputs;
//   inputs.sweep = &sweep;                // optional: measured levels, gauges
//   inputs.model = &model;                // required
//   inputs.plan_options = plan_options;   // optional: the plan and scenarios
//   loadlaw::report::Report report = loadlaw::report::BuildReport(inputs);
//   loadlaw::report::WriteReport(report, "reports/h100");

#ifndef LOADLAW_REPORT_REPORT_H_
#define LOADLAW_REPORT_REPORT_H_

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/plan/planner.h"
#include "loadlaw/sweep_file/sweep_file.h"

namespace loadlaw::report {

// The version written in every report.json.
inline constexpr char kReportSchema[] = "loadlaw.report/1";

struct ReportInputs {
  // The sweep the model was fitted on: its levels are the measured points,
  // and its errors, gauges and steady-state verdicts fill the per-level
  // tables. nullptr: the model's own levels are shown instead. Not owned.
  const sweep::SweepFile* sweep = nullptr;
  // The capacity model; required. Not owned.
  const fit::CapacityModel* model = nullptr;
  // The plan to report. When absent and `plan_options` is set, BuildReport
  // plans the model itself.
  std::optional<plan::PlanResult> plan;
  // The options of the plan, used to re-plan each growth scenario (and the
  // replicas-against-demand curve). Absent: no scenarios.
  std::optional<plan::PlanOptions> plan_options;
  // Multiples of today's demand to plan for, each > 0 (1 = today).
  std::vector<double> growth_factors = {1, 1.5, 2, 4};
  std::string title;         // empty: "Capacity report: <hardware or model>"
  std::string generated_at;  // ISO 8601 time; empty: now, UTC

  // False (with the field named in *why) when the model is missing or a
  // growth factor is not a positive finite number.
  bool IsValid(std::string* why) const;
};

// One headline number as every rendering shows it. `text` is the value with
// its unit ("12 replicas", "$8,760", "412 ms"), `interval_text` its interval
// at the model's confidence ("11–14"), empty when there is none.
struct Figure {
  std::string key;    // stable identifier, e.g. "replicas", "monthly_cost"
  std::string label;  // e.g. "Replicas"
  double value = std::numeric_limits<double>::quiet_NaN();
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();
  std::string unit;  // unit of value/low/high, e.g. "USD/month", "req/s"
  std::string text;
  std::string interval_text;
  std::string note;    // one short line of context
  bool alert = false;  // the figure is bad news (not feasible, not trusted)
};

// A table cell: the text shown, and the number behind it (NaN for text).
struct Cell {
  std::string text;
  double value = std::numeric_limits<double>::quiet_NaN();
};

struct Table {
  std::string id;  // e.g. "levels"
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  std::string caption;  // a sentence under the table, may be empty
};

// How a series is drawn: measured points, a curve, a confidence band
// (between y_low and y_high) or a dashed reference line (an SLO, N*).
enum class SeriesKind { kPoints, kLine, kBand, kRule };
// "points", "line", "band", "rule".
const char* SeriesKindName(SeriesKind kind);

struct Series {
  std::string name;  // the legend entry
  SeriesKind kind = SeriesKind::kLine;
  std::string color;        // a palette name: blue, orange, green, red, purple,
                            // teal, gray
  bool right_axis = false;  // plotted against the chart's y2 axis
  bool stepped = false;     // a step function (replicas)
  bool legend = true;       // has a legend entry (fits share their points')
  std::vector<double> x;
  std::vector<double> y;       // points, line, rule
  std::vector<double> y_low;   // band
  std::vector<double> y_high;  // band

  // The points as report.json writes them: [x, y] each, or [x, y_low,
  // y_high] for a band.
  std::vector<std::vector<double>> Points() const;
};

struct Axis {
  std::string label;  // with its unit, e.g. "Requests/s"
  bool log = false;
  // Right axis only: it shows the left axis times `scale` (e.g. replicas
  // times the monthly price of one); 0 = an independent axis.
  double scale = 0;
};

struct Chart {
  std::string id;  // e.g. "throughput"; unique in a report
  std::string title;
  Axis x, y;
  std::optional<Axis> y2;
  std::vector<Series> series;
  std::string caption;

  // Points with finite coordinates over every series (what a reader sees).
  int FinitePoints() const;
};

// One section of the report, in reading order.
struct Section {
  std::string id;  // e.g. "throughput", used as an HTML anchor
  std::string title;
  std::string intro;  // one or two sentences saying how to read it
  std::vector<Chart> charts;
  std::vector<Table> tables;
  std::vector<std::string> notes;  // why something is missing, caveats
};

struct KeyValue {
  std::string key;  // stable identifier
  std::string label;
  std::string value;
};

struct Report {
  std::string schema = kReportSchema;
  std::string title;
  std::string subtitle;  // endpoint, hardware, date in one line
  std::string generated_at;
  std::string loadlaw_version;
  std::string question;  // what was asked, in words
  std::string answer;    // the answer, in one or two sentences
  std::vector<Figure> headline;
  std::string interval_label;         // what the intervals are: "95 % interval"
  bool trusted = true;                // the model's own verdict
  std::vector<std::string> warnings;  // model trust and plan warnings
  std::vector<Section> sections;
  std::vector<KeyValue> provenance;
  // The plan behind the headline (report.json writes it as `loadlaw plan
  // --json` prints it, null without a plan).
  std::optional<plan::PlanResult> plan;

  // The figure with `key`, or nullptr.
  const Figure* FindFigure(const std::string& key) const;
  // The chart with `id` in any section, or nullptr.
  const Chart* FindChart(const std::string& id) const;
};

// Builds the report. Throws std::invalid_argument naming the field for
// invalid inputs (see ReportInputs::IsValid), and as plan::Plan does for
// plan options the model cannot meet (an SLO on a metric it has no curve
// for). An infeasible plan is not an error: the report says so.
Report BuildReport(const ReportInputs& inputs);

}  // namespace loadlaw::report

#endif  // LOADLAW_REPORT_REPORT_H_
