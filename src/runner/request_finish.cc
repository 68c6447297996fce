// How a request ended: timestamps and tokens from the answer, and its error
// class (docs/metrics.md, "Errors").

#include <ctime>
#include <string>

#include "loadlaw/base/format.h"

#include "runner/request_internal.h"
#include "runner/response_parser_internal.h"

namespace loadlaw::runner::internal {
namespace {

using telemetry::ErrorClass;

constexpr std::size_t kMessageBytes = 200;

bool IsConnectFailure(CURLcode result) {
  switch (result) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return true;
    default:
      return false;
  }
}

}  // namespace

void RequestContext::Fail(ErrorClass error, const std::string& message) {
  record_.error = error;
  // Redacted, then cut: the message may hold a server's text whole.
  record_.error_message = settings_->redactor.Line(message, kMessageBytes);
}

void RequestContext::FillFromAnswer(const Answer& a) {
  record_.t_first = a.t_first;
  record_.t_last = a.t_last;
  record_.output_chunks = a.output_chunks;
  record_.response_id = a.response_id;
  if (a.usage_prompt_tokens) record_.input_tokens = *a.usage_prompt_tokens;
  if (a.usage_completion_tokens) {
    record_.output_tokens = *a.usage_completion_tokens;
    record_.output_tokens_source = telemetry::TokenSource::kUsage;
  } else if (plan_.mode == AnswerMode::kStream) {
    record_.output_tokens = a.output_chunks;
    record_.output_tokens_source = telemetry::TokenSource::kChunks;
  }
}

bool RequestContext::RetryOnFreshConnection(CURLcode result) {
  // llama.cpp's llama-server advertises keep-alive but closes the connection
  // after each streamed answer; a request sent on such a connection in the
  // moment before the close arrives dies with nothing received
  // (docs/compatibility.md). It never reached the server's handler.
  if (retried_ || status_ != 0 || bytes_ != 0 || first_byte_) return false;
  if (result != CURLE_SEND_ERROR && result != CURLE_RECV_ERROR &&
      result != CURLE_GOT_NOTHING) {
    return false;
  }
  // Failed on a new connection: a real error.
  if (AttemptConnects() != 0) return false;
  retried_ = true;
  error_buffer_[0] = '\0';
  if (!native_) curl_easy_setopt(easy_.get(), CURLOPT_FRESH_CONNECT, 1L);
  return true;
}

long RequestContext::AttemptConnects() const {
  if (native_) return attempt_connects_;
  long connects = 0;
  curl_easy_getinfo(easy_.get(), CURLINFO_NUM_CONNECTS, &connects);
  return connects;
}

void RequestContext::Finish(CURLcode result, std::chrono::nanoseconds now) {
  record_.t_done = now;
  if (!retry_after_text_.empty()) {
    retry_after_ =
        RetryAfterDelay(retry_after_text_, server_date_,
                        static_cast<std::int64_t>(std::time(nullptr)));
  }
  record_.http_status = status_;
  record_.response_bytes = bytes_;
  connects_ += AttemptConnects();
  const Answer* answer = &decoder_.answer();
  if (plan_.mode == AnswerMode::kStream) {
    if (!not_sse_ && IsSuccessStatus()) decoder_.Finish(now);
    FillFromAnswer(decoder_.answer());
    record_.chunk_gaps.swap(decoder_.mutable_answer().chunk_gaps);
  } else if (plan_.mode == AnswerMode::kBody) {
    if (result == CURLE_OK && IsSuccessStatus() && cut_.empty()) {
      DecodeBody(body_, &body_answer_, &settings_->redactor);
      if (body_answer_.output_chunks > 0) body_answer_.t_first = now;
      body_answer_.t_last = body_answer_.t_first;
    }
    answer = &body_answer_;
    FillFromAnswer(body_answer_);
  } else {
    record_.t_first = first_byte_;
    record_.t_last = first_byte_;
  }
  Classify(result, *answer);
}

