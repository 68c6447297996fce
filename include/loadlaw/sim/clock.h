// File: loadlaw/sim/clock.h
// The time source of the simulator's engine, injectable so that the same
// engine runs against the wall clock (the HTTP server) and against a clock
// that the virtual-time runner moves step by step.
//
//   loadlaw::sim::ManualClock clock;
//   loadlaw::sim::Engine engine(config, &clock);
//   clock.AdvanceMs(engine.BeginStep());  // the step's compute time passes
//   engine.FinishStep();                   // its tokens carry clock.NowMs()

#ifndef LOADLAW_SIM_CLOCK_H_
#define LOADLAW_SIM_CLOCK_H_

#include <chrono>

namespace loadlaw::sim {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since an epoch fixed by the clock; never decreases.
  virtual double NowMs() const = 0;
};

// std::chrono::steady_clock, with its epoch at construction.
class SteadyClock : public Clock {
 public:
  SteadyClock();
  double NowMs() const override;
  // The steady time point that NowMs() == ms denotes.
  std::chrono::steady_clock::time_point ToTimePoint(double ms) const;

 private:
  std::chrono::steady_clock::time_point epoch_;
};

// A clock that moves only when told to: virtual time for tests and the
// virtual-time runner. Starts at 0 ms.
class ManualClock : public Clock {
 public:
  double NowMs() const override { return now_ms_; }
  // Moves the clock forward by delta_ms; throws std::invalid_argument for a
  // negative or non-finite delta.
  void AdvanceMs(double delta_ms);
  // Moves the clock to t_ms; throws std::invalid_argument when t_ms is
  // earlier than NowMs() or not finite.
  void SetMs(double t_ms);

 private:
  double now_ms_ = 0.0;
};

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_CLOCK_H_
