// One request: transfer set-up, the callbacks that receive the answer, and
// the classification of how it ended (docs/metrics.md, "Errors").

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

#include "runner/request_internal.h"
#include "runner/response_parser_internal.h"

namespace loadlaw::runner::internal {
namespace {

// What is kept of a body that is not read (an error status, not SSE): its
// start, for the error message. Far more than the message shows, so that a
// secret the server echoes is redacted whole before the message is cut.
constexpr std::size_t kErrorBodyBytes = 8 * 1024;
// No Retry-After value is longer (an HTTP-date has 29 characters).
constexpr std::size_t kMaxRetryAfterBytes = 64;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Case-insensitive comparison with a lower-case ASCII name.
bool NameIs(std::string_view name, std::string_view lower) {
  if (name.size() != lower.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(name[i])) != lower[i])
      return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

}  // namespace

RequestContext::RequestContext(const TransportSettings* settings, bool native)
    : settings_(settings), decoder_(&settings->redactor), native_(native) {
  if (!native) head_ = std::make_unique<HeadReader>(this);
  CURL* h = easy_.get();
  curl_easy_setopt(h, CURLOPT_PRIVATE, this);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &RequestContext::OnWrite);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &RequestContext::OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer_);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(
      h, CURLOPT_CONNECTTIMEOUT_MS,
      static_cast<long>(settings->connect_timeout.count() / 1'000'000));
  curl_easy_setopt(
      h, CURLOPT_TIMEOUT_MS,
      static_cast<long>(settings->request_timeout.count() / 1'000'000));
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, settings->verify_tls ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, settings->verify_tls ? 2L : 0L);
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION,
                   settings->http_version == HttpVersion::kHttp2
                       ? static_cast<long>(CURL_HTTP_VERSION_2TLS)
                       : static_cast<long>(CURL_HTTP_VERSION_1_1));
  curl_easy_setopt(h, CURLOPT_PIPEWAIT, 1L);
  if (settings->no_proxy_env) curl_easy_setopt(h, CURLOPT_PROXY, "");
#if LIBCURL_VERSION_NUM >= 0x075700
  // Do not block the end of a run on a DNS lookup still in progress.
  curl_easy_setopt(h, CURLOPT_QUICK_EXIT, 1L);
#endif
}

RequestContext::~RequestContext() = default;

RequestContext* RequestContext::FromEasy(CURL* easy) {
  char* self = nullptr;
  curl_easy_getinfo(easy, CURLINFO_PRIVATE, &self);
  return reinterpret_cast<RequestContext*>(self);
}

std::chrono::nanoseconds RequestContext::Now() const {
  return settings_->clock->Now() - settings_->origin;
}

void RequestContext::Prepare(RequestPlan plan) {
  plan_ = std::move(plan);
  record_ = telemetry::RequestRecord();
  decoder_.Reset(plan_.keep_text);
  body_answer_ = Answer();
  body_.clear();
  content_type_.clear();
  ResetRetryAfter();
  first_byte_.reset();
  status_ = 0;
  bytes_ = 0;
  cut_.clear();
  if (head_) head_->Reset();
  not_sse_ = false;
  connects_ = 0;
  attempt_connects_ = 0;
  retried_ = false;
  error_buffer_[0] = '\0';
  if (native_) return;
  CURL* h = easy_.get();
  curl_easy_setopt(h, CURLOPT_URL, plan_.url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, plan_.headers);
  const std::string& method = plan_.method;
  curl_easy_setopt(h, CURLOPT_NOBODY, method == "HEAD" ? 1L : 0L);
  if (method == "GET" && plan_.body.empty()) {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else if (method != "HEAD") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(plan_.body.size()));
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, plan_.body.data());
  }
  // libcurl sends POST for a body: say GET when a GET carries one.
  const bool plain_get = method == "GET" && plan_.body.empty();
  const bool custom = !plain_get && method != "POST" && method != "HEAD";
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, custom ? method.c_str() : nullptr);
  curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 0L);
}

void RequestContext::OnStatus(int status, std::chrono::nanoseconds t_rx) {
  if (!first_byte_) first_byte_ = t_rx;
  status_ = status;
  content_type_.clear();
  ResetRetryAfter();
}

void RequestContext::SetTransportError(const std::string& detail) {
  const std::size_t n = std::min(detail.size(), sizeof(error_buffer_) - 1);
  detail.copy(error_buffer_, n);
  error_buffer_[n] = '\0';
}

std::size_t RequestContext::OnHeader(char* data, std::size_t size,
                                     std::size_t count, void* self) {
  auto* ctx = static_cast<RequestContext*>(self);
  if (!ctx->first_byte_) ctx->first_byte_ = ctx->Now();
  std::string problem;
  if (!ctx->head_->Line(std::string_view(data, size * count), *ctx->first_byte_,
                        &problem)) {
    ctx->Cut(problem);
    return 0;  // libcurl ends the transfer with CURLE_WRITE_ERROR
  }
  return size * count;
}

bool RequestContext::OnField(std::string_view name, std::string_view value) {
  if (NameIs(name, "content-type")) {
    content_type_ = Lower(value);
  } else if (NameIs(name, "retry-after")) {
    retry_after_text_.assign(value.substr(0, kMaxRetryAfterBytes));
  } else if (NameIs(name, "date")) {
    server_date_ = ParseHttpDate(value);
  } else if (NameIs(name, "transfer-encoding") &&
             Lower(Trim(value)) != "chunked") {
    // Nothing asked for a compressed answer (no Accept-Encoding or TE).
    Cut("Transfer-Encoding '" + std::string(value) +
        "' not supported (only chunked)");
    return false;
  }
  return true;
}

void RequestContext::Cut(const std::string& why) {
  if (cut_.empty()) cut_ = why;
}

void RequestContext::ResetRetryAfter() {
  retry_after_.reset();
  retry_after_text_.clear();
  server_date_.reset();
}

std::size_t RequestContext::OnWrite(char* data, std::size_t size,
                                    std::size_t count, void* self) {
  auto* ctx = static_cast<RequestContext*>(self);
  const std::size_t n = size * count;
  return ctx->Consume(std::string_view(data, n), ctx->Now()) ? n : 0;
}

bool RequestContext::Consume(std::string_view bytes,
                             std::chrono::nanoseconds t_rx) {
  bytes_ += static_cast<std::int64_t>(bytes.size());
  if (bytes_ > settings_->max_response_bytes) {
    Cut("answer larger than max_response_bytes (" +
        std::to_string(settings_->max_response_bytes) + " bytes)");
    return false;  // libcurl ends the transfer with CURLE_WRITE_ERROR
  }
  const bool ok_status = IsSuccessStatus();
  if (ok_status && plan_.mode == AnswerMode::kStream) {
    if (!not_sse_ &&
        content_type_.find("text/event-stream") != std::string::npos) {
      decoder_.Feed(bytes, t_rx);
      if (decoder_.parser().overflowed()) {
        // The line limit stops the transfer, not only the parser: a line
        // without end would otherwise be read up to max_response_bytes.
        Cut("SSE line longer than 1 MiB");
        return false;
      }
      return true;
    }
    not_sse_ = true;
  }
  const bool keep_all =
      ok_status && (plan_.mode == AnswerMode::kBody ||
                    (plan_.mode == AnswerMode::kHttp && plan_.keep_text));
  if (keep_all) {
    body_.append(bytes.data(), bytes.size());
  } else if (body_.size() < kErrorBodyBytes) {
    body_.append(bytes.data(),
                 std::min(bytes.size(), kErrorBodyBytes - body_.size()));
  }
  return true;
}

}  // namespace loadlaw::runner::internal
