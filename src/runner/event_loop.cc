// The epoll + curl_multi_socket_action event loop.

#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "runner/event_loop_internal.h"

namespace loadlaw::runner::internal {
namespace {

// Events handled per wait: small, so that the worker starts the requests
// that finished ones made due without first working through a long batch.
constexpr int kMaxEvents = 32;

// epoll_event.data: a libcurl socket is stored as fd << 1, a Watcher as its
// address with the low bit set (Watchers are at least 2-byte aligned).
std::uint64_t CurlTag(int fd) { return static_cast<std::uint64_t>(fd) << 1; }
std::uint64_t WatcherTag(EventLoop::Watcher* w) {
  return reinterpret_cast<std::uintptr_t>(w) | 1u;
}

void SetMultiOption(CURLM* multi, CURLMoption option, long value) {
  if (curl_multi_setopt(multi, option, value) != CURLM_OK) {
    throw std::runtime_error("curl_multi_setopt failed");
  }
}

}  // namespace

EventLoop::EventLoop(long max_idle_connections, bool allow_multiplexing,
                     OnDone on_done)
    : on_done_(std::move(on_done)) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd_ < 0) {
    throw std::runtime_error(std::string("epoll_create1: ") +
                             std::strerror(errno));
  }
  CURLM* m = multi_.get();
  curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, &EventLoop::OnSocket);
  curl_multi_setopt(m, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, &EventLoop::OnTimer);
  curl_multi_setopt(m, CURLMOPT_TIMERDATA, this);
  // No hidden caps: unlimited connections in total and per host, a cache
  // large enough to keep every idle connection for reuse.
  SetMultiOption(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, 0);
  SetMultiOption(m, CURLMOPT_MAX_HOST_CONNECTIONS, 0);
  SetMultiOption(m, CURLMOPT_MAXCONNECTS, std::max(16L, max_idle_connections));
  SetMultiOption(m, CURLMOPT_PIPELINING,
                 allow_multiplexing ? CURLPIPE_MULTIPLEX : CURLPIPE_NOTHING);
  SetMultiOption(m, CURLMOPT_MAX_CONCURRENT_STREAMS, 1000);
}

EventLoop::~EventLoop() {
  if (epoll_fd_ >= 0) close(epoll_fd_);
}

void EventLoop::Add(CURL* easy) {
  curl_multi_add_handle(multi_.get(), easy);
  // Start the transfer now rather than on the next wait: t_send is taken
  // just before this call. (Our copy of libcurl's deadline stays: libcurl
  // updates it through OnTimer when it changes.)
  Act(CURL_SOCKET_TIMEOUT, 0);
}

void EventLoop::Remove(CURL* easy) {
  curl_multi_remove_handle(multi_.get(), easy);
}

void EventLoop::Watch(int fd, std::uint32_t epoll_events, Watcher* watcher) {
  epoll_event ev{};
  ev.events = epoll_events;
  ev.data.u64 = WatcherTag(watcher);
  if (epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, fd, &ev) != 0 && errno == ENOENT &&
      epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev) != 0) {
    throw std::runtime_error(std::string("epoll_ctl: ") +
                             std::strerror(errno));
  }
}

void EventLoop::Unwatch(int fd) {
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
}

int EventLoop::OnSocket(CURL* /*easy*/, curl_socket_t fd, int what, void* loop,
                        void* assigned) {
  EventLoop* self = static_cast<EventLoop*>(loop);
  if (what == CURL_POLL_REMOVE) {
    epoll_ctl(self->epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    return 0;
  }
  epoll_event ev{};
  ev.data.u64 = CurlTag(fd);
  if (what == CURL_POLL_IN || what == CURL_POLL_INOUT) ev.events |= EPOLLIN;
  if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT) ev.events |= EPOLLOUT;
  if (assigned == nullptr) {
    if (epoll_ctl(self->epoll_fd_, EPOLL_CTL_ADD, fd, &ev) != 0 &&
        errno == EEXIST) {
      epoll_ctl(self->epoll_fd_, EPOLL_CTL_MOD, fd, &ev);
    }
    curl_multi_assign(self->multi_.get(), fd, self);
  } else {
    epoll_ctl(self->epoll_fd_, EPOLL_CTL_MOD, fd, &ev);
  }
  return 0;
}

int EventLoop::OnTimer(CURLM* /*multi*/, long timeout_ms, void* loop) {
  EventLoop* self = static_cast<EventLoop*>(loop);
  if (timeout_ms < 0) {
    self->curl_deadline_.reset();
  } else {
    self->curl_deadline_ = std::chrono::steady_clock::now() +
                           std::chrono::milliseconds(timeout_ms);
  }
  return 0;
}

void EventLoop::Act(curl_socket_t fd, int flags) {
  curl_multi_socket_action(multi_.get(), fd, flags, &running_);
  ReportDone();
}

void EventLoop::ReportDone() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    const CURLcode result = msg->data.result;
    Remove(easy);
    on_done_(easy, result);
  }
}

void EventLoop::Wait(std::chrono::nanoseconds max_wait) {
  using std::chrono::nanoseconds;
  const auto now = std::chrono::steady_clock::now();
  nanoseconds wait = std::max(nanoseconds(0), max_wait);
  if (curl_deadline_) {
    wait = std::min(
        wait, std::max(nanoseconds(0), std::chrono::duration_cast<nanoseconds>(
                                           *curl_deadline_ - now)));
  }
  std::array<epoll_event, kMaxEvents> events;
  int n = -1;
  if (have_pwait2_) {
    timespec ts{static_cast<time_t>(wait.count() / 1'000'000'000),
                static_cast<long>(wait.count() % 1'000'000'000)};
    n = epoll_pwait2(epoll_fd_, events.data(), kMaxEvents, &ts, nullptr);
    if (n < 0 && errno == ENOSYS) have_pwait2_ = false;
  }
  if (!have_pwait2_) {
    const long ms = static_cast<long>((wait.count() + 999'999) / 1'000'000);
    n = epoll_wait(epoll_fd_, events.data(), kMaxEvents, static_cast<int>(ms));
  }
  for (int i = 0; i < n; ++i) {
    const std::uint64_t tag = events[i].data.u64;
    if (tag & 1u) {
      reinterpret_cast<Watcher*>(static_cast<std::uintptr_t>(tag & ~1ull))
          ->OnReady(events[i].events);
      continue;
    }
    int flags = 0;
    if (events[i].events & EPOLLIN) flags |= CURL_CSELECT_IN;
    if (events[i].events & EPOLLOUT) flags |= CURL_CSELECT_OUT;
    if (events[i].events & (EPOLLERR | EPOLLHUP)) flags |= CURL_CSELECT_ERR;
    Act(static_cast<curl_socket_t>(tag >> 1), flags);
  }
  if (curl_deadline_ && std::chrono::steady_clock::now() >= *curl_deadline_) {
    curl_deadline_.reset();
    Act(CURL_SOCKET_TIMEOUT, 0);
  }
}

}  // namespace loadlaw::runner::internal
