// File: loadlaw/telemetry/window_recorder.h
// Turns request records into the numbers of one load level: histograms of
// TTFT, TPOT, ITL, E2E (and, in open loop, their forms from the intended
// start and the schedule lag), throughput, goodput, achieved concurrency,
// errors by class and the per-second series. Each runner thread fills its own
// recorder; the recorders of a level are merged when the level ends.
//
//   using namespace std::chrono_literals;
//   loadlaw::telemetry::WindowRecorder rec(0s, 10s, 70s, slo);  // 10 s warm-up
//   rec.Add(record);                          // every finished request
//   rec.AddBusy(record.t_send, record.t_done);
//   total.Merge(rec);
//   loadlaw::telemetry::WindowSummary s = total.Summarize(70s);

#ifndef LOADLAW_TELEMETRY_WINDOW_RECORDER_H_
#define LOADLAW_TELEMETRY_WINDOW_RECORDER_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loadlaw/telemetry/histogram.h"
#include "loadlaw/telemetry/request_record.h"
#include "loadlaw/telemetry/request_sample.h"
#include "loadlaw/telemetry/time_series.h"

namespace loadlaw::telemetry {

// Latency objectives for goodput; an unset objective is not checked.
struct SloSpec {
  std::optional<double> ttft_s;
  std::optional<double> tpot_s;
  std::optional<double> e2e_s;

  // Whether a completion meets every set objective. TPOT is checked only for
  // requests with at least 2 output tokens.
  bool IsMet(const RequestRecord& record) const;
};

// The count of one error class and the message of its first occurrence.
struct ErrorTally {
  std::uint64_t count = 0;
  std::string sample;
};

// The numbers of one measurement window; latencies in seconds.
struct WindowSummary {
  double window_s = 0;
  bool open_loop = false;
  std::uint64_t finished = 0;   // requests ending in the window
  std::uint64_t completed = 0;  // ... without error
  std::uint64_t failed = 0;

  Summary ttft, tpot, itl, e2e;
  Summary ttft_sched, e2e_sched, schedule_lag;  // open loop only
  Summary input_tokens, output_tokens;          // per completion

  double requests_per_s = 0;  // completions / window
  double output_tokens_per_s = 0;
  double input_tokens_per_s = 0;
  std::uint64_t good_completions = 0;  // completions meeting every SLO
  double goodput_rps = 0;
  double achieved_concurrency = 0;  // time-averaged requests in flight

  std::array<ErrorTally, kErrorClassCount> errors;  // AllErrorClasses() order
  std::int64_t input_tokens_total = 0;  // every request ending in the window
  std::int64_t output_tokens_total = 0;
  std::uint64_t tokens_from_chunks = 0;  // completions without server usage

  std::uint64_t sessions_finished = 0;
  std::uint64_t sessions_succeeded = 0;
  double session_success_rate = 0;  // 0 when no session finished

  std::vector<SecondPoint> time_series;

  const ErrorTally& Error(ErrorClass error) const;
};

class WindowRecorder {
 public:
  // The level starts at `level_start`; the measurement window is
  // [window_start, window_end) (window_end may be nanoseconds::max() when the
  // level stops after a request count). Times are from the run's start.
  // `sample_seed` seeds the reservoir of the window's completed requests.
  WindowRecorder(std::chrono::nanoseconds level_start,
                 std::chrono::nanoseconds window_start,
                 std::chrono::nanoseconds window_end, SloSpec slo = {},
                 std::uint64_t sample_seed = 1);

  // Counts a finished request: in the series always, in the summary when its
  // phase is kMeasure.
  void Add(const RequestRecord& record);
  // Adds an in-flight interval; its overlap with the window feeds the achieved
  // concurrency.
  void AddBusy(std::chrono::nanoseconds begin, std::chrono::nanoseconds end);
  // Counts a session whose last request was measured.
  void AddSession(bool succeeded);
  // Adds everything `other` counted (a recorder of the same level).
  void Merge(const WindowRecorder& other);

  // A uniform sample of the window's completed requests.
  const RequestReservoir& samples() const { return samples_; }

  // The summary over [window_start, actual_end).
  WindowSummary Summarize(std::chrono::nanoseconds actual_end) const;

  std::chrono::nanoseconds window_start() const { return window_start_; }

 private:
  void AddCompletion(const RequestRecord& record);

  std::chrono::nanoseconds window_start_;
  std::chrono::nanoseconds window_end_;
  SloSpec slo_;
  Histogram ttft_, tpot_, itl_, e2e_, ttft_sched_, e2e_sched_, lag_;
  Histogram input_tokens_{1, 1e8}, output_tokens_{1, 1e8};
  std::uint64_t finished_ = 0;
  std::uint64_t completed_ = 0;
  std::uint64_t good_ = 0;
  std::uint64_t tokens_from_chunks_ = 0;
  std::int64_t input_tokens_total_ = 0;
  std::int64_t output_tokens_total_ = 0;
  std::int64_t busy_ns_ = 0;
  bool open_loop_ = false;
  std::array<ErrorTally, kErrorClassCount> errors_;
  std::uint64_t sessions_finished_ = 0;
  std::uint64_t sessions_succeeded_ = 0;
  TimeSeries series_;
  RequestReservoir samples_;
};

}  // namespace loadlaw::telemetry

#endif  // LOADLAW_TELEMETRY_WINDOW_RECORDER_H_
