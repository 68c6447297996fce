// Test helpers for the simulator's HTTP tests: a small libcurl client that
// records when each piece of a response arrived, an SSE splitter and a
// Prometheus text parser.

#ifndef LOADLAW_TESTS_SIM_HTTP_TEST_UTIL_H_
#define LOADLAW_TESTS_SIM_HTTP_TEST_UTIL_H_

#include <map>
#include <string>
#include <vector>

#include <curl/curl.h>

namespace loadlaw::sim::testing {

struct HttpResult {
  long status = 0;
  int curl_code = 0;  // CURLE_OK or the transfer's error
  std::map<std::string, std::string> headers;  // names lowercased
  std::string body;
  double start_ms = 0;      // steady clock, just before the transfer
  double first_byte_ms = 0;  // first body byte received (0: none)
  double done_ms = 0;
  std::vector<double> piece_ms;  // arrival of each body piece
  double start_unix_ms = 0;      // system clock at start
  long new_connections = 0;      // CURLINFO_NUM_CONNECTS
};

// One libcurl easy handle, reused so that connections are kept alive.
class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResult Get(const std::string& url);
  HttpResult Post(const std::string& url, const std::string& body);
  // Aborts the transfer after this many body bytes (0: never).
  void set_abort_after_bytes(std::size_t bytes) { abort_after_ = bytes; }
  // Allows curl's "Expect: 100-continue" on large bodies (off by default).
  void set_allow_expect(bool allow) { allow_expect_ = allow; }

 private:
  HttpResult Perform(const std::string& url, const std::string* body);
  static std::size_t OnBody(char* data, std::size_t size, std::size_t count,
                            void* user);
  static std::size_t OnHeader(char* data, std::size_t size, std::size_t count,
                              void* user);

  CURL* curl_;
  HttpResult* current_ = nullptr;
  std::size_t abort_after_ = 0;
  bool allow_expect_ = false;
};

double SteadyNowMs();
double UnixNowMs();

// The `data:` payloads of an SSE body, in order. Sets *framing_ok to false
// unless every event is exactly "data: <payload>\n\n".
std::vector<std::string> SplitSse(const std::string& body, bool* framing_ok);

// Prometheus text: "name{labels}" -> value for every sample line. Sets
// *parse_ok to false on a line that is neither a comment nor a sample.
std::map<std::string, double> ParseMetrics(const std::string& text,
                                           bool* parse_ok);

// The value of the first sample whose key starts with name + "{" (or equals
// name); NaN when absent.
double MetricValue(const std::map<std::string, double>& metrics,
                   const std::string& name);

// A chat request body with `chars` characters of prompt.
std::string ChatBody(int max_tokens, bool stream, bool include_usage,
                     int chars = 40);

}  // namespace loadlaw::sim::testing

#endif  // LOADLAW_TESTS_SIM_HTTP_TEST_UTIL_H_
