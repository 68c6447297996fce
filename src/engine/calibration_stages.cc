// The stages of the engine calibration after the per-request slopes: the
// step's fixed and per-sequence cost across levels, the limits, jitter and
// token scale (calibration_internal.h).

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/calibration_internal.h"
#include "engine/linear_fit_internal.h"
#include "loadlaw/base/format.h"

namespace loadlaw::engine::internal {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Fewer sampled requests than this and a level is left out of the fit.
constexpr std::size_t kMinRequests = 20;

double Median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double Quantile(std::vector<double> v, double p) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const double rank = std::ceil(p * static_cast<double>(v.size()) - 1e-9);
  const std::size_t i =
      static_cast<std::size_t>(std::clamp(rank, 1.0, double(v.size()))) - 1;
  return v[i];
}

std::string Load(const Level& l) {
  return base::FormatNumber(l.observed.load) +
         (l.observed.open_loop ? " req/s" : " users");
}

// Whether a closed-loop level queues at a cap: requests waiting by the
// gauges, or fewer sequences running (by Little's law) than the clients had
// in flight.
bool Queues(const Level& l) {
  const ObservedLevel& o = l.observed;
  const double in_flight = o.achieved_concurrency;
  if (o.open_loop || !(in_flight > 0)) return false;
  if (std::isfinite(o.waiting_mean) && o.waiting_mean >= 0.5) return true;
  return l.batch < 0.9 * in_flight && in_flight - l.batch > 1;
}

}  // namespace

std::vector<Level> PrepareLevels(const std::vector<ObservedLevel>& observed) {
  std::vector<Level> out;
  for (const ObservedLevel& o : observed) {
    Level l;
    l.observed = o;
    for (const ObservedRequest& r : o.requests) {
      if (r.prompt_tokens >= 1 && r.output_tokens >= 1 &&
          std::isfinite(r.ttft_ms) && std::isfinite(r.e2e_ms) &&
          r.ttft_ms >= 0 && r.e2e_ms >= r.ttft_ms) {
        l.requests.push_back(r);
      }
    }
    if (l.requests.size() < kMinRequests || !(o.throughput_rps > 0)) continue;
    double steps = 0, step_sum = 0, ttft = 0;
    std::vector<double> e2e;
    for (const ObservedRequest& r : l.requests) {
      const double p = static_cast<double>(r.prompt_tokens);
      const double t = static_cast<double>(r.output_tokens);
      l.mean_prompt += p;
      l.mean_output += t;
      l.mean_footprint += p + t;
      l.mean_context_steps += t * (p + (t - 1) / 2);
      ttft += r.ttft_ms;
      e2e.push_back(r.e2e_ms);
      if (r.output_tokens >= 2 && std::isfinite(r.tpot_ms)) {
        steps += t - 1;
        step_sum += (t - 1) * r.tpot_ms;
      }
    }
    const double n = static_cast<double>(l.requests.size());
    l.mean_prompt /= n;
    l.mean_output /= n;
    l.mean_footprint /= n;
    l.mean_context_steps /= n;
    l.ttft_mean_ms = ttft / n;
    l.e2e_p99_ms = Quantile(e2e, 0.99);
    if (!(steps > 0)) continue;  // no decode steps seen: single tokens only
    l.step_ms = step_sum / steps;
    l.tpot_mean_ms = l.step_ms;
    l.per_step = o.throughput_rps * l.step_ms / 1000;
    l.batch = l.per_step * l.mean_output;
    l.prefill_tokens = l.per_step * l.mean_prompt;
    l.context_tokens = l.per_step * l.mean_context_steps;
    // The running sequences: the server's gauge where it has one (it counts
    // a request in its prefill step too), else by Little's law.
    const double running =
        std::isfinite(o.running_mean) && o.running_mean > 0 ? o.running_mean
                                                            : l.batch;
    const double in_flight = o.achieved_concurrency;
    if (o.open_loop || !(in_flight > 1)) {
      l.batch_seen = o.open_loop ? 1 + running : 1.0;
    } else if ((l.queues = Queues(l))) {
      l.batch_seen = running;
    } else {
      l.batch_seen = 1 + running * (in_flight - 1) / in_flight;
    }
    out.push_back(std::move(l));
  }
  return out;
}

