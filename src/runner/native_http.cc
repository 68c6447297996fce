// The native HTTP/1.1 transport (native_http_internal.h): connections, the
// request bytes, reading with kernel receive times, Beast's parser.

#include "runner/native_http_internal.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>

#include "runner/response_parser_internal.h"

namespace loadlaw::runner::internal {
namespace {

using std::chrono::nanoseconds;
namespace http = boost::beast::http;

constexpr std::size_t kReadBytes = 64 * 1024;
constexpr nanoseconds kTimeoutCheckInterval = std::chrono::milliseconds(10);
// A kernel receive time older than this is not believed (a wall-clock step).
constexpr nanoseconds kMaxStampAge = std::chrono::seconds(1);
constexpr int kProbeTimeoutMs = 1000;


bool EqualNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Errno(int error) { return std::strerror(error); }

// The request's bytes: request line, the plan's headers (libcurl's syntax:
// "Name:" with no value removes a header, "Name;" sends it empty), Host,
// Accept and Content-Length unless given, then the body.
void WriteRequest(const RequestPlan& plan, const std::string& authority,
                  std::string* out) {
  out->clear();
  out->append(plan.method).append(" ");
  out->append(RequestTarget(plan.url)).append(" HTTP/1.1\r\n");
  bool has_host = false;
  bool has_accept = false;
  for (const curl_slist* h = plan.headers; h != nullptr; h = h->next) {
    const std::string_view line(h->data);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      if (!line.empty() && line.back() == ';') {
        out->append(line.substr(0, line.size() - 1)).append(":\r\n");
      }
      continue;
    }
    const std::string_view name = Trim(line.substr(0, colon));
    if (Trim(line.substr(colon + 1)).empty()) continue;
    if (EqualNoCase(name, "content-length")) continue;
    has_host = has_host || EqualNoCase(name, "host");
    has_accept = has_accept || EqualNoCase(name, "accept");
    out->append(line).append("\r\n");
  }
  if (!has_host) out->append("Host: ").append(authority).append("\r\n");
  if (!has_accept) out->append("Accept: */*\r\n");
  if ((plan.method != "GET" && plan.method != "HEAD") || !plan.body.empty()) {
    out->append("Content-Length: ")
        .append(std::to_string(plan.body.size()))
        .append("\r\n");
  }
  out->append("\r\n").append(plan.body);
}

// True when a TCP connection to `ai` opens within kProbeTimeoutMs.
bool Reachable(const addrinfo& ai) {
  const int fd = socket(ai.ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                        0);
  if (fd < 0) return false;
  bool ok = connect(fd, ai.ai_addr, ai.ai_addrlen) == 0;
  if (!ok && errno == EINPROGRESS) {
    pollfd p{fd, POLLOUT, 0};
    int error = 0;
    socklen_t size = sizeof(error);
    ok = poll(&p, 1, kProbeTimeoutMs) == 1 &&
         getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 &&
         error == 0;
  }
  close(fd);
  return ok;
}

}  // namespace

std::string RequestTarget(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t host = scheme == std::string::npos ? 0 : scheme + 3;
  const std::size_t path = url.find_first_of("/?#", host);
  if (path == std::string::npos || url[path] == '#') return "/";
  std::string target = url.substr(path, url.find('#', path) - path);
  if (target.front() != '/') target.insert(0, "/");
  return target;
}

std::optional<NativeTarget> ResolveNativeTarget(const std::string& url,
                                                std::string* why) {
  if (url.size() < 7 || !EqualNoCase(std::string_view(url).substr(0, 7),
                                     "http://")) {
    *why = "not an http:// URL";
    return std::nullopt;
  }
  const std::size_t end = url.find_first_of("/?#", 7);
  const std::string authority =
      url.substr(7, end == std::string::npos ? std::string::npos : end - 7);
  if (authority.find('@') != std::string::npos) {
    *why = "the URL carries credentials";
    return std::nullopt;
  }
  std::string host = authority;
  std::string port = "80";
  const std::size_t bracket = authority.find(']');
  const std::size_t colon = authority.rfind(':');
  if (!authority.empty() && authority.front() == '[') {
    if (bracket == std::string::npos) {
      *why = "unterminated IPv6 address";
      return std::nullopt;
    }
    host = authority.substr(1, bracket - 1);
    if (colon != std::string::npos && colon > bracket)
      port = authority.substr(colon + 1);
  } else if (colon != std::string::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty() || port.empty() ||
      !std::all_of(port.begin(), port.end(),
                   [](char c) { return c >= '0' && c <= '9'; })) {
    *why = "no host or port in '" + authority + "'";
    return std::nullopt;
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &found);
  if (rc != 0) {
    *why = "cannot resolve '" + host + "': " + gai_strerror(rc);
    return std::nullopt;
  }
  // Like libcurl, take the first address that answers (localhost may be ::1
  // and 127.0.0.1, and the server listen on one of them only).
  const addrinfo* chosen = found;
  if (found->ai_next != nullptr) {
    for (const addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
      if (Reachable(*ai)) {
        chosen = ai;
        break;
      }
    }
  }
  NativeTarget target;
  std::memcpy(&target.address, chosen->ai_addr, chosen->ai_addrlen);
  target.address_size = chosen->ai_addrlen;
  target.authority = authority;
  freeaddrinfo(found);
  return target;
}

