#include "loadlaw/sweep/auto_levels.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>

namespace loadlaw::sweep {
namespace {

// Integer levels strictly between measured neighbours at or above `from`
// (geometric midpoints), ascending, that are not measured yet.
std::vector<int> Candidates(const std::vector<LevelOutcome>& done, int from) {
  std::set<int> measured;
  for (const LevelOutcome& o : done) {
    if (o.concurrency >= from) measured.insert(o.concurrency);
  }
  std::vector<int> sorted(measured.begin(), measured.end());
  std::vector<int> out;
  for (size_t i = 1; i < sorted.size(); ++i) {
    const int mid = static_cast<int>(
        std::lround(std::sqrt(double(sorted[i - 1]) * sorted[i])));
    if (mid > sorted[i - 1] && mid < sorted[i] && !measured.count(mid)) {
      out.push_back(mid);
    }
  }
  return out;
}

}  // namespace

bool AutoLevelOptions::IsValid(std::string* why) const {
  auto fail = [&](const std::string& m) {
    if (why) *why = m;
    return false;
  };
  if (start < 1) return fail("auto: start must be >= 1");
  if (max_concurrency < start) {
    return fail("auto: max concurrency " + std::to_string(max_concurrency) +
                " is below the start " + std::to_string(start));
  }
  if (!(min_gain > 0)) return fail("auto: min_gain must be > 0");
  if (!(error_budget >= 0 && error_budget <= 1)) {
    return fail("auto: error_budget must be in [0, 1]");
  }
  if (refine_levels < 0) return fail("auto: refine_levels must be >= 0");
  if (max_levels < 2) return fail("auto: max_levels must be >= 2");
  return true;
}

int AutoLevelOptions::MaxLevelCount() const {
  int count = 1;
  for (long n = start; n < max_concurrency; ++count) {
    n = std::min<long>(2 * n, max_concurrency);
  }
  return std::min(max_levels, count + refine_levels);
}

AutoLevelPolicy::AutoLevelPolicy(AutoLevelOptions options,
                                 UncertaintyScore score)
    : options_(options), score_(std::move(score)) {
  std::string why;
  if (!options_.IsValid(&why)) throw std::invalid_argument(why);
}

int AutoLevelPolicy::StopIndex(const std::vector<LevelOutcome>& done,
                               std::string* reason) const {
  std::ostringstream s;
  s.precision(3);
  for (size_t i = 0; i < done.size(); ++i) {
    const LevelOutcome& o = done[i];
    if (o.error_fraction > options_.error_budget) {
      s << "errors " << 100 * o.error_fraction << "% at concurrency "
        << o.concurrency << " exceed the budget "
        << 100 * options_.error_budget << "%";
    } else if (!o.slo_met) {
      s << "an SLO is broken at concurrency " << o.concurrency;
    } else if (i > 0 && o.throughput < (1 + options_.min_gain) *
                                           done[i - 1].throughput) {
      s << "throughput grew only " << 100 * (o.throughput /
                                                 done[i - 1].throughput - 1)
        << "% from concurrency " << done[i - 1].concurrency << " to "
        << o.concurrency;
    } else if (o.concurrency >= options_.max_concurrency) {
      s << "reached the maximum concurrency " << options_.max_concurrency;
    } else {
      continue;
    }
    if (reason) *reason = s.str();
    return static_cast<int>(i);
  }
  return -1;
}

std::string AutoLevelPolicy::StopReason(
    const std::vector<LevelOutcome>& done) const {
  std::string reason;
  StopIndex(done, &reason);
  return reason;
}

std::optional<int> AutoLevelPolicy::Refinement(
    const std::vector<LevelOutcome>& done, int stop) const {
  // The knee lies between the last level that still grew and the top.
  if (stop == 0) return std::nullopt;
  const std::vector<int> candidates =
      Candidates(done, done[stop - 1].concurrency);
  if (candidates.empty()) return std::nullopt;
  if (!score_) {
    // Without a model, the knee lies between the last levels measured.
    return candidates.back();
  }
  int best = candidates.front();
  double best_score = -INFINITY;
  for (int c : candidates) {
    const double s = score_(c, done);
    if (s > best_score) {
      best_score = s;
      best = c;
    }
  }
  return best;
}

std::optional<int> AutoLevelPolicy::Next(
    const std::vector<LevelOutcome>& done) const {
  if (static_cast<int>(done.size()) >= options_.max_levels) return std::nullopt;
  if (done.empty()) return options_.start;
  const int stop = StopIndex(done, nullptr);
  if (stop < 0) {
    int last = 0;
    for (const LevelOutcome& o : done) last = std::max(last, o.concurrency);
    return std::min(options_.max_concurrency, last * 2);
  }
  const int refined = static_cast<int>(done.size()) - (stop + 1);
  if (refined >= options_.refine_levels) return std::nullopt;
  return Refinement(done, stop);
}

}  // namespace loadlaw::sweep
