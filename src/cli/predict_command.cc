// `loadlaw predict MODEL.model.json --concurrency 16,32 | --rate 10,20`: what
// a capacity model forecasts at given closed-loop concurrencies or open-loop
// Poisson rates, each quantity with its interval.

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/fit/capacity_model_json.h"
#include "loadlaw/plan/open_loop.h"

namespace loadlaw::cli {
namespace {

using nlohmann::json;

struct PredictArgs {
  std::string model_path;
  std::vector<double> concurrency;
  std::vector<double> rate_rps;
  int concurrency_limit = 0;
  bool json = false;
};

// One forecast in a common shape for both loops.
struct Row {
  std::string mode;        // "closed_loop" or "open_loop"
  double concurrency = 0;  // given (closed) or mean in system (open)
  double rate_rps = std::nan("");
  bool stable = true;
  base::Estimate requests_per_s;
  base::Estimate output_tokens_per_s;
  std::vector<std::pair<std::string, base::Estimate>> latency_s;  // "e2e_p99_s"
};

json Number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

template <typename Forecast>
void AddLatencies(const fit::CapacityModel& model, const Forecast& f,
                  Row* row) {
  for (fit::LatencyMetric m : fit::kAllLatencyMetrics) {
    for (fit::LatencyQuantile q : fit::kAllLatencyQuantiles) {
      if (model.Curve(m, q) == nullptr) continue;
      row->latency_s.emplace_back(std::string(fit::LatencyMetricName(m)) + "_" +
                                      fit::LatencyQuantileName(q) + "_s",
                                  f.Latency(m, q));
    }
  }
}

Row ClosedLoopRow(const fit::CapacityModel& model, double n) {
  const fit::CapacityPrediction p = model.Predict(n);
  Row row;
  row.mode = "closed_loop";
  row.concurrency = n;
  row.requests_per_s = p.requests_per_s;
  row.output_tokens_per_s = p.output_tokens_per_s;
  AddLatencies(model, p, &row);
  return row;
}

Row OpenLoopRow(const fit::CapacityModel& model, double rate, int limit) {
  const plan::OpenLoopForecast f = plan::PredictOpenLoop(model, rate, limit);
  Row row;
  row.mode = "open_loop";
  row.rate_rps = rate;
  row.stable = f.stable;
  row.concurrency = f.mean_concurrency.value;
  row.requests_per_s = f.requests_per_s;
  row.output_tokens_per_s = f.output_tokens_per_s;
  AddLatencies(model, f, &row);
  return row;
}

json RowJson(const Row& row, double max_measured) {
  json out = {{"mode", row.mode},
              {"concurrency", Number(row.concurrency)},
              {"rate_rps", Number(row.rate_rps)},
              {"stable", row.stable},
              {"extrapolated", row.concurrency > max_measured},
              {"requests_per_s", Number(row.requests_per_s.value)},
              {"output_tokens_per_s", Number(row.output_tokens_per_s.value)}};
  json intervals = {
      {"requests_per_s",
       {Number(row.requests_per_s.low), Number(row.requests_per_s.high)}},
      {"output_tokens_per_s",
       {Number(row.output_tokens_per_s.low),
        Number(row.output_tokens_per_s.high)}}};
  for (const auto& [name, e] : row.latency_s) {
    out[name] = Number(e.value);
    intervals[name] = {Number(e.low), Number(e.high)};
  }
  out["intervals"] = intervals;
  return out;
}

void PrintEstimate(const char* label, const base::Estimate& e,
                   const char* unit) {
  std::printf("  %-14s %10.4g %-6s [%.4g, %.4g]\n", label, e.value, unit, e.low,
              e.high);
}

void PrintRow(const Row& row) {
  if (row.mode == "closed_loop") {
    std::printf("\nconcurrency %g (closed loop)\n", row.concurrency);
  } else {
    std::printf("\nPoisson arrivals at %g req/s (open loop)%s\n", row.rate_rps,
                row.stable ? "" : ": NO STEADY STATE (beyond saturation)");
    if (!row.stable) return;
    std::printf("  %-14s %10.4g\n", "mean in system", row.concurrency);
  }
  PrintEstimate("requests/s", row.requests_per_s, "req/s");
  PrintEstimate("output tok/s", row.output_tokens_per_s, "tok/s");
  for (const auto& [name, e] : row.latency_s) {
    const std::string label = name.substr(0, name.size() - 2);
    PrintEstimate(label.c_str(), e, "s");
  }
}

void PrintHeader(const PredictArgs& args, const fit::CapacityModel& model) {
  std::printf(
      "loadlaw predict: %s (%s%s, measured concurrency %g..%g, "
      "%.0f%% intervals)\n",
      args.model_path.c_str(),
      model.provenance.hardware.empty() ? "hardware not recorded" : "hardware ",
      model.provenance.hardware.c_str(), model.min_concurrency,
      model.max_concurrency, 100 * model.confidence);
  for (const std::string& w : model.trust.warnings) {
    std::printf("warning: %s\n", w.c_str());
  }
}

void RunPredict(const PredictArgs& args) {
  if (args.concurrency.empty() && args.rate_rps.empty()) {
    throw std::invalid_argument("predict: give --concurrency or --rate");
  }
  const fit::CapacityModel model = fit::LoadCapacityModel(args.model_path);
  std::vector<Row> rows;
  for (double n : args.concurrency) rows.push_back(ClosedLoopRow(model, n));
  for (double r : args.rate_rps) {
    rows.push_back(OpenLoopRow(model, r, args.concurrency_limit));
  }
  if (args.json) {
    json predictions = json::array();
    for (const Row& row : rows) {
      predictions.push_back(RowJson(row, model.max_concurrency));
    }
    json out = {
        {"model", args.model_path},
        {"schema", model.schema},
        {"confidence", model.confidence},
        {"trust", {{"ok", model.trust.ok}, {"warnings", model.trust.warnings}}},
        {"predictions", predictions}};
    std::cout << out.dump(2) << std::endl;
    return;
  }
  PrintHeader(args, model);
  for (const Row& row : rows) PrintRow(row);
}

}  // namespace

void AddPredictCommand(CLI::App& app) {
  auto args = std::make_shared<PredictArgs>();
  CLI::App* cmd = app.add_subcommand(
      "predict", "Forecast throughput and latency from a capacity model");
  cmd->add_option("model", args->model_path, "capacity model (*.model.json)")
      ->required();
  cmd->add_option("--concurrency", args->concurrency,
                  "closed-loop concurrencies, e.g. 16,32")
      ->delimiter(',');
  cmd->add_option("--rate", args->rate_rps,
                  "open-loop Poisson rates in req/s per replica, e.g. 10,20")
      ->delimiter(',');
  cmd->add_option("--concurrency-limit", args->concurrency_limit,
                  "server concurrency limit for --rate (default: the "
                  "model's)");
  cmd->add_flag("--json", args->json, "print one JSON object");
  cmd->callback([args] { RunPredict(*args); });
}

}  // namespace loadlaw::cli
