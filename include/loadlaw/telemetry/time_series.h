// File: loadlaw/telemetry/time_series.h
// Per-second counts of a load level (warm-up included, so a chart shows the
// ramp): completions, errors, tokens, achieved concurrency, mean latencies.
// Seconds are counted from the level's start; series merge by adding.
//
//   loadlaw::telemetry::TimeSeries series(level_start);
//   series.AddCompletion(record);
//   series.AddBusy(record.t_send, record.t_done);
//   for (const loadlaw::telemetry::SecondPoint& p : series.Points()) ...

#ifndef LOADLAW_TELEMETRY_TIME_SERIES_H_
#define LOADLAW_TELEMETRY_TIME_SERIES_H_

#include <chrono>
#include <cstdint>
#include <vector>

#include "loadlaw/telemetry/request_record.h"

namespace loadlaw::telemetry {

// One second [t_s, t_s + 1) of a level; a request counts in the second of its
// t_done.
struct SecondPoint {
  double t_s = 0;  // start of the second, from the level's start
  std::uint64_t completed = 0;
  std::uint64_t errors = 0;
  std::int64_t output_tokens = 0;
  std::int64_t input_tokens = 0;
  double concurrency = 0;  // time-averaged requests in flight
  double ttft_mean_s = 0;  // of the completions; 0 when none
  double e2e_mean_s = 0;
};

class TimeSeries {
 public:
  explicit TimeSeries(std::chrono::nanoseconds origin = {}) : origin_(origin) {}

  // Counts a finished request (completion or error) in its t_done second.
  void AddRequest(const RequestRecord& record);
  // Adds the in-flight interval [begin, end) to the seconds it spans.
  void AddBusy(std::chrono::nanoseconds begin, std::chrono::nanoseconds end);
  // Adds `other` second by second; the origins must match (they do for the
  // recorders of one level).
  void Merge(const TimeSeries& other);

  // One point per second from the origin to the last second touched.
  std::vector<SecondPoint> Points() const;

 private:
  struct Bucket {
    std::uint64_t completed = 0;
    std::uint64_t errors = 0;
    std::int64_t output_tokens = 0;
    std::int64_t input_tokens = 0;
    std::int64_t busy_ns = 0;
    double ttft_sum_s = 0;
    std::uint64_t ttft_count = 0;
    double e2e_sum_s = 0;
  };
  Bucket& At(std::int64_t second);

  std::chrono::nanoseconds origin_;
  std::vector<Bucket> buckets_;
};

}  // namespace loadlaw::telemetry

#endif  // LOADLAW_TELEMETRY_TIME_SERIES_H_