void RequestContext::ClassifyTransport(CURLcode result) {
  std::string message = curl_easy_strerror(result);
  if (error_buffer_[0] != '\0') message += std::string(": ") + error_buffer_;
  if (result == CURLE_OPERATION_TIMEDOUT) {
    const std::string detail = error_buffer_;
    const bool connecting = status_ == 0 && bytes_ == 0 &&
                            (detail.rfind("Connection timed out", 0) == 0 ||
                             detail.rfind("Resolving timed out", 0) == 0 ||
                             detail.rfind("Failed to connect", 0) == 0);
    Fail(connecting ? ErrorClass::kConnect : ErrorClass::kTimeout, message);
  } else if (IsMalformedAnswer(result)) {
    Fail(ErrorClass::kMalformed, message);
  } else if (IsConnectFailure(result)) {
    Fail(ErrorClass::kConnect, message);
  } else {
    Fail(ErrorClass::kStreamBroken, message);
  }
}

bool RequestContext::IsMalformedAnswer(CURLcode result) const {
  switch (result) {
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
      return true;
    case CURLE_UNSUPPORTED_PROTOCOL: {
      // After the request went out: an answer libcurl will not read (no
      // status line, HTTP/0.9, an unknown version), as the native
      // transport's parser refuses it.
      if (native_) return false;
      curl_off_t sent = 0;
      curl_easy_getinfo(easy_.get(), CURLINFO_REQUEST_SIZE, &sent);
      return sent > 0;
    }
    case CURLE_RECV_ERROR:
      // Bad chunked framing (the native parser's "bad chunk").
      return std::string_view(error_buffer_).find("chunked") !=
             std::string_view::npos;
    case CURLE_OUT_OF_MEMORY:
      // A header line over libcurl's own limit (100 KiB), before any body.
      return bytes_ == 0;
    default:
      return false;
  }
}

void RequestContext::Classify(CURLcode result, const Answer& a) {
  const bool http_error = status_ != 0 && !IsSuccessStatus();
  if (!cut_.empty()) {
    Fail(ErrorClass::kMalformed, cut_);
  } else if (result == CURLE_OUT_OF_MEMORY && IsMalformedAnswer(result)) {
    Fail(ErrorClass::kMalformed, "response headers larger than " +
                                     std::to_string(kMaxHeadBytes / 1024) +
                                     " KiB");
  } else if (result != CURLE_OK && !http_error) {
    ClassifyTransport(result);
  } else if (http_error) {
    std::string message = "HTTP " + std::to_string(status_);
    ErrorClass error = ErrorClass::kHttp4xx;
    if (status_ == 429) {
      error = ErrorClass::kHttp429;
      if (retry_after_) {
        message += " (Retry-After " +
                   base::FormatGrouped(base::ToSeconds(*retry_after_), 3) +
                   " s)";
      }
    } else if (status_ >= 500) {
      error = ErrorClass::kHttp5xx;
    }
    Fail(error, message + (body_.empty() ? "" : ": " + body_));
  } else if (plan_.mode == AnswerMode::kStream && not_sse_) {
    Fail(ErrorClass::kMalformed,
         "expected text/event-stream, got '" + content_type_ + "': " + body_);
  } else if (a.malformed) {
    Fail(ErrorClass::kMalformed, "unparseable answer: " + a.malformed_sample);
  } else if (!a.usage_problem.empty()) {
    Fail(ErrorClass::kMalformed, a.usage_problem);
  } else if (a.error_event) {
    Fail(ErrorClass::kStreamBroken, "error event: " + a.error_message);
  } else if (plan_.mode == AnswerMode::kStream && !a.done && !a.finished) {
    Fail(ErrorClass::kStreamBroken, "stream ended before [DONE]");
  } else if (plan_.expect != nullptr) {
    std::string why;
    const std::string& text = plan_.mode == AnswerMode::kHttp ? body_ : a.text;
    if (!plan_.expect->Check(text, &why)) Fail(ErrorClass::kValidation, why);
  }
}

}  // namespace loadlaw::runner::internal