Stage2 FitStepCosts(const std::vector<Level>& levels,
                    const std::vector<bool>& median, double c_ms, double q_ms,
                    double var_c, double var_q, double cov_cq,
                    const std::vector<double>& decode_mean,
                    const std::vector<double>& decode_mean_var,
                    const std::vector<double>& context_mean) {
  Stage2 out;
  const std::size_t n = levels.size();
  // y_L = m_L - c x_L - p F_L - c G_L = a + b B_L: the mean decode step
  // m_L at own context x_L, less the prefill work F_L and the other
  // sequences' context G_L = C_L (1 - 1 / B_L) a step holds (p = q - c; a
  // median decode step prefills nothing, F_L = 0).
  std::vector<double> y(n), f(n), g(n), x(n), batch(n);
  std::vector<double> intercept_var(n);
  for (std::size_t l = 0; l < n; ++l) {
    // What the others bring to a decoding request's steps: their share of
    // the level's context, and of its prefills (all of them when admissions
    // follow completions at a cap, or arrive regardless in an open loop).
    const Level& level = levels[l];
    batch[l] = level.batch_seen;
    const double others =
        level.batch > 0 ? std::max(0.0, level.batch_seen - 1) / level.batch
                        : 0.0;
    const double prefills =
        level.queues || level.observed.open_loop ? 1.0 : others;
    f[l] = median[l] ? 0.0 : prefills * level.prefill_tokens;
    g[l] = others * level.context_tokens;
    x[l] = context_mean[l];
    y[l] = decode_mean[l] - c_ms * x[l] - (q_ms - c_ms) * f[l] - c_ms * g[l];
    intercept_var[l] = decode_mean_var[l];
  }
  const double b_min = *std::min_element(batch.begin(), batch.end());
  const double b_max = *std::max_element(batch.begin(), batch.end());
  const bool spread = b_max - b_min >= std::max(1.0, 0.1 * b_max);
  std::vector<LinearRow> rows;
  for (std::size_t l = 0; l < n; ++l) {
    if (spread) {
      rows.push_back({{{0, 1.0}, {1, batch[l]}}, y[l], 1.0});
    } else {
      rows.push_back({{{0, 1.0}}, y[l], 1.0});
    }
  }
  const int params = spread ? 2 : 1;
  const LinearSolution s = SolveLinear(params, rows);
  if (!s.ok) {
    out.why = "the step's fixed and per-sequence costs could not be fitted: " +
              s.why;
    return out;
  }
  out.a = s.theta[0];
  out.b = spread ? s.theta[1] : 0.0;
  out.dof = s.dof;
  if (!spread) {
    out.notes.push_back(
        "step_per_seq_ms not identified: every level ran about the same batch "
        "(" + base::FormatSignificant(b_min, 3) + " to " +
        base::FormatSignificant(b_max, 3) +
        " sequences); it is taken as 0 and step_base_ms holds the step");
  }
  // The levels' scatter about the line (or, with no degrees of freedom left,
  // the intercepts' own variance), plus stage 1's uncertainty carried over.
  double sigma2 = s.sigma2;
  if (!std::isfinite(sigma2)) {
    sigma2 = 0;
    for (double v : intercept_var) sigma2 += v / static_cast<double>(n);
    out.notes.push_back(
        "only " + std::to_string(n) +
        " levels: the intervals of step_base_ms and step_per_seq_ms count "
        "only the per-request noise, not the levels' scatter");
  }
  // d y_L / d c = F_L - G_L - x_L, d y_L / d q = -F_L; (a, b) = M y.
  const double var[2][2] = {{var_c, cov_cq}, {cov_cq, var_q}};
  std::vector<std::array<double, 2>> m(n);  // row l: d (a, b) / d y_l
  {
    // M = (X'X)^-1 X' with X = [1, B] (or [1]).
    double s0 = 0, s1 = 0, s11 = 0;
    for (std::size_t l = 0; l < n; ++l) {
      s0 += 1;
      s1 += batch[l];
      s11 += batch[l] * batch[l];
    }
    const double det = s0 * s11 - s1 * s1;
    for (std::size_t l = 0; l < n; ++l) {
      if (spread) {
        m[l] = {(s11 - s1 * batch[l]) / det, (s0 * batch[l] - s1) / det};
      } else {
        m[l] = {1.0 / s0, 0.0};
      }
    }
  }
  double prop[2][2] = {{0, 0}, {0, 0}};
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) {
      // sum over l, k of M_il J_l V J_k' M_jk
      double total = 0;
      for (std::size_t l = 0; l < n; ++l) {
        const double jl[2] = {f[l] - g[l] - x[l], -f[l]};
        for (std::size_t k = 0; k < n; ++k) {
          const double jk[2] = {f[k] - g[k] - x[k], -f[k]};
          double jvj = 0;
          for (int x = 0; x < 2; ++x) {
            for (int z = 0; z < 2; ++z) jvj += jl[x] * var[x][z] * jk[z];
          }
          total += m[l][i] * jvj * m[k][j];
        }
      }
      prop[i][j] = total;
    }
  }
  out.var_a = sigma2 * s.covariance[0][0] + prop[0][0];
  if (spread) {
    out.var_b = sigma2 * s.covariance[1][1] + prop[1][1];
    out.cov_ab = sigma2 * s.covariance[0][1] + prop[0][1];
  } else {
    out.var_b = kNaN;
    out.cov_ab = kNaN;
  }
  out.ok = true;
  return out;
}

