// ServerCore (listener, engine stepping, dispatch of tokens to sessions) and
// the public Server that runs it on its own thread.

#include "loadlaw/sim/server.h"

#include <sys/socket.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>

#include "sim/output_length_internal.h"
#include "sim/rng_internal.h"
#include "sim/server_internal.h"
#include "sim/session_internal.h"

namespace loadlaw::sim {
namespace {

// A timer fires some tens of microseconds after its deadline, and much later
// when the machine is busy. The next step starts at the planned end of the
// last one, so that lateness does not add up (steps run back to back until
// the schedule is caught up), unless the thread fell further behind than
// this: then the schedule restarts from now.
constexpr double kMaxCatchUpMs = 50.0;

constexpr int kMaxAcceptsPerTurn = 256;

double UnixNowMs() {
  std::chrono::duration<double, std::milli> since =
      std::chrono::system_clock::now().time_since_epoch();
  return since.count();
}

}  // namespace

ServerCore::ServerCore(net::io_context& ioc, const SimConfig& config)
    : ioc_(ioc),
      config_(config),
      engine_(config.engine, DeriveSeed(config.seed, kStreamStepJitter),
              &clock_),
      output_rng_(DeriveSeed(config.seed, kStreamOutputLength)),
      faults_(config),
      acceptor_(ioc),
      step_timer_(ioc) {
  unix_offset_ms_ = UnixNowMs() - clock_.NowMs();
}

int ServerCore::Listen() {
  boost::system::error_code ec;
  const std::string host =
      config_.host == "localhost" ? std::string("127.0.0.1") : config_.host;
  net::ip::address address = net::ip::make_address(host, ec);
  if (ec) {
    throw std::invalid_argument("sim: host '" + config_.host +
                                "' is not an IP address");
  }
  tcp::endpoint endpoint(address, static_cast<unsigned short>(config_.port));
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (!ec) acceptor_.non_blocking(true, ec);
  // Accepted sockets inherit receive timestamps (the arrivals of the truth
  // log), and bytes sent before their accept get stamped too. Without them,
  // arrivals fall back to when the bytes are read.
  if (!ec) {
    const int on = 1;
    ::setsockopt(acceptor_.native_handle(), SOL_SOCKET, SO_TIMESTAMPNS, &on,
                 sizeof(on));
  }
  if (ec) {
    throw std::invalid_argument("sim: cannot listen on " + config_.host + ":" +
                                std::to_string(config_.port) + ": " +
                                ec.message());
  }
  std::string why;
  if (!config_.truth_log.empty() && !truth_log_.Open(config_.truth_log, &why)) {
    throw std::invalid_argument(why);
  }
  return acceptor_.local_endpoint().port();
}

void ServerCore::StartAccepting() { Accept(); }

void ServerCore::Accept() {
  acceptor_.async_accept(
      [this](const boost::system::error_code& ec, tcp::socket socket) {
        if (shut_down_ || ec == net::error::operation_aborted) return;
        // On an error (e.g. out of file descriptors) the connection is lost
        // and the listener goes on.
        if (!ec) StartSession(std::move(socket));
        AcceptBacklog();
        Accept();
      });
}

// Takes the connections already waiting, without a trip through the event
// queue for each: under load that queue holds a write per open stream.
void ServerCore::AcceptBacklog() {
  for (int i = 0; i < kMaxAcceptsPerTurn; ++i) {
    boost::system::error_code ec;
    tcp::socket socket(ioc_);
    acceptor_.accept(socket, ec);  // non-blocking: would_block when empty
    if (ec) return;
    StartSession(std::move(socket));
  }
}

void ServerCore::StartSession(tcp::socket socket) {
  auto session = std::make_shared<Session>(std::move(socket), this);
  Register(session);
  session->Start();
}

void ServerCore::Shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  step_timer_.cancel();
  std::vector<std::shared_ptr<Session>> open;
  for (auto& [raw, weak] : sessions_) {
    if (auto session = weak.lock()) open.push_back(session);
  }
  for (auto& session : open) session->Close();
  in_engine_.clear();
  truth_log_.Flush();
}

std::int64_t ServerCore::NowUnixS() const {
  return static_cast<std::int64_t>(ToUnixMs(clock_.NowMs()) / 1000.0);
}

SubmitResult ServerCore::Submit(const std::shared_ptr<Session>& session,
                                const CompletionRequest& request) {
  SubmitResult result = engine_.Submit(
      request.prompt_tokens,
      SampleOutputTokens(config_, request.max_tokens, output_rng_));
  if (!result.ok()) return result;
  in_engine_[result.id] = session;
  KickEngine();
  return result;
}

