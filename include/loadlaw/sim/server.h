// File: loadlaw/sim/server.h
// The simulated endpoint over HTTP: an OpenAI-compatible server on one
// event-driven thread (Boost.Asio/Beast) whose engine is engine.h stepped by
// timers. Endpoints, faults, metrics and the truth log: docs/simulator.md.
//
//   loadlaw::sim::SimConfig config;
//   config.port = 0;                        // any free port
//   loadlaw::sim::Server server(config);
//   server.Start();                         // serving on its own thread
//   std::string url = server.BaseUrl();     // "http://127.0.0.1:41234"
//   ...                                     // send requests to url
//   server.Stop();                          // or let the destructor do it

#ifndef LOADLAW_SIM_SERVER_H_
#define LOADLAW_SIM_SERVER_H_

#include <memory>
#include <string>

#include "loadlaw/sim/config.h"

namespace loadlaw::sim {

class Server {
 public:
  // Throws std::invalid_argument (IsValid's message) for an invalid config.
  explicit Server(const SimConfig& config);
  ~Server();  // Stop()s
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Makes SIGINT and SIGTERM stop the server (as Stop() does). Call before
  // Start(): the handlers are in place when Start() returns.
  void StopOnSignals();

  // Binds config.host:config.port, opens the truth log, and starts serving on
  // a background thread. Throws std::invalid_argument naming the address or
  // file when it cannot bind or open them, std::logic_error when called
  // twice.
  void Start();

  // The bound port (the chosen one when config.port was 0); 0 before Start.
  int port() const;
  // "http://HOST:PORT" of the bound address.
  std::string BaseUrl() const;

  // Blocks until the server stops (Stop() from another thread, or a signal
  // after StopOnSignals()).
  void Wait();

  // Closes the listener and every connection (streams in progress are cut),
  // flushes the truth log and joins the thread. Idempotent; thread-safe.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_SERVER_H_
