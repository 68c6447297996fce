// A tiny loopback HTTP server for tests: every connection gets the same
// canned answer (HTML instead of SSE, an endless keep-alive stream, a huge
// answer, an error status...). One thread per connection; closes after each
// answer.

#ifndef LOADLAW_TESTS_RUNNER_CANNED_SERVER_H_
#define LOADLAW_TESTS_RUNNER_CANNED_SERVER_H_

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace loadlaw::testing {

class CannedServer {
 public:
  // Writes the answer to the connection `fd`; `request` holds the request's
  // head and body. Return to close the connection.
  using Answer = std::function<void(int fd, const std::string& request,
                                    const std::atomic<bool>& stopping)>;

  explicit CannedServer(Answer answer);
  ~CannedServer();  // stops and joins every thread

  std::string BaseUrl() const;
  int requests() const { return requests_.load(); }

  // Helpers for answers.
  static bool WriteAll(int fd, const std::string& bytes);
  // A complete response with Content-Length and Connection: close.
  static std::string Response(int status, const std::string& content_type,
                              const std::string& body,
                              const std::string& extra_headers = "");

 private:
  void AcceptLoop();
  void Serve(int fd);

  Answer answer_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> requests_{0};
  std::thread acceptor_;
  std::mutex mu_;
  std::vector<std::thread> connections_;
};

// A port on which nothing listens (bound, then closed).
int UnusedPort();

// A loopback port whose connections complete but are never answered (a
// socket that listens and never accepts), open while this lives.
class SilentPort {
 public:
  SilentPort();
  ~SilentPort();
  SilentPort(const SilentPort&) = delete;
  SilentPort& operator=(const SilentPort&) = delete;
  std::string BaseUrl() const;

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace loadlaw::testing

#endif  // LOADLAW_TESTS_RUNNER_CANNED_SERVER_H_
