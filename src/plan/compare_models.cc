// Baseline comparison of two capacity models: parameter drift and gated
// throughput and latency changes with intervals (docs/compare.md).

#include "loadlaw/plan/compare_models.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "plan/parse_internal.h"

namespace loadlaw::plan {
namespace {

using fit::Estimate;
using internal::FormatNumber;

// A prediction of one model with its standard error and degrees of freedom.
struct Side {
  double value = kNotDetermined;
  double se = kNotDetermined;
  double df = kNotDetermined;
};

// A gated change before its interval is known.
struct Pending {
  ModelChange change;
  Side baseline, candidate;
};

double TwoSidedT(double confidence, double df) {
  if (!(df > 0)) return kNotDetermined;
  const double upper = 0.5 + 0.5 * confidence;
  if (std::isinf(df) || df > 1e7) {
    return boost::math::quantile(boost::math::normal_distribution<>(), upper);
  }
  return boost::math::quantile(boost::math::students_t_distribution<>(df),
                               upper);
}

// Welch-Satterthwaite degrees of freedom of v1 + v2.
double CombinedDf(double v1, double df1, double v2, double df2) {
  if (!(df1 > 0) || !(df2 > 0)) return kNotDetermined;
  const double denominator = v1 * v1 / df1 + v2 * v2 / df2;
  return denominator > 0 ? (v1 + v2) * (v1 + v2) / denominator : INFINITY;
}

// The interval value +- t(df) sqrt(v1 + v2); false when undetermined.
bool Interval(double value, double v1, double df1, double v2, double df2,
              double confidence, double* low, double* high) {
  const double t = TwoSidedT(confidence, CombinedDf(v1, df1, v2, df2));
  const double half = t * std::sqrt(v1 + v2);
  if (!std::isfinite(value) || !std::isfinite(half)) return false;
  *low = value - half;
  *high = value + half;
  return true;
}

// candidate / baseline - 1 with an interval on the log of the ratio (the
// relative variance of each side is (se / value)^2).
void RelativeChange(const Side& b, const Side& c, double confidence,
                    double* relative, double* low, double* high) {
  if (!(b.value > 0) || !(c.value > 0) || !std::isfinite(b.value) ||
      !std::isfinite(c.value)) {
    return;
  }
  *relative = c.value / b.value - 1;
  const double vb = std::pow(b.se / b.value, 2),
               vc = std::pow(c.se / c.value, 2);
  double log_low, log_high;
  if (Interval(std::log(c.value / b.value), vb, b.df, vc, c.df, confidence,
               &log_low, &log_high)) {
    *low = std::expm1(log_low);
    *high = std::expm1(log_high);
  }
}

double Df(const fit::UslFit& f) { return f.num_points - f.num_parameters; }
double Df(const fit::LatencyCurveFit& c) { return c.num_points - 3.0; }

Side SideOf(const Estimate& e, double df) { return {e.value, e.std_error, df}; }

ParameterDrift Drift(const std::string& name, const Side& b, const Side& c,
                     double confidence) {
  ParameterDrift d;
  d.name = name;
  d.baseline = b.value;
  d.candidate = c.value;
  d.difference = c.value - b.value;
  if (Interval(d.difference, b.se * b.se, b.df, c.se * c.se, c.df, confidence,
               &d.low, &d.high)) {
    d.significant = d.low > 0 || d.high < 0;
  }
  RelativeChange(b, c, confidence, &d.relative, &d.relative_low,
                 &d.relative_high);
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
                    const Side& b, const Side& c) {
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

ModelChangeStatus Classify(const ModelChange& c, double t) {
  if (!std::isfinite(c.relative)) return ModelChangeStatus::kOk;
  const double w = c.higher_is_better ? -c.relative : c.relative;
  const double w_low = c.higher_is_better ? -c.high : c.low;
  const double w_high = c.higher_is_better ? -c.low : c.high;
  const bool has_interval = std::isfinite(c.low) && std::isfinite(c.high);
  if (has_interval && w_low > t) return ModelChangeStatus::kRegression;
  if (w > t && (!has_interval || w_low > 0)) {
    return ModelChangeStatus::kPossibleRegression;
  }
  if (has_interval && w_high < -t) return ModelChangeStatus::kImproved;
  return ModelChangeStatus::kOk;
}

std::string Describe(const ModelChange& c) {
  char buf[160];
  std::string where = std::isfinite(c.concurrency)
                          ? " at N=" + FormatNumber(c.concurrency)
                          : std::string();
  std::snprintf(buf, sizeof buf, ": %+.1f%%", 100 * c.relative);
  std::string text = c.quantity + where + buf;
  if (std::isfinite(c.low)) {
    std::snprintf(buf, sizeof buf, " [%+.1f%%, %+.1f%%]", 100 * c.low,
                  100 * c.high);
    text += buf;
  }
  return text + ", " + ModelChangeStatusName(c.status);
}

int Severity(ModelChangeStatus s) {
  return s == ModelChangeStatus::kRegression           ? 2
         : s == ModelChangeStatus::kPossibleRegression ? 1
                                                       : 0;
}

void SetVerdict(ModelComparison* out) {
  int worst = -1;
  double worst_worsening = 0;
  for (const ModelChange& c : out->changes) {
    const int s = Severity(c.status);
    const double w = c.higher_is_better ? -c.relative : c.relative;
    if (!std::isfinite(w)) continue;
    if (s > worst || (s == worst && w > worst_worsening)) {
      worst = s;
      worst_worsening = w;
      out->worst = Describe(c);
    }
  }
  out->verdict = worst == 2   ? ModelVerdict::kRegression
                 : worst == 1 ? ModelVerdict::kInconclusive
                              : ModelVerdict::kPass;
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

const char* ModelChangeStatusName(ModelChangeStatus status) {
  switch (status) {
    case ModelChangeStatus::kImproved:
      return "improved";
    case ModelChangeStatus::kPossibleRegression:
      return "possible_regression";
    case ModelChangeStatus::kRegression:
      return "regression";
    case ModelChangeStatus::kOk:
      break;
  }
  return "ok";
}

const char* ModelVerdictName(ModelVerdict verdict) {
  switch (verdict) {
    case ModelVerdict::kInconclusive:
      return "inconclusive";
    case ModelVerdict::kRegression:
      return "regression";
    case ModelVerdict::kPass:
      break;
  }
  return "pass";
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
  const double m = options.simultaneous ? pending.size() : 1.0;
  out.interval_confidence = 1 - (1 - options.confidence) / m;
  int extrapolated = 0;
  for (Pending& p : pending) {
    ModelChange& c = p.change;
    c.baseline = p.baseline.value;
    c.candidate = p.candidate.value;
    RelativeChange(p.baseline, p.candidate, out.interval_confidence,
                   &c.relative, &c.low, &c.high);
    c.status = Classify(c, options.max_regression);
    c.extrapolated = std::isfinite(c.concurrency) &&
                     (c.concurrency < candidate.min_concurrency * (1 - 1e-9) ||
                      c.concurrency > candidate.max_concurrency * (1 + 1e-9));
    extrapolated += c.extrapolated;
    out.changes.push_back(c);
  }
  if (extrapolated > 0) {
    out.notes.push_back(FormatNumber(extrapolated) +
                        " changes predict the candidate outside its measured "
                        "concurrency range");
  }
  SetVerdict(&out);
  return out;
}

}  // namespace loadlaw::plan
