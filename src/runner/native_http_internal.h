// The native HTTP/1.1 transport for plain-http targets: non-blocking sockets
// on the worker's epoll set, one request at a time per keep-alive connection,
// answers parsed by Boost.Beast's parser. libcurl stays the transport for
// https, HTTP/2, proxies and credentials in the URL; this one exists for what
// libcurl cannot give a measuring instrument:
// - receive times from the kernel (SO_TIMESTAMPNS): a byte's time is when it
//   reached the socket, not when the loop got round to it, so that TTFT and
//   ITL do not grow with the client's own backlog at hundreds of streams;
// - a per-request cost near the system calls' (libcurl spends about 10 µs of
//   user time per transfer; bench/README.md).
// Outcomes are reported as the CURLcode libcurl would give (see
// request_internal.h), so that errors are classified the same way.

#ifndef LOADLAW_RUNNER_NATIVE_HTTP_INTERNAL_H_
#define LOADLAW_RUNNER_NATIVE_HTTP_INTERNAL_H_

#include <curl/curl.h>
#include <sys/socket.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runner/event_loop_internal.h"
#include "runner/request_internal.h"

namespace loadlaw::runner::internal {

// A plain-http server's resolved address.
struct NativeTarget {
  sockaddr_storage address{};
  socklen_t address_size = 0;
  std::string authority;  // "host:port" as in the URL: the Host header
};

// The target of `url` when the native transport can serve it (an http://
// URL without credentials whose host resolves), resolved now; otherwise
// nullopt and why in *why.
std::optional<NativeTarget> ResolveNativeTarget(const std::string& url,
                                                std::string* why);

// The request line's target of `url`: its path and query ("/" when none).
std::string RequestTarget(const std::string& url);

class NativeHttp {
 public:
  // A finished request, its outcome and when its last bytes arrived.
  using OnDone = std::function<void(RequestContext*, CURLcode,
                                    std::chrono::nanoseconds t_done)>;

  NativeHttp(const NativeTarget* target, const TransportSettings* settings,
             EventLoop* loop, OnDone on_done);
  ~NativeHttp();
  NativeHttp(const NativeHttp&) = delete;
  NativeHttp& operator=(const NativeHttp&) = delete;

  // Sends `ctx`'s prepared request on an idle connection, or a new one when
  // there is none or the request wants one. May report it done at once.
  void Start(RequestContext* ctx);
  // Drops a request in flight (its connection is closed); no report.
  void Abort(RequestContext* ctx);
  // Fails the requests whose connect or request timeout has passed; cheap
  // to call often (it looks at most every 10 ms).
  void CheckTimeouts();

 private:
  class Connection;
  friend class Connection;

  Connection* Acquire(bool want_new);
  void Connect(Connection* c);
  void OnReady(Connection* c, std::uint32_t events);
  void Send(Connection* c);
  void Receive(Connection* c);
  void Parse(Connection* c, std::string_view bytes,
             std::chrono::nanoseconds t_rx);
  void OnEnd(Connection* c, std::chrono::nanoseconds t_rx);
  void Complete(Connection* c, std::chrono::nanoseconds t_rx, bool reusable);
  void Fail(Connection* c, CURLcode result, const std::string& detail);
  void Close(Connection* c);
  void SetEvents(Connection* c, std::uint32_t events);
  void AddBusy(Connection* c);
  void RemoveBusy(Connection* c);
  std::chrono::nanoseconds Now() const;
  std::chrono::nanoseconds ReceiveTime(const msghdr& msg) const;

  const NativeTarget* target_;
  const TransportSettings* settings_;
  EventLoop* loop_;
  OnDone on_done_;
  std::vector<std::unique_ptr<Connection>> connections_;
  std::vector<Connection*> idle_;    // keep-alive, most recent last
  std::vector<Connection*> closed_;  // objects to reuse
  std::vector<Connection*> busy_;    // with a request
  std::vector<char> read_buffer_;
  std::chrono::nanoseconds last_timeout_check_{0};
};

}  // namespace loadlaw::runner::internal

#endif  // LOADLAW_RUNNER_NATIVE_HTTP_INTERNAL_H_
