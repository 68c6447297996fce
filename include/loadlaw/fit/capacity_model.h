// File: loadlaw/fit/capacity_model.h
// The capacity model of one deployment: what `loadlaw fit` makes of a sweep
// and what `loadlaw predict` and `loadlaw plan` work from. It holds the USL
// for request and output-token throughput and a latency curve for each
// measured quantile of E2E, TTFT and TPOT, all fitted against the *achieved*
// concurrency of the sweep's levels, with the mean tokens per request, the
// provenance of the data and its own validation (hold-out forecast of the top
// levels, residual diagnostics and a plain verdict on whether to trust it).
//
//   std::vector<loadlaw::fit::LevelMeasurement> levels = ...;  // from a sweep
//   loadlaw::fit::Provenance provenance;
//   provenance.hardware = "h100";
//   loadlaw::fit::CapacityModel model =
//       loadlaw::fit::FitCapacityModel(levels, provenance);
//   if (!model.trust.ok) for (auto& w : model.trust.warnings) std::cerr << w;
//   loadlaw::fit::CapacityPrediction p = model.Predict(32);
//   double e2e_p99_s = p.Latency(loadlaw::fit::LatencyMetric::kE2e,
//                                loadlaw::fit::LatencyQuantile::kP99).value;

#ifndef LOADLAW_FIT_CAPACITY_MODEL_H_
#define LOADLAW_FIT_CAPACITY_MODEL_H_

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "loadlaw/base/estimate.h"
#include "loadlaw/fit/latency_curve.h"
#include "loadlaw/fit/usl.h"

namespace loadlaw::fit {

// The version written in (and required of) every capacity model file.
inline constexpr char kCapacityModelSchema[] = "loadlaw.capacity_model/1";

// The latency metrics of DESIGN.md ("Metric definitions").
enum class LatencyMetric { kE2e, kTtft, kTpot };
enum class LatencyQuantile { kP50, kP90, kP95, kP99 };
inline constexpr int kNumLatencyMetrics = 3;
inline constexpr int kNumLatencyQuantiles = 4;
inline constexpr std::array<LatencyMetric, kNumLatencyMetrics>
    kAllLatencyMetrics = {LatencyMetric::kE2e, LatencyMetric::kTtft,
                          LatencyMetric::kTpot};
inline constexpr std::array<LatencyQuantile, kNumLatencyQuantiles>
    kAllLatencyQuantiles = {LatencyQuantile::kP50, LatencyQuantile::kP90,
                            LatencyQuantile::kP95, LatencyQuantile::kP99};

// "e2e", "ttft", "tpot" and "p50", "p90", "p95", "p99".
const char* LatencyMetricName(LatencyMetric metric);
const char* LatencyQuantileName(LatencyQuantile quantile);
// 0.50, 0.90, 0.95, 0.99.
double QuantileProbability(LatencyQuantile quantile);

// Latency quantiles in seconds, one per metric x quantile; NaN = not measured
// (e.g. TPOT of a workload whose answers are single tokens).
class LatencyTable {
 public:
  LatencyTable();
  double Get(LatencyMetric metric, LatencyQuantile quantile) const;
  void Set(LatencyMetric metric, LatencyQuantile quantile, double seconds);
  bool Has(LatencyMetric metric, LatencyQuantile quantile) const;

 private:
  std::array<std::array<double, kNumLatencyQuantiles>, kNumLatencyMetrics>
      seconds_;
};

// One level of a sweep, as the sweep hands it to the fit.
struct LevelMeasurement {
  double configured_concurrency = 0;  // users (closed loop) or the set level
  double achieved_concurrency = 0;    // time-averaged requests in flight
  double requests_per_s = 0;          // completions / window
  double output_tokens_per_s = 0;     // output tokens / window
  double mean_input_tokens = 0;       // per completed request
  double mean_output_tokens = 0;      // per completed request
  LatencyTable latency_s;             // quantiles of E2E, TTFT, TPOT
  double error_rate = 0;              // failed / issued, in [0, 1]
  bool settled = true;                // the sweep found a steady state
  double duration_s = 0;              // measurement window; 0 = unknown
};

// Where the data came from. Empty strings and 0 mean "not recorded".
struct Provenance {
  std::string endpoint;      // URL of the target
  std::string served_model;  // the model name the endpoint served
  std::string hardware;      // a label, e.g. "h100", matched to pricing
  std::string workload_name;
  std::string workload_hash;         // hash of the workload file
  std::string date;                  // ISO 8601 date or time of the sweep
  std::string loadlaw_version;       // empty: FitCapacityModel fills in its own
  double think_time_s = 0;           // closed-loop think time of the sweep
  int server_concurrency_limit = 0;  // e.g. vLLM max_num_seqs; 0 = unknown
};

struct CapacityModelOptions {
  // Law, loss, confidence and iterations of every fit (law: throughput only).
  FitOptions fit;
  // Fit relative errors (weights 1/y^2), so that low and high levels count
  // alike; false fits absolute errors.
  bool relative_errors = true;
  // Levels with an error rate above this, or not settled, are left out (and
  // named in `notes`).
  double max_error_rate = 0.05;
  bool include_unsettled = false;
  // Levels held out for validation; -1 = automatic (2 with >= 7 usable
  // levels, 1 with >= 4, none below).
  int holdout_levels = -1;
  // Trust thresholds: below this R^2 a curve "explains the data poorly";
  // above these hold-out errors the forecast is "not reliable".
  double min_r_squared = 0.9;
  double max_holdout_throughput_error = 0.15;
  double max_holdout_latency_error = 0.25;

