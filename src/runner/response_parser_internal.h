// The head of an HTTP/1.x answer is read by one parser on both transports:
// Boost.Beast's, with loadlaw's limits. The native transport feeds it every
// byte (and it reads the body too); for libcurl, HeadReader feeds it the
// header lines libcurl hands over. So an answer's status, fields and
// malformations (a bad status line, a field without a name, duplicate
// Content-Lengths, Transfer-Encoding beside Content-Length, headers over
// 64 KiB, HTTP/0.9) are judged alike whichever transport reads it.

#ifndef LOADLAW_RUNNER_RESPONSE_PARSER_INTERNAL_H_
#define LOADLAW_RUNNER_RESPONSE_PARSER_INTERNAL_H_

#include <boost/beast/http/basic_parser.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runner/request_internal.h"

namespace loadlaw::runner::internal {

// The most bytes an answer's head (status line and fields) may have.
inline constexpr std::uint32_t kMaxHeadBytes = 64 * 1024;

// Hands the status, the fields and the body to the request as they are
// parsed, each with the receive time of the bytes being parsed.
class ResponseParser final
    : public boost::beast::http::basic_parser</*isRequest=*/false> {
 public:
  explicit ResponseParser(RequestContext* ctx);
  void set_time(std::chrono::nanoseconds t_rx) { t_rx_ = t_rx; }
  int status() const { return status_; }
  // The request stopped the answer (RequestContext::OnBody or OnField said
  // so); it knows why.
  bool stopped() const { return stopped_; }

 private:
  using BeastView = boost::beast::string_view;
  using ErrorCode = boost::beast::error_code;

  void on_request_impl(boost::beast::http::verb, BeastView, BeastView, int,
                       ErrorCode&) override {}
  void on_response_impl(int code, BeastView, int, ErrorCode&) override;
  void on_field_impl(boost::beast::http::field, BeastView name, BeastView value,
                     ErrorCode& ec) override;
  void on_header_impl(ErrorCode&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>&,
                         ErrorCode&) override {}
  std::size_t on_body_impl(BeastView body, ErrorCode& ec) override {
    return Body(body, ec);
  }
  void on_chunk_header_impl(std::uint64_t, BeastView, ErrorCode&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, BeastView body,
                                 ErrorCode& ec) override {
    return Body(body, ec);
  }
  void on_finish_impl(ErrorCode&) override {}
  std::size_t Body(BeastView body, ErrorCode& ec);

  RequestContext* ctx_;
  std::chrono::nanoseconds t_rx_{0};
  int status_ = 0;
  std::size_t head_bytes_ = 0;
  bool stopped_ = false;
};

// What is wrong with an answer whose parse failed with `ec`, for its
// error message.
std::string ParseProblem(const boost::beast::error_code& ec);

// libcurl's header lines, one at a time, through a ResponseParser into the
// request. Answers over HTTP/2 (status line "HTTP/2 200", on a run that asked
// for HTTP/2 of an https target) were parsed by nghttp2: their lines go to
// the request as they are. On HTTP/1.1 "HTTP/2 200" is malformed, as on the
// native transport.
class HeadReader {
 public:
  explicit HeadReader(RequestContext* ctx) : ctx_(ctx) {}
  // Clears it for a new request.
  void Reset();
  // One line as libcurl delivers it (with its line end), received at
  // `t_rx`. False, with why in *problem, when the head is not valid: stop
  // the transfer.
  bool Line(std::string_view line, std::chrono::nanoseconds t_rx,
            std::string* problem);

 private:
  void LineOfHttp2(std::string_view line, std::chrono::nanoseconds t_rx);

  RequestContext* ctx_;
  std::optional<ResponseParser> parser_;
  std::string pending_;  // what the parser has not taken yet
  std::size_t head_bytes_ = 0;
  bool in_head_ = false;  // between a status line and its blank line
  bool http2_ = false;
};

}  // namespace loadlaw::runner::internal

#endif  // LOADLAW_RUNNER_RESPONSE_PARSER_INTERNAL_H_
