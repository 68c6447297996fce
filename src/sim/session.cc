// The connection side of a Session: the read loop and the request parser,
// batched writes, and closing. Routing and responses: session_respond.cc.

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <optional>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>

#include "sim/session_internal.h"

namespace loadlaw::sim {
namespace {

constexpr std::size_t kReadChunkBytes = 2048;
// Bytes read ahead while a response is in progress (pipelined requests)
// before the session stops reading until the response is done.
constexpr std::size_t kMaxReadAheadBytes = 64 * 1024;
constexpr std::uint64_t kMaxBodyBytes = 8 * 1024 * 1024;
constexpr std::uint32_t kMaxHeaderBytes = 64 * 1024;
// A kernel receive stamp further than this before the read is not trusted
// (the wall clock stepped); the read's own time stands in.
constexpr double kMaxReceiveLagMs = 1000.0;

// The kernel's receive time (Unix ms) of a read's last bytes, from its
// SCM_TIMESTAMPNS message; none when the socket did not ask for one.
std::optional<double> ReceiveUnixMs(msghdr* msg) {
  for (cmsghdr* c = CMSG_FIRSTHDR(msg); c != nullptr; c = CMSG_NXTHDR(msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMPNS) {
      continue;
    }
    timespec ts;
    std::memcpy(&ts, CMSG_DATA(c), sizeof(ts));
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  }
  return std::nullopt;
}

}  // namespace

Session::Session(tcp::socket socket, ServerCore* core)
    : socket_(std::move(socket)), core_(core) {
  ResetParser();
}

void Session::Start() {
  boost::system::error_code ec;
  socket_.set_option(tcp::no_delay(true), ec);  // small SSE writes, now
  DoRead();
}

void Session::ResetParser() {
  parser_.emplace();
  parser_->body_limit(kMaxBodyBytes);
  parser_->header_limit(kMaxHeaderBytes);
  parser_->eager(true);
  continue_sent_ = false;
}

// Reads are tried at once and, when the socket is empty, wait for it: the
// reactor reports readiness on edges, so bytes already there would raise no
// new event. recvmsg, not async_read_some, to get the kernel's receive stamp.
void Session::DoRead() {
  if (closed_ || reading_) return;
  reading_ = true;
  net::post(socket_.get_executor(),
            [self = shared_from_this()] { self->OnReadable({}); });
}

void Session::OnReadable(const boost::system::error_code& ec) {
  if (closed_) return;
  if (ec) {  // the wait failed: as a failed read
    Close();
    return;
  }
  const net::mutable_buffer space = read_buffer_.prepare(kReadChunkBytes);
  iovec iov{space.data(), space.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof(control);
  ssize_t bytes;
  do {
    bytes = ::recvmsg(socket_.native_handle(), &msg, MSG_DONTWAIT);
  } while (bytes < 0 && errno == EINTR);
  if (bytes < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
    socket_.async_wait(
        tcp::socket::wait_read,
        [self = shared_from_this()](const boost::system::error_code& wait_ec) {
          self->OnReadable(wait_ec);
        });
    return;
  }
  reading_ = false;
  if (bytes <= 0) {  // peer gone (EOF or reset): abandon what is in progress
    Close();
    return;
  }
  // The kernel's stamp (SO_TIMESTAMPNS, set on the listener) is when the
  // bytes reached the socket, however busy this thread was then.
  const double now_ms = core_->NowMs();
  const std::optional<double> unix_ms = ReceiveUnixMs(&msg);
  const double received_ms =
      unix_ms ? std::clamp(core_->FromUnixMs(*unix_ms),
                           now_ms - kMaxReceiveLagMs, now_ms)
              : now_ms;
  read_buffer_.commit(static_cast<std::size_t>(bytes));
  bytes_read_ += static_cast<std::uint64_t>(bytes);
  buffered_reads_.push_back({bytes_read_, received_ms});
  if (!response_open_) ParseBuffered();
  if (!closed_ && read_buffer_.size() < kMaxReadAheadBytes) DoRead();
}

// Drops parsed bytes, and the reads they emptied except the one holding the
// last of them: its stamp is the arrival of a request they complete.
void Session::ConsumeParsed(std::size_t bytes) {
  read_buffer_.consume(bytes);
  bytes_parsed_ += bytes;
  while (!buffered_reads_.empty() &&
         buffered_reads_.front().end < bytes_parsed_) {
    buffered_reads_.pop_front();
  }
}

bool Session::ExpectsContinue() const {
  auto expect = parser_->get().find(http::field::expect);
  if (expect == parser_->get().end()) return false;
  return boost::beast::iequals(expect->value(), "100-continue");
}

// Feeds buffered bytes to the parser and handles each complete request; stops
// while a response is in progress (the rest waits in the buffer).
void Session::ParseBuffered() {
  while (!response_open_ && !closed_ && read_buffer_.size() > 0) {
    boost::beast::error_code ec;
    std::size_t used = parser_->put(read_buffer_.data(), ec);
    ConsumeParsed(used);
    if (ec && ec != http::error::need_more) {
      ApiError error;
      error.status = ec == http::error::body_limit     ? 413
                     : ec == http::error::header_limit ? 431
                                                       : 400;
      error.message = "malformed HTTP request: " + ec.message();
      keep_alive_ = false;
      response_open_ = true;
      RespondError(error);
      return;
    }
    if (parser_->is_header_done() && !parser_->is_done() && !continue_sent_ &&
        ExpectsContinue()) {
      out_.append("HTTP/1.1 100 Continue\r\n\r\n");
      continue_sent_ = true;
      Flush();
    }
    if (parser_->is_done()) {
      http::request<http::string_body> request = parser_->release();
      ResetParser();
      HandleRequest(request, buffered_reads_.front().received_ms);
      continue;
    }
    if (used == 0) return;  // need more bytes
  }
}

void Session::Flush() {
  if (closed_ || writing_ || hold_writes_ || out_.empty()) return;
  StampFlushedTokens();
  // The write is attempted at once, in async_write: the last bytes leave now,
  // even if this thread only sees the completion later.
  if (response_queued_ && active_) active_->end_written_ms = core_->NowMs();
  writing_ = true;
  in_flight_.swap(out_);
  out_.clear();
  net::async_write(socket_, net::buffer(in_flight_),
                   [self = shared_from_this()](
                       const boost::system::error_code& ec, std::size_t) {
                     self->OnWrite(ec);
                   });
}

void Session::OnWrite(const boost::system::error_code& ec) {
  writing_ = false;
  in_flight_.clear();
  if (closed_) return;
  if (ec) {
    Close();
    return;
  }
  if (!out_.empty()) {
    Flush();
    return;
  }
  if (hold_writes_) return;
  if (cut_pending_) {
    Close();  // the disconnect fault: the stream ends without [DONE]
    return;
  }
  if (response_queued_) OnResponseWritten();
}

// Records when the first and the last token were handed to the socket.
void Session::StampFlushedTokens() {
  if (!active_ || active_->tokens_queued == active_->tokens_flushed) return;
  ActiveRequest& a = *active_;
  const double now_ms = core_->NowMs();
  if (a.tokens_flushed == 0) {
    a.truth.first_token_unix_ms = core_->ToUnixMs(now_ms);
    core_->metrics().ttft_s.Observe((now_ms - a.arrival_ms) / 1000.0);
  }
  a.tokens_flushed = a.tokens_queued;
  a.truth.tokens_written = a.tokens_flushed;
  if (a.tokens_flushed == a.truth.output_tokens) {
    a.truth.last_token_unix_ms = core_->ToUnixMs(now_ms);
  }
}

void Session::OnResponseWritten() {
  response_queued_ = false;
  response_open_ = false;
  if (active_) {
    const double end_ms = active_->end_written_ms;
    core_->metrics().e2e_s.Observe((end_ms - active_->arrival_ms) / 1000.0);
    bool at_max = active_->truth.output_tokens >= active_->request.max_tokens;
    ++(at_max ? core_->metrics().success_length
              : core_->metrics().success_stop);
    FinishTruth(/*complete=*/true);
  }
  if (!keep_alive_) {
    Close();
    return;
  }
  ParseBuffered();
  if (!closed_ && read_buffer_.size() < kMaxReadAheadBytes) DoRead();
}

// Ends the request in progress without its response: the engine forgets it
// and the truth log says it did not complete.
void Session::AbortActive() {
  if (!active_) return;
  if (active_->in_engine) core_->Cancel(active_->engine_id);
  active_->in_engine = false;
  ++core_->metrics().aborted;
  FinishTruth(/*complete=*/false);
}

void Session::FinishTruth(bool complete) {
  ActiveRequest& a = *active_;
  a.truth.complete = complete;
  a.truth.done_unix_ms = core_->ToUnixMs(
      complete ? a.end_written_ms : core_->NowMs());
  core_->truth_log().Write(a.truth);
  --core_->metrics().in_flight;
  active_.reset();
}

void Session::Close() {
  if (closed_) return;
  closed_ = true;
  AbortActive();
  boost::system::error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  if (stall_timer_) stall_timer_->cancel();
  core_->Unregister(this);
}

}  // namespace loadlaw::sim
