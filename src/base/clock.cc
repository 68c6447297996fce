// The manual clock and conversions (clock.h).

#include "loadlaw/base/clock.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "loadlaw/base/format.h"

namespace loadlaw::base {

std::chrono::nanoseconds FromSeconds(double seconds) {
  constexpr double kMaxNs =
      static_cast<double>(std::numeric_limits<std::int64_t>::max());
  const double ns = seconds * 1e9;
  if (std::isnan(ns)) return std::chrono::nanoseconds(0);
  if (ns >= kMaxNs) return std::chrono::nanoseconds::max();
  if (ns <= -kMaxNs) return std::chrono::nanoseconds::min();
  return std::chrono::nanoseconds(
      static_cast<std::int64_t>(ns + (ns >= 0 ? 0.5 : -0.5)));
}

std::chrono::nanoseconds ManualClock::Now() const {
  return FromSeconds(NowMs() / 1e3);
}

void ManualClock::Set(std::chrono::nanoseconds t) {
  SetMs(std::chrono::duration<double, std::milli>(t).count());
}

void ManualClock::Advance(std::chrono::nanoseconds delta) {
  if (delta.count() < 0) {
    throw std::invalid_argument("ManualClock: cannot advance by a negative " +
                                std::to_string(delta.count()) + " ns");
  }
  AdvanceMs(std::chrono::duration<double, std::milli>(delta).count());
}

void ManualClock::AdvanceMs(double delta_ms) {
  if (!std::isfinite(delta_ms) || delta_ms < 0) {
    throw std::invalid_argument("ManualClock: delta_ms must be >= 0, got " +
                                FormatNumber(delta_ms));
  }
  double now = now_ms_.load(std::memory_order_acquire);
  while (!now_ms_.compare_exchange_weak(now, now + delta_ms,
                                        std::memory_order_acq_rel)) {
  }
}

void ManualClock::SetMs(double t_ms) {
  const double now = NowMs();
  if (!std::isfinite(t_ms) || t_ms < now) {
    throw std::invalid_argument("ManualClock: cannot go from " +
                                FormatNumber(now) + " ms to " +
                                FormatNumber(t_ms) + " ms");
  }
  now_ms_.store(t_ms, std::memory_order_release);
}

}  // namespace loadlaw::base