void IdentifyLimits(const std::vector<Level>& levels,
                    const CalibrationOptions& options, EngineModel* model) {
  EngineParams& p = model->params;
  // The batch cap: the server's gauges when it has them.
  double running_max = kNaN, batch_max = 0;
  bool waited = false;
  for (const Level& l : levels) {
    const ObservedLevel& o = l.observed;
    if (std::isfinite(o.running_max)) {
      running_max = std::isfinite(running_max)
                        ? std::max(running_max, o.running_max)
                        : o.running_max;
    }
    // Requests wait a moment for the next step at any load; at the cap
    // they queue: on average half a request or more waiting.
    if (std::isfinite(o.waiting_mean) && o.waiting_mean >= 0.5) waited = true;
    batch_max = std::max(batch_max, l.batch);
  }
  EngineLimit& cap = model->max_num_seqs;
  if (waited && std::isfinite(running_max) && running_max >= 1) {
    cap.value = std::round(running_max);
    cap.source = LimitSource::kGauges;
    cap.note = "requests waited while " + base::FormatNumber(cap.value) +
               " ran (the server's running and waiting gauges)";
  } else {
    // Without gauges: levels where fewer sequences ran than the clients had
    // in flight queue at the cap.
    std::vector<double> capped;
    for (const Level& l : levels) {
      if (Queues(l)) capped.push_back(l.batch);
    }
    if (!capped.empty()) {
      cap.value = std::round(Median(capped));
      cap.source = LimitSource::kLatency;
      cap.note = "from the latency structure: at " +
                 std::to_string(capped.size()) +
                 " level(s) about " + base::FormatNumber(cap.value) +
                 " sequences ran while more were in flight (no gauges)";
      const double lo = *std::min_element(capped.begin(), capped.end());
      const double hi = *std::max_element(capped.begin(), capped.end());
      if (hi - lo > std::max(1.0, 0.1 * hi)) {
        model->notes.push_back(
            "the batch at the queueing levels varies (" +
            base::FormatSignificant(lo, 3) + " to " +
            base::FormatSignificant(hi, 3) +
            "): the KV cache or the prefill budget may bind rather than a "
            "batch cap");
      }
    } else if (options.configured_max_num_seqs > 0) {
      cap.value = options.configured_max_num_seqs;
      cap.source = LimitSource::kConfigured;
      cap.note = "not reached by the sweep (at most " +
                 base::FormatSignificant(batch_max, 3) +
                 " sequences ran); the configured limit";
    } else {
      cap.value = 1e6;
      cap.source = LimitSource::kNotIdentified;
      cap.note = "no batch cap seen up to " +
                 base::FormatSignificant(batch_max, 3) +
                 " sequences; forecasts beyond assume none";
      model->notes.push_back("max_num_seqs not identified: " + cap.note);
    }
  }
  p.max_num_seqs = static_cast<int>(cap.value);

  // The KV cache from its usage gauge: reserved tokens over the fraction.
  std::vector<double> capacity;
  for (const Level& l : levels) {
    const double usage = l.observed.kv_usage_mean;
    if (std::isfinite(usage) && usage > 0.05 && usage <= 1) {
      capacity.push_back(std::min(l.batch, cap.value) * l.mean_footprint /
                         usage);
    }
  }
  EngineLimit& kv = model->kv_capacity_tokens;
  if (!capacity.empty()) {
    kv.value = std::round(Median(capacity));
    kv.source = LimitSource::kGauges;
    kv.note = "the running sequences' prompt and output tokens over the KV "
              "usage gauge (a server that allocates as it generates, like "
              "vLLM's paged cache, reads larger here)";
  } else {
    kv.value = 1e12;
    kv.source = LimitSource::kNotIdentified;
    kv.note = "no KV usage gauge (or under 5 % used): forecasts assume the KV "
              "cache never binds";
  }
  p.kv_capacity_tokens = static_cast<std::int64_t>(kv.value);

  EngineLimit& budget = model->prefill_budget_tokens;
  double max_prompt = 0;
  for (const Level& l : levels) {
    for (const ObservedRequest& r : l.requests) {
      max_prompt = std::max(max_prompt, static_cast<double>(r.prompt_tokens));
    }
  }
  budget.value = std::max<double>(8192, max_prompt);
  budget.source = LimitSource::kNotIdentified;
  budget.note = "not identified (no sampled prompt was split over steps); "
                "taken as " + base::FormatNumber(budget.value) +
                " tokens a step: set it with --set prefill_budget_tokens=N";
  p.prefill_budget_tokens = static_cast<std::int64_t>(budget.value);
}

