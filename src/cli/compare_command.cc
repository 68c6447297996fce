// `loadlaw compare BASELINE CANDIDATE [--max-regression 5%] [--json]`: canary
// analysis of two sweeps (*.sweep.json) or two capacity models
// (*.model.json), told apart by their "schema". Exit status 0 on pass, 1 on
// a regression beyond the threshold (or, with --fail-on-inconclusive, on an
// inconclusive verdict), 2 on bad input. docs/compare.md has the rules.

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "cli/commands.h"
#include "loadlaw/report/compare_files.h"

namespace loadlaw::cli {
namespace {

struct CompareArgs {
  std::string baseline;
  std::string candidate;
  std::string max_regression = "5%";
  std::string max_error_increase = "1%";
  double confidence = 0.95;
  std::uint64_t seed = 1;
  bool fail_on_inconclusive = false;
  bool json = false;
};

// "5%" -> 0.05, "0.05" -> 0.05; anything else is an error naming `flag`.
double ParseThreshold(const std::string& text, const std::string& flag) {
  const bool percent = !text.empty() && text.back() == '%';
  const std::string number = percent ? text.substr(0, text.size() - 1) : text;
  std::size_t used = 0;
  double value = NAN;
  try {
    value = std::stod(number, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != number.size() || !(value >= 0) ||
      (!percent && value >= 1) || (percent && value >= 100)) {
    throw std::invalid_argument(
        flag +
        ": expected a percentage such as 5% or a fraction such as 0.05, got "
        "\"" +
        text + "\"");
  }
  return percent ? value / 100 : value;
}

std::string Pct(double fraction) {
  if (!std::isfinite(fraction)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f%%", 100 * fraction);
  return buf;
}

std::string IntervalText(double low, double high) {
  return std::isfinite(low) ? "[" + Pct(low) + ", " + Pct(high) + "]"
                            : "(none)";
}

void PrintNotes(const std::vector<std::string>& notes) {
  for (const std::string& n : notes) std::printf("note: %s\n", n.c_str());
}

void PrintVerdict(const char* verdict, const std::string& worst) {
  std::printf("\nverdict: %s\n", verdict);
  if (!worst.empty()) std::printf("worst: %s\n", worst.c_str());
}

void PrintSweepTable(const CompareArgs& args, const sweep::SweepComparison& c) {
  std::printf(
      "loadlaw compare: %s (baseline) vs %s (candidate), %s-loop sweeps\n"
      "threshold %.3g%% (error rate: %.3g pp); intervals %.4g%% each "
      "(%s)\n",
      args.baseline.c_str(), args.candidate.c_str(),
      c.open_loop ? "open" : "closed", 100 * c.options.max_regression,
      100 * c.options.max_error_rate_increase, 100 * c.interval_confidence,
      c.options.simultaneous ? "simultaneous" : "individual");
  for (const sweep::LevelComparison& level : c.levels) {
    std::printf("\n%s %g\n", c.open_loop ? "rate (req/s)" : "users",
                level.load);
    std::printf("  %-20s %12s %12s %9s %22s  %s\n", "metric", "baseline",
                "candidate", "change", "interval", "status");
    for (const compare::Change& m : level.changes) {
      const std::string interval =
          std::isfinite(m.low) ? "[" + compare::FormatChange(m, m.low) + ", " +
                                     compare::FormatChange(m, m.high) + "]"
                               : "(none)";
      std::printf("  %-20s %12.5g %12.5g %9s %22s  %s\n", m.quantity.c_str(),
                  m.baseline, m.candidate,
                  compare::FormatChange(m, m.relative).c_str(),
                  interval.c_str(), compare::ChangeStatusName(m.status));
    }
    for (const std::string& n : level.notes)
      std::printf("  note: %s\n", n.c_str());
  }
  std::printf("\n");
  for (double load : c.unmatched_baseline) {
    std::printf("unmatched: level %g only in the baseline\n", load);
  }
  for (double load : c.unmatched_candidate) {
    std::printf("unmatched: level %g only in the candidate\n", load);
  }
  PrintNotes(c.notes);
}

void PrintModelTable(const CompareArgs& args, const plan::ModelComparison& c) {
  std::printf(
      "loadlaw compare: %s (baseline) vs %s (candidate), capacity models\n"
      "threshold %.3g%%; drift intervals %.4g%%, change intervals %.4g%% each\n"
      "\n  %-26s %12s %12s %12s %26s %s\n",
      args.baseline.c_str(), args.candidate.c_str(),
      100 * c.options.max_regression, 100 * c.options.confidence,
      100 * c.interval_confidence, "parameter", "baseline", "candidate",
      "difference", "interval", "");
  for (const plan::ParameterDrift& d : c.drift) {
    char interval[64];
    std::snprintf(interval, sizeof interval, "[%.4g, %.4g]", d.low, d.high);
    std::printf("  %-26s %12.5g %12.5g %12.4g %26s %s\n", d.name.c_str(),
                d.baseline, d.candidate, d.difference, interval,
                d.significant ? "significant" : "");
  }
  std::printf("\n  %-22s %8s %12s %12s %9s %20s  %s\n", "quantity", "N",
              "baseline", "candidate", "change", "interval", "status");
  for (const plan::ModelChange& m : c.changes) {
    std::printf("  %-22s %8.4g %12.5g %12.5g %9s %20s  %s%s\n",
                m.quantity.c_str(), m.concurrency, m.baseline, m.candidate,
                Pct(m.relative).c_str(), IntervalText(m.low, m.high).c_str(),
                compare::ChangeStatusName(m.status),
                m.extrapolated ? " (extrapolated)" : "");
  }
  std::printf("\n");
  PrintNotes(c.notes);
}

void RunCompare(const CompareArgs& args) {
  report::CompareSpec spec;
  spec.max_regression = ParseThreshold(args.max_regression, "--max-regression");
  spec.max_error_increase =
      ParseThreshold(args.max_error_increase, "--max-error-increase");
  spec.confidence = args.confidence;
  spec.seed = args.seed;
  const report::FileComparison c =
      report::CompareFiles(args.baseline, args.candidate, spec);
  if (args.json) {
    nlohmann::json out = c.ToJson();
    out["baseline"] = args.baseline;
    out["candidate"] = args.candidate;
    std::cout << out.dump(2) << std::endl;
  } else {
    if (c.sweeps) PrintSweepTable(args, *c.sweeps);
    if (c.models) PrintModelTable(args, *c.models);
    PrintVerdict(compare::VerdictName(c.verdict()), c.worst());
  }
  if (c.Fails(args.fail_on_inconclusive)) throw ExitStatus{1};
}

}  // namespace

void AddCompareCommand(CLI::App& app) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "Compare a candidate against a baseline (two sweeps or two models); "
      "exit 1 on a regression beyond the threshold");
  cmd->add_option("baseline", args->baseline, "baseline sweep or model")
      ->required();
  cmd->add_option("candidate", args->candidate, "candidate sweep or model")
      ->required();
  cmd->add_option("--max-regression", args->max_regression,
                  "largest tolerated worsening, e.g. 5% or 0.05 (default 5%)");
  cmd->add_option("--max-error-increase", args->max_error_increase,
                  "sweeps: largest tolerated rise of the error rate, in "
                  "percentage points, e.g. 1% or 0.01 (default 1%)");
  cmd->add_option("--confidence", args->confidence,
                  "two-sided confidence of the verdict (default 0.95)");
  cmd->add_option("--seed", args->seed, "bootstrap seed (sweeps; default 1)");
  cmd->add_flag("--fail-on-inconclusive", args->fail_on_inconclusive,
                "exit 1 on an inconclusive verdict too");
  cmd->add_flag("--json", args->json, "print one JSON object");
  cmd->callback([args] { RunCompare(*args); });
}

}  // namespace loadlaw::cli
