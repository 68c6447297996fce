// The simulated side of the calibration: the overhead that makes the
// simulated TTFT match, and every level reproduced (calibration_internal.h).

#include <algorithm>
#include <cmath>

#include "engine/calibration_internal.h"
#include "loadlaw/engine/simulate.h"

namespace loadlaw::engine::internal {
namespace {

double Quantile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double rank = std::ceil(p * static_cast<double>(v.size()) - 1e-9);
  return v[static_cast<std::size_t>(
               std::clamp(rank, 1.0, static_cast<double>(v.size()))) -
           1];
}

// The objective of the overhead: squared log errors of the mean TTFT.
double TtftMismatch(const EngineParams& params, const std::vector<Level>& levels,
                    std::uint64_t seed) {
  double sum = 0;
  for (const Level& l : levels) {
    const LevelOutcome sim = SimulateLevel(params, l, seed);
    if (sim.ttft_mean_ms > 0 && l.ttft_mean_ms > 0) {
      const double e = std::log(sim.ttft_mean_ms / l.ttft_mean_ms);
      sum += e * e;
    }
  }
  return sum;
}

}  // namespace

LevelOutcome SimulateLevel(const EngineParams& params, const Level& level,
                           std::uint64_t seed) {
  std::vector<SessionShape> shapes;
  shapes.reserve(level.requests.size());
  for (const ObservedRequest& r : level.requests) {
    SessionShape s;
    s.turns = {TurnShape{r.prompt_tokens, r.output_tokens, 0}};
    s.think_after_ms = level.observed.think_time_ms;
    shapes.push_back(std::move(s));
  }
  FixedSessions sessions(std::move(shapes));
  Fleet fleet;
  fleet.params = params;
  fleet.seed = seed;
  Load load;
  load.seed = seed;
  if (level.observed.open_loop) {
    load.open_loop = true;
    load.rate_rps = level.observed.load;
    load.max_requests = 3000;
  } else {
    load.concurrency = std::max(1, static_cast<int>(std::lround(
                                       level.observed.load)));
    load.max_requests =
        std::clamp<std::int64_t>(25 * load.concurrency, 800, 4000);
  }
  const SimulationResult run = Simulate(fleet, sessions, load);
  LevelOutcome out;
  const double from = 0.2 * run.end_ms, to = 0.9 * run.end_ms;
  double steps = 0, step_sum = 0, ttft = 0, n = 0;
  std::vector<double> e2e;
  for (const SimulatedRequest& r : run.requests) {
    if (r.done_ms < from || r.done_ms >= to) continue;
    ++n;
    ttft += r.TtftMs();
    e2e.push_back(r.E2eMs());
    if (r.output_tokens >= 2) {
      steps += static_cast<double>(r.output_tokens - 1);
      step_sum += static_cast<double>(r.output_tokens - 1) * r.TpotMs();
    }
  }
  if (n > 0 && to > from) {
    out.requests_per_s = 1000 * n / (to - from);
    out.ttft_mean_ms = ttft / n;
    out.tpot_mean_ms = steps > 0 ? step_sum / steps : 0;
    out.e2e_p99_ms = Quantile(e2e, 0.99);
  }
  return out;
}

