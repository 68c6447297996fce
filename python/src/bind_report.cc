// Python bindings of loadlaw/report: build_report() (the capacity and TCO
// report of a model, its sweep and a plan with growth scenarios), shown in
// Jupyter as Markdown, written as HTML + Markdown + JSON by write(); the
// report and its parts are typed as report.json is shaped.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bindings.h"
#include "json_view.h"
#include "loadlaw/report/render.h"
#include "loadlaw/report/report.h"
#include "name_enum.h"
#include "plan_request.h"

namespace py = pybind11;

namespace loadlaw::python {
namespace {

using report::Report;

std::string ReportText(const Report& r, int indent) {
  return report::RenderJson(r, indent);
}

Report Build(const fit::CapacityModel& model, const sweep::SweepFile* sweep,
             const PlanRequest& request, const std::vector<double>& growth,
             const std::string& title, const std::string& label) {
  report::ReportInputs inputs;
  inputs.model = &model;
  inputs.sweep = sweep;
  inputs.plan_options =
      plan::BuildOptionalPlanOptions(SpecOf(request), model, "model");
  if (inputs.plan_options) {
    inputs.plan = plan::Plan(model, *inputs.plan_options);
    inputs.plan->label = plan::PlanLabel(label, model);
  }
  inputs.growth_factors = growth;
  inputs.title = title;
  std::string why;
  if (!inputs.IsValid(&why)) throw std::invalid_argument(why);
  py::gil_scoped_release release;
  return report::BuildReport(inputs);
}

// The document parts, as Report.Figure, Report.Table, ...: report.json's
// objects, key for key.
void BindReportParts(py::class_<Report>& scope) {
  using report::Axis, report::Chart, report::Figure, report::Series;
  py::class_<Figure>(scope, "Figure",
                     "A headline number: value and interval with their text.")
      .def_readonly("key", &Figure::key)
      .def_readonly("label", &Figure::label)
      .def_readonly("value", &Figure::value)
      .def_readonly("low", &Figure::low)
      .def_readonly("high", &Figure::high)
      .def_readonly("unit", &Figure::unit)
      .def_readonly("text", &Figure::text)
      .def_readonly("interval_text", &Figure::interval_text)
      .def_readonly("note", &Figure::note)
      .def_readonly("alert", &Figure::alert);
  py::class_<report::Cell>(scope, "Cell", "A table cell and its number.")
      .def_readonly("text", &report::Cell::text)
      .def_readonly("value", &report::Cell::value);
  py::class_<report::Table>(scope, "Table")
      .def_readonly("id", &report::Table::id)
      .def_readonly("title", &report::Table::title)
      .def_readonly("columns", &report::Table::columns)
      .def_readonly("rows", &report::Table::rows)
      .def_readonly("caption", &report::Table::caption);
  py::class_<Axis>(scope, "Axis")
      .def_readonly("label", &Axis::label)
      .def_readonly("log", &Axis::log)
      .def_readonly("scale", &Axis::scale);
  py::class_<Series>(scope, "Series")
      .def_readonly("name", &Series::name)
      .def_readonly("kind", &Series::kind)
      .def_readonly("color", &Series::color)
      .def_readonly("right_axis", &Series::right_axis)
      .def_readonly("stepped", &Series::stepped)
      .def_readonly("legend", &Series::legend)
      .def_property_readonly("points", &Series::Points,
                             "[x, y] each, or [x, y_low, y_high] for a band.")
      .def_readonly("x", &Series::x)
      .def_readonly("y", &Series::y)
      .def_readonly("y_low", &Series::y_low)
      .def_readonly("y_high", &Series::y_high);
  py::class_<Chart>(scope, "Chart")
      .def_readonly("id", &Chart::id)
      .def_readonly("title", &Chart::title)
      .def_readonly("x", &Chart::x)
      .def_readonly("y", &Chart::y)
      .def_readonly("y2", &Chart::y2)
      .def_readonly("series", &Chart::series)
      .def_readonly("caption", &Chart::caption);
  py::class_<report::Section>(scope, "Section")
      .def_readonly("id", &report::Section::id)
      .def_readonly("title", &report::Section::title)
      .def_readonly("intro", &report::Section::intro)
      .def_readonly("charts", &report::Section::charts)
      .def_readonly("tables", &report::Section::tables)
      .def_readonly("notes", &report::Section::notes);
  py::class_<report::KeyValue>(scope, "KeyValue")
      .def_readonly("key", &report::KeyValue::key)
      .def_readonly("label", &report::KeyValue::label)
      .def_readonly("value", &report::KeyValue::value);
}

void BindReportFields(py::class_<Report>& cls) {
  cls.def_readonly("schema", &Report::schema)
      .def_readonly("title", &Report::title)
      .def_readonly("subtitle", &Report::subtitle)
      .def_readonly("generated_at", &Report::generated_at)
      .def_readonly("loadlaw_version", &Report::loadlaw_version)
      .def_readonly("question", &Report::question)
      .def_readonly("answer", &Report::answer)
      .def_readonly("headline", &Report::headline)
      .def_readonly("interval_label", &Report::interval_label)
      .def_readonly("trusted", &Report::trusted)
      .def_readonly("warnings", &Report::warnings)
      .def_readonly("sections", &Report::sections)
      .def_readonly("provenance", &Report::provenance)
      .def_readonly("plan", &Report::plan, "The plan, None without one.")
      .def(
          "find_figure",
          [](const Report& r, const std::string& key) {
            const report::Figure* f = r.FindFigure(key);
            return f ? std::optional<report::Figure>(*f) : std::nullopt;
          },
          py::arg("key"), "The headline figure with that key, or None.")
      .def(
          "find_chart",
          [](const Report& r, const std::string& id) {
            const report::Chart* c = r.FindChart(id);
            return c ? std::optional<report::Chart>(*c) : std::nullopt;
          },
          py::arg("id"), "The chart with that id in any section, or None.");
}

}  // namespace

void BindReport(py::module_& m) {
  py::class_<Report> cls(
      m, "Report",
      "The capacity and TCO report: the answer first, then the evidence; "
      "shaped as report.json (report.answer, report.headline, "
      "report.sections, report.plan, ...); a notebook shows it as Markdown.",
      py::dynamic_attr());
  BindReportParts(cls);
  AddJsonView<Report>(cls, ReportText);
  BindReportFields(cls);
  cls.def("markdown", &report::RenderMarkdown, "The report as Markdown.")
      .def("_repr_markdown_", &report::RenderMarkdown)
      .def(
          "html",
          [](const Report& r) {
            return report::RenderHtml(r, report::ChartLibrary());
          },
          "The report as one self-contained HTML page.")
      .def(
          "write",
          [](const Report& r, const std::filesystem::path& out_dir) {
            const report::ReportPaths p = report::WriteReport(
                r, out_dir.string(), report::ChartLibrary());
            return std::map<std::string, std::string>{
                {"html", p.html}, {"markdown", p.markdown}, {"json", p.json}};
          },
          py::arg("out_dir"),
          "Writes report.html, report.md and report.json into out_dir; "
          "returns their paths.")
      .def("__repr__",
           [](const Report& r) { return "Report(title='" + r.title + "')"; });
  m.def(
      "build_report",
      [](const fit::CapacityModel& model, const sweep::SweepFile* sweep,
         const py::object& demand, const py::object& slos,
         const py::object& headroom, const py::object& price,
         const py::object& pricing, const std::string& hardware,
         int gpus_per_replica, int replicas, int concurrency_limit,
         const std::vector<double>& growth, const std::string& title,
         const std::string& label) {
        const PlanRequest request{
            demand,           slos,     headroom,         price,
            pricing,          hardware, gpus_per_replica, replicas,
            concurrency_limit};
        return Build(model, sweep, request, growth, title, label);
      },
      py::arg("model"), py::arg("sweep") = py::none(), py::kw_only(),
      py::arg("demand") = py::none(), py::arg("slos") = py::none(),
      py::arg("headroom") = 0.0, py::arg("price") = py::none(),
      py::arg("pricing") = py::none(), py::arg("hardware") = "",
      py::arg("gpus_per_replica") = 1, py::arg("replicas") = 0,
      py::arg("concurrency_limit") = 0,
      py::arg("growth") = std::vector<double>{1, 1.5, 2, 4},
      py::arg("title") = "", py::arg("label") = "",
      "The report of `model` (and the sweep it was fitted on), planned as "
      "plan() is when demand and slos are given, with a plan per growth "
      "factor of the demand.");
}

}  // namespace loadlaw::python
