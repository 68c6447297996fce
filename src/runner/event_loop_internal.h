// One worker thread's transport: a libcurl multi handle driven by epoll
// through the socket interface (curl_multi_socket_action), so that a loop
// iteration costs what the active sockets cost, not what all transfers cost.
// Waits are precise to the microsecond (epoll_pwait2), which is what holds an
// open-loop schedule at thousands of arrivals per second. Sockets of the
// native HTTP/1.1 transport (native_http_internal.h) share the same epoll set
// through Watch().

#ifndef LOADLAW_RUNNER_EVENT_LOOP_INTERNAL_H_
#define LOADLAW_RUNNER_EVENT_LOOP_INTERNAL_H_

#include <curl/curl.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include "runner/curl_handles_internal.h"

namespace loadlaw::runner::internal {

class EventLoop {
 public:
  // A socket the loop watches for someone other than libcurl.
  class Watcher {
   public:
    virtual void OnReady(std::uint32_t epoll_events) = 0;

   protected:
    ~Watcher() = default;
  };

  // Called for each finished transfer, after it left the multi handle.
  using OnDone = std::function<void(CURL* easy, CURLcode result)>;

  // max_idle_connections: the connection cache (kept open for reuse); there
  // is no cap on connections in use. Throws std::runtime_error when epoll or
  // libcurl cannot be set up.
  EventLoop(long max_idle_connections, bool allow_multiplexing, OnDone on_done);
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Starts a transfer now (the multi handle does not own `easy`).
  void Add(CURL* easy);
  // Stops a transfer that has not finished.
  void Remove(CURL* easy);
  // Waits at most `max_wait` for socket activity or libcurl's timer, drives
  // the transfers and reports those that finished.
  void Wait(std::chrono::nanoseconds max_wait);

  // Watches `fd` for `epoll_events` (level-triggered) on behalf of `watcher`;
  // a second call changes the events. Unwatch before closing `fd`.
  void Watch(int fd, std::uint32_t epoll_events, Watcher* watcher);
  void Unwatch(int fd);

 private:
  static int OnSocket(CURL* easy, curl_socket_t fd, int what, void* loop,
                      void* assigned);
  static int OnTimer(CURLM* multi, long timeout_ms, void* loop);
  void Act(curl_socket_t fd, int flags);
  void ReportDone();

  MultiHandle multi_;
  int epoll_fd_ = -1;
  bool have_pwait2_ = true;
  std::optional<std::chrono::steady_clock::time_point> curl_deadline_;
  OnDone on_done_;
  int running_ = 0;
};

}  // namespace loadlaw::runner::internal

#endif  // LOADLAW_RUNNER_EVENT_LOOP_INTERNAL_H_
