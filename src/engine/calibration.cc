// Calibrating the engine model from a sweep (calibration.h; the method is
// stated in docs/engine.md).

#include "loadlaw/engine/calibration.h"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

#include "engine/calibration_internal.h"
#include "engine/linear_fit_internal.h"
#include "loadlaw/base/format.h"

namespace loadlaw::engine {
namespace {

using internal::LinearRow;
using internal::LinearSolution;
using internal::SolveLinear;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Regressors in thousands of tokens keep the problems well conditioned.
constexpr double kTokenUnit = 1000.0;

double TwoSidedT(double confidence, double dof) {
  if (!(dof > 0)) return kNaN;
  const double upper = 0.5 + 0.5 * confidence;
  if (dof > 1e6) dof = 1e6;
  return boost::math::quantile(boost::math::students_t_distribution<>(dof),
                               upper);
}

base::Estimate EstimateOf(double value, double variance, double t,
                          double lower_bound = 0) {
  base::Estimate e;
  e.value = value;
  if (std::isfinite(variance) && variance >= 0 && std::isfinite(t)) {
    e.std_error = std::sqrt(variance);
    e.low = std::max(lower_bound, value - t * e.std_error);
    e.high = value + t * e.std_error;
  }
  return e;
}

// A level's decode steps are read from the median gap between tokens when
// most steps prefill nothing (the median step is then a pure decode step,
// free of the prefills that lengthen a few), else from the mean (TPOT),
// which carries the prefill work of a step on average.
bool UsesMedian(const internal::Level& l) {
  if (l.per_step > 0.5) return false;
  int with = 0;
  for (const ObservedRequest& r : l.requests) {
    with += std::isfinite(r.itl_median_ms) && r.output_tokens >= 3;
  }
  return with >= static_cast<int>(0.8 * l.requests.size()) && with >= 20;
}

// Stage 1: the per-request slopes, pooled within levels.
struct Slopes {
  bool ok = false;
  std::string why;
  double c_ms = 0;  // ms per context token (c / 1000)
  double q_ms = 0;  // ms per prompt token in the prefill step (p + c_ms)
  double var_c = kNaN, var_q = kNaN, cov_cq = kNaN;
  std::vector<bool> median;  // per level: decode from the median gap
  // Per level, weighted by decode steps: the mean decode observation (ms),
  // its variance, and the mean own context (tokens).
  std::vector<double> decode_mean, decode_mean_var, context_mean;
  std::vector<double> step_sigma_ms;  // per level: sd of one decode step
  double jitter = 0;  // one step's scatter at the lowest-load level
  int requests = 0;
  // Whether the requests' lengths vary enough to separate the context cost
  // (c) and the prefill cost (q) from a level's intercept; one not
  // identified is held at 0 (q at c: no prefill cost) with a note.
  bool c_identified = true, q_identified = true;
  std::vector<std::string> notes;
};

// Whether `values` vary enough to fit a slope on them: a coefficient of
// variation of at least 10 % and at least 3 distinct values.
bool Varies(const std::vector<double>& values) {
  if (values.size() < 3) return false;
  double mean = 0;
  for (double v : values) mean += v;
  mean /= static_cast<double>(values.size());
  double ss = 0;
  for (double v : values) ss += (v - mean) * (v - mean);
  const double sd = std::sqrt(ss / static_cast<double>(values.size() - 1));
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  const auto distinct =
      std::unique(sorted.begin(), sorted.end()) - sorted.begin();
  return distinct >= 3 && mean > 0 && sd >= 0.1 * mean;
}

// Levels where few others join the batch while a request decodes: there a
// request's decode steps differ from another's by their own context alone.
// (Where the batch turns over fast, the median gap rises less than the
// context does; docs/engine.md.) At least the two lowest-churn levels.
std::vector<bool> SlopeLevels(const std::vector<internal::Level>& levels,
                              const std::vector<bool>& median) {
  std::vector<double> churn;
  for (const internal::Level& l : levels) {
    churn.push_back(l.batch > 1 ? l.per_step * (l.batch - 1) / l.batch : 0);
  }
  std::vector<bool> out(levels.size(), false);
  int chosen = 0;
  for (std::size_t l = 0; l < levels.size(); ++l) {
    if (median[l] && churn[l] <= 0.07) {
      out[l] = true;
      ++chosen;
    }
  }
  std::vector<std::size_t> order(levels.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return churn[a] < churn[b]; });
  for (std::size_t i = 0; i < order.size() && chosen < 2; ++i) {
    if (!out[order[i]]) {
      out[order[i]] = true;
      ++chosen;
    }
  }
  return out;
}

// The decode observation of a request: its median gap or its TPOT.
double DecodeMs(const ObservedRequest& r, bool median) {
  return median ? r.itl_median_ms : r.tpot_ms;
}

// Scales a median gap to the mean of a pure decode step.
class MedianCorrection {
 public:
  MedianCorrection() = default;  // none
  MedianCorrection(const std::vector<internal::Level>& levels, double jitter);
  // The factor for a request of `output_tokens` at level `l`.
  double Factor(int l, std::int64_t output_tokens) const;

