// Private to the report module: the pieces BuildReport assembles. Each
// section builder reads the inputs through one Context and returns a
// finished Section (charts, tables and notes with every number formatted).

#ifndef LOADLAW_REPORT_BUILD_INTERNAL_H_
#define LOADLAW_REPORT_BUILD_INTERNAL_H_

#include <string>
#include <vector>

#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/plan/planner.h"
#include "loadlaw/report/report.h"
#include "loadlaw/sweep_file/sweep_file.h"

namespace loadlaw::report::internal {

// One measured level, from the sweep when there is one, else from the
// model's own levels.
struct MeasuredLevel {
  double users = 0;     // configured load (users, or req/s in open loop)
  double achieved = 0;  // time-averaged requests in flight
  double requests_per_s = 0;
  double output_tokens_per_s = 0;
  fit::LatencyTable latency_s;
  double error_rate = 0;  // failed / finished
  bool settled = true;
  std::string steady_reason;                  // why not settled
  const sweep::SweepLevel* source = nullptr;  // null without a sweep
};

// One re-planned growth scenario.
struct Scenario {
  double factor = 1;
  plan::PlanResult plan;
};

struct Context {
  const ReportInputs* inputs = nullptr;
  const fit::CapacityModel* model = nullptr;
  const plan::PlanResult* plan = nullptr;  // null without a plan
  std::vector<MeasuredLevel> levels;       // ascending achieved concurrency
  std::vector<Scenario> scenarios;         // in growth_factors order
  std::string currency = "USD";

  bool Priced() const { return plan != nullptr && plan->cost.priced; }
  double MaxAchieved() const;
  // The right end of the concurrency axes: past the data, and past N* when
  // it is not far beyond.
  double ChartMaxConcurrency() const;
  std::string Hardware() const;  // the hardware label, or ""
};

std::vector<MeasuredLevel> CollectLevels(const ReportInputs& inputs);
std::vector<Scenario> PlanScenarios(const ReportInputs& inputs,
                                    const fit::CapacityModel& model);

// The question, the answer and the headline figures (headline.cc).
std::string Question(const Context& context);
std::vector<Figure> Headline(const Context& context);
std::string Answer(const Context& context, const std::vector<Figure>& headline);
std::vector<KeyValue> Provenance(const Context& context);

// Sections, in reading order.
Section ThroughputSection(const Context& context);  // sections_load.cc
Section LatencySection(const Context& context);     // sections_load.cc
Section ScaleSection(const Context& context);       // sections_cost.cc
Section CostSection(const Context& context);        // sections_cost.cc
Section ValidationSection(const Context& context);  // sections_levels.cc
Section LevelsSection(const Context& context);      // sections_levels.cc

// Helpers shared by the section builders.
std::vector<double> Grid(double from, double to, int count);
Series MakeSeries(const std::string& name, SeriesKind kind,
                  const std::string& color);
Cell TextCell(const std::string& text);
Cell NumberCell(double value, const std::string& text);
// "12 (11–14)": a value and its interval, as one cell text.
std::string WithInterval(const std::string& value, const std::string& interval);
// The interval of a duration in the unit FormatSeconds picks for its value.
std::string SecondsInterval(const base::Estimate& seconds);
// "p99(e2e) < 5 s" in the report's units.
std::string DescribeSlo(const plan::Slo& slo);

}  // namespace loadlaw::report::internal

#endif  // LOADLAW_REPORT_BUILD_INTERNAL_H_
