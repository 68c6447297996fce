// One HTTP connection of the simulator: a read loop feeding a Beast request
// parser, routing, and the response written as the engine produces tokens.
// A connection serves one request at a time (keep-alive, pipelined requests
// wait in the read buffer); output is batched per connection and written with
// at most one write in flight.

#ifndef LOADLAW_SIM_SESSION_INTERNAL_H_
#define LOADLAW_SIM_SESSION_INTERNAL_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "sim/server_internal.h"

namespace loadlaw::sim {

namespace http = boost::beast::http;

// The request a session is answering, from validation to its last byte.
struct ActiveRequest {
  ActiveRequest(const CompletionRequest& req, const ResponseFormat& fmt)
      : request(req), format(fmt) {}
  CompletionRequest request;
  ResponseFormat format;
  FaultPlan faults;
  TruthRecord truth;
  RequestId engine_id = -1;
  bool in_engine = false;
  double arrival_ms = 0.0;
  std::int64_t tokens_queued = 0;   // appended to the output
  std::int64_t tokens_flushed = 0;  // handed to the socket
  double end_written_ms = 0.0;      // the response's last bytes handed over
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, ServerCore* core);
  void Start();
  // A token of this session's request, at the end of an engine step.
  void OnToken(const TokenEvent& event);
  // Closes the connection, abandoning the request in progress. Idempotent.
  void Close();

 private:
  // A read with bytes in read_buffer_: where they end, counted from the
  // connection's first byte, and when the kernel received them.
  struct BufferedRead {
    std::uint64_t end;
    double received_ms;
  };

  void DoRead();
  void OnReadable(const boost::system::error_code& ec);
  void ConsumeParsed(std::size_t bytes);
  void ParseBuffered();
  void ResetParser();
  bool ExpectsContinue() const;
  void HandleRequest(http::request<http::string_body>& req,
                     double arrival_ms);
  void HandleCompletion(Endpoint endpoint, const std::string& body,
                        double arrival_ms);
  bool RejectCompletion(const CompletionRequest& req, double arrival_ms,
                        const std::string& path);
  void LogUnserved(const std::string& path, const CompletionRequest& req,
                   int status, const char* fault, double arrival_ms);
  void StartCompletion(const CompletionRequest& req, double arrival_ms,
                       const std::string& path, const FaultPlan& plan);

  void Respond(int status, std::string_view content_type,
               const std::string& body, std::string_view extra_headers = {});
  void RespondError(const ApiError& error, std::string_view extra_headers = {});
  void BeginStream();
  void StreamToken(const TokenEvent& event);
  void FinishNonStream(const TokenEvent& event);
  void AppendBodyChunk(std::string_view data);
  void StartStall();

  void Flush();
  void OnWrite(const boost::system::error_code& ec);
  void StampFlushedTokens();
  void OnResponseWritten();
  void AbortActive();
  void FinishTruth(bool complete);

  tcp::socket socket_;
  ServerCore* core_;
  boost::beast::flat_buffer read_buffer_;
  std::deque<BufferedRead> buffered_reads_;  // oldest first
  std::uint64_t bytes_read_ = 0;
  std::uint64_t bytes_parsed_ = 0;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool continue_sent_ = false;
  bool reading_ = false;
  bool writing_ = false;
  bool closed_ = false;
  bool response_open_ = false;    // a request is being answered
  bool response_queued_ = false;  // its last byte is in out_ or in flight
  bool keep_alive_ = true;
  bool chunked_ = true;       // HTTP/1.1 chunked framing of streams
  bool hold_writes_ = false;  // a stall fault is in progress
  bool cut_pending_ = false;  // close once the output drains
  std::string out_;           // queued bytes
  std::string in_flight_;     // bytes of the write in progress
  std::string scratch_;
  std::unique_ptr<ActiveRequest> active_;
  std::unique_ptr<net::steady_timer> stall_timer_;
};

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_SESSION_INTERNAL_H_
