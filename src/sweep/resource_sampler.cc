#include "loadlaw/sweep/resource_sampler.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "loadlaw/runner/http_get.h"
#include "loadlaw/telemetry/resource_sample.h"

namespace loadlaw::sweep {
namespace {

bool OnPath(const std::string& tool) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (!dir.empty() && ::access((dir + "/" + tool).c_str(), X_OK) == 0) {
      return true;
    }
  }
  return false;
}

std::string RunCommand(const char* command) {
  std::string out;
  FILE* pipe = ::popen(command, "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  ::pclose(pipe);
  return out;
}

double SteadySeconds() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

const std::vector<std::string>& DefaultMetricNames() {
  static const std::vector<std::string> names = {
      // vLLM
      "vllm:num_requests_running", "vllm:num_requests_waiting",
      "vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc",
      // llama.cpp server
      "llamacpp:requests_processing", "llamacpp:requests_deferred",
      "llamacpp:kv_cache_usage_ratio",
      // Text Generation Inference
      "tgi_queue_size", "tgi_batch_current_size"};
  return names;
}

ResourceSampler::ResourceSampler(SamplerOptions options)
    : options_(std::move(options)) {
  if (options_.interval.count() <= 0) {
    throw std::invalid_argument("sampler interval must be > 0 ms");
  }
  if (options_.pid > 0) {
    telemetry::ReadProcessStat(options_.pid);  // throws naming a missing pid
  }
  has_gpu_tool_ = options_.gpu && OnPath("nvidia-smi");
}

ResourceSampler::~ResourceSampler() {
  if (thread_.joinable()) Stop();
}

void ResourceSampler::Start(std::chrono::steady_clock::time_point measure_from) {
  if (thread_.joinable()) throw std::logic_error("sampler already started");
  {
    std::lock_guard<std::mutex> lock(mu_);
    gauges_.clear();
    stop_ = false;
    last_cpu_s_ = -1;
  }
  thread_ = std::thread([this, measure_from] { Loop(measure_from); });
}

std::map<std::string, GaugeStats> ResourceSampler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  std::map<std::string, GaugeStats> out = gauges_;
  for (auto& [name, g] : out) {
    if (g.samples > 0) g.mean /= g.samples;
  }
  return out;
}

std::vector<std::string> ResourceSampler::Notes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return notes_;
}

void ResourceSampler::Loop(std::chrono::steady_clock::time_point measure_from) {
  std::unique_lock<std::mutex> lock(mu_);
  wake_.wait_until(lock, measure_from, [this] { return stop_; });
  while (!stop_) {
    lock.unlock();
    SampleOnce(SteadySeconds());
    lock.lock();
    wake_.wait_for(lock, options_.interval, [this] { return stop_; });
  }
}

void ResourceSampler::SampleOnce(double wall_s) {
  if (options_.scrape_metrics && metrics_ok_) {
    const runner::HttpGetResult r = runner::HttpGet(
        runner::ServerRootUrl(options_.target) + "/metrics",
        std::chrono::milliseconds(std::max<long>(200, options_.interval.count())),
        options_.api_key_env, options_.verify_tls);
    if (!r.ok()) {
      metrics_ok_ = false;  // do not ask again during this sweep
      Note("the target has no usable /metrics (" +
           (r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error) +
           "); saturation gauges not sampled");
    } else {
      const auto samples = telemetry::ParsePrometheusText(r.body);
      const std::vector<const std::vector<std::string>*> lists = {
          &DefaultMetricNames(), &options_.extra_metrics};
      for (const std::vector<std::string>* names : lists) {
        for (const std::string& name : *names) {
          if (auto v = telemetry::SumMetric(samples, name)) Add(name, *v);
        }
      }
    }
  }
  if (options_.pid > 0) {
    try {
      const telemetry::ProcessStat s = telemetry::ReadProcessStat(options_.pid);
      if (last_cpu_s_ >= 0 && wall_s > last_wall_s_) {
        Add("process_cpu_cores", (s.cpu_s - last_cpu_s_) / (wall_s - last_wall_s_));
      }
      last_cpu_s_ = s.cpu_s;
      last_wall_s_ = wall_s;
      Add("process_rss_bytes", s.rss_bytes);
    } catch (const std::invalid_argument& e) {
      Note(e.what());
    }
  }
  if (has_gpu_tool_) {
    try {
      for (const telemetry::GpuStat& g :
           telemetry::ParseNvidiaSmiCsv(RunCommand(telemetry::NvidiaSmiQueryCommand()))) {
        const std::string suffix = g.index == 0 ? "" : "_" + std::to_string(g.index);
        Add("gpu_utilization_pct" + suffix, g.utilization_pct);
        Add("gpu_memory_used_mib" + suffix, g.memory_used_mib);
      }
    } catch (const std::invalid_argument& e) {
      has_gpu_tool_ = false;
      Note(e.what());
    }
  }
}

void ResourceSampler::Add(const std::string& name, double value) {
  if (!std::isfinite(value)) return;
  std::lock_guard<std::mutex> lock(mu_);
  GaugeStats& g = gauges_[name];
  if (g.samples == 0) {
    g.mean = 0;
    g.max = value;
  }
  g.mean += value;  // a sum until Stop() divides it
  g.max = std::max(g.max, value);
  ++g.samples;
}

void ResourceSampler::Note(const std::string& note) {
  std::lock_guard<std::mutex> lock(mu_);
  if (std::find(notes_.begin(), notes_.end(), note) == notes_.end()) {
    notes_.push_back(note);
  }
}

}  // namespace loadlaw::sweep
