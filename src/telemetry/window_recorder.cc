// Aggregation of request records into the summary of one measurement window
// (the metric definitions of docs/metrics.md).

#include "loadlaw/telemetry/window_recorder.h"

#include <algorithm>

#include "loadlaw/base/clock.h"

namespace loadlaw::telemetry {
namespace {

std::size_t ErrorIndex(ErrorClass error) {
  return static_cast<std::size_t>(error) - 1;
}

// TPOT of a completion in seconds, when it has at least 2 output tokens.
std::optional<double> TpotSeconds(const RequestRecord& r) {
  if (r.output_tokens < 2 || !r.t_first || !r.t_last) return std::nullopt;
  return base::ToSeconds(*r.t_last - *r.t_first) /
         static_cast<double>(r.output_tokens - 1);
}

}  // namespace

bool SloSpec::IsMet(const RequestRecord& r) const {
  if (ttft_s) {
    if (!r.t_first || base::ToSeconds(*r.t_first - r.t_send) > *ttft_s) return false;
  }
  if (tpot_s) {
    const std::optional<double> tpot = TpotSeconds(r);
    if (tpot && *tpot > *tpot_s) return false;
  }
  if (e2e_s && base::ToSeconds(r.t_done - r.t_send) > *e2e_s) return false;
  return true;
}

const ErrorTally& WindowSummary::Error(ErrorClass error) const {
  return errors[ErrorIndex(error)];
}

WindowRecorder::WindowRecorder(std::chrono::nanoseconds level_start,
                               std::chrono::nanoseconds window_start,
                               std::chrono::nanoseconds window_end, SloSpec slo,
                               std::uint64_t sample_seed)
    : window_start_(window_start),
      window_end_(window_end),
      slo_(slo),
      series_(level_start),
      samples_(sample_seed) {}

void WindowRecorder::Add(const RequestRecord& r) {
  series_.AddRequest(r);
  if (r.phase != Phase::kMeasure) return;
  ++finished_;
  input_tokens_total_ += r.input_tokens;
  output_tokens_total_ += r.output_tokens;
  if (r.open_loop) {
    open_loop_ = true;
    lag_.Record(base::ToSeconds(r.t_send - r.t_sched));
  }
  if (r.ok()) {
    AddCompletion(r);
    return;
  }
  ErrorTally& tally = errors_[ErrorIndex(r.error)];
  if (tally.count++ == 0) tally.sample = r.error_message;
}

void WindowRecorder::AddCompletion(const RequestRecord& r) {
  ++completed_;
  samples_.Add(SampleOf(r, window_start_));
  e2e_.Record(base::ToSeconds(r.t_done - r.t_send));
  if (r.t_first) ttft_.Record(base::ToSeconds(*r.t_first - r.t_send));
  if (const std::optional<double> tpot = TpotSeconds(r)) tpot_.Record(*tpot);
  for (std::chrono::nanoseconds gap : r.chunk_gaps) itl_.Record(base::ToSeconds(gap));
  if (r.open_loop) {
    e2e_sched_.Record(base::ToSeconds(r.t_done - r.t_sched));
    if (r.t_first) ttft_sched_.Record(base::ToSeconds(*r.t_first - r.t_sched));
  }
  if (r.input_tokens > 0)
    input_tokens_.Record(static_cast<double>(r.input_tokens));
  output_tokens_.Record(static_cast<double>(r.output_tokens));
  if (r.output_tokens_source == TokenSource::kChunks) ++tokens_from_chunks_;
  if (slo_.IsMet(r)) ++good_;
}

void WindowRecorder::AddBusy(std::chrono::nanoseconds begin,
                             std::chrono::nanoseconds end) {
  if (end <= begin) return;
  series_.AddBusy(begin, end);
  const std::chrono::nanoseconds from = std::max(begin, window_start_);
  const std::chrono::nanoseconds to = std::min(end, window_end_);
  if (to > from) busy_ns_ += (to - from).count();
}

void WindowRecorder::AddSession(bool succeeded) {
  ++sessions_finished_;
  if (succeeded) ++sessions_succeeded_;
}

void WindowRecorder::Merge(const WindowRecorder& o) {
  samples_.Merge(o.samples_);
  ttft_.Merge(o.ttft_);
  tpot_.Merge(o.tpot_);
  itl_.Merge(o.itl_);
  e2e_.Merge(o.e2e_);
  ttft_sched_.Merge(o.ttft_sched_);
  e2e_sched_.Merge(o.e2e_sched_);
  lag_.Merge(o.lag_);
  input_tokens_.Merge(o.input_tokens_);
  output_tokens_.Merge(o.output_tokens_);
  finished_ += o.finished_;
  completed_ += o.completed_;
  good_ += o.good_;
  tokens_from_chunks_ += o.tokens_from_chunks_;
  input_tokens_total_ += o.input_tokens_total_;
  output_tokens_total_ += o.output_tokens_total_;
  busy_ns_ += o.busy_ns_;
  open_loop_ = open_loop_ || o.open_loop_;
  for (std::size_t i = 0; i < errors_.size(); ++i) {
    if (errors_[i].count == 0) errors_[i].sample = o.errors_[i].sample;
    errors_[i].count += o.errors_[i].count;
  }
  sessions_finished_ += o.sessions_finished_;
  sessions_succeeded_ += o.sessions_succeeded_;
  series_.Merge(o.series_);
}

WindowSummary WindowRecorder::Summarize(
    std::chrono::nanoseconds actual_end) const {
  WindowSummary s;
  const double window_s = std::max(0.0, base::ToSeconds(actual_end - window_start_));
  s.window_s = window_s;
  s.open_loop = open_loop_;
  s.finished = finished_;
  s.completed = completed_;
  s.failed = finished_ - completed_;
  s.ttft = telemetry::Summarize(ttft_);
  s.tpot = telemetry::Summarize(tpot_);
  s.itl = telemetry::Summarize(itl_);
  s.e2e = telemetry::Summarize(e2e_);
  s.ttft_sched = telemetry::Summarize(ttft_sched_);
  s.e2e_sched = telemetry::Summarize(e2e_sched_);
  s.schedule_lag = telemetry::Summarize(lag_);
  s.input_tokens = telemetry::Summarize(input_tokens_);
  s.output_tokens = telemetry::Summarize(output_tokens_);
  s.good_completions = good_;
  s.errors = errors_;
  s.input_tokens_total = input_tokens_total_;
  s.output_tokens_total = output_tokens_total_;
  s.tokens_from_chunks = tokens_from_chunks_;
  s.sessions_finished = sessions_finished_;
  s.sessions_succeeded = sessions_succeeded_;
  if (sessions_finished_ > 0) {
    s.session_success_rate =
        static_cast<double>(sessions_succeeded_) / sessions_finished_;
  }
  if (window_s > 0) {
    s.requests_per_s = completed_ / window_s;
    s.output_tokens_per_s = output_tokens_total_ / window_s;
    s.input_tokens_per_s = input_tokens_total_ / window_s;
    s.goodput_rps = good_ / window_s;
    s.achieved_concurrency = busy_ns_ / 1e9 / window_s;
  }
  s.time_series = series_.Points();
  return s;
}

}  // namespace loadlaw::telemetry
