// Python bindings of loadlaw/sweep: the sweep file (load_sweep, save), the
// calibration sweep itself (releasing the GIL, stopping cleanly on Ctrl-C
// with its finished levels saved) and fit_sweep, sweep -> capacity model.

#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "args.h"
#include "bindings.h"
#include "interrupt.h"
#include "json_view.h"
#include "load_options.h"
#include "loadlaw/fit/usl.h"
#include "loadlaw/sweep/calibrate.h"
#include "loadlaw/sweep/sweep.h"
#include "loadlaw/sweep/sweep_file.h"

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
               s.provenance.loop +
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

// Auto mode's refinement: the relative width of the confidence band of a USL
// fitted to the levels so far, at the candidate (as the CLI scores it).
double BandWidth(int candidate, const std::vector<sweep::LevelOutcome>& done) {
  std::vector<fit::Observation> obs;
  for (const sweep::LevelOutcome& o : done) {
    if (o.throughput > 0) obs.push_back({double(o.concurrency), o.throughput});
  }
  if (obs.size() < 4) return 0;
  try {
    const fit::UslFit f = fit::FitUsl(obs);
    const fit::Estimate x = f.PredictThroughput(candidate);
    if (!f.IsUsable() || !x.HasInterval() || !(x.value > 0)) return 0;
    return (x.high - x.low) / x.value;
  } catch (const std::invalid_argument&) {
    return 0;
  }
}

// One line per finished level, as the CLI prints it.
std::string LevelLine(const sweep::SweepLevel& l, bool open) {
  const telemetry::WindowSummary& s = l.summary;
  char line[512];
  std::snprintf(line, sizeof line,
                "level %d: %g %s: %.2f req/s, %.0f tok/s, concurrency %.2f, "
                "e2e p99 %.3f s, ttft p95 %.3f s, %llu errors%s%s",
                l.index + 1, l.Load(open), open ? "req/s" : "users",
                s.requests_per_s, s.output_tokens_per_s, s.achieved_concurrency,
                s.e2e.p99, s.ttft.p95,
                static_cast<unsigned long long>(s.failed),
                l.steady.settled ? "" : ", NOT SETTLED: ",
                l.steady.settled ? "" : l.steady.reason.c_str());
  return line;
}

struct SweepArgs {
  std::vector<int> levels;
  std::vector<double> rates;
  bool auto_levels = false;
  int max_concurrency = 256;
  double min_gain = 0.10;
  int refine = 2;
};

SweepFile RunSweep(const LoadOptions& load, const SweepArgs& a,
                   const py::object& level_duration, const py::object& warmup,
                   int max_extensions, const py::object& out,
                   const py::object& records, bool resume,
                   const std::string& label,
                   const std::vector<std::string>& metrics, int pid, bool gpu,
                   bool scrape_metrics, int server_limit,
                   const py::object& log) {
  const bool open = !a.rates.empty();
  if (open && (!a.levels.empty() || a.auto_levels)) {
    throw std::invalid_argument(
        "give rates (open loop) or levels/auto (closed loop), not both");
  }
  if (!open && a.levels.empty() == !a.auto_levels) {
    throw std::invalid_argument(
        "give exactly one of levels=[1, 2, 4, 8] or auto=True (or rates)");
  }
  sweep::SweepOptions o;
  o.run = load.run;
  o.run.loop = open ? runner::LoopKind::kOpen : runner::LoopKind::kClosed;
  o.workload_text = load.workload_text;
  o.concurrencies = a.levels;
  o.rates_rps = a.rates;
  o.auto_levels = a.auto_levels;
  o.auto_options.max_concurrency = a.max_concurrency;
  o.auto_options.min_gain = a.min_gain;
  o.auto_options.refine_levels = a.refine;
  o.level_duration = DurationArg(level_duration, "level_duration");
  o.warmup = DurationArg(warmup, "warmup");
  if (!load.ramp_up_given) o.run.ramp_up = o.warmup / 2;
  o.max_extensions = max_extensions;
  o.out_path = PathArg(out);
  o.records_path = PathArg(records);
  o.resume = resume;
  o.label = label;
  o.server_concurrency_limit = server_limit;
  o.sampling.extra_metrics = metrics;
  o.sampling.pid = pid;
  o.sampling.gpu = gpu;
  o.sampling.scrape_metrics = scrape_metrics;
  o.seed = load.run.seed;
  std::string why;
  if (!o.IsValid(&why)) throw std::invalid_argument(why);

  Interruptible call(log);
  sweep::SweepHooks hooks;
  hooks.on_log = [&call](const std::string& line) { call.Log(line); };
  hooks.on_level = [&call, open](const sweep::SweepLevel& l) {
    call.Log(LevelLine(l, open));
  };
  hooks.score = BandWidth;
  hooks.cancel = call.cancel();
  return call.Run([&] { return sweep::RunSweep(o, hooks); });
}

void BindRunSweep(py::module_& m) {
  m.def(
      "_sweep",
      [](const LoadOptions& load, const std::vector<int>& levels,
         const std::vector<double>& rates, bool auto_levels,
         int max_concurrency, double min_gain, int refine,
         const py::object& level_duration, const py::object& warmup,
         int max_extensions, const py::object& out, const py::object& records,
         bool resume, const std::string& label,
         const std::vector<std::string>& metrics, int pid, bool gpu,
         bool scrape_metrics, int server_limit, const py::object& log) {
        return RunSweep(
            load,
            {levels, rates, auto_levels, max_concurrency, min_gain, refine},
            level_duration, warmup, max_extensions, out, records, resume, label,
            metrics, pid, gpu, scrape_metrics, server_limit, log);
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
        return sweep::FitSweep(sweep, options);
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
