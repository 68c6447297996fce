// `loadlaw fit FILE.csv`: fits the Universal Scalability Law (and the simpler
// laws) to measured throughput against concurrency, with intervals, model
// choice by AIC and optional hold-out validation. A sweep file instead gets its
// capacity model (fit_sweep.cc).

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/csv_table.h"
#include "cli/fit_sweep.h"
#include "loadlaw/fit/holdout.h"
#include "loadlaw/fit/model_choice.h"
#include "loadlaw/fit/usl.h"

namespace loadlaw::cli {
namespace {

using nlohmann::json;

struct FitArgs {
  std::string file;
  std::string x_column = "1";
  std::string y_column = "2";
  std::string weight_column;
  std::string law = "usl";
  std::string loss = "none";
  double think_time_s = 0;
  double confidence = 0.95;
  int holdout = 0;
  bool json = false;
  std::string out;  // sweeps: where to write the capacity model
};

std::vector<fit::Observation> ReadObservations(const FitArgs& args,
                                               const CsvTable& table) {
  const std::vector<double> x = table.Column(table.ColumnIndex(args.x_column));
  const std::vector<double> y = table.Column(table.ColumnIndex(args.y_column));
  std::vector<double> w(x.size(), 1.0);
  if (!args.weight_column.empty()) {
    w = table.Column(table.ColumnIndex(args.weight_column));
  }
  std::vector<fit::Observation> obs;
  for (size_t i = 0; i < x.size(); ++i) obs.push_back({x[i], y[i], w[i]});
  return obs;
}

json EstimateJson(const base::Estimate& e) {
  return {{"value", e.value},
          {"std_error", e.std_error},
          {"low", e.low},
          {"high", e.high}};
}

json LawsJson(const fit::LawComparison& cmp) {
  json laws = json::array();
  for (size_t i = 0; i < cmp.fits.size(); ++i) {
    const fit::UslFit& f = cmp.fits[i];
    laws.push_back({{"law", fit::LawName(f.law)},
                    {"params",
                     {{"sigma", f.params.sigma},
                      {"kappa", f.params.kappa},
                      {"lambda", f.params.lambda}}},
                    {"sse", f.sse},
                    {"aic", f.aic},
                    {"delta_aic", cmp.delta_aic[i]}});
  }
  return laws;
}

json HoldoutJson(const fit::HoldoutResult& h) {
  json points = json::array();
  for (const fit::HoldoutPoint& p : h.points) {
    points.push_back({{"n", p.concurrency},
                      {"measured", p.measured},
                      {"predicted", p.predicted},
                      {"predicted_low", p.predicted_low},
                      {"predicted_high", p.predicted_high},
                      {"rel_error", p.rel_error},
                      {"inside_band", p.inside_band}});
  }
  return points;
}

json FitJson(const FitArgs& args, const std::vector<fit::Observation>& obs,
             const fit::UslFit& f, const fit::LawComparison& cmp) {
  json out;
  out["source"] = {{"file", args.file},
                   {"x", args.x_column},
                   {"y", args.y_column},
                   {"points", obs.size()}};
  out["law"] = fit::LawName(f.law);
  out["params"] = {{"sigma", f.params.sigma},
                   {"kappa", f.params.kappa},
                   {"lambda", f.params.lambda}};
  out["stderr"] = {{"sigma", f.sigma.std_error},
                   {"kappa", f.kappa.std_error},
                   {"lambda", f.lambda.std_error}};
  out["intervals"] = {{"sigma", {f.sigma.low, f.sigma.high}},
                      {"kappa", {f.kappa.low, f.kappa.high}},
                      {"lambda", {f.lambda.low, f.lambda.high}}};
  out["confidence"] = f.confidence;
  out["peak"] = {{"concurrency", f.peak_concurrency.value},
                 {"concurrency_low", f.peak_concurrency.low},
                 {"concurrency_high", f.peak_concurrency.high},
                 {"throughput", f.peak_throughput.value},
                 {"throughput_low", f.peak_throughput.low},
                 {"throughput_high", f.peak_throughput.high}};
  out["amdahl_ceiling"] = EstimateJson(f.amdahl_ceiling);
  out["inverse_sigma"] = EstimateJson(f.inverse_sigma);
  out["limited_by"] = fit::LimitedByName(fit::LimitingFactor(f.params));
  out["sse"] = f.sse;
  out["aic"] = f.aic;
  out["r_squared"] = f.r_squared;
  out["residual_std_error"] = f.residual_std_error;
  out["kappa_at_bound"] = f.kappa_at_bound;
  out["converged"] = f.converged;
  out["message"] = f.message;
  out["laws"] = LawsJson(cmp);
  out["preferred_law"] = fit::LawName(cmp.preferred);
  out["law_choice"] = cmp.explanation;
  out["think_time"] = args.think_time_s;
  json predictions = json::array();
  for (const fit::Observation& o : obs) {
    const base::Estimate x = f.PredictThroughput(o.concurrency);
    const base::Estimate r =
        f.PredictResponseTime(o.concurrency, args.think_time_s);
    predictions.push_back({{"n", o.concurrency},
                           {"measured", o.value},
                           {"throughput", x.value},
                           {"throughput_low", x.low},
                           {"throughput_high", x.high},
                           {"response_time", r.value}});
  }
  out["predictions"] = predictions;
  out["warnings"] = f.warnings;
  return out;
}

void PrintEstimateRow(const char* name, const base::Estimate& e) {
  std::printf("  %-22s %14.6g   se %-11.4g [%.6g, %.6g]\n", name, e.value,
              e.std_error, e.low, e.high);
}

void PrintFit(const FitArgs& args, const fit::UslFit& f,
              const fit::LawComparison& cmp) {
  std::printf("loadlaw fit: %s (%d points)\n\n", args.file.c_str(),
              f.num_points);
  std::printf("%s law, %.0f%% intervals%s\n", fit::LawName(f.law),
              100 * f.confidence, f.converged ? "" : "  (NOT CONVERGED)");
  PrintEstimateRow("sigma (contention)", f.sigma);
  PrintEstimateRow("kappa (coherency)", f.kappa);
  PrintEstimateRow("lambda (X at N=1)", f.lambda);
  if (f.kappa_at_bound) std::printf("  kappa is on its bound 0\n");
  PrintEstimateRow("peak concurrency N*", f.peak_concurrency);
  PrintEstimateRow("peak throughput X(N*)", f.peak_throughput);
  PrintEstimateRow("Amdahl ceiling l/s", f.amdahl_ceiling);
  std::printf(
      "  limited by %s; SSE %.6g, residual std error %.4g, R^2 %.4f, "
      "AIC %.3f\n",
      fit::LimitedByName(fit::LimitingFactor(f.params)), f.sse,
      f.residual_std_error, f.r_squared, f.aic);
  std::printf("\nlaw comparison (AIC):");
  for (size_t i = 0; i < cmp.fits.size(); ++i) {
    std::printf("  %s %+.2f", fit::LawName(cmp.fits[i].law), cmp.delta_aic[i]);
  }
  std::printf("\n  %s\n", cmp.explanation.c_str());
  if (!f.converged) std::printf("\nsolver: %s\n", f.message.c_str());
}

void PrintHoldout(const fit::HoldoutResult& h) {
  std::printf("\nhold-out: fitted on the %d lowest points, forecast %zu "
              "held-out levels\n",
              h.fit.num_points, h.points.size());
  std::printf("  %10s %14s %14s %27s %9s\n", "N", "measured", "forecast",
              "band", "error");
  for (const fit::HoldoutPoint& p : h.points) {
    std::printf("  %10g %14.6g %14.6g   [%11.6g, %11.6g] %+8.2f%%\n",
                p.concurrency, p.measured, p.predicted, p.predicted_low,
                p.predicted_high, 100 * p.rel_error);
  }
  std::printf("  mean |error| %.2f%%, max |error| %.2f%%\n",
              100 * h.mean_abs_rel_error, 100 * h.max_abs_rel_error);
}

void RunFit(const FitArgs& args) {
  if (IsSweepPath(args.file)) {
    RunFitSweep(args.file, args.out, args.holdout, args.json);
    return;
  }
  if (!args.out.empty()) {
    throw std::invalid_argument("--out: only for a sweep file (*.sweep.json)");
  }
  const CsvTable table = ReadCsv(args.file);
  const std::vector<fit::Observation> obs = ReadObservations(args, table);
  const fit::FitOptions options = fit::MakeFitOptions(
      args.law, args.loss, 0, args.confidence, base::Naming::kFlag);
  if (!(args.think_time_s >= 0)) {
    throw std::invalid_argument("--think-time must be >= 0 seconds");
  }
  const fit::UslFit f = fit::FitUsl(obs, options);
  const fit::LawComparison cmp = fit::CompareLaws(obs, options);
  json out = FitJson(args, obs, f, cmp);
  std::unique_ptr<fit::HoldoutResult> holdout;
  if (args.holdout > 0) {
    holdout = std::make_unique<fit::HoldoutResult>(
        fit::Holdout(obs, args.holdout, options));
    out["holdout"] = HoldoutJson(*holdout);
    out["holdout_fit"] = {{"points", holdout->fit.num_points},
                          {"params",
                           {{"sigma", holdout->fit.params.sigma},
                            {"kappa", holdout->fit.params.kappa},
                            {"lambda", holdout->fit.params.lambda}}},
                          {"mean_abs_rel_error", holdout->mean_abs_rel_error},
                          {"max_abs_rel_error", holdout->max_abs_rel_error}};
  }
  if (args.json) {
    std::cout << out.dump(2) << std::endl;
    return;
  }
  PrintFit(args, f, cmp);
  if (holdout) PrintHoldout(*holdout);
  for (const std::string& w : f.warnings) std::printf("warning: %s\n", w.c_str());
}

}  // namespace

void AddFitCommand(CLI::App& app) {
  auto args = std::make_shared<FitArgs>();
  CLI::App* cmd = app.add_subcommand(
      "fit",
      "Fit a sweep's capacity model, or the USL to a CSV of measurements");
  cmd->add_option("file", args->file,
                  "a sweep file (*.sweep.json), or a CSV file: a header row, "
                  "then one row per level")
      ->required();
  cmd->add_option("--out", args->out,
                  "sweeps: write the capacity model here (models/NAME.model.json)");
  cmd->add_option("--x", args->x_column,
                  "concurrency column, by name or 1-based position")
      ->capture_default_str();
  cmd->add_option("--y", args->y_column,
                  "throughput column, by name or 1-based position")
      ->capture_default_str();
  cmd->add_option("--weight", args->weight_column,
                  "optional column of per-point weights");
  cmd->add_option("--law", args->law, "usl, amdahl or linear")
      ->capture_default_str();
  cmd->add_option("--loss", args->loss, "robust loss: none, huber or cauchy")
      ->capture_default_str();
  cmd->add_option("--think-time", args->think_time_s,
                  "think time Z in seconds, for R(N) = N/X(N) - Z")
      ->capture_default_str();
  cmd->add_option("--confidence", args->confidence,
                  "two-sided level of every interval")
      ->capture_default_str();
  cmd->add_option("--holdout", args->holdout,
                  "hold out the K highest levels and forecast them (sweeps: "
                  "default 1 below 7 levels, 2 from 7)");
  cmd->add_flag("--json", args->json, "print one JSON object");
  cmd->callback([args] { RunFit(*args); });
}

}  // namespace loadlaw::cli