class NativeHttp::Connection final : public EventLoop::Watcher {
 public:
  enum class State { kClosed, kConnecting, kSending, kReceiving, kIdle };

  explicit Connection(NativeHttp* owner) : owner_(owner) {}
  void OnReady(std::uint32_t events) override { owner_->OnReady(this, events); }

  int fd = -1;
  State state = State::kClosed;
  std::uint32_t events = 0;  // watched
  RequestContext* ctx = nullptr;
  std::string out;
  std::size_t sent = 0;
  std::string pending;  // received bytes the parser has not taken yet
  std::optional<ResponseParser> parser;
  bool got_bytes = false;  // of this request's answer
  nanoseconds connect_start{0};
  std::size_t slot = 0;        // in connections_
  std::size_t busy_index = 0;  // in busy_, while it has a request
  std::size_t idle_index = 0;  // in idle_, while idle

 private:
  NativeHttp* owner_;
};

NativeHttp::NativeHttp(const NativeTarget* target,
                       const TransportSettings* settings, EventLoop* loop,
                       OnDone on_done)
    : target_(target),
      settings_(settings),
      loop_(loop),
      on_done_(std::move(on_done)),
      read_buffer_(kReadBytes) {}

NativeHttp::~NativeHttp() {
  for (auto& c : connections_) {
    if (c->fd >= 0) {
      loop_->Unwatch(c->fd);
      close(c->fd);
    }
  }
}

nanoseconds NativeHttp::Now() const {
  return settings_->clock->Now() - settings_->origin;
}

NativeHttp::Connection* NativeHttp::Acquire(bool want_new) {
  if (!want_new && !idle_.empty()) {
    Connection* c = idle_.back();
    idle_.pop_back();
    return c;
  }
  if (!closed_.empty()) {
    Connection* c = closed_.back();
    closed_.pop_back();
    return c;
  }
  connections_.push_back(std::make_unique<Connection>(this));
  connections_.back()->slot = connections_.size() - 1;
  return connections_.back().get();
}

void NativeHttp::Start(RequestContext* ctx) {
  Connection* c = Acquire(ctx->wants_new_connection());
  c->ctx = ctx;
  ctx->transport_slot = c->slot;
  c->got_bytes = false;
  c->pending.clear();
  c->parser.emplace(ctx);
  if (ctx->plan().method == "HEAD") c->parser->skip(true);
  WriteRequest(ctx->plan(), target_->authority, &c->out);
  c->sent = 0;
  AddBusy(c);
  if (c->state == Connection::State::kClosed) {
    Connect(c);
  } else {
    c->state = Connection::State::kSending;
    Send(c);
  }
}

void NativeHttp::Connect(Connection* c) {
  c->state = Connection::State::kConnecting;
  c->fd = socket(target_->address.ss_family,
                 SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (c->fd < 0) {
    Fail(c, CURLE_COULDNT_CONNECT, "socket: " + Errno(errno));
    return;
  }
  const int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  if (settings_->kernel_timestamps) {
    setsockopt(c->fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one));
  }
  c->ctx->OnConnect();
  c->connect_start = Now();
  const int rc =
      connect(c->fd, reinterpret_cast<const sockaddr*>(&target_->address),
              target_->address_size);
  if (rc == 0) {
    c->state = Connection::State::kSending;
    SetEvents(c, EPOLLIN);
    Send(c);
  } else if (errno == EINPROGRESS) {
    SetEvents(c, EPOLLOUT);
  } else {
    Fail(c, CURLE_COULDNT_CONNECT,
         "Failed to connect to " + target_->authority + ": " + Errno(errno));
  }
}

