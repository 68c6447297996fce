#include "cli/fit_sweep.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "loadlaw/fit/capacity_model_json.h"
#include "loadlaw/calibrate/calibrate.h"

namespace loadlaw::cli {
namespace {

void PrintUsl(const char* what, const fit::UslFit& f) {
  std::printf(
      "%-20s sigma %.4g [%.4g, %.4g]  kappa %.4g [%.4g, %.4g]  lambda %.4g "
      "[%.4g, %.4g]\n",
      what, f.sigma.value, f.sigma.low, f.sigma.high, f.kappa.value,
      f.kappa.low, f.kappa.high, f.lambda.value, f.lambda.low, f.lambda.high);
  if (std::isfinite(f.peak_concurrency.value)) {
    std::printf("%-20s peak %.4g at N* = %.3g [%.3g, %.3g], limited by %s\n",
                "", f.peak_throughput.value, f.peak_concurrency.value,
                f.peak_concurrency.low, f.peak_concurrency.high,
                fit::LimitedByName(fit::LimitingFactor(f.params)));
  } else {
    std::printf("%-20s no peak (kappa = 0): ceiling lambda/sigma = %.4g\n", "",
                f.amdahl_ceiling.value);
  }
}

void PrintHoldout(const fit::CapacityHoldout& h) {
  if (h.held_out_levels == 0) {
    std::printf("\nhold-out: none (%s)\n", h.note.c_str());
    return;
  }
  std::printf("\nhold-out: fitted on %d levels, forecast the top %d:\n",
              h.fitted_levels, h.held_out_levels);
  for (const fit::HoldoutForecast& p : h.points) {
    std::printf("  N = %-7.3g req/s measured %-9.4g forecast %-9.4g (%+.1f%%)",
                p.concurrency, p.requests_per_s_measured,
                p.requests_per_s_predicted, 100 * p.requests_per_s_rel_error);
    if (std::isfinite(p.e2e_p99_rel_error)) {
      std::printf("   e2e p99 %.4g s vs %.4g s (%+.1f%%)", p.e2e_p99_s_measured,
                  p.e2e_p99_s_predicted, 100 * p.e2e_p99_rel_error);
    }
    std::printf("\n");
  }
}

// Notes of the form "series: message" that share their message are printed
// once, with the series listed ("e2e.p50, e2e.p90: only 4 points, ...").
std::vector<std::string> GroupedNotes(const std::vector<std::string>& notes) {
  std::vector<std::pair<std::string, std::string>> groups;  // message, series
  std::vector<std::string> plain;
  for (const std::string& note : notes) {
    const size_t colon = note.find(": ");
    if (colon == std::string::npos || note.find(' ') < colon) {
      plain.push_back(note);
      continue;
    }
    const std::string series = note.substr(0, colon);
    const std::string message = note.substr(colon + 2);
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.first == message; });
    if (it == groups.end()) {
      groups.emplace_back(message, series);
    } else {
      it->second += ", " + series;
    }
  }
  for (const auto& [message, series] : groups) {
    plain.push_back(series + ": " + message);
  }
  return plain;
}

void PrintModel(const std::string& path, const fit::CapacityModel& m) {
  std::printf("loadlaw fit: %s (%zu levels, concurrency %.3g to %.3g)\n\n",
              path.c_str(), m.levels.size(), m.min_concurrency,
              m.max_concurrency);
  PrintUsl("requests/s", m.requests);
  PrintUsl("output tokens/s", m.output_tokens);
  std::printf("%-20s %.1f input, %.1f output tokens per request\n", "",
              m.mean_input_tokens, m.mean_output_tokens);
  PrintHoldout(m.holdout);
  for (const std::string& note : GroupedNotes(m.notes)) {
    std::printf("note: %s\n", note.c_str());
  }
  if (m.trust.ok) {
    std::printf("\ntrust: ok (fits explain the data; the hold-out forecast "
                "is within bounds)\n");
  } else {
    std::printf("\ntrust: DO NOT TRUST this model yet\n");
    for (const std::string& w : m.trust.warnings) {
      std::printf("  warning: %s\n", w.c_str());
    }
  }
}

}  // namespace

bool IsSweepPath(const std::string& path) {
  return path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
}

void RunFitSweep(const std::string& sweep_path, const std::string& out_path,
                 int holdout_levels, bool json) {
  const sweep::SweepFile sweep = sweep::LoadSweep(sweep_path);
  fit::CapacityModelOptions options;
  if (holdout_levels > 0) options.holdout_levels = holdout_levels;
  const fit::CapacityModel model = calibrate::FitSweep(sweep, options);
  if (!out_path.empty()) fit::SaveCapacityModel(model, out_path);
  if (json) {
    std::cout << fit::CapacityModelToJsonText(model) << std::endl;
    return;
  }
  PrintModel(sweep_path, model);
  if (!out_path.empty()) std::printf("\nmodel written to %s\n", out_path.c_str());
}

}  // namespace loadlaw::cli
