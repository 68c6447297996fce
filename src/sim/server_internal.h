// The shared state of the HTTP server, owned by its io_context thread: the
// listener, the engine and the timer that steps it, the requests in the
// engine, metrics, faults and the truth log. Everything here runs on that one
// thread, so nothing is locked.

#ifndef LOADLAW_SIM_SERVER_INTERNAL_H_
#define LOADLAW_SIM_SERVER_INTERNAL_H_

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "loadlaw/base/clock.h"
#include "loadlaw/sim/config.h"
#include "loadlaw/engine/engine.h"
#include "sim/faults_internal.h"
#include "sim/metrics_internal.h"
#include "sim/openai_internal.h"
#include "sim/truth_log_internal.h"

namespace loadlaw::sim {

using engine::Engine;
using engine::EngineStats;
using engine::RequestId;
using engine::StepOutcome;
using engine::StepPlan;
using engine::SubmitResult;
using engine::TokenEvent;

namespace net = boost::asio;
using tcp = net::ip::tcp;

class Session;

class ServerCore {
 public:
  ServerCore(net::io_context& ioc, const SimConfig& config);

  // Binds and listens; throws std::invalid_argument naming the address or
  // the truth-log file on failure. Returns the bound port.
  int Listen();
  void StartAccepting();
  // Closes the listener and every session, stops stepping, flushes the log.
  void Shutdown();

  const SimConfig& config() const { return config_; }
  net::io_context& io_context() { return ioc_; }
  double NowMs() const { return clock_.NowMs(); }
  double ToUnixMs(double steady_ms) const {
    return steady_ms + unix_offset_ms_;
  }
  double FromUnixMs(double unix_ms) const { return unix_ms - unix_offset_ms_; }
  std::int64_t NowUnixS() const;
  std::int64_t NextResponseNumber() { return ++responses_; }

  FaultInjector& faults() { return faults_; }
  ServerMetrics& metrics() { return metrics_; }
  TruthLog& truth_log() { return truth_log_; }

  // Queues a validated request in the engine for `session`, which receives
  // its tokens through Session::OnToken. Starts a step when the engine idles.
  SubmitResult Submit(const std::shared_ptr<Session>& session,
                      const CompletionRequest& request);
  // Takes a request out of the engine (client gone, stream cut).
  void Cancel(RequestId id);

  void Register(const std::shared_ptr<Session>& session);
  void Unregister(Session* session);

  std::string MetricsText() const;
  std::string ModelsText() const;

 private:
  void Accept();
  void AcceptBacklog();
  void StartSession(tcp::socket socket);
  void KickEngine();
  void BeginStep(double start_ms);
  void OnStepTimer();
  void Dispatch(const StepOutcome& outcome);

  net::io_context& ioc_;
  SimConfig config_;
  base::SteadyClock clock_;
  double unix_offset_ms_ = 0.0;
  Engine engine_;
  std::mt19937_64 output_rng_;  // output lengths (SampleOutputTokens)
  FaultInjector faults_;
  ServerMetrics metrics_;
  TruthLog truth_log_;
  tcp::acceptor acceptor_;
  net::steady_timer step_timer_;
  double step_end_ms_ = 0.0;  // planned end of the step in progress
  bool shut_down_ = false;
  std::int64_t responses_ = 0;
  std::unordered_map<RequestId, std::shared_ptr<Session>> in_engine_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
};

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_SERVER_INTERNAL_H_
