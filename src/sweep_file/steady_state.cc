#include "loadlaw/sweep_file/steady_state.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace loadlaw::sweep {
namespace {

struct LineFit {
  double slope = 0;
  double slope_se = 0;
};

// Least-squares slope of y against 0..n-1 with its standard error.
LineFit FitLine(const std::vector<double>& y) {
  const double n = static_cast<double>(y.size());
  const double x_mean = (n - 1) / 2;
  double y_mean = 0;
  for (double v : y) y_mean += v / n;
  double sxx = 0, sxy = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    sxx += (i - x_mean) * (i - x_mean);
    sxy += (i - x_mean) * (y[i] - y_mean);
  }
  LineFit fit;
  if (sxx == 0) return fit;
  fit.slope = sxy / sxx;
  double sse = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    const double r = y[i] - (y_mean + fit.slope * (i - x_mean));
    sse += r * r;
  }
  if (n > 2) fit.slope_se = std::sqrt(sse / (n - 2) / sxx);
  return fit;
}

std::string Describe(const char* what, double value, double limit) {
  std::ostringstream s;
  s.precision(3);
  s << what << " " << value << " exceeds " << limit;
  return s.str();
}

}  // namespace

bool SteadyStateOptions::IsValid(std::string* why) const {
  auto fail = [&](const std::string& m) {
    if (why) *why = m;
    return false;
  };
  if (!(max_trend > 0)) return fail("max_trend must be > 0");
  if (!(trend_t > 0)) return fail("trend_t must be > 0");
  if (!(max_cv_ratio > 0)) return fail("max_cv_ratio must be > 0");
  if (!(min_cv_limit >= 0)) return fail("min_cv_limit must be >= 0");
  if (min_seconds < 3) return fail("min_seconds must be >= 3");
  if (!(max_little_gap > 0)) return fail("max_little_gap must be > 0");
  return true;
}

SteadyState CheckSteadyState(const std::vector<double>& per_second,
                             const SteadyStateOptions& options) {
  std::string why;
  if (!options.IsValid(&why)) throw std::invalid_argument(why);
  for (size_t i = 0; i < per_second.size(); ++i) {
    if (!std::isfinite(per_second[i]) || per_second[i] < 0) {
      throw std::invalid_argument("per_second[" + std::to_string(i) +
                                  "] must be a finite count >= 0");
    }
  }
  SteadyState s;
  s.seconds = static_cast<int>(per_second.size());
  if (s.seconds < options.min_seconds) {
    s.reason = "only " + std::to_string(s.seconds) +
               " seconds measured (need " +
               std::to_string(options.min_seconds) + ")";
    return s;
  }
  for (double v : per_second) s.mean_per_s += v / s.seconds;
  if (s.mean_per_s <= 0) {
    s.reason = "no completions in the window";
    return s;
  }
  double var = 0;
  for (double v : per_second) var += (v - s.mean_per_s) * (v - s.mean_per_s);
  s.cv = std::sqrt(var / (s.seconds - 1)) / s.mean_per_s;
  s.cv_limit = std::max(options.min_cv_limit,
                        options.max_cv_ratio / std::sqrt(s.mean_per_s));
  const LineFit line = FitLine(per_second);
  s.trend = line.slope * s.seconds / s.mean_per_s;
  s.trend_t = line.slope_se > 0 ? line.slope / line.slope_se
                                : (line.slope == 0 ? 0 : INFINITY);
  if (std::abs(s.trend) > options.max_trend &&
      std::abs(s.trend_t) > options.trend_t) {
    s.reason = Describe("throughput trend across the window", s.trend,
                        options.max_trend);
  } else if (s.cv > s.cv_limit) {
    s.reason = Describe("per-second throughput CV", s.cv, s.cv_limit);
  }
  s.settled = s.reason.empty();
  return s;
}

void CheckLittlesLaw(const telemetry::WindowSummary& w,
                     const SteadyStateOptions& options, SteadyState* state) {
  if (w.completed == 0 || !(w.window_s > 0) || !(w.e2e.mean > 0) ||
      !(w.achieved_concurrency > 0) || w.failed * 100 > w.finished) {
    return;
  }
  const double little_rps = w.achieved_concurrency / w.e2e.mean;
  state->little_gap = w.requests_per_s / little_rps - 1;
  state->little_limit =
      std::max(options.max_little_gap, 2 * w.e2e.mean / w.window_s);
  if (state->settled && std::abs(state->little_gap) > state->little_limit) {
    state->settled = false;
    state->reason = Describe(
        "gap between counted throughput and Little's law (in flight / mean "
        "E2E)",
        state->little_gap, state->little_limit);
  }
}

}  // namespace loadlaw::sweep