 private:
  double s2_ = 0, sd_ = 0;
  std::vector<double> fraction_;  // per level: steps holding a prefill
  mutable std::vector<std::unordered_map<std::int64_t, double>> cache_;
};

// `correction` scales the median levels' gaps to the mean of a pure decode
// step.
Slopes FitSlopes(const std::vector<internal::Level>& levels,
                 const MedianCorrection& correction) {
  Slopes out;
  const int n_levels = static_cast<int>(levels.size());
  for (const internal::Level& l : levels) out.median.push_back(UsesMedian(l));
  const std::vector<bool> slope_level = SlopeLevels(levels, out.median);
  const auto y_of = [&](int l, const ObservedRequest& r) {
    const double factor =
        out.median[l] ? correction.Factor(l, r.output_tokens) : 1.0;
    return factor * DecodeMs(r, out.median[l]);
  };
  const auto x_of = [](const ObservedRequest& r) {
    return (static_cast<double>(r.prompt_tokens) +
            0.5 * static_cast<double>(r.output_tokens)) /
           kTokenUnit;
  };
  const auto decodes = [&](const ObservedRequest& r, int l) {
    return r.output_tokens >= 3 && std::isfinite(DecodeMs(r, out.median[l]));
  };
  {
    std::vector<double> contexts, prompts;
    for (int l = 0; l < n_levels; ++l) {
      for (const ObservedRequest& r : levels[l].requests) {
        if (slope_level[l] && decodes(r, l)) contexts.push_back(x_of(r));
        if (std::isfinite(r.ttft_ms)) {
          prompts.push_back(static_cast<double>(r.prompt_tokens));
        }
      }
    }
    out.c_identified = Varies(contexts);
    out.q_identified = Varies(prompts);
    if (!out.c_identified) {
      out.notes.push_back(
          "step_per_ctx_token_us not identified: the requests' lengths "
          "(prompt and output) hardly vary, so a step's cost per context "
          "token cannot be told from its fixed cost; it is taken as 0 "
          "(forecasts for longer contexts will be low)");
    }
    if (!out.q_identified) {
      out.notes.push_back(
          "prefill_per_token_ms not identified: the prompts hardly vary in "
          "length, so prefill cannot be told from decode and overhead; it "
          "is taken as 0 and the prompts' prefill counts in "
          "request_overhead_ms (forecasts for other prompt lengths are not "
          "trusted; sweep a workload whose prompt lengths vary)");
    }
  }
  // Parameters: 0 = c (ms per 1000 tokens), 1 = q (ms per 1000 tokens),
  // 2 + L = alpha_L (slope levels), 2 + n + L = beta_L. Pass 1 unscaled,
  // pass 2 with each level's residual scale.
  const int num_params = 2 + 2 * n_levels;
  std::vector<double> scale_step(static_cast<std::size_t>(n_levels), 1.0);
  std::vector<double> scale_ttft(static_cast<std::size_t>(n_levels), 1.0);
  LinearSolution s;
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<LinearRow> rows;
    for (int l = 0; l < n_levels; ++l) {
      bool any_decode = false;
      for (const ObservedRequest& r : levels[l].requests) {
        if (slope_level[l] && decodes(r, l)) {
          rows.push_back({{{0, out.c_identified ? x_of(r) : 0.0}, {2 + l, 1.0}},
                          y_of(l, r),
                          std::sqrt(r.output_tokens - 1.0) /
                              scale_step[static_cast<std::size_t>(l)]});
          any_decode = true;
        }
        if (std::isfinite(r.ttft_ms)) {
          rows.push_back(
              {{{1, out.q_identified
                        ? static_cast<double>(r.prompt_tokens) / kTokenUnit
                        : 0.0},
                {2 + n_levels + l, 1.0}},
               r.ttft_ms,
               1.0 / scale_ttft[static_cast<std::size_t>(l)]});
        }
      }
      // A level outside the slope fit keeps its alpha (unused) defined.
      if (!any_decode) rows.push_back({{{2 + l, 1.0}}, 0.0, 1.0});
    }
    // A slope not identified is held at 0 (q at c's value below).
    if (!out.c_identified) rows.push_back({{{0, 1.0}}, 0.0, 1.0});
    if (!out.q_identified) rows.push_back({{{1, 1.0}}, 0.0, 1.0});
    s = SolveLinear(num_params, rows);
    if (!s.ok) {
      out.why = s.why;
      return out;
    }
    // Each level's residual scale (sqrt(T - 1) times the decode residual:
    // one step's scatter), and its decode means at the fitted slope.
    out.step_sigma_ms.assign(static_cast<std::size_t>(n_levels), kNaN);
    out.decode_mean.assign(static_cast<std::size_t>(n_levels), kNaN);
    out.decode_mean_var.assign(static_cast<std::size_t>(n_levels), kNaN);
    out.context_mean.assign(static_cast<std::size_t>(n_levels), kNaN);
    for (int l = 0; l < n_levels; ++l) {
      double w = 0, wy = 0, wx = 0, n_step = 0;
      for (const ObservedRequest& r : levels[l].requests) {
        if (!decodes(r, l)) continue;
        const double weight = r.output_tokens - 1.0;
        w += weight;
        wy += weight * y_of(l, r);
        wx += weight * x_of(r);
        ++n_step;
      }
      if (!(w > 0)) continue;
      const double y_mean = wy / w, x_mean = wx / w;
      double sse_step = 0, sse_ttft = 0, n_ttft = 0;
      for (const ObservedRequest& r : levels[l].requests) {
        if (decodes(r, l)) {
          // About the level's own mean at the fitted slope.
          const double e =
              y_of(l, r) - y_mean - s.theta[0] * (x_of(r) - x_mean);
          sse_step += (r.output_tokens - 1.0) * e * e;
        }
        if (std::isfinite(r.ttft_ms)) {
          const double e = r.ttft_ms -
                           s.theta[1] * r.prompt_tokens / kTokenUnit -
                           s.theta[2 + n_levels + l];
          sse_ttft += e * e;
          ++n_ttft;
        }
      }
      scale_step[l] = n_step > 1 ? std::sqrt(sse_step / n_step) : 1;
      scale_ttft[l] = n_ttft > 1 ? std::sqrt(sse_ttft / n_ttft) : 1;
      if (!(scale_step[l] > 0)) scale_step[l] = 1;
      if (!(scale_ttft[l] > 0)) scale_ttft[l] = 1;
      out.decode_mean[l] = y_mean;
      out.context_mean[l] = x_mean * kTokenUnit;
      out.decode_mean_var[l] = scale_step[l] * scale_step[l] / w;
      // The median of n gaps scatters sqrt(pi / 2) times more than their
      // mean would: one step's scatter is the rest.
      if (n_step > 1) {
        out.step_sigma_ms[l] =
            out.median[l] ? scale_step[l] / std::sqrt(M_PI / 2) : scale_step[l];
      }
    }
  }
  // The second pass's weights make the residuals unit-variance: (J'J)^-1 is
  // the covariance, scaled by the residual variance left over.
  const double sigma2 = std::isfinite(s.sigma2) ? s.sigma2 : 1.0;
  const double unit2 = kTokenUnit * kTokenUnit;
  out.c_ms = s.theta[0] / kTokenUnit;
  out.q_ms = s.theta[1] / kTokenUnit;
  out.var_c = sigma2 * s.covariance[0][0] / unit2;
  out.var_q = sigma2 * s.covariance[1][1] / unit2;
  out.cov_cq = sigma2 * s.covariance[0][1] / unit2;
  // Requests of a level that run at the same time share their steps (and
  // their jitter), so their residuals are not independent: the slopes'
  // variances are the larger of the model's and a cluster-robust sandwich,
  // the requests grouped into blocks of their send times two mean E2E long
  // (without send times, each request its own block).
  double sxx_c = 0, sxx_q = 0;
  std::unordered_map<std::int64_t, double> score_c, score_q;
  for (int l = 0; l < n_levels; ++l) {
    double e2e = 0, n_e2e = 0, w_sum = 0, wx = 0, v_sum = 0, vp = 0;
    for (const ObservedRequest& r : levels[l].requests) {
      e2e += r.e2e_ms;
      ++n_e2e;
      if (slope_level[l] && decodes(r, l)) {
        const double w =
            (r.output_tokens - 1.0) / (scale_step[l] * scale_step[l]);
        w_sum += w;
        wx += w * x_of(r);
      }
      if (std::isfinite(r.ttft_ms)) {
        const double v = 1 / (scale_ttft[l] * scale_ttft[l]);
        v_sum += v;
        vp += v * r.prompt_tokens / kTokenUnit;
      }
    }
    const double block_ms = std::max(1.0, 2 * e2e / std::max(1.0, n_e2e));
    const double x_mean = w_sum > 0 ? wx / w_sum : 0;
    const double p_mean = v_sum > 0 ? vp / v_sum : 0;
    std::int64_t solo = 0;
    for (const ObservedRequest& r : levels[l].requests) {
      const std::int64_t block =
          (static_cast<std::int64_t>(l) << 40) +
          (std::isfinite(r.send_ms)
               ? static_cast<std::int64_t>(std::floor(r.send_ms / block_ms))
               : (std::int64_t{1} << 39) + solo++);
      if (slope_level[l] && decodes(r, l)) {
        const double w =
            (r.output_tokens - 1.0) / (scale_step[l] * scale_step[l]);
        const double xt = x_of(r) - x_mean;
        const double e = y_of(l, r) - out.decode_mean[l] -
                         s.theta[0] * (x_of(r) - x_mean);
        sxx_c += w * xt * xt;
        score_c[block] += w * xt * e;
      }
      if (std::isfinite(r.ttft_ms)) {
        const double v = 1 / (scale_ttft[l] * scale_ttft[l]);
        const double pt = r.prompt_tokens / kTokenUnit - p_mean;
        const double e = r.ttft_ms -
                         s.theta[1] * r.prompt_tokens / kTokenUnit -
                         s.theta[2 + n_levels + l];
        sxx_q += v * pt * pt;
        score_q[block] += v * pt * e;
      }
    }
  }
  double meat_c = 0, meat_q = 0;
  for (const auto& [block, score] : score_c) meat_c += score * score;
  for (const auto& [block, score] : score_q) meat_q += score * score;
  if (sxx_c > 0) {
    out.var_c = std::max(out.var_c, meat_c / (sxx_c * sxx_c) / unit2);
  }
  if (sxx_q > 0) {
    out.var_q = std::max(out.var_q, meat_q / (sxx_q * sxx_q) / unit2);
  }
  // The step's jitter: one step's scatter at the lowest-churn level read
  // from medians, where neither others' prefills nor a changing batch add
  // to it.
  for (int l = 0; l < n_levels; ++l) {
    const double step = out.decode_mean[l];
    if (slope_level[l] && out.median[l] && std::isfinite(out.step_sigma_ms[l]) &&
        std::isfinite(step) && step > 0) {
      out.jitter = out.step_sigma_ms[l] / step;
      break;  // levels come in order of load
    }
  }
  if (!out.c_identified) {
    out.c_ms = 0;
    out.var_c = kNaN;
  }
  if (!out.q_identified) {  // p = q - c = 0
    out.q_ms = out.c_ms;
    out.var_q = kNaN;
  }
  if (!out.c_identified || !out.q_identified) out.cov_cq = kNaN;
  out.requests = s.dof + num_params;
  out.ok = true;
  return out;
}

