// Run(): sets up the shared state, starts the workers, merges their
// recorders level by level and reports progress.

#include "loadlaw/runner/runner.h"

#include <sys/resource.h>

#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "runner/worker_internal.h"

namespace loadlaw::runner {
namespace {

using internal::RunShared;
using std::chrono::nanoseconds;

// Lets a run hold many sockets: the soft open-file limit goes up to the hard
// one (the usual soft limit, 1024, is below a few thousand streams).
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 &&
      limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

std::vector<internal::LevelPlan> PlanLevels(const RunOptions& options) {
  std::vector<internal::LevelPlan> plans;
  nanoseconds t{0};
  for (const LoadLevel& level : options.levels) {
    internal::LevelPlan plan;
    plan.level = level;
    plan.start = t;
    plan.window_start = t + level.warmup;
    plan.window_end = level.requests > 0 ? internal::kNever
                                         : plan.window_start + level.duration;
    plans.push_back(plan);
    t = plan.window_end;
  }
  return plans;
}

bool ProxyInEnvironment() {
  for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy",
                           "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && value[0] != '\0') return true;
  }
  return false;
}

// The native transport's target when the run uses it (Transport).
std::optional<internal::NativeTarget> ChooseNativeTarget(
    const RunOptions& options, bool no_proxy_env) {
  if (options.transport == Transport::kCurl) return std::nullopt;
  std::string why;
  std::optional<internal::NativeTarget> target;
  if (options.http_version != HttpVersion::kHttp1_1) {
    why = "HTTP/2 was asked for";
  } else if (!no_proxy_env) {
    why = "a proxy is set in the environment";
  } else {
    target = internal::ResolveNativeTarget(options.target_url, &why);
  }
  if (!target && options.transport == Transport::kNative) {
    throw std::invalid_argument("transport: native cannot serve '" +
                                RedactUrl(options.target_url) + "': " + why);
  }
  return target;
}

std::string ReadApiKey(const std::string& variable) {
  if (variable.empty()) return {};
  const char* value = std::getenv(variable.c_str());
  return value == nullptr ? std::string() : std::string(value);
}

class Coordinator {
 public:
  Coordinator(const RunOptions& options, const RunHooks& hooks,
              RunShared* shared,
              std::vector<std::unique_ptr<internal::Worker>>* workers)
      : options_(options), hooks_(hooks), shared_(shared), workers_(workers) {}

  // Waits for the workers, merging levels as they complete.
  void Watch(RunResult* result);

 private:
  bool MergeReadyLevel(RunResult* result);
  void ReportProgress(nanoseconds now);

  const RunOptions& options_;
  const RunHooks& hooks_;
  RunShared* shared_;
  std::vector<std::unique_ptr<internal::Worker>>* workers_;
  std::size_t next_level_ = 0;
  std::uint64_t last_completed_ = 0;
  std::uint64_t last_tokens_ = 0;
  int last_level_ = -1;
  nanoseconds last_progress_{0};
};

void Coordinator::Watch(RunResult* result) {
  std::unique_lock<std::mutex> lock(shared_->mu);
  while (true) {
    shared_->cv.wait_for(lock, std::chrono::milliseconds(20));
    while (MergeReadyLevel(result)) {
    }
    if (shared_->workers_done == shared_->worker_count) break;
    const nanoseconds now =
        shared_->transport.clock->Now() - shared_->transport.origin;
    if (hooks_.on_progress &&
        now - last_progress_ >= hooks_.progress_interval) {
      lock.unlock();
      ReportProgress(now);
      lock.lock();
    }
  }
}

bool Coordinator::MergeReadyLevel(RunResult* result) {
  if (next_level_ >= shared_->deliveries.size()) return false;
  RunShared::Delivery& d = shared_->deliveries[next_level_];
  if (static_cast<int>(d.parts.size()) < shared_->worker_count) return false;
  const internal::LevelPlan& plan = shared_->levels[next_level_];
  telemetry::WindowRecorder total(
      plan.start, plan.window_start, plan.window_end, options_.slo,
      internal::SampleSeed(options_.seed, static_cast<int>(next_level_), -1));
  for (const auto& part : d.parts) {
    if (part) total.Merge(*part);
  }
  LevelResult level;
  level.index = static_cast<int>(next_level_) + options_.level_index_offset;
  level.level = plan.level;
  level.summary = total.Summarize(std::max(d.end, plan.window_start));
  level.samples = total.samples().samples();
  level.complete = !d.cancelled;
  d.parts.clear();
  ++next_level_;
  result->levels.push_back(level);
  if (hooks_.on_level && !shared_->stop.load()) {
    shared_->mu.unlock();
    try {
      hooks_.on_level(result->levels.back());
    } catch (...) {
      shared_->stop.store(true);
      shared_->mu.lock();
      throw;
    }
    shared_->mu.lock();
  }
  return true;
}

void Coordinator::ReportProgress(nanoseconds now) {
  Progress p;
  int level = static_cast<int>(shared_->levels.size()) - 1;
  for (const auto& w : *workers_) {
    const internal::WorkerCounters& c = w->counters();
    level = std::min(level, c.level.load(std::memory_order_relaxed));
    p.completed += c.completed.load(std::memory_order_relaxed);
    p.errors += c.errors.load(std::memory_order_relaxed);
    p.in_flight += static_cast<std::uint64_t>(
        std::max<std::int64_t>(0, c.in_flight.load(std::memory_order_relaxed)));
  }
  std::uint64_t tokens = 0;
  for (const auto& w : *workers_) {
    tokens += w->counters().output_tokens.load(std::memory_order_relaxed);
  }
  const internal::LevelPlan& plan =
      shared_->levels[static_cast<std::size_t>(level)];
  p.level = level;
  p.level_count = static_cast<int>(shared_->levels.size());
  p.level_elapsed_s = base::ToSeconds(now - plan.start);
  p.warmup = now < plan.window_start;
  if (!plan.by_count())
    p.level_length_s = base::ToSeconds(plan.window_end - plan.start);
  const double dt = base::ToSeconds(now - last_progress_);
  if (level == last_level_ && dt > 0 && p.completed >= last_completed_) {
    p.requests_per_s = (p.completed - last_completed_) / dt;
  }
  if (dt > 0 && tokens >= last_tokens_)
    p.output_tokens_per_s = (tokens - last_tokens_) / dt;
  last_completed_ = p.completed;
  last_tokens_ = tokens;
  last_level_ = level;
  last_progress_ = now;
  hooks_.on_progress(p);
}

}  // namespace