TokenScale EstimateTokenScale(const std::vector<ObservedLevel>& observed) {
  double server = 0, estimated = 0;
  for (const ObservedLevel& o : observed) {
    if (!std::isfinite(o.estimated_prompt_tokens_mean) ||
        o.estimated_prompt_tokens_mean <= 0 || o.requests.empty()) {
      continue;
    }
    double mean = 0;
    for (const ObservedRequest& r : o.requests) {
      mean += static_cast<double>(r.prompt_tokens);
    }
    mean /= static_cast<double>(o.requests.size());
    server += mean;
    estimated += o.estimated_prompt_tokens_mean;
  }
  TokenScale scale;
  if (estimated > 0 && server > 0) scale.prompt = server / estimated;
  return scale;
}

void JudgeModel(EngineModel* model) {
  double worst_x = 0, worst_tpot = 0;
  std::string where_x, where_tpot;
  for (const LevelFit& f : model->levels) {
    const double ex = std::fabs(f.requests_per_s_fitted /
                                    f.requests_per_s_measured - 1);
    const double et =
        std::fabs(f.tpot_mean_ms_fitted / f.tpot_mean_ms_measured - 1);
    const std::string where =
        base::FormatNumber(f.load) + (f.open_loop ? " req/s" : " users");
    if (ex > worst_x) {
      worst_x = ex;
      where_x = where;
    }
    if (et > worst_tpot) {
      worst_tpot = et;
      where_tpot = where;
    }
  }
  model->max_throughput_error = worst_x;
  model->max_tpot_error = worst_tpot;
  model->usable = true;
  if (worst_x > 0.10) {
    model->notes.push_back(
        "the calibrated engine explains the data poorly: throughput at " +
        where_x + " off by " + base::FormatSignificant(100 * worst_x, 3) +
        " %");
  }
  if (worst_tpot > 0.15) {
    model->notes.push_back(
        "the calibrated engine explains the data poorly: mean TPOT at " +
        where_tpot + " off by " + base::FormatSignificant(100 * worst_tpot, 3) +
        " %");
  }
}

}  // namespace loadlaw::engine::internal
