// Python bindings of loadlaw/sweep: the sweep file (load_sweep, save), the
// calibration sweep itself (releasing the GIL, stopping cleanly on Ctrl-C
// with its finished levels saved) and fit_sweep, sweep -> capacity model.

#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "args.h"
#include "bindings.h"
#include "interrupt.h"
#include "json_view.h"
#include "loadlaw/calibrate/calibrate.h"
#include "loadlaw/sweep/sweep.h"
#include "loadlaw/sweep_file/sweep_file.h"

namespace py = pybind11;

namespace loadlaw::python {
namespace {

using sweep::SweepFile;

std::string SweepText(const SweepFile& s, int indent) {
  return sweep::SweepToJson(s).dump(indent);
}

void BindSweepFile(py::module_& m) {
  py::class_<SweepFile> cls(
      m, "SweepFile",
      "A calibration sweep: provenance and one entry per finished level. Its "
      "fields are those of the sweep file (sweep.provenance.target, "
      "sweep.levels[0].summary.throughput.requests_per_s, ...).",
      py::dynamic_attr());
  AddJsonView<SweepFile>(cls, SweepText);
  cls.def_readonly("complete", &SweepFile::complete)
      .def_readonly("stop_reason", &SweepFile::stop_reason)
      .def_property_readonly("open_loop", &SweepFile::open_loop)
      .def("__len__", [](const SweepFile& s) { return s.levels.size(); })
      .def(
          "save",
          [](const SweepFile& s, const std::filesystem::path& path) {
            sweep::SaveSweepAtomic(s, path.string());
          },
          py::arg("path"), "Writes the sweep file atomically.")
      .def(
          "to_pandas",
          [](const py::object& self) {
            return py::module_::import("loadlaw._frames")
                .attr("sweep_frame")(self);
          },
          "One row per level: load, achieved concurrency, throughput, "
          "latency quantiles, errors (needs pandas).")
      .def("__repr__", [](const SweepFile& s) {
        return "SweepFile(target='" + s.provenance.target + "', loop='" +
               std::string(telemetry::LoopKindName(s.provenance.loop)) +
               "', levels=" + std::to_string(s.levels.size()) +
               ", complete=" + (s.complete ? "True" : "False") + ")";
      });
  m.def(
      "load_sweep",
      [](const std::filesystem::path& path) {
        return sweep::LoadSweep(path.string());
      },
      py::arg("path"), "Reads a sweep file (*.sweep.json).");
}

SweepFile RunSweep(sweep::SweepSpec spec, const py::object& log) {
  const sweep::SweepOptions options = sweep::BuildSweepOptions(spec);
  const bool open = options.run.loop == telemetry::LoopKind::kOpen;
  Interruptible call(log);
  sweep::SweepHooks hooks;
  hooks.on_log = [&call](const std::string& line) { call.Log(line); };
  hooks.on_level = [&call, open](const sweep::SweepLevel& l) {
    call.Log(sweep::DescribeLevel(l, open));
  };
  hooks.score = calibrate::UslBandWidth;
  hooks.cancel = call.cancel();
  return call.Run([&] { return sweep::RunSweep(options, hooks); });
}

void BindRunSweep(py::module_& m) {
  m.def(
      "_sweep",
      [](const runner::LoadSpec& load, const std::vector<int>& levels,
         const std::vector<double>& rates, bool auto_levels,
         int max_concurrency, double min_gain, int refine,
         const py::object& level_duration, const py::object& warmup,
         int max_extensions, const py::object& out, const py::object& records,
         bool resume, const std::string& label,
         const std::vector<std::string>& metrics, int pid, bool gpu,
         bool scrape_metrics, int server_limit, const py::object& log) {
        sweep::SweepSpec s;
        s.load = load;
        s.levels = levels;
        s.rates = rates;
        s.auto_levels = auto_levels;
        s.max_concurrency = max_concurrency;
        s.min_gain = min_gain;
        s.refine = refine;
        s.level_duration = DurationText(level_duration, "level_duration");
        s.warmup = DurationText(warmup, "warmup");
        s.max_extensions = max_extensions;
        s.out = PathArg(out);
        s.records = PathArg(records);
        s.resume = resume;
        s.label = label;
        s.metrics = metrics;
        s.pid = pid;
        s.gpu = gpu;
        s.scrape_metrics = scrape_metrics;
        s.server_limit = server_limit;
        return RunSweep(std::move(s), log);
      },
      py::arg("load"), py::arg("levels"), py::arg("rates"),
      py::arg("auto_levels"), py::arg("max_concurrency"), py::arg("min_gain"),
      py::arg("refine"), py::arg("level_duration"), py::arg("warmup"),
      py::arg("max_extensions"), py::arg("out"), py::arg("records"),
      py::arg("resume"), py::arg("label"), py::arg("metrics"), py::arg("pid"),
      py::arg("gpu"), py::arg("scrape_metrics"), py::arg("server_limit"),
      py::arg("log"), "A calibration sweep (see loadlaw.sweep).");
}

void BindFitSweep(py::module_& m) {
  m.def(
      "fit_sweep",
      [](const py::object& sweep_or_path, bool relative_errors,
         double max_error_rate, bool include_unsettled, int holdout_levels,
         double confidence, const std::string& label) {
        SweepFile sweep = py::isinstance<SweepFile>(sweep_or_path)
                              ? sweep_or_path.cast<SweepFile>()
                              : sweep::LoadSweep(PathArg(sweep_or_path));
        if (!label.empty()) sweep.provenance.label = label;
        fit::CapacityModelOptions options;
        options.relative_errors = relative_errors;
        options.max_error_rate = max_error_rate;
        options.include_unsettled = include_unsettled;
        options.holdout_levels = holdout_levels;
        options.fit.confidence = confidence;
        std::string why;
        if (!options.IsValid(&why)) throw std::invalid_argument(why);
        py::gil_scoped_release release;
        return calibrate::FitSweep(sweep, options);
      },
      py::arg("sweep"), py::kw_only(), py::arg("relative_errors") = true,
      py::arg("max_error_rate") = 0.05, py::arg("include_unsettled") = false,
      py::arg("holdout_levels") = -1, py::arg("confidence") = 0.95,
      py::arg("label") = "",
      "The capacity model of a closed-loop sweep (a SweepFile or the path of "
      "a sweep file), as `loadlaw fit SWEEP.json` makes it. label= sets the "
      "hardware label the price list is matched by.");
}

}  // namespace

void BindSweep(py::module_& m) {
  BindSweepFile(m);
  BindRunSweep(m);
  BindFitSweep(m);
}

}  // namespace loadlaw::python