namespace internal {

bool RunShared::ShouldStop() const {
  return stop.load(std::memory_order_relaxed) ||
         (cancel != nullptr && cancel->load(std::memory_order_relaxed));
}

void RunShared::Deliver(int level,
                        std::unique_ptr<telemetry::WindowRecorder> part,
                        std::chrono::nanoseconds end, bool cancelled) {
  std::lock_guard<std::mutex> lock(mu);
  Delivery& d = deliveries[static_cast<std::size_t>(level)];
  d.parts.push_back(std::move(part));
  d.end = std::max(d.end, end);
  d.cancelled = d.cancelled || cancelled;
  cv.notify_all();
}

void RunShared::WorkerDone() {
  std::lock_guard<std::mutex> lock(mu);
  ++workers_done;
  cv.notify_all();
}

}  // namespace internal

std::string RedactUrl(const std::string& url) { return base::RedactUrl(url); }

base::Redactor RunSecrets(const RunOptions& options) {
  base::Redactor secrets;
  secrets.AddSecret(ReadApiKey(options.api_key_env));
  secrets.AddUrlCredentials(options.target_url);
  for (const workload::Scenario& s : options.workload.scenarios) {
    for (const auto& [name, value] : s.http.headers) {
      if (!workload::IsSecretHeader(s.http, name)) continue;
      secrets.AddSecret(value);
      // "Bearer TOKEN": the token alone, however short.
      const std::size_t space = value.find(' ');
      if (space != std::string::npos) {
        secrets.AddSecret(value.substr(space + 1));
      }
    }
  }
  return secrets;
}

RunResult Run(const RunOptions& options, const RunHooks& hooks) {
  std::string why;
  if (!options.IsValid(&why)) throw std::invalid_argument(why);
  internal::EnsureCurlInitialized();
  RaiseOpenFileLimit();
  static const base::SteadyClock kSteadyClock;
  RunShared shared;
  shared.options = &options;
  shared.levels = PlanLevels(options);
  shared.api_key = ReadApiKey(options.api_key_env);
  shared.cancel = hooks.cancel;
  shared.worker_count = options.threads;
  shared.deliveries.resize(shared.levels.size());
  shared.tickets.store(options.levels[0].requests);
  if (!options.records_path.empty()) {
    shared.records =
        std::make_unique<internal::RecordWriter>(options.records_path,
                                                options.records_append);
  }
  internal::TransportSettings& t = shared.transport;
  t.clock = hooks.clock != nullptr ? hooks.clock : &kSteadyClock;
  t.max_response_bytes = options.max_response_bytes;
  t.connect_timeout = options.connect_timeout;
  t.request_timeout = options.request_timeout;
  t.verify_tls = options.verify_tls;
  t.no_proxy_env = !ProxyInEnvironment();
  t.http_version = options.http_version;
  t.redactor = RunSecrets(options);
  shared.native_target = ChooseNativeTarget(options, t.no_proxy_env);
  // Kernel receive times are on the wall clock: convertible to the steady
  // clock's time, not to a test's hand-moved one.
  t.kernel_timestamps = t.clock == &kSteadyClock;

  std::vector<std::unique_ptr<internal::Worker>> workers;
  for (int i = 0; i < options.threads; ++i) {
    workers.push_back(std::make_unique<internal::Worker>(&shared, i));
  }
  RunResult result;
  t.origin = t.clock->Now();
  result.start_unix_s = std::chrono::duration<double>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  std::vector<std::thread> threads;
  for (auto& w : workers) threads.emplace_back([&w] { w->Run(); });
  Coordinator coordinator(options, hooks, &shared, &workers);
  std::exception_ptr failure;
  try {
    coordinator.Watch(&result);
  } catch (...) {
    failure = std::current_exception();
    shared.stop.store(true);
  }
  for (std::thread& th : threads) th.join();
  if (shared.records) {
    shared.records->Close();
    result.records_error = shared.records->error();
  }
  if (failure) std::rethrow_exception(failure);
  for (auto& w : workers) {
    if (w->error()) std::rethrow_exception(w->error());
  }
  result.target = RedactUrl(options.target_url);
  result.workload = options.workload.name;
  result.loop = options.loop;
  result.arrival = options.arrival;
  result.burstiness = options.burstiness;
  result.max_in_flight = options.max_in_flight;
  result.threads = options.threads;
  result.transport =
      shared.native_target ? Transport::kNative : Transport::kCurl;
  result.cancelled = hooks.cancel != nullptr && hooks.cancel->load();
  result.elapsed_s = base::ToSeconds(t.clock->Now() - t.origin);
  result.aborted_requests = shared.aborted.load();
  result.connections_opened = shared.connections.load();
  return result;
}

}  // namespace loadlaw::runner
