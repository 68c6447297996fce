// `loadlaw sim`: runs the simulated continuous-batching endpoint until
// SIGINT or SIGTERM. Every SimConfig field is a flag (kebab-case) and a key of
// the --config JSON file (snake_case); flags override the file.

#include <sys/resource.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "loadlaw/sim/config.h"
#include "loadlaw/sim/server.h"

namespace loadlaw::cli {
namespace {

struct SimOptions {
  std::string config_path;
  std::vector<std::string> values;      // one per ConfigFields() entry
  std::vector<CLI::Option*> options;    // likewise
};

// A load test opens thousands of connections: lift the soft limit on file
// descriptors to the hard one.
void RaiseFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  if (limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
}

sim::SimConfig BuildConfig(const SimOptions& options) {
  sim::SimConfig config =
      options.config_path.empty()
          ? sim::SimConfig()
          : sim::SimConfig::FromJsonFile(options.config_path);
  const std::vector<sim::ConfigField>& fields = sim::ConfigFields();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (options.options[i]->count() == 0) continue;
    fields[i].set_from_text(&config, options.values[i]);
  }
  std::string why;
  if (!config.IsValid(&why)) throw std::invalid_argument(why);
  return config;
}

void RunSim(const SimOptions& options) {
  sim::SimConfig config = BuildConfig(options);
  RaiseFileLimit();
  sim::Server server(config);
  server.StopOnSignals();
  server.Start();
  std::printf("loadlaw sim listening on %s\n", server.BaseUrl().c_str());
  std::fflush(stdout);
  server.Wait();
  server.Stop();
}

std::string HelpText(const sim::ConfigField& field,
                     const sim::SimConfig& defaults) {
  std::string help = field.help;
  if (!field.unit.empty()) help += " [" + field.unit + "]";
  std::string value = field.to_text(defaults);
  help += " (default: " + (value.empty() ? std::string("none") : value) + ")";
  return help;
}

}  // namespace

void AddSimCommand(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "sim",
      "Run a simulated continuous-batching LLM endpoint (OpenAI-compatible "
      "HTTP on loopback) with known capacity; see docs/simulator.md");
  auto options = std::make_shared<SimOptions>();
  cmd->add_option("--config", options->config_path,
                  "JSON file of parameters (snake_case keys); flags override "
                  "it")
      ->type_name("FILE");
  const std::vector<sim::ConfigField>& fields = sim::ConfigFields();
  const sim::SimConfig defaults;
  options->values.resize(fields.size());
  for (std::size_t i = 0; i < fields.size(); ++i) {
    CLI::Option* option = cmd->add_option(
        "--" + fields[i].flag, options->values[i],
        HelpText(fields[i], defaults));
    option->type_name(fields[i].type);
    options->options.push_back(option);
  }
  cmd->callback([options] { RunSim(*options); });
}

}  // namespace loadlaw::cli
