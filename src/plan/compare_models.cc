// Baseline comparison of two capacity models: parameter drift and gated
// throughput and latency changes with intervals (docs/compare.md).

#include "loadlaw/plan/compare_models.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "loadlaw/compare/stats.h"
#include "plan/parse_internal.h"

namespace loadlaw::plan {
namespace {

using base::Estimate;
using internal::FormatNumber;

using compare::EstimateSide;

// A gated change before its interval is known.
struct Pending {
  ModelChange change;
  EstimateSide baseline, candidate;
};

double Df(const fit::UslFit& f) { return f.num_points - f.num_parameters; }
double Df(const fit::LatencyCurveFit& c) { return c.num_points - 3.0; }

EstimateSide SideOf(const base::Estimate& e, double df) {
  return {e.value, e.std_error, df};
}

ParameterDrift Drift(const std::string& name, const EstimateSide& b,
                     const EstimateSide& c, double confidence) {
  ParameterDrift d;
  d.name = name;
  d.baseline = b.value;
  d.candidate = c.value;
  const compare::RatioInterval diff =
      compare::EstimateDifference(b, c, confidence);
  d.difference = diff.relative;
  d.low = diff.low;
  d.high = diff.high;
  d.significant = d.low > 0 || d.high < 0;
  const compare::RatioInterval ratio = compare::EstimateRatio(b, c, confidence);
  d.relative = ratio.relative;
  d.relative_low = ratio.low;
  d.relative_high = ratio.high;
  return d;
}

void AddDrift(const std::string& prefix, const fit::UslFit& b,
              const fit::UslFit& c, double confidence, ModelComparison* out) {
  const double db = Df(b), dc = Df(c);
  out->drift.push_back(Drift(prefix + ".sigma", SideOf(b.sigma, db),
                             SideOf(c.sigma, dc), confidence));
  out->drift.push_back(Drift(prefix + ".kappa", SideOf(b.kappa, db),
                             SideOf(c.kappa, dc), confidence));
  out->drift.push_back(Drift(prefix + ".lambda", SideOf(b.lambda, db),
                             SideOf(c.lambda, dc), confidence));
  out->drift.push_back(Drift(prefix + ".peak_concurrency",
                             SideOf(b.peak_concurrency, db),
                             SideOf(c.peak_concurrency, dc), confidence));
}

// The baseline's measured (achieved) concurrencies inside its fitted range.
std::vector<double> MeasuredConcurrencies(const fit::CapacityModel& model) {
  std::vector<double> out;
  for (const fit::LevelMeasurement& level : model.levels) {
    const double n = level.achieved_concurrency;
    if (!(n > 0) || n < model.min_concurrency * (1 - 1e-9) ||
        n > model.max_concurrency * (1 + 1e-9)) {
      continue;
    }
    out.push_back(n);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Pending MakePending(const std::string& quantity, double n, bool higher_better,
                    const EstimateSide& b, const EstimateSide& c) {
  Pending p;
  p.change.quantity = quantity;
  p.change.concurrency = n;
  p.change.higher_is_better = higher_better;
  p.baseline = b;
  p.candidate = c;
  return p;
}

// The predictions of both models at one concurrency.
void AddLevel(const fit::CapacityModel& base, const fit::CapacityModel& cand,
              double n, std::vector<Pending>* out) {
  const fit::CapacityPrediction pb = base.Predict(n), pc = cand.Predict(n);
  out->push_back(MakePending("requests_per_s", n, true,
                             SideOf(pb.requests_per_s, Df(base.requests)),
                             SideOf(pc.requests_per_s, Df(cand.requests))));
  out->push_back(
      MakePending("output_tokens_per_s", n, true,
                  SideOf(pb.output_tokens_per_s, Df(base.output_tokens)),
                  SideOf(pc.output_tokens_per_s, Df(cand.output_tokens))));
  for (fit::LatencyMetric m : fit::kAllLatencyMetrics) {
    for (fit::LatencyQuantile q : fit::kAllLatencyQuantiles) {
      const fit::LatencyCurveFit* cb = base.Curve(m, q);
      const fit::LatencyCurveFit* cc = cand.Curve(m, q);
      if (cb == nullptr || cc == nullptr) continue;
      out->push_back(MakePending(std::string(fit::LatencyMetricName(m)) + "." +
                                     fit::LatencyQuantileName(q),
                                 n, false, SideOf(pb.Latency(m, q), Df(*cb)),
                                 SideOf(pc.Latency(m, q), Df(*cc))));
    }
  }
}

void NoteDifferences(const fit::CapacityModel& b, const fit::CapacityModel& c,
                     ModelComparison* out) {
  const auto note = [&](const char* what, const std::string& x,
                        const std::string& y) {
    if (!x.empty() && !y.empty() && x != y) {
      out->notes.push_back(std::string("the ") + what + " differ (" + x +
                           " vs " + y + ")");
    }
  };
  note("hardware labels", b.provenance.hardware, c.provenance.hardware);
  note("workloads", b.provenance.workload_hash, c.provenance.workload_hash);
  if (!b.trust.ok) out->notes.push_back("the baseline model is not trusted");
  if (!c.trust.ok) out->notes.push_back("the candidate model is not trusted");
}

}  // namespace

bool ModelCompareOptions::IsValid(std::string* why) const {
  std::string reason;
  if (!(max_regression >= 0 && max_regression < 1)) {
    reason =
        "max_regression must be in [0, 1), got " + FormatNumber(max_regression);
  } else if (!(confidence > 0 && confidence < 1)) {
    reason = "confidence must be in (0, 1), got " + FormatNumber(confidence);
  }
  if (why != nullptr) *why = reason;
  return reason.empty();
}

ModelComparison CompareModels(const fit::CapacityModel& baseline,
                              const fit::CapacityModel& candidate,
                              const ModelCompareOptions& options) {
  std::string why;
  if (!options.IsValid(&why)) throw std::invalid_argument("compare: " + why);
  if (!baseline.requests.IsUsable() || !candidate.requests.IsUsable()) {
    throw std::invalid_argument(
        std::string("compare: the ") +
        (baseline.requests.IsUsable() ? "candidate" : "baseline") +
        " model's request fit is not usable");
  }
  ModelComparison out;
  out.options = options;
  NoteDifferences(baseline, candidate, &out);
  AddDrift("requests", baseline.requests, candidate.requests,
           options.confidence, &out);
  AddDrift("output_tokens", baseline.output_tokens, candidate.output_tokens,
           options.confidence, &out);
  std::vector<Pending> pending = {MakePending(
      "requests.peak_throughput", kNotDetermined, true,
      SideOf(baseline.requests.peak_throughput, Df(baseline.requests)),
      SideOf(candidate.requests.peak_throughput, Df(candidate.requests)))};
  out.concurrencies = MeasuredConcurrencies(baseline);
  for (double n : out.concurrencies) AddLevel(baseline, candidate, n, &pending);
  out.interval_confidence = compare::IntervalConfidence(
      options.confidence, static_cast<int>(pending.size()),
      options.simultaneous);
  int extrapolated = 0;
  compare::Judge judge;
  for (Pending& p : pending) {
    ModelChange& c = p.change;
    const compare::RatioInterval r = compare::EstimateRatio(
        p.baseline, p.candidate, out.interval_confidence);
    c.baseline = r.baseline;
    c.candidate = r.candidate;
    c.relative = r.relative;
    c.low = r.low;
    c.high = r.high;
    c.threshold = options.max_regression;
    c.method = std::isfinite(r.low) ? "delta-method" : "point-only";
    c.status = compare::Classify(c);
    c.extrapolated = std::isfinite(c.concurrency) &&
                     (c.concurrency < candidate.min_concurrency * (1 - 1e-9) ||
                      c.concurrency > candidate.max_concurrency * (1 + 1e-9));
    extrapolated += c.extrapolated;
    judge.Consider(c, std::isfinite(c.concurrency)
                          ? "at N=" + FormatNumber(c.concurrency)
                          : std::string());
    out.changes.push_back(c);
  }
  if (extrapolated > 0) {
    out.notes.push_back(FormatNumber(extrapolated) +
                        " changes predict the candidate outside its measured "
                        "concurrency range");
  }
  out.verdict = judge.verdict();
  out.worst = judge.worst();
  return out;
}

}  // namespace loadlaw::plan
