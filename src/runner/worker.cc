// The worker loop: launch what is due, wait on the sockets until the next
// start (or level boundary), account for what finished.

#include <algorithm>

#include "runner/worker_internal.h"

namespace loadlaw::runner::internal {
namespace {

using std::chrono::nanoseconds;

// Longest wait without looking at the cancel flag and the records buffer.
constexpr nanoseconds kHousekeeping = std::chrono::milliseconds(50);
// Most requests started in one turn of the loop: thousands of users due at
// once are started a batch at a time, with answers read and the clock looked
// at in between (starting 15,000 at once took a second; 100,000, twelve).
constexpr std::size_t kStartsPerTurn = 256;
constexpr nanoseconds kFlushInterval = std::chrono::milliseconds(250);
constexpr std::size_t kFlushBytes = 256 * 1024;

// Connections kept idle per worker: enough for every user to reuse its own.
long IdleConnectionCache(const RunOptions& options) {
  long most = 64;
  for (const LoadLevel& level : options.levels) {
    most = std::max<long>(most, level.concurrency + 16);
  }
  if (options.loop == telemetry::LoopKind::kOpen) most = std::max<long>(most, 4096);
  return most;
}

std::uint64_t SeedOf(const RunOptions& options, int index) {
  return options.seed * 0x9E3779B97F4A7C15ULL +
         static_cast<std::uint64_t>(index);
}

}  // namespace

Worker::Worker(RunShared* shared, int index)
    : shared_(shared),
      options_(*shared->options),
      index_(index),
      builder_(*shared->options, shared->api_key),
      pacer_(shared->options->workload, shared->options->loop,
             SeedOf(*shared->options, index),
             static_cast<std::uint64_t>(index) << 48, shared->options->arrival,
             shared->options->burstiness),
      loop_(IdleConnectionCache(*shared->options),
            shared->options->http_version == HttpVersion::kHttp2,
            [this](CURL* easy, CURLcode result) {
              OnDone(RequestContext::FromEasy(easy), result, std::nullopt);
            }) {
  if (shared->native_target) {
    native_ = std::make_unique<NativeHttp>(
        &*shared->native_target, &shared->transport, &loop_,
        [this](RequestContext* ctx, CURLcode result, nanoseconds t_done) {
          OnDone(ctx, result, t_done);
        });
  }
}

Worker::~Worker() {
  for (RequestContext* ctx : active_) Stop(ctx);
}

void Worker::Transmit(RequestContext* ctx) {
  if (native_) {
    native_->Start(ctx);
  } else {
    loop_.Add(ctx->easy());
  }
}

void Worker::Stop(RequestContext* ctx) {
  if (native_) {
    native_->Abort(ctx);
  } else {
    loop_.Remove(ctx->easy());
  }
}

nanoseconds Worker::Now() const {
  return shared_->transport.clock->Now() - shared_->transport.origin;
}

Worker::Share Worker::ShareOf(const LoadLevel& level) const {
  const int n = shared_->worker_count;
  Share share;
  share.users =
      level.concurrency / n + (index_ < level.concurrency % n ? 1 : 0);
  share.rate_rps = level.rate_rps / n;
  if (options_.max_in_flight > 0) {
    share.max_in_flight = std::max(
        1, options_.max_in_flight / n + (index_ < options_.max_in_flight % n));
  }
  share.phase = static_cast<double>(index_) / n;
  return share;
}

void Worker::Run() {
  try {
    for (int level = 0; level < static_cast<int>(shared_->levels.size());
         ++level) {
      RunLevel(level);
      if (cancelled_) break;
    }
    pacer_.Stop();
    AbortInFlight();
    FlushRecords(true);
  } catch (...) {
    error_ = std::current_exception();
    shared_->stop.store(true);
    // Hand over empty levels so that the coordinator does not wait forever.
    for (int level = delivered_;
         level < static_cast<int>(shared_->levels.size()); ++level) {
      shared_->Deliver(level, nullptr, nanoseconds(0), true);
    }
  }
  shared_->WorkerDone();
}

void Worker::RunLevel(int level) {
  const LevelPlan& plan = shared_->levels[static_cast<std::size_t>(level)];
  level_ = level;
  counters_.level.store(level, std::memory_order_relaxed);
  counters_.completed.store(0, std::memory_order_relaxed);
  counters_.errors.store(0, std::memory_order_relaxed);
  recorder_ = std::make_unique<telemetry::WindowRecorder>(
      plan.start, plan.window_start, plan.window_end, options_.slo,
      SampleSeed(options_.seed, level, index_));
  const Share share = ShareOf(plan.level);
  pacer_.BeginLevel(share.users, share.rate_rps, share.max_in_flight, Now(),
                    share.phase, std::min(options_.ramp_up, plan.level.warmup));
  nanoseconds end = plan.window_end;
  while (true) {
    const nanoseconds now = Now();
    if (shared_->ShouldStop()) {
      cancelled_ = true;
      end = std::min(now, plan.window_end);
      break;
    }
    if (now >= plan.window_end) break;
    if (plan.by_count() && pacer_.stopped() && pacer_.in_flight() == 0) {
      end = last_measured_done_;
      break;
    }
    Resend();
    Launch(now, plan);
    const nanoseconds next =
        std::min({pacer_.NextDue(), plan.window_end, now + kHousekeeping});
    loop_.Wait(next - Now());
    if (native_) native_->CheckTimeouts();
    FlushRecords(false);
  }
  const nanoseconds busy_end = std::min(Now(), plan.window_end);
  for (RequestContext* ctx : active_) {
    recorder_->AddBusy(ctx->busy_from, busy_end);
    ctx->busy_from = busy_end;
  }
  shared_->Deliver(level, std::move(recorder_), end, cancelled_);
  delivered_ = level + 1;
}

void Worker::Launch(nanoseconds now, const LevelPlan& plan) {
  due_.clear();
  pacer_.TakeDue(now, &due_, kStartsPerTurn);
  for (const Start& start : due_) {
    bool measured = false;
    if (plan.by_count() && now >= plan.window_start) {
      if (shared_->tickets.fetch_sub(1, std::memory_order_relaxed) <= 0) {
        pacer_.Drop(start);
        pacer_.Stop();
        continue;
      }
      measured = true;
    }
    Send(start, measured);
  }
}

void Worker::Send(const Start& start, bool measured) {
  RequestContext* ctx = Acquire();
  workload::Session* session = start.session;
  const workload::Turn turn = session->NextTurn(pacer_.rng());
  ++seq_;
  ctx->Prepare(builder_.Build(session->scenario_index(), turn, seq_));
  ctx->start() = start;
  ctx->measured = measured;
  telemetry::RequestRecord& r = ctx->record();
  r.id = (static_cast<std::uint64_t>(index_) << 48) | seq_;
  r.level = level_ + options_.level_index_offset;
  r.open_loop = options_.loop == telemetry::LoopKind::kOpen;
  r.scenario = session->scenario_index();
  r.session = session->id();
  r.turn = turn.index;
  r.last_turn = turn.last;
  r.t_sched = start.t_sched;
  r.t_send = Now();
  ctx->busy_from = r.t_send;
  ctx->active_index = active_.size();
  active_.push_back(ctx);
  counters_.in_flight.fetch_add(1, std::memory_order_relaxed);
  Transmit(ctx);  // may finish (and release) ctx at once
}

telemetry::Phase Worker::PhaseOf(const telemetry::RequestRecord& r,
                                 bool measured) const {
  const LevelPlan& plan = shared_->levels[static_cast<std::size_t>(level_)];
  if (plan.by_count()) {
    return measured ? telemetry::Phase::kMeasure : telemetry::Phase::kWarmup;
  }
  if (r.t_done < plan.window_start) return telemetry::Phase::kWarmup;
  if (r.t_done < plan.window_end) return telemetry::Phase::kMeasure;
  return telemetry::Phase::kDrain;
}

void Worker::OnDone(RequestContext* ctx, CURLcode result,
                    std::optional<nanoseconds> t_done) {
  if (ctx->RetryOnFreshConnection(result)) {
    // Not from inside the loop's report of finished transfers: from RunLevel.
    resend_.push_back(ctx);
    return;
  }
  const nanoseconds now = Now();
  // A kernel receive time is never after now, nor before the send.
  ctx->Finish(result, t_done ? std::clamp(*t_done, ctx->record().t_send, now)
                             : now);
  telemetry::RequestRecord& r = ctx->record();
  r.phase = PhaseOf(r, ctx->measured);
  recorder_->Add(r);
  recorder_->AddBusy(ctx->busy_from, r.t_done);
  if (r.phase == telemetry::Phase::kMeasure) {
    last_measured_done_ = std::max(last_measured_done_, r.t_done);
  }
  Outcome outcome;
  outcome.ok = r.ok();
  outcome.reply = ctx->reply_text();
  if (r.error == telemetry::ErrorClass::kHttp429 &&
      options_.honor_retry_after) {
    if (ctx->retry_after()) {
      outcome.retry_after =
          std::min(*ctx->retry_after(), options_.max_retry_after);
    } else {
      outcome.back_off = true;
    }
  }
  outcome.back_off =
      outcome.back_off || r.error == telemetry::ErrorClass::kConnect;
  const std::optional<SessionEnd> ended =
      pacer_.OnFinished(ctx->start(), outcome, now);
  if (ended && r.phase == telemetry::Phase::kMeasure) {
    recorder_->AddSession(ended->succeeded);
  }
  (r.ok() ? counters_.completed : counters_.errors)
      .fetch_add(1, std::memory_order_relaxed);
  counters_.output_tokens.fetch_add(static_cast<std::uint64_t>(r.output_tokens),
                                    std::memory_order_relaxed);
  shared_->connections.fetch_add(static_cast<std::uint64_t>(ctx->connects()),
                                 std::memory_order_relaxed);
  if (shared_->records) {
    const auto& scenarios = options_.workload.scenarios;
    AppendRecordJson(r, scenarios[static_cast<std::size_t>(r.scenario)].name,
                     false, &record_buffer_);
  }
  Release(ctx);
}

void Worker::Resend() {
  std::vector<RequestContext*> pending;
  pending.swap(resend_);
  for (RequestContext* ctx : pending) Transmit(ctx);
}

void Worker::AbortInFlight() {
  Resend();  // every active request in the loop, so that Remove matches
  const nanoseconds now = Now();
  while (!active_.empty()) {
    RequestContext* ctx = active_.back();
    Stop(ctx);
    telemetry::RequestRecord& r = ctx->record();
    r.t_done = now;
    r.phase = telemetry::Phase::kDrain;
    r.error_message = "aborted at the end of the run";
    if (shared_->records) {
      const auto& scenarios = options_.workload.scenarios;
      AppendRecordJson(r, scenarios[static_cast<std::size_t>(r.scenario)].name,
                       true, &record_buffer_);
    }
    pacer_.Drop(ctx->start());
    shared_->aborted.fetch_add(1, std::memory_order_relaxed);
    Release(ctx);
  }
}

void Worker::FlushRecords(bool force) {
  if (!shared_->records || record_buffer_.empty()) return;
  const nanoseconds now = Now();
  if (!force && record_buffer_.size() < kFlushBytes &&
      now - last_flush_ < kFlushInterval) {
    return;
  }
  // A write that fails (a full disk) ends the run: what it measured is kept,
  // and the result says why the records stop there (RunResult).
  if (!shared_->records->Append(record_buffer_)) shared_->stop.store(true);
  record_buffer_.clear();
  last_flush_ = now;
}

RequestContext* Worker::Acquire() {
  if (free_.empty()) {
    contexts_.push_back(std::make_unique<RequestContext>(&shared_->transport,
                                                         native_ != nullptr));
    free_.push_back(contexts_.back().get());
  }
  RequestContext* ctx = free_.back();
  free_.pop_back();
  return ctx;
}

void Worker::Release(RequestContext* ctx) {
  // Swap-remove from the active list.
  const std::size_t i = ctx->active_index;
  if (i < active_.size() && active_[i] == ctx) {
    active_[i] = active_.back();
    active_[i]->active_index = i;
    active_.pop_back();
    counters_.in_flight.fetch_sub(1, std::memory_order_relaxed);
  }
  free_.push_back(ctx);
}

}  // namespace loadlaw::runner::internal
