// Python bindings of loadlaw/report: build_report() (the capacity and TCO
// report of a model, its sweep and a plan with growth scenarios), shown in
// Jupyter as Markdown, written as HTML + Markdown + JSON by write().

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bindings.h"
#include "json_view.h"
#include "loadlaw/report/render.h"
#include "loadlaw/report/report.h"
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

}  // namespace

void BindReport(py::module_& m) {
  py::class_<Report> cls(
      m, "Report",
      "The capacity and TCO report: the answer first, then the evidence. Its "
      "fields are those of report.json (report.answer, report.headline, "
      "report.sections, ...); a notebook shows it as Markdown.",
      py::dynamic_attr());
  AddJsonView<Report>(cls, ReportText);
  cls.def_readonly("title", &Report::title)
      .def_readonly("answer", &Report::answer)
      .def_readonly("trusted", &Report::trusted)
      .def("markdown", &report::RenderMarkdown, "The report as Markdown.")
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
            py::dict out;
            out["html"] = p.html;
            out["markdown"] = p.markdown;
            out["json"] = p.json;
            return out;
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