void ServerCore::Cancel(RequestId id) {
  engine_.Cancel(id);
  in_engine_.erase(id);
}

void ServerCore::Register(const std::shared_ptr<Session>& session) {
  sessions_[session.get()] = session;
  metrics_.open_connections = static_cast<std::int64_t>(sessions_.size());
}

void ServerCore::Unregister(Session* session) {
  sessions_.erase(session);
  metrics_.open_connections = static_cast<std::int64_t>(sessions_.size());
}

std::string ServerCore::MetricsText() const {
  return RenderMetrics(engine_.Stats(), metrics_, config_.model);
}

std::string ServerCore::ModelsText() const {
  return ModelsBody(config_.model, NowUnixS(), config_.engine.kv_capacity_tokens);
}

void ServerCore::KickEngine() {
  if (shut_down_ || engine_.InStep() || !engine_.HasWork()) return;
  BeginStep(clock_.NowMs());
}

void ServerCore::BeginStep(double start_ms) {
  StepPlan plan = engine_.BeginStep();
  step_end_ms_ = start_ms + plan.duration_ms;
  step_timer_.expires_at(
      base::SteadyClock::ToTimePoint(base::FromSeconds(step_end_ms_ / 1e3)));
  step_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || shut_down_) return;
    OnStepTimer();
  });
}

void ServerCore::OnStepTimer() {
  Dispatch(engine_.FinishStep());
  if (shut_down_ || engine_.InStep() || !engine_.HasWork()) return;
  const double now_ms = clock_.NowMs();
  BeginStep(now_ms - step_end_ms_ > kMaxCatchUpMs ? now_ms : step_end_ms_);
}

void ServerCore::Dispatch(const StepOutcome& outcome) {
  for (const TokenEvent& event : outcome.tokens) {
    auto it = in_engine_.find(event.id);
    if (it == in_engine_.end()) continue;
    std::shared_ptr<Session> session = it->second;  // may leave the map
    if (event.finished) in_engine_.erase(it);
    session->OnToken(event);
  }
}

class Server::Impl {
 public:
  explicit Impl(const SimConfig& config) : config_(config) {
    std::string why;
    if (!config_.IsValid(&why)) throw std::invalid_argument(why);
    core_ = std::make_unique<ServerCore>(ioc_, config_);
  }

  SimConfig config_;
  net::io_context ioc_{1};
  std::unique_ptr<ServerCore> core_;           // destroyed before ioc_
  std::optional<net::signal_set> signals_;     // likewise
  bool stop_on_signals_ = false;
  int port_ = 0;
  std::thread thread_;
  std::mutex stop_mu_;  // serializes Stop()
  std::mutex mu_;       // guards finished_
  std::condition_variable cv_;
  bool started_ = false;
  bool finished_ = false;  // the thread's run() returned
  bool joined_ = false;
};

Server::Server(const SimConfig& config)
    : impl_(std::make_unique<Impl>(config)) {}

Server::~Server() { Stop(); }

void Server::StopOnSignals() { impl_->stop_on_signals_ = true; }

void Server::Start() {
  Impl& impl = *impl_;
  if (impl.started_) throw std::logic_error("Server::Start called twice");
  impl.port_ = impl.core_->Listen();
  impl.core_->StartAccepting();
  if (impl.stop_on_signals_) {
    impl.signals_.emplace(impl.ioc_, SIGINT, SIGTERM);
    impl.signals_->async_wait([&impl](const boost::system::error_code& ec,
                                      int) {
      if (ec) return;
      impl.core_->Shutdown();
      impl.ioc_.stop();
    });
  }
  impl.started_ = true;
  impl.thread_ = std::thread([&impl] {
    impl.ioc_.run();
    std::lock_guard<std::mutex> lock(impl.mu_);
    impl.finished_ = true;
    impl.cv_.notify_all();
  });
}

int Server::port() const { return impl_->port_; }

std::string Server::BaseUrl() const {
  return "http://" + impl_->config_.host + ":" + std::to_string(impl_->port_);
}

void Server::Wait() {
  std::unique_lock<std::mutex> lock(impl_->mu_);
  if (!impl_->started_) return;
  impl_->cv_.wait(lock, [this] { return impl_->finished_; });
}

void Server::Stop() {
  Impl& impl = *impl_;
  std::lock_guard<std::mutex> guard(impl.stop_mu_);
  if (!impl.started_ || impl.joined_) return;
  net::post(impl.ioc_, [&impl] {
    impl.core_->Shutdown();
    if (impl.signals_) impl.signals_->cancel();
    impl.ioc_.stop();
  });
  impl.thread_.join();
  impl.joined_ = true;
}

}  // namespace loadlaw::sim