void NativeHttp::OnReady(Connection* c, std::uint32_t events) {
  switch (c->state) {
    case Connection::State::kClosed:
      return;  // closed earlier in the same batch of events
    case Connection::State::kConnecting: {
      int error = 0;
      socklen_t size = sizeof(error);
      if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &error, &size) != 0) {
        error = errno;
      }
      if (error != 0) {
        Fail(c, CURLE_COULDNT_CONNECT,
             "Failed to connect to " + target_->authority + ": " +
                 Errno(error));
        return;
      }
      c->state = Connection::State::kSending;
      SetEvents(c, EPOLLIN);
      Send(c);
      return;
    }
    case Connection::State::kSending:
      if (events & EPOLLOUT) Send(c);
      // An answer (or a close) before the whole request went out.
      if (c->state == Connection::State::kSending &&
          (events & (EPOLLIN | EPOLLERR | EPOLLHUP))) {
        Receive(c);
      }
      return;
    case Connection::State::kReceiving:
    case Connection::State::kIdle:
      Receive(c);
      return;
  }
}

void NativeHttp::Send(Connection* c) {
  while (c->sent < c->out.size()) {
    const ssize_t n = send(c->fd, c->out.data() + c->sent,
                           c->out.size() - c->sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        SetEvents(c, EPOLLIN | EPOLLOUT);
        return;
      }
      Fail(c, CURLE_SEND_ERROR, "Send failure: " + Errno(errno));
      return;
    }
    c->sent += static_cast<std::size_t>(n);
  }
  c->state = Connection::State::kReceiving;
  SetEvents(c, EPOLLIN);
}

nanoseconds NativeHttp::ReceiveTime(const msghdr& msg) const {
  const nanoseconds now = Now();
  if (!settings_->kernel_timestamps) return now;
  for (const cmsghdr* cm = CMSG_FIRSTHDR(&msg); cm != nullptr;
       cm = CMSG_NXTHDR(const_cast<msghdr*>(&msg), const_cast<cmsghdr*>(cm))) {
    if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_TIMESTAMPNS)
      continue;
    timespec stamp;
    std::memcpy(&stamp, CMSG_DATA(cm), sizeof(stamp));
    timespec real;
    clock_gettime(CLOCK_REALTIME, &real);
    const nanoseconds age((real.tv_sec - stamp.tv_sec) * 1'000'000'000LL +
                          (real.tv_nsec - stamp.tv_nsec));
    if (age >= nanoseconds(0) && age < kMaxStampAge) return now - age;
  }
  return now;
}

