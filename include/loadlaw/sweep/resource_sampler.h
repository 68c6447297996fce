// File: loadlaw/sweep/resource_sampler.h
// Samples, once a second during a level's measurement window, the gauges that
// tell why a level saturates: the target's Prometheus /metrics (running and
// waiting requests, KV-cache use, and any series the user names), a local
// server process's CPU and memory (/proc), and GPU utilisation and memory
// (nvidia-smi, when it is installed). Each gauge ends as its mean and maximum
// over the window. Sampling runs on its own thread; a missing endpoint or
// tool is a note, never an error.
//
//   loadlaw::sweep::ResourceSampler sampler(options);
//   sampler.Start(window_start);
//   RunTheLevel();
//   std::map<std::string, loadlaw::sweep::GaugeStats> gauges = sampler.Stop();

#ifndef LOADLAW_SWEEP_RESOURCE_SAMPLER_H_
#define LOADLAW_SWEEP_RESOURCE_SAMPLER_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "loadlaw/sweep_file/sweep_file.h"

namespace loadlaw::sweep {

struct SamplerOptions {
  std::string target;       // base URL; /metrics is read from its root
  std::string api_key_env;  // sent to /metrics when set
  bool verify_tls = true;
  bool scrape_metrics = true;
  // Prometheus series to keep besides the built-in saturation gauges of
  // vLLM, llama.cpp server and TGI (DefaultMetricNames()).
  std::vector<std::string> extra_metrics;
  int pid = 0;       // > 0: sample this local process from /proc
  bool gpu = true;   // sample nvidia-smi when it is on the PATH
  std::chrono::milliseconds interval{1000};
};

// The Prometheus series kept by default.
const std::vector<std::string>& DefaultMetricNames();

class ResourceSampler {
 public:
  explicit ResourceSampler(SamplerOptions options);
  ~ResourceSampler();
  ResourceSampler(const ResourceSampler&) = delete;
  ResourceSampler& operator=(const ResourceSampler&) = delete;

  // Starts sampling; samples before `measure_from` are not kept.
  void Start(std::chrono::steady_clock::time_point measure_from);
  // Stops and returns the gauges of the window (name -> mean, max, count).
  std::map<std::string, GaugeStats> Stop();
  // Notes gathered so far ("the target has no /metrics", ...), for the log.
  std::vector<std::string> Notes() const;

 private:
  void Loop(std::chrono::steady_clock::time_point measure_from);
  void SampleOnce(double wall_s);
  void Add(const std::string& name, double value);
  void Note(const std::string& note);

  SamplerOptions options_;
  bool has_gpu_tool_ = false;
  bool metrics_ok_ = true;
  double last_cpu_s_ = -1;
  double last_wall_s_ = 0;
  std::map<std::string, GaugeStats> gauges_;
  std::vector<std::string> notes_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace loadlaw::sweep

#endif  // LOADLAW_SWEEP_RESOURCE_SAMPLER_H_
