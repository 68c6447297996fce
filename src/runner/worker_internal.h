// A worker thread of a run: its own event loop (one CURLM, never shared),
// pacer, request contexts and recorder. Workers share nothing on the hot
// path; each hands its recorder for a level to the coordinator when the
// level ends, where the recorders are merged.

#ifndef LOADLAW_RUNNER_WORKER_INTERNAL_H_
#define LOADLAW_RUNNER_WORKER_INTERNAL_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "loadlaw/runner/run_options.h"
#include "loadlaw/telemetry/window_recorder.h"
#include "runner/event_loop_internal.h"
#include "runner/native_http_internal.h"
#include "runner/pacer_internal.h"
#include "runner/records_internal.h"
#include "runner/request_builder_internal.h"
#include "runner/request_internal.h"

namespace loadlaw::runner::internal {

// A level's times from the run's start. Levels that stop after a request
// count have window_end = end = kNever.
struct LevelPlan {
  LoadLevel level;
  std::chrono::nanoseconds start{0};
  std::chrono::nanoseconds window_start{0};
  std::chrono::nanoseconds window_end{0};
  bool by_count() const { return level.requests > 0; }
};

// The seed of the request reservoir of `worker` (-1: the merged one) in
// `level`: distinct streams from the run's seed.
inline std::uint64_t SampleSeed(std::uint64_t run_seed, int level, int worker) {
  return run_seed * 0x9E3779B97F4A7C15ull +
         static_cast<std::uint64_t>(level) * 7919u +
         static_cast<std::uint64_t>(worker + 1) * 104729u;
}

// State shared by the coordinator and the workers of one run.
struct RunShared {
  const RunOptions* options = nullptr;
  std::vector<LevelPlan> levels;
  TransportSettings transport;
  std::string api_key;
  const std::atomic<bool>* cancel = nullptr;
  std::atomic<bool> stop{false};         // set by the coordinator on failure
  std::atomic<std::int64_t> tickets{0};  // by-count levels: requests left
  std::unique_ptr<RecordWriter> records;
  int worker_count = 1;
  // Set when requests go through the native transport, not libcurl.
  std::optional<NativeTarget> native_target;

  // Level hand-over.
  struct Delivery {
    std::vector<std::unique_ptr<telemetry::WindowRecorder>> parts;
    std::chrono::nanoseconds end{0};
    bool cancelled = false;
  };
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Delivery> deliveries;
  int workers_done = 0;
  std::atomic<std::uint64_t> aborted{0};
  std::atomic<std::uint64_t> connections{0};

  bool ShouldStop() const;
  void Deliver(int level, std::unique_ptr<telemetry::WindowRecorder> part,
               std::chrono::nanoseconds end, bool cancelled);
  void WorkerDone();
};

// Counters a worker publishes for progress lines (relaxed atomics).
struct alignas(64) WorkerCounters {
  std::atomic<int> level{0};
  std::atomic<std::uint64_t> completed{0};
  std::atomic<std::uint64_t> errors{0};
  std::atomic<std::uint64_t> output_tokens{0};
  std::atomic<std::int64_t> in_flight{0};
};

class Worker {
 public:
  Worker(RunShared* shared, int index);
  ~Worker();
  // The thread body; an exception is kept in error() and stops the run.
  void Run();
  const WorkerCounters& counters() const { return counters_; }
  std::exception_ptr error() const { return error_; }

 private:
  struct Share {
    int users = 0;
    double rate_rps = 0;
    int max_in_flight = 0;
    double phase = 0;
  };
  Share ShareOf(const LoadLevel& level) const;
  void RunLevel(int level);
  void Launch(std::chrono::nanoseconds now, const LevelPlan& plan);
  void Send(const Start& start, bool measured);
  // Starts a prepared request on the run's transport; stops one in flight.
  void Transmit(RequestContext* ctx);
  void Stop(RequestContext* ctx);
  // t_done: when its last bytes arrived (native transport), else now.
  void OnDone(RequestContext* ctx, CURLcode result,
              std::optional<std::chrono::nanoseconds> t_done);
  // Sends again, each on a new connection, the requests that OnDone found
  // had died on a reused connection before any answer (see request.cc).
  void Resend();
  telemetry::Phase PhaseOf(const telemetry::RequestRecord& r,
                           bool measured) const;
  void AbortInFlight();
  void FlushRecords(bool force);
  RequestContext* Acquire();
  void Release(RequestContext* ctx);
  std::chrono::nanoseconds Now() const;

  RunShared* shared_;
  const RunOptions& options_;
  int index_;
  RequestBuilder builder_;
  Pacer pacer_;
  EventLoop loop_;
  std::unique_ptr<NativeHttp> native_;  // null: libcurl
  std::vector<std::unique_ptr<RequestContext>> contexts_;
  std::vector<RequestContext*> free_;
  std::vector<RequestContext*> active_;
  std::vector<RequestContext*> resend_;  // active, not in the loop
  std::vector<Start> due_;
  std::unique_ptr<telemetry::WindowRecorder> recorder_;
  int level_ = 0;
  int delivered_ = 0;  // levels handed to the coordinator
  bool cancelled_ = false;
  std::chrono::nanoseconds last_measured_done_{0};
  std::uint64_t seq_ = 0;
  std::string record_buffer_;
  std::chrono::nanoseconds last_flush_{0};
  WorkerCounters counters_;
  std::exception_ptr error_;
};

}  // namespace loadlaw::runner::internal

#endif  // LOADLAW_RUNNER_WORKER_INTERNAL_H_
