// File: loadlaw/base/clock.h
// The one time source of the library: an interface, so that the runner's
// pacing, the recorders and the simulated engine run against the real
// monotonic clock or against a clock that a test or the virtual-time engine
// moves by hand.
//
//   loadlaw::base::SteadyClock clock;
//   std::chrono::nanoseconds t0 = clock.Now();
//   double elapsed_s = loadlaw::base::ToSeconds(clock.Now() - t0);
//
//   loadlaw::base::ManualClock fake;   // starts at 0
//   fake.Advance(std::chrono::milliseconds(5));
//   fake.AdvanceMs(2.5);               // fake.NowMs() == 7.5

#ifndef LOADLAW_BASE_CLOCK_H_
#define LOADLAW_BASE_CLOCK_H_

#include <atomic>
#include <chrono>
#include <cstdint>

namespace loadlaw::base {

class Clock {
 public:
  virtual ~Clock() = default;
  // Monotonic time since an epoch fixed by the clock; never decreases.
  virtual std::chrono::nanoseconds Now() const = 0;
  // Now() in milliseconds, as a double.
  virtual double NowMs() const {
    return std::chrono::duration<double, std::milli>(Now()).count();
  }
};

// std::chrono::steady_clock (CLOCK_MONOTONIC on Linux) since its own epoch:
// the clock of real runs, and the one the kernel's receive timestamps are
// converted to.
class SteadyClock final : public Clock {
 public:
  std::chrono::nanoseconds Now() const override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch());
  }
  // The steady_clock time point that Now() == `t` denotes (for timers).
  static std::chrono::steady_clock::time_point ToTimePoint(
      std::chrono::nanoseconds t) {
    return std::chrono::steady_clock::time_point(
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(t));
  }
};

// A clock that moves only when told to (tests, virtual time). Starts at 0;
// safe to read from several threads. It keeps milliseconds as a double, so
// that a virtual-time engine that sets it to a computed time reads that very
// time back from NowMs() (Now() rounds it to the nanosecond).
class ManualClock final : public Clock {
 public:
  std::chrono::nanoseconds Now() const override;
  double NowMs() const override {
    return now_ms_.load(std::memory_order_acquire);
  }
  // Moves the clock to `t`; throws std::invalid_argument when `t` is earlier
  // than Now().
  void Set(std::chrono::nanoseconds t);
  // Moves the clock forward; throws std::invalid_argument for a negative
  // delta.
  void Advance(std::chrono::nanoseconds delta);
  // The same in milliseconds; throws std::invalid_argument for a negative or
  // non-finite value (SetMs: one before NowMs()).
  void AdvanceMs(double delta_ms);
  void SetMs(double t_ms);

 private:
  std::atomic<double> now_ms_{0.0};
};

// Seconds in a duration, as a double.
inline double ToSeconds(std::chrono::nanoseconds d) {
  return std::chrono::duration<double>(d).count();
}

// The duration of `seconds` seconds, rounded to the nanosecond; saturates at
// the range of nanoseconds (about ±292 years) instead of overflowing. NaN
// gives 0.
std::chrono::nanoseconds FromSeconds(double seconds);

}  // namespace loadlaw::base

#endif  // LOADLAW_BASE_CLOCK_H_
