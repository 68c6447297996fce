// `loadlaw report runs/NAME.sweep.json [models/NAME.model.json] --demand 200rps
// --slo 'p99(e2e)<5s' --pricing models/pricing.json --out reports/NAME`: the
// capacity and TCO report as report.html (self-contained, opens offline),
// report.md and report.json. Without MODEL the sweep is fitted first; without
// --demand and --slo the report shows saturation and the curves, no plan.

#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/plan_args.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/fit/capacity_model_json.h"
#include "loadlaw/report/render.h"
#include "loadlaw/report/report.h"
#include "loadlaw/calibrate/calibrate.h"
#include "loadlaw/sweep_file/sweep_file.h"

namespace loadlaw::cli {
namespace {

struct ReportArgs {
  std::string sweep_path;
  std::string model_path;
  PlanArgs plan;
  std::vector<double> growth = {1, 1.5, 2, 4};
  std::string title;
  std::string out_dir;
};

// The plan options when --demand or --slo is given, else none.
std::optional<plan::PlanOptions> PlanOptionsOf(
    const ReportArgs& args, const fit::CapacityModel& model) {
  const std::string name =
      args.model_path.empty() ? args.sweep_path : args.model_path;
  return plan::BuildOptionalPlanOptions(args.plan.Resolve(), model, name);
}

void RunReport(const ReportArgs& args) {
  // The charting library first: a bad $LOADLAW_ASSETS_DIR fails before any
  // work.
  const std::string chart_js = report::ChartLibrary();
  const sweep::SweepFile sweep = sweep::LoadSweep(args.sweep_path);
  const fit::CapacityModel model =
      args.model_path.empty() ? calibrate::FitSweep(sweep)
                              : fit::LoadCapacityModel(args.model_path);
  report::ReportInputs inputs;
  inputs.sweep = &sweep;
  inputs.model = &model;
  inputs.plan_options = PlanOptionsOf(args, model);
  inputs.growth_factors = args.growth;
  inputs.title = args.title;
  const report::Report built = report::BuildReport(inputs);
  const report::ReportPaths paths =
      report::WriteReport(built, args.out_dir, chart_js);
  std::printf("%s\n%s\n%s\n", paths.html.c_str(), paths.markdown.c_str(),
              paths.json.c_str());
  // The answer goes to stderr so that stdout stays the three paths.
  std::fprintf(stderr, "%s\n", built.answer.c_str());
}

}  // namespace

void AddReportCommand(CLI::App& app) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report",
      "Capacity and TCO report: report.html (offline), report.md, report.json");
  cmd->add_option("sweep", args->sweep_path, "the sweep file (*.sweep.json)")
      ->required();
  cmd->add_option("model", args->model_path,
                  "its capacity model (*.model.json); default: fit the sweep");
  AddPlanOptions(cmd, &args->plan, /*required=*/false);
  cmd->add_option("--growth", args->growth,
                  "demand multiples to plan for, e.g. 1,1.5,2,4")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--title", args->title, "the report's title");
  cmd->add_option("--out", args->out_dir,
                  "directory to write report.html, report.md, report.json")
      ->required();
  cmd->callback([args] { RunReport(*args); });
}

}  // namespace loadlaw::cli
