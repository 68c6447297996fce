// Python bindings of loadlaw/runner: LoadOptions (the options a run and a
// sweep share) and run(), one load level against an endpoint, which releases
// the GIL and stops cleanly on Ctrl-C.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "args.h"
#include "bindings.h"
#include "interrupt.h"
#include "json_view.h"
#include "load_options.h"
#include "loadlaw/runner/runner.h"
#include "loadlaw/workload/duration.h"
#include "loadlaw/workload/workload.h"

namespace py = pybind11;

namespace loadlaw::python {
namespace {

struct WorkloadArgs {
  std::string file;
  std::optional<std::int64_t> prompt_tokens, max_tokens;
  std::string api;
  bool stream = true;
  std::string think_time;
};

workload::Workload BuildWorkload(const WorkloadArgs& a) {
  if (!a.file.empty()) {
    if (a.prompt_tokens || a.max_tokens || a.api != "chat") {
      throw std::invalid_argument(
          std::string(a.prompt_tokens ? "prompt_tokens"
                      : a.max_tokens  ? "max_tokens"
                                      : "api") +
          ": only for the synthetic workload (no workload=)");
    }
    return workload::LoadWorkloadFile(a.file);
  }
  workload::Workload w = workload::SyntheticWorkload(
      a.prompt_tokens.value_or(128), a.max_tokens.value_or(64));
  if (a.api == "completions") {
    w.scenarios[0].api = workload::Api::kCompletions;
  } else if (a.api != "chat") {
    throw std::invalid_argument("api: '" + a.api +
                                "' is not one of chat, completions");
  }
  return w;
}

// As the CLI's WorkloadText, so a sweep started from Python and one started
// from the CLI identify the same workload alike.
std::string WorkloadText(const WorkloadArgs& a) {
  std::ostringstream s;
  if (!a.file.empty()) {
    std::ifstream in(a.file);
    s << in.rdbuf();
  } else {
    s << "synthetic api=" << a.api
      << " prompt_tokens=" << a.prompt_tokens.value_or(128)
      << " max_tokens=" << a.max_tokens.value_or(64);
  }
  s << " stream=" << a.stream << " think=" << a.think_time;
  return s.str();
}

std::optional<double> SloArg(const py::object& value, const char* field) {
  if (value.is_none()) return std::nullopt;
  return telemetry::ToSeconds(DurationArg(value, field));
}

LoadOptions MakeLoadOptions(
    const std::string& target, const py::object& workload,
    std::optional<std::int64_t> prompt_tokens,
    std::optional<std::int64_t> max_tokens, const std::string& model,
    const std::string& api, bool stream, const py::object& think_time,
    const std::string& arrival, double burstiness, int max_in_flight,
    int threads, const py::object& ramp_up,
    const std::optional<std::string>& api_key_env, bool verify_tls, bool http2,
    const std::string& transport, const py::object& timeout, const py::object& connect_timeout,
    std::int64_t max_response_bytes, bool honor_retry_after, std::uint64_t seed,
    const py::object& slo_ttft, const py::object& slo_tpot,
    const py::object& slo_e2e) {
  WorkloadArgs w{
      PathArg(workload),
      prompt_tokens,
      max_tokens,
      api,
      stream,
      think_time.is_none() ? "" : DurationText(think_time, "think_time")};
  LoadOptions o;
  runner::RunOptions& r = o.run;
  r.target_url = target;
  r.workload = BuildWorkload(w);
  if (!stream) {
    for (workload::Scenario& s : r.workload.scenarios) s.stream = false;
  }
  if (!w.think_time.empty()) {
    r.workload.think_time_s =
        workload::ParseDelaySpec(w.think_time, "think_time");
  }
  r.model = model;
  r.arrival = workload::ParseArrivalKind(arrival, "arrival");
  r.burstiness = burstiness;
  r.max_in_flight = max_in_flight;
  r.threads = threads;
  if (!ramp_up.is_none()) {
    r.ramp_up = DurationArg(ramp_up, "ramp_up");
    o.ramp_up_given = true;
  }
  if (api_key_env) {
    if (std::getenv(api_key_env->c_str()) == nullptr) {
      throw std::invalid_argument("api_key_env: environment variable " +
                                  *api_key_env + " is not set");
    }
    r.api_key_env = *api_key_env;
  }
  r.verify_tls = verify_tls;
  r.http_version =
      http2 ? runner::HttpVersion::kHttp2 : runner::HttpVersion::kHttp1_1;
  r.transport = runner::ParseTransport(transport, "transport");
  r.request_timeout = DurationArg(timeout, "timeout");
  r.connect_timeout = DurationArg(connect_timeout, "connect_timeout");
  r.max_response_bytes = max_response_bytes;
  r.honor_retry_after = honor_retry_after;
  r.seed = seed;
  r.slo.ttft_s = SloArg(slo_ttft, "slo_ttft");
  r.slo.tpot_s = SloArg(slo_tpot, "slo_tpot");
  r.slo.e2e_s = SloArg(slo_e2e, "slo_e2e");
  o.workload_text = WorkloadText(w);
  return o;
}

void BindLoadOptions(py::module_& m) {
  py::class_<LoadOptions>(
      m, "LoadOptions",
      "What run() and sweep() share: the target, the workload (a workload "
      "file, or the synthetic one of prompt_tokens and max_tokens), "
      "transport, goodput SLOs and the seed. Durations are seconds or text "
      "('500ms', '2m').")
      .def(py::init(&MakeLoadOptions), py::arg("target"), py::kw_only(),
           py::arg("workload") = py::none(),
           py::arg("prompt_tokens") = py::none(),
           py::arg("max_tokens") = py::none(), py::arg("model") = "",
           py::arg("api") = "chat", py::arg("stream") = true,
           py::arg("think_time") = py::none(), py::arg("arrival") = "poisson",
           py::arg("burstiness") = 1.0, py::arg("max_in_flight") = 0,
           py::arg("threads") = 1, py::arg("ramp_up") = py::none(),
           py::arg("api_key_env") = py::none(), py::arg("verify_tls") = true,
           py::arg("http2") = false, py::arg("transport") = "auto",
           py::arg("timeout") = "300s",
           py::arg("connect_timeout") = "10s",
           py::arg("max_response_bytes") = std::int64_t{32} << 20,
           py::arg("honor_retry_after") = true, py::arg("seed") = 1,
           py::arg("slo_ttft") = py::none(), py::arg("slo_tpot") = py::none(),
           py::arg("slo_e2e") = py::none())
      .def_property_readonly(
          "target", [](const LoadOptions& o) { return o.run.target_url; })
      .def_property_readonly(
          "workload_name",
          [](const LoadOptions& o) { return o.run.workload.name; })
      .def_property_readonly("workload_text", [](const LoadOptions& o) {
        return o.workload_text;
      });
}

runner::LoadLevel BuildLevel(int concurrency, double rate,
                             const py::object& duration, std::int64_t requests,
                             const py::object& warmup) {
  if ((concurrency > 0) == (rate > 0)) {
    throw std::invalid_argument("give exactly one of concurrency=N or rate=R");
  }
  if (duration.is_none() == (requests == 0)) {
    throw std::invalid_argument(
        "give exactly one of duration (e.g. 60 or '60s') or requests=M");
  }
  runner::LoadLevel level;
  level.concurrency = concurrency;
  level.rate_rps = rate;
  level.warmup = DurationArg(warmup, "warmup");
  if (!duration.is_none()) {
    level.duration = DurationArg(duration, "duration");
    if (level.duration.count() == 0) {
      throw std::invalid_argument("duration: must be > 0");
    }
  }
  level.requests = requests;
  return level;
}

std::string RunText(const runner::RunResult& r, int indent) {
  return runner::RunResultToJson(r, indent);
}

void BindRun(py::module_& m) {
  py::class_<runner::RunResult> cls(
      m, "RunResult",
      "What a load run measured; its fields are those of `loadlaw run "
      "--json` (result.levels[0].summary..., and for one level "
      "result.metrics, result.throughput, ...).",
      py::dynamic_attr());
  AddJsonView<runner::RunResult>(cls, RunText);
  cls.def_readonly("cancelled", &runner::RunResult::cancelled)
      .def_readonly("elapsed_s", &runner::RunResult::elapsed_s)
      .def("__repr__", [](const runner::RunResult& r) {
        return "RunResult(target='" + r.target +
               "', levels=" + std::to_string(r.levels.size()) +
               ", elapsed_s=" + std::to_string(r.elapsed_s) + ")";
      });
  m.def(
      "_run",
      [](const LoadOptions& load, int concurrency, double rate,
         const py::object& duration, std::int64_t requests,
         const py::object& warmup, const py::object& records) {
        runner::RunOptions options = load.run;
        options.loop =
            rate > 0 ? runner::LoopKind::kOpen : runner::LoopKind::kClosed;
        options.levels = {
            BuildLevel(concurrency, rate, duration, requests, warmup)};
        options.records_path = PathArg(records);
        std::string why;
        if (!options.IsValid(&why)) throw std::invalid_argument(why);
        Interruptible call;
        runner::RunHooks hooks;
        hooks.cancel = call.cancel();
        return call.Run([&] { return runner::Run(options, hooks); });
      },
      py::arg("load"), py::arg("concurrency") = 0, py::arg("rate") = 0.0,
      py::arg("duration") = py::none(), py::arg("requests") = 0,
      py::arg("warmup") = 0.0, py::arg("records") = py::none(),
      "One load level (see loadlaw.run).");
}

}  // namespace

void BindRunner(py::module_& m) {
  BindLoadOptions(m);
  BindRun(m);
}

}  // namespace loadlaw::python
