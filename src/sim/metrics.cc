// Prometheus text rendering of the engine's and the server's metrics.

#include <cstdio>

#include "sim/metrics_internal.h"

namespace loadlaw::sim {
namespace {

// vLLM's bucket bounds for the same histograms, in seconds.
const std::vector<double> kTtftBoundsS = {
    0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25,
    0.5,   0.75,  1.0,  2.5,  5.0,  7.5,  10.0, 20.0, 40.0};
const std::vector<double> kE2eBoundsS = {
    0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0,
    20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0};

std::string FormatNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.15g", value);
  return text;
}

std::string EscapeLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out.append("\\n");
      continue;
    }
    out.push_back(c);
  }
  return out;
}

void Header(std::string* out, std::string_view name, std::string_view help,
            std::string_view type) {
  out->append("# HELP ").append(name).append(" ").append(help).append("\n");
  out->append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void Sample(std::string* out, std::string_view name, std::string_view labels,
            double value) {
  out->append(name).append("{").append(labels).append("} ");
  out->append(FormatNumber(value)).append("\n");
}

void Metric(std::string* out, std::string_view name, std::string_view help,
            std::string_view type, std::string_view labels, double value) {
  Header(out, name, help, type);
  Sample(out, name, labels, value);
}

void RenderEngine(std::string* out, const EngineStats& e,
                  const std::string& labels) {
  Metric(out, "vllm:num_requests_running", "Requests in the running batch.",
         "gauge", labels, e.running);
  Metric(out, "vllm:num_requests_waiting", "Requests in the waiting queue.",
         "gauge", labels, e.waiting);
  Metric(out, "vllm:kv_cache_usage_perc",
         "Fraction of the KV cache reserved (1 = full).", "gauge", labels,
         e.KvUsage());
  Metric(out, "vllm:gpu_cache_usage_perc",
         "Fraction of the KV cache reserved (older vLLM name).", "gauge",
         labels, e.KvUsage());
  Metric(out, "vllm:num_preemptions_total",
         "Preemptions (the simulator never preempts).", "counter", labels, 0);
  Metric(out, "vllm:prompt_tokens_total", "Prompt tokens prefilled.",
         "counter", labels, static_cast<double>(e.prompt_tokens_total));
  Metric(out, "vllm:generation_tokens_total", "Output tokens generated.",
         "counter", labels, static_cast<double>(e.generation_tokens_total));
  Metric(out, "loadlaw_sim:engine_steps_total", "Engine steps taken.",
         "counter", labels, static_cast<double>(e.steps_total));
}

void RenderServer(std::string* out, const ServerMetrics& s,
                  const std::string& labels) {
  const char* kSuccess = "vllm:request_success_total";
  Header(out, kSuccess, "Requests finished.", "counter");
  Sample(out, kSuccess, labels + ",finished_reason=\"length\"",
         static_cast<double>(s.success_length));
  Sample(out, kSuccess, labels + ",finished_reason=\"stop\"",
         static_cast<double>(s.success_stop));
  Sample(out, kSuccess, labels + ",finished_reason=\"abort\"",
         static_cast<double>(s.aborted));
  s.ttft_s.Render(out, "vllm:time_to_first_token_seconds",
                  "Arrival to first token written.", labels);
  s.e2e_s.Render(out, "vllm:e2e_request_latency_seconds",
                 "Arrival to the response's last byte written.", labels);
  const char* kResponses = "loadlaw_sim:http_responses_total";
  Header(out, kResponses, "HTTP responses by status code.", "counter");
  for (const auto& [status, count] : s.responses_by_status) {
    Sample(out, kResponses, labels + ",code=\"" + std::to_string(status) + "\"",
           static_cast<double>(count));
  }
  const char* kFaults = "loadlaw_sim:faults_total";
  Header(out, kFaults, "Injected faults by kind.", "counter");
  for (int kind = 0; kind < kFaultKinds; ++kind) {
    Sample(out, kFaults,
           labels + ",kind=\"" + FaultName(static_cast<FaultKind>(kind)) + "\"",
           static_cast<double>(s.faults[kind]));
  }
  Metric(out, "loadlaw_sim:requests_in_flight",
         "Accepted completion requests not yet answered.", "gauge", labels,
         static_cast<double>(s.in_flight));
  Metric(out, "loadlaw_sim:open_connections", "Open HTTP connections.",
         "gauge", labels, static_cast<double>(s.open_connections));
}

}  // namespace

SecondsHistogram::SecondsHistogram(std::vector<double> upper_bounds_s)
    : upper_bounds_s_(std::move(upper_bounds_s)),
      counts_(upper_bounds_s_.size() + 1, 0) {}

void SecondsHistogram::Observe(double value_s) {
  std::size_t bucket = 0;
  while (bucket < upper_bounds_s_.size() && value_s > upper_bounds_s_[bucket]) {
    ++bucket;
  }
  ++counts_[bucket];
  sum_s_ += value_s;
  ++count_;
}

void SecondsHistogram::Render(std::string* out, std::string_view name,
                              std::string_view help,
                              std::string_view labels) const {
  Header(out, name, help, "histogram");
  const std::string bucket_name = std::string(name) + "_bucket";
  std::int64_t cumulative = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    cumulative += counts_[i];
    std::string le = i < upper_bounds_s_.size()
                         ? FormatNumber(upper_bounds_s_[i])
                         : std::string("+Inf");
    Sample(out, bucket_name, std::string(labels) + ",le=\"" + le + "\"",
           static_cast<double>(cumulative));
  }
  Sample(out, std::string(name) + "_sum", labels, sum_s_);
  Sample(out, std::string(name) + "_count", labels,
         static_cast<double>(count_));
}

const char* FaultName(FaultKind kind) {
  switch (kind) {
    case FaultKind::kError:
      return "error";
    case FaultKind::kRateLimit:
      return "rate_limit";
    case FaultKind::kDisconnect:
      return "disconnect";
    case FaultKind::kMalformed:
      return "malformed";
    case FaultKind::kStall:
      return "stall";
  }
  return "unknown";
}

ServerMetrics::ServerMetrics() : ttft_s(kTtftBoundsS), e2e_s(kE2eBoundsS) {}

std::string RenderMetrics(const EngineStats& engine,
                          const ServerMetrics& server,
                          const std::string& model) {
  const std::string labels = "model_name=\"" + EscapeLabel(model) + "\"";
  std::string out;
  out.reserve(8192);
  RenderEngine(&out, engine, labels);
  RenderServer(&out, server, labels);
  return out;
}

}  // namespace loadlaw::sim
