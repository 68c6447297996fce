// One parser of answers' heads for both transports
// (response_parser_internal.h).

#include "runner/response_parser_internal.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <limits>

namespace loadlaw::runner::internal {
namespace {

namespace http = boost::beast::http;

std::string_view View(boost::beast::string_view v) {
  return {v.data(), v.size()};
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' ||
                        s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' ||
                        s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

ResponseParser::ResponseParser(RequestContext* ctx) : ctx_(ctx) {
  header_limit(kMaxHeadBytes);
  // The request enforces max_response_bytes. (Not boost::none: Beast 1.74
  // compares a Content-Length with it and rejects every such body.)
  body_limit(std::numeric_limits<std::uint64_t>::max());
  eager(true);
}

void ResponseParser::on_response_impl(int code, BeastView reason, int,
                                      ErrorCode&) {
  status_ = code;
  head_bytes_ = reason.size() + 15;  // "HTTP/1.1 200 " and CR LF
  ctx_->OnStatus(code, t_rx_);
}

void ResponseParser::on_field_impl(http::field, BeastView name, BeastView value,
                                   ErrorCode& ec) {
  // Beast's own header_limit counts what one put() is given; this counts
  // the whole head, however it arrives.
  head_bytes_ += name.size() + value.size() + 4;
  if (head_bytes_ > kMaxHeadBytes) {
    ec = http::error::header_limit;
    return;
  }
  if (!ctx_->OnField(View(name), View(value))) {
    stopped_ = true;
    ec = http::error::bad_transfer_encoding;
  }
}

std::size_t ResponseParser::Body(BeastView body, ErrorCode& ec) {
  if (!ctx_->OnBody(View(body), t_rx_)) {
    stopped_ = true;
    ec = http::error::body_limit;
    return 0;
  }
  return body.size();
}

std::string ParseProblem(const boost::beast::error_code& ec) {
  if (ec == http::error::header_limit) {
    return "response headers larger than " +
           std::to_string(kMaxHeadBytes / 1024) + " KiB";
  }
  return "invalid HTTP answer: " + ec.message();
}

void HeadReader::Reset() {
  parser_.reset();
  pending_.clear();
  in_head_ = false;
  http2_ = false;
}

bool HeadReader::Line(std::string_view line, std::chrono::nanoseconds t_rx,
                      std::string* problem) {
  if (!in_head_) {
    // A status line starts a head (after an interim 1xx answer, another);
    // other lines after a head are the trailers of a chunked body.
    if (line.substr(0, 5) != "HTTP/") return true;
    in_head_ = true;
    head_bytes_ = 0;
    http2_ = ctx_->MayBeHttp2() &&
             (line.substr(0, 7) == "HTTP/2 " || line.substr(0, 7) == "HTTP/3 ");
    pending_.clear();
    parser_.emplace(ctx_);
  }
  if (http2_) {
    LineOfHttp2(line, t_rx);
    return true;
  }
  pending_.append(line);
  head_bytes_ += line.size();
  parser_->set_time(t_rx);
  boost::beast::error_code ec;
  const std::size_t used = parser_->put(
      boost::asio::const_buffer(pending_.data(), pending_.size()), ec);
  pending_.erase(0, used);
  if (ec == http::error::need_more && head_bytes_ <= kMaxHeadBytes) {
    return true;  // the head is not complete yet
  }
  if (ec && ec != http::error::need_more) {
    *problem = ParseProblem(ec);
    return false;
  }
  if (!parser_->is_header_done()) {
    *problem = ParseProblem(http::error::header_limit);
    return false;
  }
  in_head_ = false;
  return true;
}

void HeadReader::LineOfHttp2(std::string_view line,
                             std::chrono::nanoseconds t_rx) {
  line = Trim(line);
  if (line.empty()) {
    in_head_ = false;
    return;
  }
  if (line.substr(0, 5) == "HTTP/") {
    const std::size_t space = line.find(' ');
    int status = 0;
    for (std::size_t i = space + 1;
         space != std::string_view::npos && i < line.size() && i < space + 4;
         ++i) {
      if (line[i] < '0' || line[i] > '9') break;
      status = status * 10 + (line[i] - '0');
    }
    ctx_->OnStatus(status, t_rx);
    return;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;
  ctx_->OnField(Trim(line.substr(0, colon)), Trim(line.substr(colon + 1)));
}

}  // namespace loadlaw::runner::internal
