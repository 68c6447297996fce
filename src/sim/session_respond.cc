// The response side of a Session: routing, validation, fault decisions, and
// streaming the engine's tokens as SSE events in HTTP/1.1 chunked framing.

#include <cstdio>

#include <boost/beast/http/status.hpp>

#include "sim/session_internal.h"

namespace loadlaw::sim {
namespace {

constexpr std::string_view kJson = "application/json";
// A client that leaves this much of its stream unread is dropped, so that a
// stuck reader cannot make the server buffer without bound.
constexpr std::size_t kMaxQueuedBytes = 8 * 1024 * 1024;

std::string_view ToStd(boost::beast::string_view text) {
  return std::string_view(text.data(), text.size());
}

std::string_view PathOf(std::string_view target) {
  return target.substr(0, target.find('?'));
}

ApiError NotFound(std::string_view method, std::string_view path) {
  ApiError error;
  error.status = 404;
  error.type = "not_found_error";
  error.message = "no route for " + std::string(method) + " " +
                  std::string(path);
  return error;
}

ApiError WrongMethod(std::string_view method, std::string_view path) {
  ApiError error;
  error.status = 405;
  error.message = "method " + std::string(method) + " not allowed on " +
                  std::string(path);
  return error;
}

std::string FaultNames(const FaultPlan& plan) {
  std::string names;
  auto add = [&names](bool on, const char* name) {
    if (!on) return;
    if (!names.empty()) names += "+";
    names += name;
  };
  add(plan.disconnect, "disconnect");
  add(plan.malformed, "malformed");
  add(plan.stall, "stall");
  return names.empty() ? "none" : names;
}

}  // namespace

// `arrival_ms`: when the request's last bytes reached the socket.
void Session::HandleRequest(http::request<http::string_body>& req,
                            double arrival_ms) {
  response_open_ = true;
  keep_alive_ = req.keep_alive();
  chunked_ = req.version() >= 11;
  const std::string_view method = ToStd(req.method_string());
  const std::string_view path = PathOf(ToStd(req.target()));
  const bool is_get = req.method() == http::verb::get;
  const bool is_post = req.method() == http::verb::post;
  if (path == kChatPath || path == kCompletionsPath) {
    if (!is_post) return RespondError(WrongMethod(method, path));
    Endpoint endpoint =
        path == kChatPath ? Endpoint::kChat : Endpoint::kCompletions;
    return HandleCompletion(endpoint, req.body(), arrival_ms);
  }
  if (path == "/health" || path == "/v1/models" || path == "/metrics") {
    if (!is_get) return RespondError(WrongMethod(method, path));
    if (path == "/health") return Respond(200, kJson, "{}");
    if (path == "/v1/models") return Respond(200, kJson, core_->ModelsText());
    return Respond(200, "text/plain; version=0.0.4; charset=utf-8",
                   core_->MetricsText());
  }
  RespondError(NotFound(method, path));
}

void Session::HandleCompletion(Endpoint endpoint, const std::string& body,
                               double arrival_ms) {
  const std::string path =
      endpoint == Endpoint::kChat ? kChatPath : kCompletionsPath;
  CompletionRequest req;
  ApiError error;
  if (!ParseCompletionRequest(endpoint, body,
                              core_->config().default_max_tokens, &req,
                              &error)) {
    CompletionRequest unparsed;
    unparsed.prompt_tokens = 0;
    unparsed.max_tokens = 0;
    LogUnserved(path, unparsed, error.status, "none", arrival_ms);
    return RespondError(error);
  }
  if (RejectCompletion(req, arrival_ms, path)) return;
  FaultPlan plan = core_->faults().Draw();
  if (plan.error) {
    ++core_->metrics().faults[static_cast<int>(FaultKind::kError)];
    error.status = 500;
    error.type = "server_error";
    error.message = "injected internal server error (error_rate)";
    LogUnserved(path, req, error.status, "error", arrival_ms);
    return RespondError(error);
  }
  StartCompletion(req, arrival_ms, path, plan);
}

// The 429 of the rate-limit fault, decided before any draw.
bool Session::RejectCompletion(const CompletionRequest& req, double arrival_ms,
                               const std::string& path) {
  if (!core_->faults().RateLimited(core_->metrics().in_flight)) return false;
  ++core_->metrics().faults[static_cast<int>(FaultKind::kRateLimit)];
  ApiError error;
  error.status = 429;
  error.type = "requests";
  error.code = "rate_limit_exceeded";
  error.message = "rate limit: " +
                  std::to_string(core_->config().rate_limit_concurrency) +
                  " requests in flight";
  char retry_after[64];
  std::snprintf(retry_after, sizeof(retry_after), "Retry-After: %.0f\r\n",
                core_->config().retry_after_s);
  LogUnserved(path, req, error.status, "rate_limit", arrival_ms);
  RespondError(error, retry_after);
  return true;
}

void Session::StartCompletion(const CompletionRequest& req, double arrival_ms,
                              const std::string& path, const FaultPlan& plan) {
  SubmitResult submitted = core_->Submit(shared_from_this(), req);
  if (!submitted.ok()) {
    ApiError error;
    error.param = "max_tokens";
    error.message = "context too long: " + submitted.error;
    LogUnserved(path, req, error.status, "none", arrival_ms);
    return RespondError(error);
  }
  const char* prefix = req.endpoint == Endpoint::kChat ? "chatcmpl-" : "cmpl-";
  const std::string id = prefix + std::to_string(core_->NextResponseNumber());
  active_ = std::make_unique<ActiveRequest>(
      req, ResponseFormat(req.endpoint, id, core_->NowUnixS(),
                          core_->config().model));
  ActiveRequest& a = *active_;
  a.faults = plan;
  a.faults.PlaceFor(submitted.output_tokens);
  a.engine_id = submitted.id;
  a.in_engine = true;
  a.arrival_ms = arrival_ms;
  a.truth.id = id;
  a.truth.endpoint = path;
  a.truth.stream = req.stream;
  a.truth.prompt_tokens = req.prompt_tokens;
  a.truth.max_tokens = req.max_tokens;
  a.truth.output_tokens = submitted.output_tokens;
  a.truth.arrival_unix_ms = core_->ToUnixMs(arrival_ms);
  a.truth.fault = FaultNames(plan);
  ++core_->metrics().in_flight;
  ServerMetrics& m = core_->metrics();
  if (plan.disconnect) ++m.faults[static_cast<int>(FaultKind::kDisconnect)];
  if (plan.malformed) ++m.faults[static_cast<int>(FaultKind::kMalformed)];
  if (plan.stall) ++m.faults[static_cast<int>(FaultKind::kStall)];
  if (req.stream) BeginStream();
}

// A completion request answered at once with an error status.
void Session::LogUnserved(const std::string& path,
                          const CompletionRequest& req, int status,
                          const char* fault, double arrival_ms) {
  TruthRecord truth;
  truth.endpoint = path;
  truth.stream = req.stream;
  truth.status = status;
  truth.prompt_tokens = req.prompt_tokens;
  truth.max_tokens = req.max_tokens;
  truth.arrival_unix_ms = core_->ToUnixMs(arrival_ms);
  truth.done_unix_ms = core_->ToUnixMs(core_->NowMs());
  truth.fault = fault;
  core_->truth_log().Write(truth);
}

void Session::Respond(int status, std::string_view content_type,
                      const std::string& body,
                      std::string_view extra_headers) {
  ++core_->metrics().responses_by_status[status];
  out_.append("HTTP/1.1 ").append(std::to_string(status)).append(" ");
  out_.append(ToStd(http::obsolete_reason(static_cast<http::status>(status))));
  out_.append("\r\nContent-Type: ").append(content_type);
  out_.append("\r\nContent-Length: ").append(std::to_string(body.size()));
  out_.append(keep_alive_ ? "\r\n" : "\r\nConnection: close\r\n");
  out_.append(extra_headers).append("\r\n").append(body);
  response_queued_ = true;
  Flush();
}

void Session::RespondError(const ApiError& error,
                           std::string_view extra_headers) {
  Respond(error.status, kJson, ErrorBody(error), extra_headers);
}

void Session::BeginStream() {
  ++core_->metrics().responses_by_status[200];
  if (!chunked_) keep_alive_ = false;  // HTTP/1.0: the close ends the stream
  out_.append(
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
      "Cache-Control: no-cache\r\n");
  if (chunked_) out_.append("Transfer-Encoding: chunked\r\n");
  out_.append(keep_alive_ ? "\r\n" : "Connection: close\r\n\r\n");
  Flush();
  if (active_->faults.stall && active_->faults.stall_after == 0) StartStall();
}

void Session::AppendBodyChunk(std::string_view data) {
  if (chunked_) {
    char size[24];
    std::snprintf(size, sizeof(size), "%zx\r\n", data.size());
    out_.append(size);
  }
  out_.append(data);
  if (chunked_) out_.append("\r\n");
}

void Session::OnToken(const TokenEvent& event) {
  if (!active_ || closed_ || cut_pending_) return;
  ActiveRequest& a = *active_;
  if (event.finished) a.in_engine = false;
  if (a.request.stream) return StreamToken(event);
  if (a.faults.disconnect && event.index == a.faults.cut_after) {
    Close();  // non-streaming: the connection drops before any response
    return;
  }
  if (event.finished) FinishNonStream(event);
}

void Session::StreamToken(const TokenEvent& event) {
  ActiveRequest& a = *active_;
  const bool cut = a.faults.disconnect && event.index == a.faults.cut_after;
  scratch_.clear();
  if (a.faults.malformed && event.index == a.faults.garbled_index) {
    a.format.AppendGarbledEvent(&scratch_, event.index);
  } else {
    const char* reason =
        event.finished
            ? FinishReason(event.output_tokens, a.request.max_tokens)
            : nullptr;
    a.format.AppendTokenEvent(&scratch_, event.index, reason);
  }
  const bool last = event.finished && !cut;
  if (last && a.request.include_usage) {
    a.format.AppendUsageEvent(&scratch_, a.request.prompt_tokens,
                              event.output_tokens);
  }
  if (last) ResponseFormat::AppendDoneEvent(&scratch_);
  AppendBodyChunk(scratch_);
  if (last && chunked_) out_.append("0\r\n\r\n");
  a.tokens_queued = event.index;
  if (last) response_queued_ = true;
  if (cut) {
    if (a.in_engine) core_->Cancel(a.engine_id);
    a.in_engine = false;
    cut_pending_ = true;
  }
  if (out_.size() > kMaxQueuedBytes) {
    Close();
    return;
  }
  Flush();
  if (a.faults.stall && event.index == a.faults.stall_after) StartStall();
}

void Session::FinishNonStream(const TokenEvent& event) {
  ActiveRequest& a = *active_;
  std::string body = a.format.Body(
      event.output_tokens, a.request.prompt_tokens,
      FinishReason(event.output_tokens, a.request.max_tokens));
  if (a.faults.malformed) body.resize(body.size() / 2);
  if (a.faults.stall) StartStall();
  a.tokens_queued = event.output_tokens;
  Respond(200, kJson, body);
}

// Holds this connection's output for stall_ms; the engine keeps stepping and
// the held tokens go out together when the stall ends.
void Session::StartStall() {
  hold_writes_ = true;
  if (!stall_timer_) {
    stall_timer_ = std::make_unique<net::steady_timer>(core_->io_context());
  }
  stall_timer_->expires_after(std::chrono::microseconds(
      static_cast<std::int64_t>(core_->config().stall_ms * 1000.0)));
  stall_timer_->async_wait(
      [self = shared_from_this()](const boost::system::error_code& ec) {
        if (ec || self->closed_) return;
        self->hold_writes_ = false;
        if (!self->writing_ && self->out_.empty()) {
          self->OnWrite(ec);  // nothing held: act as if a write just ended
          return;
        }
        self->Flush();
      });
}

}  // namespace loadlaw::sim