  bool IsValid(std::string* why) const;
};

// The hold-out forecast of one held-out level (NaN where not measured).
struct HoldoutForecast {
  double concurrency = 0;  // achieved
  double requests_per_s_measured = 0;
  double requests_per_s_predicted = 0;
  double requests_per_s_rel_error = 0;  // (predicted - measured) / measured
  double e2e_p99_s_measured = std::numeric_limits<double>::quiet_NaN();
  double e2e_p99_s_predicted = std::numeric_limits<double>::quiet_NaN();
  double e2e_p99_rel_error = std::numeric_limits<double>::quiet_NaN();
};

struct CapacityHoldout {
  int held_out_levels = 0;  // 0: no hold-out (too few levels; see `note`)
  int fitted_levels = 0;
  std::vector<HoldoutForecast> points;
  double max_abs_throughput_error = 0;  // relative
  double max_abs_e2e_p99_error = std::numeric_limits<double>::quiet_NaN();
  std::string note;
};

// How well one fitted series explains its data.
struct SeriesDiagnostics {
  std::string series;  // "requests_per_s", "output_tokens_per_s", "e2e.p99"
  int points = 0;
  double r_squared = 0;
  double residual_std_error = 0;    // in the fit's (weighted) units
  double max_abs_rel_residual = 0;  // max |measured - fitted| / measured
  // The achieved concurrency of the level with that residual (NaN: unknown).
  double worst_concurrency = std::numeric_limits<double>::quiet_NaN();
};

struct TrustVerdict {
  bool ok = true;                     // false when any warning was raised
  std::vector<std::string> warnings;  // reasons not to trust the model
};

// The model at one concurrency: each quantity with its confidence band.
struct CapacityPrediction {
  double concurrency = 0;
  base::Estimate requests_per_s;
  base::Estimate output_tokens_per_s;
  // Per metric x quantile; std::nullopt where the model has no curve.
  std::array<std::array<std::optional<base::Estimate>, kNumLatencyQuantiles>,
             kNumLatencyMetrics>
      latency_s;

  // The latency estimate; an all-NaN base::Estimate where the model has none.
  base::Estimate Latency(LatencyMetric metric, LatencyQuantile quantile) const;
};

struct CapacityModel {
  std::string schema = kCapacityModelSchema;
  Provenance provenance;
  std::vector<LevelMeasurement> levels;  // every level given, in input order
  std::vector<std::string> notes;        // levels left out, fit warnings
  double confidence = 0.95;
  bool relative_errors = true;
  double min_concurrency = 0;  // range of achieved concurrency fitted
  double max_concurrency = 0;
  double mean_input_tokens = 0;  // per request, over the fitted levels
  double mean_output_tokens = 0;
  UslFit requests;       // requests/s against achieved concurrency
  UslFit output_tokens;  // output tokens/s against achieved concurrency
  std::array<std::array<std::optional<LatencyCurveFit>, kNumLatencyQuantiles>,
             kNumLatencyMetrics>
      latency;  // seconds against achieved concurrency
  CapacityHoldout holdout;
  std::vector<SeriesDiagnostics> diagnostics;
  TrustVerdict trust;

  // The curve of a metric and quantile, or nullptr when it was not measured.
  const LatencyCurveFit* Curve(LatencyMetric metric,
                               LatencyQuantile quantile) const;
  // Throughputs and latencies at `concurrency` (> 0) with their bands.
  // Throws std::invalid_argument for a non-finite or non-positive value.
  CapacityPrediction Predict(double concurrency) const;
};

// Fits the capacity model of `levels` (at least 3 usable ones: settled, error
// rate within options.max_error_rate, positive achieved concurrency and
// throughput), then validates it. Throws std::invalid_argument naming the
// level index and field for bad input, or when fewer than 3 levels are usable
// (saying which were left out and why). A latency series measured at fewer
// than 3 usable levels gets no curve (and a note).
CapacityModel FitCapacityModel(const std::vector<LevelMeasurement>& levels,
                               const Provenance& provenance,
                               const CapacityModelOptions& options = {});

}  // namespace loadlaw::fit

#endif  // LOADLAW_FIT_CAPACITY_MODEL_H_
