// The server's Prometheus metrics: vLLM's names where vLLM has the metric,
// loadlaw_sim: names for the simulator's own (docs/simulator.md, "Metrics").

#ifndef LOADLAW_SIM_METRICS_INTERNAL_H_
#define LOADLAW_SIM_METRICS_INTERNAL_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "loadlaw/engine/engine.h"

namespace loadlaw::sim {

using engine::Engine;
using engine::EngineStats;
using engine::RequestId;
using engine::StepOutcome;
using engine::StepPlan;
using engine::SubmitResult;
using engine::TokenEvent;

// A cumulative Prometheus histogram of seconds with fixed upper bounds.
class SecondsHistogram {
 public:
  explicit SecondsHistogram(std::vector<double> upper_bounds_s);
  void Observe(double value_s);
  // Appends the _bucket, _sum and _count lines with `labels` (k="v" pairs,
  // without braces) and the HELP and TYPE lines.
  void Render(std::string* out, std::string_view name, std::string_view help,
              std::string_view labels) const;
  std::int64_t count() const { return count_; }

 private:
  std::vector<double> upper_bounds_s_;
  std::vector<std::int64_t> counts_;  // per bucket, not cumulative; +Inf last
  double sum_s_ = 0.0;
  std::int64_t count_ = 0;
};

enum class FaultKind { kError, kRateLimit, kDisconnect, kMalformed, kStall };
inline constexpr int kFaultKinds = 5;
const char* FaultName(FaultKind kind);

// What the server counts besides the engine's own statistics.
struct ServerMetrics {
  ServerMetrics();
  SecondsHistogram ttft_s;  // arrival to first token written
  SecondsHistogram e2e_s;   // arrival to the end of the response written
  std::int64_t success_length = 0;  // finished at max_tokens
  std::int64_t success_stop = 0;    // finished before max_tokens
  std::int64_t aborted = 0;         // client gone or stream cut
  std::map<int, std::int64_t> responses_by_status;
  std::int64_t faults[kFaultKinds] = {};
  std::int64_t in_flight = 0;       // accepted completions not yet answered
  std::int64_t open_connections = 0;
};

// The Prometheus text exposition (format 0.0.4) of both.
std::string RenderMetrics(const EngineStats& engine,
                          const ServerMetrics& server,
                          const std::string& model);

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_METRICS_INTERNAL_H_
