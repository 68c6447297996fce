// The canned-answer test server.

#include "runner/canned_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace loadlaw::testing {
namespace {

int ListenLoopback(int* port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      listen(fd, 512) != 0) {
    throw std::runtime_error("canned server: cannot listen");
  }
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  *port = ntohs(addr.sin_port);
  return fd;
}

// Reads one request (head and Content-Length body); "" when the peer left.
std::string ReadRequest(int fd) {
  std::string data;
  char buf[4096];
  std::size_t body_at = std::string::npos;
  std::size_t length = 0;
  while (true) {
    if (body_at != std::string::npos && data.size() >= body_at + length)
      return data;
    const ssize_t n = recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) return "";
    data.append(buf, static_cast<std::size_t>(n));
    if (body_at == std::string::npos) {
      const std::size_t end = data.find("\r\n\r\n");
      if (end == std::string::npos) continue;
      body_at = end + 4;
      const std::size_t cl = data.find("Content-Length: ");
      if (cl != std::string::npos && cl < end) {
        length = std::strtoul(data.c_str() + cl + 16, nullptr, 10);
      }
    }
  }
}

}  // namespace

CannedServer::CannedServer(Answer answer) : answer_(std::move(answer)) {
  listen_fd_ = ListenLoopback(&port_);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

CannedServer::~CannedServer() {
  stopping_.store(true);
  shutdown(listen_fd_, SHUT_RDWR);
  close(listen_fd_);
  acceptor_.join();
  std::lock_guard<std::mutex> lock(mu_);
  for (std::thread& t : connections_) t.join();
}

std::string CannedServer::BaseUrl() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

void CannedServer::AcceptLoop() {
  while (!stopping_.load()) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard<std::mutex> lock(mu_);
    connections_.emplace_back([this, fd] { Serve(fd); });
  }
}

void CannedServer::Serve(int fd) {
  const std::string request = ReadRequest(fd);
  if (!request.empty()) {
    ++requests_;
    answer_(fd, request, stopping_);
  }
  shutdown(fd, SHUT_RDWR);
  close(fd);
}

bool CannedServer::WriteAll(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n =
        send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::string CannedServer::Response(int status, const std::string& content_type,
                                   const std::string& body,
                                   const std::string& extra_headers) {
  return "HTTP/1.1 " + std::to_string(status) +
         " X\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n" + extra_headers + "\r\n" + body;
}

SilentPort::SilentPort() { fd_ = ListenLoopback(&port_); }

SilentPort::~SilentPort() { close(fd_); }

std::string SilentPort::BaseUrl() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

int UnusedPort() {
  int port = 0;
  const int fd = ListenLoopback(&port);
  close(fd);
  return port;
}

}  // namespace loadlaw::testing
