// The context of one request in flight: its libcurl easy handle (reached back
// from libcurl through CURLOPT_PRIVATE), the answer as it arrives, and the
// record it becomes. Contexts are pooled per worker, so buffers keep their
// capacity from one request to the next.

#ifndef LOADLAW_RUNNER_REQUEST_INTERNAL_H_
#define LOADLAW_RUNNER_REQUEST_INTERNAL_H_

#include <curl/curl.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "loadlaw/runner/run_options.h"
#include "loadlaw/base/clock.h"
#include "loadlaw/base/redact.h"
#include "loadlaw/telemetry/request_record.h"
#include "loadlaw/workload/workload.h"
#include "runner/curl_handles_internal.h"
#include "runner/openai_internal.h"
#include "runner/pacer_internal.h"
#include "runner/retry_after_internal.h"

namespace loadlaw::runner::internal {

class HeadReader;

// Settings shared by every request of a run.
struct TransportSettings {
  const base::Clock* clock = nullptr;
  std::chrono::nanoseconds origin{0};  // the run's start on `clock`
  std::int64_t max_response_bytes = 0;
  std::chrono::nanoseconds connect_timeout{0};
  std::chrono::nanoseconds request_timeout{0};
  bool verify_tls = true;
  // No proxy variable in the environment: tell libcurl so, which spares it
  // the environment lookups it otherwise makes for every request.
  bool no_proxy_env = false;
  HttpVersion http_version = HttpVersion::kHttp1_1;
  // The run's secrets, redacted from every message before it is cut.
  base::Redactor redactor;
  // Receive times from the kernel (SO_TIMESTAMPNS) on the native transport;
  // only with the steady clock, whose time they are converted to.
  bool kernel_timestamps = false;
};

// How the answer is read.
enum class AnswerMode { kStream, kBody, kHttp };

// What to send.
struct RequestPlan {
  std::string url;
  std::string method = "POST";
  std::string body;
  curl_slist* headers = nullptr;  // owned by the caller
  AnswerMode mode = AnswerMode::kStream;
  bool keep_text = false;  // for history or the expectation
  const workload::Expectation* expect = nullptr;
};

// The answer arrives through either transport: libcurl (the easy handle's
// callbacks) or the native HTTP/1.1 one (native_http.cc), which reports its
// outcomes as the CURLcode libcurl would give, so that one classification
// serves both.
class RequestContext {
 public:
  // `native`: the request goes through the native transport.
  RequestContext(const TransportSettings* settings, bool native);
  ~RequestContext();
  CURL* easy() const { return easy_.get(); }
  static RequestContext* FromEasy(CURL* easy);

  // Sets up the transfer and clears the previous request's state.
  void Prepare(RequestPlan plan);
  const RequestPlan& plan() const { return plan_; }
  // The time now, from the run's start.
  std::chrono::nanoseconds Now() const;

  // Completes the record from the transfer's outcome (t_done = now).
  void Finish(CURLcode result, std::chrono::nanoseconds now);

  // True when the transfer failed on a reused connection that the server had
  // closed, before any byte of an answer, and this is the first such failure
  // of the request: the easy handle is then set to send it again on a new
  // connection (add it to the loop again; t_send stays, so the lost time
  // counts in its latency). libcurl retries such requests itself, but only
  // on other cached connections, which the same server may have closed too.
  bool RetryOnFreshConnection(CURLcode result);

  telemetry::RequestRecord& record() { return record_; }
  Start& start() { return start_; }
  const std::string& reply_text() const { return decoder_.answer().text; }
  // The native transport's reports: a status line (at `t_rx`, the time its
  // bytes arrived), a header field, a piece of the body (false: too large,
  // stop), a transport failure's detail, a new connection.
  void OnStatus(int status, std::chrono::nanoseconds t_rx);
  // False when the field stops the answer (a Transfer-Encoding other than
  // chunked): the request knows why.
  bool OnField(std::string_view name, std::string_view value);
  bool OnBody(std::string_view bytes, std::chrono::nanoseconds t_rx) {
    return Consume(bytes, t_rx);
  }
  void SetTransportError(const std::string& detail);
  // The answer is malformed and its transfer stops here, for `why` (the
  // first reason given is kept and classifies the request).
  void Cut(const std::string& why);
  void OnConnect() { ++attempt_connects_; }
  // Whether the answer may come over HTTP/2 (asked for, and https).
  bool MayBeHttp2() const {
    return settings_->http_version == HttpVersion::kHttp2 &&
           plan_.url.rfind("https://", 0) == 0;
  }
  // The current attempt must use a new connection (see above).
  bool wants_new_connection() const { return retried_; }
  // Where the native transport keeps the request's connection.
  std::size_t transport_slot = 0;

  // The wait a Retry-After asked for (seconds or an HTTP-date, read by
  // Finish), when the answer had one.
  std::optional<std::chrono::nanoseconds> retry_after() const {
    return retry_after_;
  }
  // New connections this request opened (on every attempt).
  long connects() const { return connects_; }
  // Start of the in-flight time not yet counted by a recorder.
  std::chrono::nanoseconds busy_from{0};
  bool measured = false;         // holds a ticket of a by-count level
  std::size_t active_index = 0;  // position in the worker's active list

 private:
  static std::size_t OnWrite(char* data, std::size_t size, std::size_t count,
                             void* self);
  static std::size_t OnHeader(char* data, std::size_t size, std::size_t count,
                              void* self);
  bool Consume(std::string_view bytes, std::chrono::nanoseconds t_rx);
  long AttemptConnects() const;
  void FillFromAnswer(const Answer& answer);
  void Classify(CURLcode result, const Answer& answer);
  void ClassifyTransport(CURLcode result);
  // Whether libcurl's `result` means an answer that is not HTTP as the
  // native transport's parser reads it.
  bool IsMalformedAnswer(CURLcode result) const;
  void Fail(telemetry::ErrorClass error, const std::string& message);
  void ResetRetryAfter();
  bool IsSuccessStatus() const { return status_ >= 200 && status_ < 300; }

  const TransportSettings* settings_;
  EasyHandle easy_;
  RequestPlan plan_;
  Start start_;
  telemetry::RequestRecord record_;
  StreamDecoder decoder_;
  Answer body_answer_;
  std::string body_;  // body (kBody), or a prefix of a non-2xx / non-SSE one
  std::string content_type_;
  std::optional<std::chrono::nanoseconds> retry_after_;
  std::string retry_after_text_;             // as the header said
  std::optional<std::int64_t> server_date_;  // the Date header, Unix time
  std::optional<std::chrono::nanoseconds> first_byte_;
  int status_ = 0;
  std::int64_t bytes_ = 0;
  std::string cut_;  // why the transfer was stopped, when it was
  std::unique_ptr<HeadReader> head_;  // libcurl's header lines (Prepare)
  bool not_sse_ = false;
  long connects_ = 0;
  long attempt_connects_ = 0;  // native transport: this attempt's
  bool native_ = false;
  bool retried_ = false;  // sent again on a new connection
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

}  // namespace loadlaw::runner::internal

#endif  // LOADLAW_RUNNER_REQUEST_INTERNAL_H_
