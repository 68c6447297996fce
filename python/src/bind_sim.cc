// Python bindings of loadlaw/sim: the simulated endpoint, started in-process
// on a free loopback port (what `loadlaw sim` serves), for demos and tests:
//
//   with loadlaw.Simulator(max_num_seqs=16, step_base_ms=2) as sim:
//       loadlaw.run(sim.url, concurrency=8, duration=5)

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "args.h"
#include "bindings.h"
#include "loadlaw/sim/config.h"
#include "loadlaw/sim/server.h"

namespace py = pybind11;

namespace loadlaw::python {
namespace {

class Simulator {
 public:
  explicit Simulator(const sim::SimConfig& config)
      : config_(config), server_(std::make_unique<sim::Server>(config)) {
    server_->Start();
    url_ = server_->BaseUrl();
    port_ = server_->port();
  }
  // Without touching the GIL: the object may go at interpreter exit.
  ~Simulator() { StopServer(); }

  void Stop() {
    py::gil_scoped_release release;
    StopServer();
  }
  bool running() const { return server_ != nullptr; }
  const std::string& url() const { return url_; }
  int port() const { return port_; }
  const sim::SimConfig& config() const { return config_; }

 private:
  void StopServer() {
    if (!server_) return;
    server_->Stop();
    server_.reset();
  }

  sim::SimConfig config_;
  std::unique_ptr<sim::Server> server_;
  std::string url_;
  int port_ = 0;
};

// The parameters: the JSON file's (when given) updated with the keyword
// arguments, read by SimConfig::FromJsonText (errors name the key as a JSON
// pointer), port 0 unless one is given.
sim::SimConfig MakeConfig(const py::object& config_file, py::kwargs params) {
  py::module_ json = py::module_::import("json");
  py::dict merged;
  const std::string path = PathArg(config_file);
  if (!path.empty()) {
    std::ifstream in(path);
    if (!in) throw std::invalid_argument("config: cannot read '" + path + "'");
    std::stringstream text;
    text << in.rdbuf();
    merged = json.attr("loads")(text.str());
  }
  if (!merged.contains("port")) merged["port"] = 0;
  for (auto item : params) merged[item.first] = item.second;
  sim::SimConfig config = sim::SimConfig::FromJsonText(
      json.attr("dumps")(merged).cast<std::string>());
  std::string why;
  if (!config.IsValid(&why)) throw std::invalid_argument(why);
  return config;
}

}  // namespace

void BindSim(py::module_& m) {
  py::class_<Simulator>(
      m, "Simulator",
      "The simulated continuous-batching LLM endpoint (`loadlaw sim`), "
      "serving OpenAI-compatible streaming HTTP on 127.0.0.1 from this "
      "process until stop() (or the end of a `with` block). Keyword "
      "arguments are its parameters (docs/simulator.md, simulator_fields()); "
      "config= reads them from a JSON file first.")
      .def(py::init([](const py::object& config, py::kwargs params) {
             return std::make_unique<Simulator>(MakeConfig(config, params));
           }),
           py::arg("config") = py::none())
      .def_property_readonly("url", &Simulator::url,
                             "Base URL, e.g. http://127.0.0.1:41234")
      .def_property_readonly("port", &Simulator::port)
      .def_property_readonly("running", &Simulator::running)
      .def_property_readonly(
          "config",
          [](const Simulator& s) -> py::dict {
            return py::module_::import("json").attr("loads")(
                s.config().ToJsonText());
          },
          "Every parameter, as a dict.")
      .def("stop", &Simulator::Stop,
           "Closes the listener and every connection; idempotent.")
      .def(
          "__enter__", [](Simulator& s) -> Simulator& { return s; },
          py::return_value_policy::reference)
      .def("__exit__", [](Simulator& s, const py::object&, const py::object&,
                          const py::object&) { s.Stop(); })
      .def("__repr__", [](const Simulator& s) {
        return "Simulator(url='" + s.url() +
               "', running=" + (s.running() ? "True" : "False") + ")";
      });
  m.def(
      "simulator_fields",
      [] {
        py::list out;
        const sim::SimConfig defaults;
        for (const sim::ConfigField& f : sim::ConfigFields()) {
          py::dict d;
          d["key"] = f.key;
          d["unit"] = f.unit;
          d["help"] = f.help;
          d["type"] = f.type;
          d["default"] = f.to_text(defaults);
          out.append(d);
        }
        return out;
      },
      "The simulator's parameters: key, unit, help, type and default.");
}

}  // namespace loadlaw::python
