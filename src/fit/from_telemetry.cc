#include "loadlaw/fit/from_telemetry.h"

namespace loadlaw::fit {
namespace {

void SetQuantiles(LatencyMetric metric, const telemetry::Summary& s,
                  LatencyTable* table) {
  if (s.count == 0) return;
  table->Set(metric, LatencyQuantile::kP50, s.p50);
  table->Set(metric, LatencyQuantile::kP90, s.p90);
  table->Set(metric, LatencyQuantile::kP95, s.p95);
  table->Set(metric, LatencyQuantile::kP99, s.p99);
}

}  // namespace

LevelMeasurement MeasurementFromSummary(const telemetry::WindowSummary& s,
                                        double configured_load, bool settled) {
  LevelMeasurement m;
  m.configured_concurrency = configured_load;
  m.achieved_concurrency = s.achieved_concurrency;
  m.requests_per_s = s.requests_per_s;
  m.output_tokens_per_s = s.output_tokens_per_s;
  m.mean_input_tokens = s.input_tokens.mean;
  m.mean_output_tokens = s.output_tokens.mean;
  SetQuantiles(LatencyMetric::kE2e, s.e2e, &m.latency_s);
  SetQuantiles(LatencyMetric::kTtft, s.ttft, &m.latency_s);
  SetQuantiles(LatencyMetric::kTpot, s.tpot, &m.latency_s);
  m.error_rate =
      s.finished > 0 ? static_cast<double>(s.failed) / s.finished : 0.0;
  m.settled = settled;
  m.duration_s = s.window_s;
  return m;
}

}  // namespace loadlaw::fit
