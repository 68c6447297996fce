// Benchmark of the simulator's HTTP server: how many concurrent SSE streams
// and chunks per second one server thread (one core) sustains, and the
// server's memory per open stream.
//
//   build/bin/sim_bench [seconds_per_level] [streams...]
//   # default: 3 s per level, levels 100 1000 2000 4000
//
// Each level runs a fresh server in a child process (this binary re-executed
// with --serve, so the server owns its process and its RSS); the parent opens
// `streams` keep-alive connections with Boost.Asio on one thread, each
// streaming a chat completion that never ends (max_tokens 10^9), with step
// times of zero: the server then emits tokens as fast as it can, so the
// chunks per second it reaches is its capacity. The parent counts SSE events
// ("\n\n"), samples the child's CPU time from /proc/PID/stat and its resident
// memory from /proc/PID/status before and after the streams open.

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <boost/asio.hpp>

#include "loadlaw/sim/server.h"

namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::size_t kReadBytes = 16384;

// --serve: run a server until SIGTERM, port on stdout.
int Serve() {
  loadlaw::sim::SimConfig config;
  config.port = 0;
  config.engine.step_base_ms = 0;
  config.engine.step_per_seq_ms = 0;
  config.engine.prefill_per_token_ms = 0;
  config.engine.step_per_ctx_token_us = 0;
  config.engine.max_num_seqs = 100000;
  config.engine.kv_capacity_tokens = std::int64_t{1} << 50;
  loadlaw::sim::Server server(config);
  server.StopOnSignals();
  server.Start();
  std::printf("%d\n", server.port());
  std::fflush(stdout);
  server.Wait();
  return 0;
}

struct Child {
  pid_t pid = -1;
  int port = 0;
};

Child SpawnServer() {
  int out[2];
  if (pipe(out) != 0) std::exit(1);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    execl("/proc/self/exe", "sim_bench", "--serve",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  char text[32] = {};
  ssize_t n = read(out[0], text, sizeof(text) - 1);
  close(out[0]);
  return Child{pid, n > 0 ? std::atoi(text) : 0};
}

double RssMiB(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
    }
  }
  return 0;
}

// utime + stime of a process, in seconds.
double CpuSeconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), {});
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::strtod(field.c_str(), nullptr);
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// One streaming connection that counts the SSE events it receives.
class Stream : public std::enable_shared_from_this<Stream> {
 public:
  explicit Stream(net::io_context& ioc) : socket_(ioc) {}
  void Start(const tcp::endpoint& endpoint, const std::string& request) {
    auto self = shared_from_this();
    socket_.async_connect(endpoint, [self, &request](
                                        const boost::system::error_code& ec) {
      if (ec) return;
      self->socket_.set_option(tcp::no_delay(true));
      net::async_write(self->socket_, net::buffer(request),
                       [self](const boost::system::error_code& wec,
                              std::size_t) {
                         if (!wec) self->Read();
                       });
    });
  }
  void Close() {
    boost::system::error_code ignored;
    socket_.close(ignored);
  }
  std::uint64_t events() const { return events_; }

 private:
  void Read() {
    auto self = shared_from_this();
    socket_.async_read_some(
        net::buffer(buffer_),
        [self](const boost::system::error_code& ec, std::size_t n) {
          if (ec) return;
          for (std::size_t i = 0; i < n; ++i) {
            char c = self->buffer_[i];
            if (c == '\n' && self->last_ == '\n') ++self->events_;
            self->last_ = c;
          }
          self->Read();
        });
  }

  tcp::socket socket_;
  std::array<char, kReadBytes> buffer_{};
  char last_ = 0;
  std::uint64_t events_ = 0;
};

std::uint64_t TotalEvents(const std::vector<std::shared_ptr<Stream>>& streams,
                          int* active) {
  std::uint64_t total = 0;
  *active = 0;
  for (const auto& s : streams) {
    total += s->events();
    *active += s->events() > 0;
  }
  return total;
}

void RunLevel(int stream_count, double seconds) {
  Child child = SpawnServer();
  if (child.port == 0) {
    std::printf("server did not start\n");
    return;
  }
  const double rss_base_mib = RssMiB(child.pid);
  const std::string body =
      R"({"messages":[{"role":"user","content":"hi"}],)"
      R"("max_tokens":1000000000,"stream":true})";
  const std::string request =
      "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  net::io_context ioc(1);
  tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"),
                         static_cast<unsigned short>(child.port));
  std::vector<std::shared_ptr<Stream>> streams;
  for (int i = 0; i < stream_count; ++i) {
    streams.push_back(std::make_shared<Stream>(ioc));
    streams.back()->Start(endpoint, request);
  }
  int active = 0;
  for (int i = 0; i < 100 && active < stream_count; ++i) {  // up to 10 s
    ioc.run_for(std::chrono::milliseconds(100));
    TotalEvents(streams, &active);
  }
  ioc.run_for(std::chrono::milliseconds(300));  // settle
  const double rss_open_mib = RssMiB(child.pid);
  const std::uint64_t events0 = TotalEvents(streams, &active);
  const double cpu0_s = CpuSeconds(child.pid);
  const auto t0 = std::chrono::steady_clock::now();
  ioc.run_for(std::chrono::milliseconds(static_cast<int>(seconds * 1000)));
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  const std::uint64_t events1 = TotalEvents(streams, &active);
  const double cpu_s = CpuSeconds(child.pid) - cpu0_s;
  const double chunks_per_s = static_cast<double>(events1 - events0) / wall_s;
  std::printf("%7d %7d %12.0f %8.0f%% %14.0f %9.1f %9.1f %10.0f\n",
              stream_count, active, chunks_per_s, 100.0 * cpu_s / wall_s,
              cpu_s > 0 ? static_cast<double>(events1 - events0) / cpu_s : 0.0,
              rss_base_mib, rss_open_mib,
              (rss_open_mib - rss_base_mib) * 1048576.0 / stream_count);
  std::fflush(stdout);
  for (auto& s : streams) s->Close();
  kill(child.pid, SIGTERM);
  waitpid(child.pid, nullptr, 0);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--serve") return Serve();
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
  std::vector<int> levels;
  for (int i = 2; i < argc; ++i) levels.push_back(std::atoi(argv[i]));
  if (levels.empty()) levels = {100, 1000, 2000, 4000};
  std::printf("%7s %7s %12s %9s %14s %9s %9s %10s\n", "streams", "active",
              "chunks/s", "srv_cpu", "chunks/cpu_s", "rss0_MiB", "rss_MiB",
              "B/stream");
  for (int streams : levels) RunLevel(streams, seconds);
  return 0;
}
