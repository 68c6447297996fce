// BuildReport: validates the inputs, gathers the measured levels and the
// growth scenarios into one Context, and assembles the sections.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <string>
#include <vector>

#include "loadlaw/report/report.h"
#include "report/build_internal.h"
#include "report/format_internal.h"

#ifndef LOADLAW_VERSION
#define LOADLAW_VERSION "unknown"
#endif

namespace loadlaw::report {
namespace {

using internal::Context;
using internal::MeasuredLevel;

std::string NowUtc() {
  const std::time_t now =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

MeasuredLevel FromSweepLevel(const sweep::SweepLevel& level, bool open_loop) {
  const telemetry::WindowSummary& s = level.summary;
  MeasuredLevel m;
  m.users = level.Load(open_loop);
  m.achieved = s.achieved_concurrency;
  m.requests_per_s = s.requests_per_s;
  m.output_tokens_per_s = s.output_tokens_per_s;
  m.error_rate = s.finished == 0 ? 0.0
                                 : static_cast<double>(s.failed) /
                                       static_cast<double>(s.finished);
  m.settled = level.steady.settled;
  m.steady_reason = level.steady.reason;
  m.source = &level;
  const std::pair<fit::LatencyMetric, const telemetry::Summary*> metrics[] = {
      {fit::LatencyMetric::kE2e, &s.e2e},
      {fit::LatencyMetric::kTtft, &s.ttft},
      {fit::LatencyMetric::kTpot, &s.tpot}};
  for (const auto& [metric, summary] : metrics) {
    if (summary->count == 0) continue;
    const double values[] = {summary->p50, summary->p90, summary->p95,
                             summary->p99};
    for (fit::LatencyQuantile q : fit::kAllLatencyQuantiles) {
      m.latency_s.Set(metric, q, values[static_cast<int>(q)]);
    }
  }
  return m;
}

MeasuredLevel FromModelLevel(const fit::LevelMeasurement& level) {
  MeasuredLevel m;
  m.users = level.configured_concurrency;
  m.achieved = level.achieved_concurrency;
  m.requests_per_s = level.requests_per_s;
  m.output_tokens_per_s = level.output_tokens_per_s;
  m.latency_s = level.latency_s;
  m.error_rate = level.error_rate;
  m.settled = level.settled;
  return m;
}

std::string DefaultTitle(const Context& context) {
  const std::string hardware = context.Hardware();
  return hardware.empty() ? "Capacity report" : "Capacity report: " + hardware;
}

std::string Subtitle(const Context& context) {
  std::vector<std::string> parts;
  const fit::Provenance& p = context.model->provenance;
  const sweep::SweepFile* sweep = context.inputs->sweep;
  const std::string endpoint = sweep ? sweep->provenance.target : p.endpoint;
  const std::string model =
      sweep ? sweep->provenance.served_model : p.served_model;
  const std::string date = sweep ? sweep->provenance.date : p.date;
  for (const std::string& s : {model, endpoint, context.Hardware(), date}) {
    if (!s.empty()) parts.push_back(s);
  }
  std::string out;
  for (const std::string& s : parts) out += (out.empty() ? "" : " · ") + s;
  return out;
}

}  // namespace

const char* SeriesKindName(SeriesKind kind) {
  switch (kind) {
    case SeriesKind::kPoints:
      return "points";
    case SeriesKind::kLine:
      return "line";
    case SeriesKind::kBand:
      return "band";
    case SeriesKind::kRule:
      return "rule";
  }
  return "line";
}

std::vector<std::vector<double>> Series::Points() const {
  std::vector<std::vector<double>> points;
  for (size_t i = 0; i < x.size(); ++i) {
    if (kind == SeriesKind::kBand) {
      points.push_back({x[i], y_low[i], y_high[i]});
    } else {
      points.push_back({x[i], y[i]});
    }
  }
  return points;
}

int Chart::FinitePoints() const {
  int count = 0;
  for (const Series& s : series) {
    for (size_t i = 0; i < s.x.size(); ++i) {
      const bool y_ok =
          s.kind == SeriesKind::kBand
              ? std::isfinite(s.y_low[i]) && std::isfinite(s.y_high[i])
              : std::isfinite(s.y[i]);
      if (std::isfinite(s.x[i]) && y_ok) ++count;
    }
  }
  return count;
}

bool ReportInputs::IsValid(std::string* why) const {
  std::string reason;
  if (model == nullptr) {
    reason = "model: a capacity model is required";
  }
  for (size_t i = 0; i < growth_factors.size() && reason.empty(); ++i) {
    const double f = growth_factors[i];
    if (!std::isfinite(f) || f <= 0) {
      char value[32];
      std::snprintf(value, sizeof value, "%g", f);
      reason = "growth_factors[" + std::to_string(i) +
               "]: must be a positive number, got " + value;
    }
  }
  if (why != nullptr) *why = reason;
  return reason.empty();
}

const Figure* Report::FindFigure(const std::string& key) const {
  for (const Figure& f : headline) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

const Chart* Report::FindChart(const std::string& id) const {
  for (const Section& s : sections) {
    for (const Chart& c : s.charts) {
      if (c.id == id) return &c;
    }
  }
  return nullptr;
}

namespace internal {

double Context::MaxAchieved() const {
  double out = model->max_concurrency;
  for (const MeasuredLevel& l : levels) out = std::max(out, l.achieved);
  return out > 0 ? out : 1.0;
}

double Context::ChartMaxConcurrency() const {
  const double data = MaxAchieved();
  const double n_star = model->requests.peak_concurrency.value;
  double right = 1.15 * data;
  if (std::isfinite(n_star) && n_star < 3 * data) {
    right = std::max(right, 1.15 * n_star);
  }
  return right;
}

std::string Context::Hardware() const {
  if (inputs->sweep != nullptr && !inputs->sweep->provenance.label.empty()) {
    return inputs->sweep->provenance.label;
  }
  return model->provenance.hardware;
}

std::vector<double> Grid(double from, double to, int count) {
  std::vector<double> out;
  for (int i = 0; i < count; ++i) {
    out.push_back(from + (to - from) * i / (count - 1));
  }
  return out;
}

Series MakeSeries(const std::string& name, SeriesKind kind,
                  const std::string& color) {
  Series s;
  s.name = name;
  s.kind = kind;
  s.color = color;
  return s;
}

Cell TextCell(const std::string& text) { return Cell{text}; }

Cell NumberCell(double value, const std::string& text) {
  return Cell{text, value};
}

std::string WithInterval(const std::string& value,
                         const std::string& interval) {
  return interval.empty() ? value : value + " (" + interval + ")";
}

std::string SecondsInterval(const base::Estimate& seconds) {
  if (!std::isfinite(seconds.low) || std::isnan(seconds.high)) return "";
  const double f = SecondsFactor(seconds.value);
  const base::Estimate scaled{seconds.value * f, seconds.std_error * f,
                             seconds.low * f, seconds.high * f};
  return FormatInterval(scaled) + " " + SecondsUnit(seconds.value);
}

std::string DescribeSlo(const plan::Slo& slo) {
  return std::string(fit::LatencyQuantileName(slo.quantile)) + "(" +
         fit::LatencyMetricName(slo.metric) + ") < " +
         FormatSeconds(slo.target_s);
}

std::vector<MeasuredLevel> CollectLevels(const ReportInputs& inputs) {
  std::vector<MeasuredLevel> out;
  if (inputs.sweep != nullptr) {
    const bool open_loop = inputs.sweep->open_loop();
    for (const sweep::SweepLevel& level : inputs.sweep->levels) {
      out.push_back(FromSweepLevel(level, open_loop));
    }
  } else {
    for (const fit::LevelMeasurement& level : inputs.model->levels) {
      out.push_back(FromModelLevel(level));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const MeasuredLevel& a, const MeasuredLevel& b) {
                     return a.achieved < b.achieved;
                   });
  return out;
}

std::vector<Scenario> PlanScenarios(const ReportInputs& inputs,
                                    const fit::CapacityModel& model) {
  std::vector<Scenario> out;
  if (!inputs.plan_options) return out;
  for (double factor : inputs.growth_factors) {
    plan::PlanOptions options = *inputs.plan_options;
    options.demand.per_s *= factor;
    out.push_back({factor, plan::Plan(model, options)});
  }
  return out;
}

}  // namespace internal

Report BuildReport(const ReportInputs& inputs) {
  std::string why;
  if (!inputs.IsValid(&why)) throw std::invalid_argument("report: " + why);
  Context context;
  context.inputs = &inputs;
  context.model = inputs.model;
  std::optional<plan::PlanResult> planned = inputs.plan;
  if (!planned && inputs.plan_options) {
    planned = plan::Plan(*inputs.model, *inputs.plan_options);
  }
  if (planned) {
    context.plan = &*planned;
    context.currency =
        planned->cost.currency.empty() ? "USD" : planned->cost.currency;
  }
  context.levels = internal::CollectLevels(inputs);
  context.scenarios = internal::PlanScenarios(inputs, *inputs.model);

  Report report;
  report.title = inputs.title.empty() ? DefaultTitle(context) : inputs.title;
  report.subtitle = Subtitle(context);
  report.generated_at =
      inputs.generated_at.empty() ? NowUtc() : inputs.generated_at;
  report.loadlaw_version = LOADLAW_VERSION;
  report.question = internal::Question(context);
  report.headline = internal::Headline(context);
  report.answer = internal::Answer(context, report.headline);
  report.interval_label =
      internal::FormatPercent(inputs.model->confidence) + " interval";
  report.trusted = inputs.model->trust.ok;
  report.warnings = inputs.model->trust.warnings;
  if (planned) {
    for (const std::string& w : planned->warnings) {
      // The plan repeats the model's warnings as "model: ...".
      const std::string bare = w.rfind("model: ", 0) == 0 ? w.substr(7) : w;
      if (std::find(report.warnings.begin(), report.warnings.end(), bare) ==
          report.warnings.end()) {
        report.warnings.push_back(w);
      }
    }
    report.plan = *planned;
  }
  report.sections = {
      internal::ThroughputSection(context), internal::LatencySection(context),
      internal::ScaleSection(context),      internal::CostSection(context),
      internal::ValidationSection(context), internal::LevelsSection(context)};
  report.provenance = internal::Provenance(context);
  report.provenance.push_back(
      {"report", "Report made by",
       "loadlaw " + report.loadlaw_version + ", " + report.generated_at});
  return report;
}

}  // namespace loadlaw::report