void NativeHttp::Receive(Connection* c) {
  iovec iov{read_buffer_.data(), read_buffer_.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof(control);
  const ssize_t n = recvmsg(c->fd, &msg, MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
    return;
  }
  if (c->state == Connection::State::kIdle) {
    // The server closed a kept-alive connection, or sent what nobody asked.
    Close(c);
    return;
  }
  if (n < 0) {
    Fail(c, CURLE_RECV_ERROR, "Recv failure: " + Errno(errno));
    return;
  }
  const nanoseconds t_rx = ReceiveTime(msg);
  if (n == 0) {
    OnEnd(c, t_rx);
    return;
  }
  c->got_bytes = true;
  Parse(c, std::string_view(read_buffer_.data(), static_cast<std::size_t>(n)),
        t_rx);
}

void NativeHttp::Parse(Connection* c, std::string_view bytes,
                       nanoseconds t_rx) {
  const bool buffered = !c->pending.empty();
  if (buffered) c->pending.append(bytes);
  const std::string_view data = buffered ? std::string_view(c->pending) : bytes;
  std::size_t used = 0;
  while (used < data.size()) {
    c->parser->set_time(t_rx);
    boost::beast::error_code ec;
    const std::size_t n = c->parser->put(
        boost::asio::const_buffer(data.data() + used, data.size() - used), ec);
    used += n;
    if (ec == http::error::need_more) break;
    if (ec) {
      if (c->parser->stopped()) {  // the request said why
        Fail(c, CURLE_WRITE_ERROR, "the answer was stopped");
      } else {
        c->ctx->Cut(ParseProblem(ec));
        Fail(c, CURLE_WEIRD_SERVER_REPLY, ParseProblem(ec));
      }
      return;
    }
    if (c->parser->is_done()) {
      const int status = c->parser->status();
      if (status >= 100 && status < 200 && status != 101) {
        c->parser.emplace(c->ctx);  // an interim answer: the real one follows
        continue;
      }
      Complete(c, t_rx, c->parser->keep_alive() && used == data.size());
      return;
    }
    if (n == 0) break;
  }
  if (buffered) {
    c->pending.erase(0, used);
  } else {
    c->pending.assign(data.substr(used));
  }
}

void NativeHttp::OnEnd(Connection* c, nanoseconds t_rx) {
  if (c->parser && c->parser->is_header_done() && c->parser->need_eof()) {
    boost::beast::error_code ec;
    c->parser->set_time(t_rx);
    c->parser->put_eof(ec);
    if (!ec && c->parser->is_done()) {
      Complete(c, t_rx, false);
      return;
    }
  }
  if (!c->got_bytes) {
    Fail(c, CURLE_GOT_NOTHING, "Empty reply from server");
  } else {
    Fail(c, CURLE_PARTIAL_FILE,
         "the server closed the connection before the end of the answer");
  }
}

void NativeHttp::Complete(Connection* c, nanoseconds t_rx, bool reusable) {
  RequestContext* ctx = c->ctx;
  c->ctx = nullptr;
  RemoveBusy(c);
  c->parser.reset();
  c->pending.clear();
  if (reusable && c->sent == c->out.size()) {
    c->state = Connection::State::kIdle;
    c->idle_index = idle_.size();
    idle_.push_back(c);
  } else {
    Close(c);
  }
  on_done_(ctx, CURLE_OK, t_rx);
}

void NativeHttp::Fail(Connection* c, CURLcode result,
                      const std::string& detail) {
  RequestContext* ctx = c->ctx;
  c->ctx = nullptr;
  if (ctx != nullptr) RemoveBusy(c);
  Close(c);
  if (ctx == nullptr) return;
  ctx->SetTransportError(detail);
  on_done_(ctx, result, Now());
}

void NativeHttp::Abort(RequestContext* ctx) {
  Connection* c = connections_[ctx->transport_slot].get();
  if (c->ctx != ctx) return;
  c->ctx = nullptr;
  RemoveBusy(c);
  Close(c);
}

void NativeHttp::Close(Connection* c) {
  if (c->state == Connection::State::kClosed) return;
  if (c->state == Connection::State::kIdle) {
    // Swap-remove from the idle list.
    Connection* last = idle_.back();
    idle_[c->idle_index] = last;
    last->idle_index = c->idle_index;
    idle_.pop_back();
  }
  if (c->fd >= 0) {
    loop_->Unwatch(c->fd);
    close(c->fd);
    c->fd = -1;
  }
  c->events = 0;
  c->state = Connection::State::kClosed;
  c->parser.reset();
  c->pending.clear();
  closed_.push_back(c);
}

void NativeHttp::SetEvents(Connection* c, std::uint32_t events) {
  if (c->events == events) return;
  loop_->Watch(c->fd, events, c);
  c->events = events;
}

void NativeHttp::AddBusy(Connection* c) {
  c->busy_index = busy_.size();
  busy_.push_back(c);
}

void NativeHttp::RemoveBusy(Connection* c) {
  Connection* last = busy_.back();
  busy_[c->busy_index] = last;
  last->busy_index = c->busy_index;
  busy_.pop_back();
}

void NativeHttp::CheckTimeouts() {
  const nanoseconds now = Now();
  if (now - last_timeout_check_ < kTimeoutCheckInterval) return;
  last_timeout_check_ = now;
  const nanoseconds connect_limit = settings_->connect_timeout;
  const nanoseconds request_limit = settings_->request_timeout;
  auto ms = [](nanoseconds d) {
    return std::to_string(
        std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
  };
  for (std::size_t i = 0; i < busy_.size();) {
    Connection* c = busy_[i];
    // Fail swap-removes c from busy_: look at position i again.
    if (c->state == Connection::State::kConnecting &&
        connect_limit > nanoseconds(0) &&
        now - c->connect_start >= connect_limit) {
      Fail(c, CURLE_OPERATION_TIMEDOUT,
           "Connection timed out after " + ms(now - c->connect_start) +
               " milliseconds");
    } else if (request_limit > nanoseconds(0) &&
               now - c->ctx->record().t_send >= request_limit) {
      Fail(c, CURLE_OPERATION_TIMEDOUT,
           "Operation timed out after " + ms(now - c->ctx->record().t_send) +
               " milliseconds");
    } else {
      ++i;
    }
  }
}

}  // namespace loadlaw::runner::internal