// A step's time is lognormal with mean 1 and coefficient of variation
// `jitter` (s^2 = ln(1 + jitter^2)). Of a request's n = T - 1 gaps, K hold
// another request's prefill (longer than any pure step), K binomial with the
// level's fraction f = 1 - exp(-r) of such steps (r admissions a step). The
// median gap is then the 0.5 n / (n - K) quantile of the pure steps, exp(-s^2
// / 2 + s z) times their mean: the factor is the inverse, at E[z].
MedianCorrection::MedianCorrection(const std::vector<internal::Level>& levels,
                                   double jitter)
    : s2_(std::log1p(jitter * jitter)),
      sd_(std::sqrt(s2_)),
      cache_(levels.size()) {
  for (const internal::Level& l : levels) {
    fraction_.push_back(1 - std::exp(-l.per_step));
  }
}

double MedianCorrection::Factor(int l, std::int64_t output_tokens) const {
  if (fraction_.empty()) return 1.0;
  auto& cache = cache_[static_cast<std::size_t>(l)];
  const std::int64_t n = std::clamp<std::int64_t>(output_tokens - 1, 1, 400);
  const auto hit = cache.find(n);
  if (hit != cache.end()) return hit->second;
  const double f = fraction_[static_cast<std::size_t>(l)];
  const boost::math::normal_distribution<> normal;
  const boost::math::binomial_distribution<> kind(static_cast<double>(n), f);
  double z = 0;
  for (std::int64_t k = 0; k <= n; ++k) {
    const double weight = boost::math::pdf(kind, static_cast<double>(k));
    if (weight < 1e-12) continue;
    const double q = k >= n ? 0.99
                            : std::min(0.99, 0.5 * static_cast<double>(n) /
                                                 static_cast<double>(n - k));
    z += weight * boost::math::quantile(normal, q);
  }
  const double factor = std::exp(s2_ / 2 - sd_ * z);
  cache.emplace(n, factor);
  return factor;
}

}  // namespace

