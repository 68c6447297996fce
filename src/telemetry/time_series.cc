// Per-second buckets of a level.

#include "loadlaw/telemetry/time_series.h"

#include <algorithm>

#include "loadlaw/base/clock.h"

namespace loadlaw::telemetry {
namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;
// A series never grows past a day of seconds (a bound against bad clocks).
constexpr std::int64_t kMaxSeconds = 86'400;

}  // namespace

TimeSeries::Bucket& TimeSeries::At(std::int64_t second) {
  second = std::clamp<std::int64_t>(second, 0, kMaxSeconds);
  if (static_cast<std::size_t>(second) >= buckets_.size()) {
    buckets_.resize(static_cast<std::size_t>(second) + 1);
  }
  return buckets_[static_cast<std::size_t>(second)];
}

void TimeSeries::AddRequest(const RequestRecord& record) {
  Bucket& b = At((record.t_done - origin_).count() / kNsPerSecond);
  b.input_tokens += record.input_tokens;
  b.output_tokens += record.output_tokens;
  if (!record.ok()) {
    ++b.errors;
    return;
  }
  ++b.completed;
  b.e2e_sum_s += base::ToSeconds(record.t_done - record.t_send);
  if (record.t_first) {
    b.ttft_sum_s += base::ToSeconds(*record.t_first - record.t_send);
    ++b.ttft_count;
  }
}

void TimeSeries::AddBusy(std::chrono::nanoseconds begin,
                         std::chrono::nanoseconds end) {
  std::int64_t from = std::max<std::int64_t>(0, (begin - origin_).count());
  const std::int64_t to = (end - origin_).count();
  while (from < to) {
    const std::int64_t second = from / kNsPerSecond;
    if (second > kMaxSeconds) break;
    const std::int64_t edge = std::min(to, (second + 1) * kNsPerSecond);
    At(second).busy_ns += edge - from;
    from = edge;
  }
}

void TimeSeries::Merge(const TimeSeries& other) {
  if (other.buckets_.size() > buckets_.size()) {
    buckets_.resize(other.buckets_.size());
  }
  for (std::size_t i = 0; i < other.buckets_.size(); ++i) {
    const Bucket& o = other.buckets_[i];
    Bucket& b = buckets_[i];
    b.completed += o.completed;
    b.errors += o.errors;
    b.output_tokens += o.output_tokens;
    b.input_tokens += o.input_tokens;
    b.busy_ns += o.busy_ns;
    b.ttft_sum_s += o.ttft_sum_s;
    b.ttft_count += o.ttft_count;
    b.e2e_sum_s += o.e2e_sum_s;
  }
}

std::vector<SecondPoint> TimeSeries::Points() const {
  std::vector<SecondPoint> points;
  points.reserve(buckets_.size());
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    const Bucket& b = buckets_[i];
    SecondPoint p;
    p.t_s = static_cast<double>(i);
    p.completed = b.completed;
    p.errors = b.errors;
    p.output_tokens = b.output_tokens;
    p.input_tokens = b.input_tokens;
    p.concurrency = static_cast<double>(b.busy_ns) / kNsPerSecond;
    if (b.ttft_count > 0) p.ttft_mean_s = b.ttft_sum_s / b.ttft_count;
    if (b.completed > 0) p.e2e_mean_s = b.e2e_sum_s / b.completed;
    points.push_back(p);
  }
  return points;
}

}  // namespace loadlaw::telemetry