void FitOverhead(const std::vector<Level>& levels,
                 const CalibrationOptions& options, EngineModel* model) {
  // One user alone finds the engine idle: its TTFT is the overhead and one
  // prefill step of its own prompt, a + b + (p + c) P.
  const EngineParams& fitted = model->params;
  for (const Level& l : levels) {
    if (l.observed.open_loop || std::lround(l.observed.load) != 1) continue;
    const double q =
        fitted.prefill_per_token_ms + fitted.step_per_ctx_token_us * 1e-3;
    double sum = 0, sum2 = 0, n = 0;
    for (const ObservedRequest& r : l.requests) {
      const double d = r.ttft_ms - fitted.step_base_ms -
                       fitted.step_per_seq_ms -
                       q * static_cast<double>(r.prompt_tokens);
      sum += d;
      sum2 += d * d;
      ++n;
    }
    if (n < 10) break;
    const double mean = sum / n;
    const double var_mean = std::max(0.0, sum2 / n - mean * mean) / (n - 1);
    // The fitted step costs' own uncertainty, through a + b + q P.
    const double var_step =
        model->covariance[0][0] + model->covariance[1][1] +
        2 * model->covariance[0][1];
    const double var = var_mean + (std::isfinite(var_step) ? var_step : 0);
    const double t = 1.959963984540054;
    model->request_overhead_ms = base::Estimate::Interval(
        std::max(0.0, mean), std::max(0.0, mean - t * std::sqrt(var)),
        std::max(0.0, mean + t * std::sqrt(var)));
    model->request_overhead_ms.std_error = std::sqrt(var);
    model->covariance[4][4] = var;
    model->params.request_overhead_ms = std::max(0.0, mean);
    return;
  }
  double step_min = levels[0].step_ms, step_max = levels[0].step_ms;
  for (const Level& l : levels) {
    step_min = std::min(step_min, l.step_ms);
    step_max = std::max(step_max, l.step_ms);
  }
  // 0, fractions of a step (a request that misses the step under way), and
  // overheads of several steps.
  std::vector<double> candidates = {0, 0.05 * step_min, 0.3 * step_min};
  for (double d = step_min; d <= 20 * step_max; d *= 2) {
    candidates.push_back(d);
  }
  EngineParams params = model->params;
  double best = 0, best_cost = std::numeric_limits<double>::infinity();
  for (double d : candidates) {
    params.request_overhead_ms = d;
    const double cost = TtftMismatch(params, levels, options.seed);
    if (cost < best_cost) {
      best_cost = cost;
      best = d;
    }
  }
  // Refine by golden section between the best's neighbours.
  const auto it = std::find(candidates.begin(), candidates.end(), best);
  double lo = it == candidates.begin() ? best : *(it - 1);
  double hi = it + 1 == candidates.end() ? best : *(it + 1);
  for (int i = 0; i < 8 && hi - lo > 1e-2 * (step_min + 1e-9); ++i) {
    const double m1 = hi - 0.618 * (hi - lo), m2 = lo + 0.618 * (hi - lo);
    params.request_overhead_ms = m1;
    const double c1 = TtftMismatch(params, levels, options.seed);
    params.request_overhead_ms = m2;
    const double c2 = TtftMismatch(params, levels, options.seed);
    if (c1 <= c2) {
      hi = m2;
      if (c1 < best_cost) best_cost = c1, best = m1;
    } else {
      lo = m1;
      if (c2 < best_cost) best_cost = c2, best = m2;
    }
  }
  model->params.request_overhead_ms = best;
  model->request_overhead_ms = base::Estimate::Point(best);
}

void ReproduceLevels(const std::vector<Level>& levels,
                     const CalibrationOptions& options, EngineModel* model) {
  model->levels.clear();
  for (const Level& l : levels) {
    const LevelOutcome sim = SimulateLevel(model->params, l, options.seed);
    LevelFit f;
    f.load = l.observed.load;
    f.open_loop = l.observed.open_loop;
    f.batch_size = l.batch;
    f.requests_per_s_measured = l.observed.throughput_rps;
    f.requests_per_s_fitted = sim.requests_per_s;
    f.tpot_mean_ms_measured = l.tpot_mean_ms;
    f.tpot_mean_ms_fitted = sim.tpot_mean_ms;
    f.ttft_mean_ms_measured = l.ttft_mean_ms;
    f.ttft_mean_ms_fitted = sim.ttft_mean_ms;
    f.e2e_p99_ms_measured = l.e2e_p99_ms;
    f.e2e_p99_ms_fitted = sim.e2e_p99_ms;
    model->levels.push_back(f);
  }
}

}  // namespace loadlaw::engine::internal
