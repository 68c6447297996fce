// File: loadlaw/telemetry/clock.h
// The time source of every measurement: an interface so that tests can drive
// the pacing and the recorders with a clock they move by hand.
//
//   loadlaw::telemetry::SteadyClock clock;
//   std::chrono::nanoseconds t0 = clock.Now();
//   ...
//   double elapsed_s = loadlaw::telemetry::ToSeconds(clock.Now() - t0);
//
//   loadlaw::telemetry::FakeClock fake;  // starts at 0
//   fake.Advance(std::chrono::milliseconds(5));

#ifndef LOADLAW_TELEMETRY_CLOCK_H_
#define LOADLAW_TELEMETRY_CLOCK_H_

#include <atomic>
#include <chrono>
#include <cstdint>

namespace loadlaw::telemetry {

class Clock {
 public:
  virtual ~Clock() = default;
  // Monotonic time since an epoch fixed by the clock; never decreases.
  virtual std::chrono::nanoseconds Now() const = 0;
};

// std::chrono::steady_clock (CLOCK_MONOTONIC on Linux): the clock of real runs.
class SteadyClock final : public Clock {
 public:
  std::chrono::nanoseconds Now() const override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch());
  }
};

// A clock that moves only when told to; safe to read from several threads.
class FakeClock final : public Clock {
 public:
  std::chrono::nanoseconds Now() const override {
    return std::chrono::nanoseconds(now_ns_.load(std::memory_order_acquire));
  }
  void Set(std::chrono::nanoseconds t) {
    now_ns_.store(t.count(), std::memory_order_release);
  }
  void Advance(std::chrono::nanoseconds delta) {
    now_ns_.fetch_add(delta.count(), std::memory_order_acq_rel);
  }

 private:
  std::atomic<std::int64_t> now_ns_{0};
};

// Seconds in a duration, as a double.
inline double ToSeconds(std::chrono::nanoseconds d) {
  return std::chrono::duration<double>(d).count();
}

// The duration of `seconds` seconds, rounded to the nanosecond.
inline std::chrono::nanoseconds FromSeconds(double seconds) {
  return std::chrono::nanoseconds(
      static_cast<std::int64_t>(seconds * 1e9 + (seconds >= 0 ? 0.5 : -0.5)));
}

}  // namespace loadlaw::telemetry

#endif  // LOADLAW_TELEMETRY_CLOCK_H_