std::string_view LimitSourceName(LimitSource source) {
  switch (source) {
    case LimitSource::kGauges:
      return "gauges";
    case LimitSource::kLatency:
      return "latency";
    case LimitSource::kConfigured:
      return "configured";
    case LimitSource::kNotIdentified:
      break;
  }
  return "not_identified";
}

bool CalibrationOptions::IsValid(std::string* why) const {
  std::string reason;
  if (!(confidence > 0 && confidence < 1)) {
    reason = "confidence must be in (0, 1), got " +
             base::FormatNumber(confidence);
  } else if (configured_max_num_seqs < 0) {
    reason = "configured_max_num_seqs must be >= 0";
  }
  if (why != nullptr) *why = reason;
  return reason.empty();
}

EngineParams EngineModel::WithSettings(
    const std::vector<std::string>& assignments,
    const std::string& field) const {
  EngineParams p = params;
  for (const std::string& a : assignments) SetParam(&p, a, field);
  return p;
}

EngineModel CalibrateEngine(const std::vector<ObservedLevel>& observed,
                            const CalibrationOptions& options) {
  std::string why;
  if (!options.IsValid(&why)) throw std::invalid_argument(why);
  if (observed.empty()) {
    throw std::invalid_argument("engine calibration: no level measured");
  }
  EngineModel model;
  model.confidence = options.confidence;
  for (auto& row : model.covariance) row.fill(kNaN);
  const std::vector<internal::Level> levels = internal::PrepareLevels(observed);
  if (levels.size() < 2) {
    model.message =
        "the engine model needs at least 2 levels with requests sampled "
        "(a sweep written before request samples were recorded has none)";
    return model;
  }
  // Once to read the jitter, again with the median gaps corrected by it.
  const Slopes first = FitSlopes(levels, MedianCorrection());
  const Slopes slopes =
      first.ok ? FitSlopes(levels, MedianCorrection(levels, first.jitter))
               : first;
  if (!slopes.ok) {
    model.message = "the per-request fit failed: " + slopes.why;
    return model;
  }
  model.requests_used = slopes.requests;
  // A slope held at 0 (not identified) carries no uncertainty over.
  const auto known = [](double v) { return std::isfinite(v) ? v : 0.0; };
  internal::Stage2 stage2 = internal::FitStepCosts(
      levels, slopes.median, slopes.c_ms, slopes.q_ms, known(slopes.var_c),
      known(slopes.var_q), known(slopes.cov_cq), slopes.decode_mean,
      slopes.decode_mean_var, slopes.context_mean);
  if (!stage2.ok) {
    model.message = stage2.why;
    return model;
  }
  const double t_levels =
      TwoSidedT(options.confidence, static_cast<double>(stage2.dof));
  const double z = TwoSidedT(options.confidence, 1e6);
  const double p_ms = slopes.q_ms - slopes.c_ms;
  const double var_p = slopes.var_q + slopes.var_c - 2 * slopes.cov_cq;
  model.step_base_ms = EstimateOf(stage2.a, stage2.var_a, t_levels);
  model.step_per_seq_ms = EstimateOf(stage2.b, stage2.var_b, t_levels);
  model.prefill_per_token_ms = EstimateOf(p_ms, var_p, z);
  model.step_per_ctx_token_us =
      EstimateOf(1000 * slopes.c_ms, 1e6 * slopes.var_c, z);
  model.covariance[0][0] = stage2.var_a;
  model.covariance[1][1] = stage2.var_b;
  model.covariance[0][1] = model.covariance[1][0] = stage2.cov_ab;
  model.covariance[2][2] = var_p;
  model.covariance[3][3] = 1e6 * slopes.var_c;
  model.covariance[2][3] = model.covariance[3][2] =
      1000 * (slopes.cov_cq - slopes.var_c);
  for (const std::string& note : slopes.notes) model.notes.push_back(note);
  for (const std::string& note : stage2.notes) model.notes.push_back(note);

  EngineParams& params = model.params;
  params.step_base_ms = std::max(0.0, stage2.a);
  params.step_per_seq_ms = std::max(0.0, stage2.b);
  params.prefill_per_token_ms = std::max(0.0, p_ms);
  params.step_per_ctx_token_us = std::max(0.0, 1000 * slopes.c_ms);
  if (params.step_base_ms <= 0 && params.step_per_seq_ms <= 0) {
    model.message =
        "the fitted step has no fixed or per-sequence cost (a = b = 0): the "
        "levels do not show a step time growing with the batch";
    return model;
  }
  internal::IdentifyLimits(levels, options, &model);
  model.jitter = base::Estimate::Point(slopes.jitter);
  params.jitter = std::clamp(slopes.jitter, 0.0, 10.0);
  model.tokens = internal::EstimateTokenScale(observed);
  internal::FitOverhead(levels, options, &model);
  internal::ReproduceLevels(levels, options, &model);
  internal::JudgeModel(&model);
  return model;
}

}  // namespace loadlaw::engine
