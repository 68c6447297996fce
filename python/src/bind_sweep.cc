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
#include "loadlaw/telemetry/request_sample.h"
#include "loadlaw/telemetry/summary_json.h"
#include "name_enum.h"

namespace py = pybind11;

namespace loadlaw::python {
namespace {

using sweep::SweepFile;

std::string SweepText(const SweepFile& s, int indent) {
  return sweep::SweepToJson(s).dump(indent);
}

void BindSweepParts(py::module_& m) {
  using sweep::SteadyState, sweep::SweepLevel, sweep::SweepProvenance,
      sweep::SweepSettings;
  py::class_<SweepProvenance>(m, "SweepProvenance",
                              "Where and how a sweep was measured.")
      .def_readonly("target", &SweepProvenance::target)
      .def_readonly("served_model", &SweepProvenance::served_model)
      .def_readonly("workload_name", &SweepProvenance::workload_name)
      .def_readonly("workload_hash", &SweepProvenance::workload_hash)
      .def_readonly("label", &SweepProvenance::label)
      .def_readonly("date", &SweepProvenance::date)
      .def_readonly("loadlaw_version", &SweepProvenance::loadlaw_version)
      .def_readonly("loop", &SweepProvenance::loop)
      .def_readonly("think_time_s", &SweepProvenance::think_time_s)
      .def_readonly("server_concurrency_limit",
                    &SweepProvenance::server_concurrency_limit);
  py::class_<SweepSettings>(m, "SweepSettings",
                            "How the sweep was asked to run (sweep.options).")
      .def_readonly("concurrencies", &SweepSettings::concurrencies)
      .def_readonly("rates_rps", &SweepSettings::rates_rps)
      .def_readonly("auto", &SweepSettings::auto_levels)
      .def_readonly("warmup_s", &SweepSettings::warmup_s)
      .def_readonly("level_duration_s", &SweepSettings::level_duration_s)
      .def_readonly("max_extensions", &SweepSettings::max_extensions)
      .def_readonly("threads", &SweepSettings::threads)
      .def_readonly("transport", &SweepSettings::transport,
                    "As given: 'auto', 'native' or 'curl'.")
      .def_readonly("seed", &SweepSettings::seed);
  py::class_<SteadyState>(m, "SteadyState",
                          "Whether a level's throughput had settled, and why "
                          "not.")
      .def_readonly("settled", &SteadyState::settled)
      .def_readonly("seconds", &SteadyState::seconds)
      .def_readonly("mean_per_s", &SteadyState::mean_per_s)
      .def_readonly("cv", &SteadyState::cv)
      .def_readonly("cv_limit", &SteadyState::cv_limit)
      .def_readonly("trend", &SteadyState::trend)
      .def_readonly("trend_t", &SteadyState::trend_t)
      .def_readonly("little_gap", &SteadyState::little_gap)
      .def_readonly("little_limit", &SteadyState::little_limit)
      .def_readonly("reason", &SteadyState::reason);
  py::class_<sweep::GaugeStats>(m, "GaugeStats",
                                "A resource gauge over a level's window.")
      .def_readonly("mean", &sweep::GaugeStats::mean)
      .def_readonly("max", &sweep::GaugeStats::max)
      .def_readonly("samples", &sweep::GaugeStats::samples);
  py::class_<sweep::LatencySamples>(
      m, "LatencySamples", "Per-request latencies (s) of a level's window.")
      .def_readonly("e2e_s", &sweep::LatencySamples::e2e_s)
      .def_readonly("ttft_s", &sweep::LatencySamples::ttft_s)
      .def_readonly("tpot_s", &sweep::LatencySamples::tpot_s);
  py::class_<SweepLevel>(m, "SweepLevel", "One finished level of a sweep.")
      .def_readonly("index", &SweepLevel::index)
      .def_readonly("concurrency", &SweepLevel::concurrency)
      .def_readonly("rate_rps", &SweepLevel::rate_rps)
      .def_readonly("warmup_s", &SweepLevel::warmup_s)
      .def_readonly("duration_s", &SweepLevel::duration_s)
      .def_readonly("extensions", &SweepLevel::extensions)
      .def_readonly("steady_state", &SweepLevel::steady)
      .def_property_readonly(
          "summary",
          [](const SweepLevel& l) {
            return RecordOf(telemetry::WindowSummaryToJson(l.summary));
          },
          "The level's numbers as the sweep file writes them "
          "(summary.throughput.requests_per_s, summary.metrics.e2e.p99, ...).")
      .def_readonly("gauges", &SweepLevel::gauges)
      .def_readonly("samples", &SweepLevel::samples)
      .def_property_readonly(
          "requests",
          [](const SweepLevel& l) {
            return RecordOf(telemetry::RequestSamplesToJson(l.requests));
          },
          "The sampled requests as columns (requests.e2e_s, ...).");
}

void BindSweepFile(py::module_& m) {
  py::class_<SweepFile> cls(
      m, "SweepFile",
      "A calibration sweep: provenance and one entry per finished level, "
      "shaped as the sweep file (sweep.provenance.target, "
      "sweep.levels[0].summary.throughput.requests_per_s, ...).",
      py::dynamic_attr());
  AddJsonView<SweepFile>(cls, SweepText);
  cls.def_readonly("schema", &SweepFile::schema)
      .def_readonly("provenance", &SweepFile::provenance)
      .def_readonly("options", &SweepFile::options)
      .def_readonly("levels", &SweepFile::levels)
      .def_readonly("complete", &SweepFile::complete)
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
  BindSweepParts(m);
  BindSweepFile(m);
  BindRunSweep(m);
  BindFitSweep(m);
}

}  // namespace loadlaw::python
