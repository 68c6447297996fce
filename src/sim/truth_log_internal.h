// The truth log: one JSON line per completion request with the server's own
// timestamps, so a client's measurements can be checked against them.

#ifndef LOADLAW_SIM_TRUTH_LOG_INTERNAL_H_
#define LOADLAW_SIM_TRUTH_LOG_INTERNAL_H_

#include <cstdint>
#include <fstream>
#include <string>

namespace loadlaw::sim {

// Times are Unix milliseconds (with microseconds as the fraction); a time
// below 0 means "never happened" and is written as null.
struct TruthRecord {
  std::string id;        // the response id, e.g. "chatcmpl-7"
  std::string endpoint;  // the request path
  bool stream = false;
  int status = 200;
  std::int64_t prompt_tokens = 0;
  std::int64_t max_tokens = 0;
  std::int64_t output_tokens = 0;   // tokens the engine produced
  std::int64_t tokens_written = 0;  // tokens handed to the socket
  double arrival_unix_ms = -1;      // request fully read
  double first_token_unix_ms = -1;  // first token handed to the socket
  double last_token_unix_ms = -1;   // last token handed to the socket
  double done_unix_ms = -1;  // response's last bytes handed to the socket
                             // (or the stream cut or abandoned)
  std::string fault = "none";  // none, error, rate_limit, disconnect, ...
  bool complete = false;       // the whole response was written
};

class TruthLog {
 public:
  // Opens (truncating) path; returns false with the reason in *why.
  bool Open(const std::string& path, std::string* why);
  bool is_open() const { return out_.is_open(); }
  void Write(const TruthRecord& record);
  void Flush();

 private:
  std::ofstream out_;
};

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_TRUTH_LOG_INTERNAL_H_
