// The steady and manual clocks of the simulator.

#include "loadlaw/sim/clock.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace loadlaw::sim {

SteadyClock::SteadyClock() : epoch_(std::chrono::steady_clock::now()) {}

double SteadyClock::NowMs() const {
  std::chrono::duration<double, std::milli> since =
      std::chrono::steady_clock::now() - epoch_;
  return since.count();
}

std::chrono::steady_clock::time_point SteadyClock::ToTimePoint(
    double ms) const {
  return epoch_ + std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::duration<double, std::milli>(ms));
}

void ManualClock::AdvanceMs(double delta_ms) {
  if (!std::isfinite(delta_ms) || delta_ms < 0) {
    throw std::invalid_argument("ManualClock: delta_ms must be >= 0, got " +
                                std::to_string(delta_ms));
  }
  now_ms_ += delta_ms;
}

void ManualClock::SetMs(double t_ms) {
  if (!std::isfinite(t_ms) || t_ms < now_ms_) {
    throw std::invalid_argument("ManualClock: t_ms must be >= now (" +
                                std::to_string(now_ms_) + "), got " +
                                std::to_string(t_ms));
  }
  now_ms_ = t_ms;
}

}  // namespace loadlaw::sim
