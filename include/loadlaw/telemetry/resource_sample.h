// File: loadlaw/telemetry/resource_sample.h
// Resource readings that tell why a load level saturates: the target's
// Prometheus /metrics (vLLM, llama.cpp server, TGI, the simulator), a local
// server process's CPU and memory from /proc, and GPU utilisation and memory
// from nvidia-smi. Parsing is separate from fetching so it can be tested on
// captured text.
//
//   std::vector<loadlaw::telemetry::MetricSample> m =
//       loadlaw::telemetry::ParsePrometheusText(body);
//   std::optional<double> running = loadlaw::telemetry::SumMetric(
//       m, "vllm:num_requests_running");
//   loadlaw::telemetry::ProcessStat s = loadlaw::telemetry::ReadProcessStat(pid);
//   std::vector<loadlaw::telemetry::GpuStat> gpus =
//       loadlaw::telemetry::ParseNvidiaSmiCsv(csv);

#ifndef LOADLAW_TELEMETRY_RESOURCE_SAMPLE_H_
#define LOADLAW_TELEMETRY_RESOURCE_SAMPLE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace loadlaw::telemetry {

// One sample line of the Prometheus text exposition format.
struct MetricSample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// Parses the text format (comments, HELP/TYPE lines, labels with escaped
// quotes, +Inf/NaN values, optional timestamps). Lines that do not parse are
// skipped and counted in *skipped when it is not null.
std::vector<MetricSample> ParsePrometheusText(const std::string& text,
                                              int* skipped = nullptr);

// The sum over every label set of the series called `name`; nullopt when no
// sample has that name.
std::optional<double> SumMetric(const std::vector<MetricSample>& samples,
                                const std::string& name);

// CPU time and resident memory of a process, from /proc/PID/stat and
// /proc/PID/status.
struct ProcessStat {
  int pid = 0;
  double cpu_s = 0;       // user + system CPU seconds since the process began
  double rss_bytes = 0;   // resident set size
};

// Reads the stats of `pid` (root_dir lets tests point at a fake /proc).
// Throws std::invalid_argument naming the pid when the process does not exist
// or its files do not parse.
ProcessStat ReadProcessStat(int pid, const std::string& proc_root = "/proc");

// One GPU as nvidia-smi reports it.
struct GpuStat {
  int index = 0;
  double utilization_pct = 0;
  double memory_used_mib = 0;
  double memory_total_mib = 0;
};

// Parses the output of `nvidia-smi --query-gpu=index,utilization.gpu,
// memory.used,memory.total --format=csv,noheader,nounits`; "[N/A]" (MIG
// devices) reads as NaN, except as the index, which must be a whole number
// in [0, 65535]. Throws std::invalid_argument naming the line that does not
// parse.
std::vector<GpuStat> ParseNvidiaSmiCsv(const std::string& csv);

// The nvidia-smi command line ParseNvidiaSmiCsv expects.
const char* NvidiaSmiQueryCommand();

}  // namespace loadlaw::telemetry

#endif  // LOADLAW_TELEMETRY_RESOURCE_SAMPLE_H_
