// File: loadlaw/telemetry/request_sample.h
// A uniform sample of the completed requests of a measurement window, kept
// with their token counts and timings: what `compare` bootstraps latency
// quantiles from and what the engine model is calibrated on. Each runner
// thread fills its own reservoir; the reservoirs of a level are merged when
// the level ends, and the merge keeps the sample uniform over every request
// of every thread.
//
//   loadlaw::telemetry::RequestReservoir a(/*seed=*/1), b(/*seed=*/2);
//   a.Add(sample);                    // thread 1's requests
//   b.Add(other);                     // thread 2's
//   a.Merge(b);                       // uniform over both
//   for (const auto& s : a.samples()) use(s.e2e_s);

#ifndef LOADLAW_TELEMETRY_REQUEST_SAMPLE_H_
#define LOADLAW_TELEMETRY_REQUEST_SAMPLE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include <nlohmann/json.hpp>

#include "loadlaw/base/json.h"
#include "loadlaw/telemetry/request_record.h"

namespace loadlaw::telemetry {

// The most requests a level keeps (per metric, what `compare` needs for its
// bootstrap; for the engine's calibration, enough to see the spread of token
// counts).
inline constexpr std::size_t kMaxRequestSamples = 2000;

// One completed request; times in seconds.
struct RequestSample {
  double t_send_s = 0;  // from the start of the measurement window
  std::int64_t input_tokens = 0;   // the server's usage; 0 when unknown
  std::int64_t output_tokens = 0;  // usage, else the output chunks
  double ttft_s = std::numeric_limits<double>::quiet_NaN();  // no output: NaN
  double e2e_s = 0;
  // (t_last - t_first) / (output_tokens - 1); NaN below 2 tokens.
  double tpot_s = std::numeric_limits<double>::quiet_NaN();
  double itl_max_s = std::numeric_limits<double>::quiet_NaN();  // longest gap
  // The median gap between output chunks: a decode step's time, robust to
  // the prefills of others that lengthen a few steps (the engine model's
  // calibration reads it); NaN below 2 chunks.
  double itl_median_s = std::numeric_limits<double>::quiet_NaN();
  int scenario = 0;
  int turn = 0;  // 0-based turn within its session
};

// The sample of a completed request `record` of a window starting at
// `window_start`.
RequestSample SampleOf(const RequestRecord& record,
                       std::chrono::nanoseconds window_start);

class RequestReservoir {
 public:
  explicit RequestReservoir(std::uint64_t seed,
                            std::size_t capacity = kMaxRequestSamples);

  // Offers one request: kept with probability capacity / seen (Algorithm R).
  void Add(const RequestSample& sample);
  // Makes this a uniform sample of the requests both reservoirs saw: the
  // number taken from each side is drawn from the hypergeometric
  // distribution of a uniform sample of the union, then that many are drawn
  // from each side's sample.
  void Merge(const RequestReservoir& other);

  const std::vector<RequestSample>& samples() const { return samples_; }
  std::uint64_t seen() const { return seen_; }  // requests offered

 private:
  std::size_t capacity_;
  std::uint64_t seen_ = 0;
  std::vector<RequestSample> samples_;
  std::mt19937_64 rng_;
};

// JSON of samples as columns ({"t_send_s": [...], "input_tokens": [...],
// ...}: a sweep file stays compact), and back. FromJson throws
// std::invalid_argument naming the pointer of a bad column.
nlohmann::json RequestSamplesToJson(const std::vector<RequestSample>& samples);
std::vector<RequestSample> RequestSamplesFromJson(const base::JsonNode& j);

}  // namespace loadlaw::telemetry

#endif  // LOADLAW_TELEMETRY_REQUEST_SAMPLE_H_
