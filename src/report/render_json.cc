// report.json: every figure, table, chart series and provenance entry of a
// report, with the formatted text beside each number.

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "loadlaw/plan/planner.h"
#include "loadlaw/report/render.h"
#include "report/render_internal.h"

namespace loadlaw::report {
namespace internal {
namespace {

using nlohmann::json;

json FigureJson(const Figure& f) {
  return {{"key", f.key},
          {"label", f.label},
          {"value", JsonNumber(f.value)},
          {"low", JsonNumber(f.low)},
          {"high", JsonNumber(f.high)},
          {"unit", f.unit},
          {"text", f.text},
          {"interval_text", f.interval_text},
          {"note", f.note},
          {"alert", f.alert}};
}

json TableJson(const Table& t) {
  json rows = json::array();
  for (const std::vector<Cell>& row : t.rows) {
    json cells = json::array();
    for (const Cell& c : row) {
      cells.push_back({{"text", c.text}, {"value", JsonNumber(c.value)}});
    }
    rows.push_back(cells);
  }
  return {{"id", t.id},
          {"title", t.title},
          {"columns", t.columns},
          {"rows", rows},
          {"caption", t.caption}};
}

json AxisJson(const Axis& a) {
  return {{"label", a.label}, {"log", a.log}, {"scale", JsonNumber(a.scale)}};
}

json SeriesJson(const Series& s) {
  json points = json::array();
  for (const std::vector<double>& point : s.Points()) {
    json p = json::array();
    for (double v : point) p.push_back(JsonNumber(v));
    points.push_back(p);
  }
  return {{"name", s.name},       {"kind", SeriesKindName(s.kind)},
          {"color", s.color},     {"right_axis", s.right_axis},
          {"stepped", s.stepped}, {"legend", s.legend},
          {"points", points}};
}

json SectionJson(const Section& s) {
  json charts = json::array();
  for (const Chart& c : s.charts) charts.push_back(ChartJson(c));
  json tables = json::array();
  for (const Table& t : s.tables) tables.push_back(TableJson(t));
  return {{"id", s.id},       {"title", s.title}, {"intro", s.intro},
          {"charts", charts}, {"tables", tables}, {"notes", s.notes}};
}

}  // namespace

json JsonNumber(double value) {
  if (!std::isfinite(value)) return nullptr;
  return value;
}

json ChartJson(const Chart& chart) {
  json series = json::array();
  for (const Series& s : chart.series) series.push_back(SeriesJson(s));
  return {{"id", chart.id},
          {"title", chart.title},
          {"x", AxisJson(chart.x)},
          {"y", AxisJson(chart.y)},
          {"y2", chart.y2 ? AxisJson(*chart.y2) : json(nullptr)},
          {"series", series},
          {"caption", chart.caption}};
}

json ReportJson(const Report& report) {
  json headline = json::array();
  for (const Figure& f : report.headline) headline.push_back(FigureJson(f));
  json sections = json::array();
  for (const Section& s : report.sections) sections.push_back(SectionJson(s));
  json provenance = json::array();
  for (const KeyValue& kv : report.provenance) {
    provenance.push_back(
        {{"key", kv.key}, {"label", kv.label}, {"value", kv.value}});
  }
  json plan = nullptr;
  if (report.plan) plan = json::parse(plan::PlanToJsonText(*report.plan, -1));
  return {{"schema", report.schema},
          {"title", report.title},
          {"subtitle", report.subtitle},
          {"generated_at", report.generated_at},
          {"loadlaw_version", report.loadlaw_version},
          {"question", report.question},
          {"answer", report.answer},
          {"headline", headline},
          {"interval_label", report.interval_label},
          {"trusted", report.trusted},
          {"warnings", report.warnings},
          {"sections", sections},
          {"provenance", provenance},
          {"plan", plan}};
}

}  // namespace internal

std::string RenderJson(const Report& report, int indent) {
  return internal::ReportJson(report).dump(indent) + "\n";
}

}  // namespace loadlaw::report
