// Request samples and their reservoir (request_sample.h).

#include "loadlaw/telemetry/request_sample.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "loadlaw/base/clock.h"

namespace loadlaw::telemetry {
namespace {

using nlohmann::json;

// A uniform integer in [0, n) from one draw (multiply and shift: the same on
// every platform, unlike std::uniform_int_distribution).
std::uint64_t Draw(std::mt19937_64& rng, std::uint64_t n) {
  return static_cast<std::uint64_t>(
      (static_cast<unsigned __int128>(rng()) * n) >> 64);
}

// `count` elements of `from`, chosen uniformly without replacement.
void TakeRandom(std::vector<RequestSample> from, std::size_t count,
                std::mt19937_64& rng, std::vector<RequestSample>* out) {
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t j = i + Draw(rng, from.size() - i);
    std::swap(from[i], from[j]);
    out->push_back(from[i]);
  }
}

}  // namespace

RequestSample SampleOf(const RequestRecord& r,
                       std::chrono::nanoseconds window_start) {
  RequestSample s;
  s.t_send_s = base::ToSeconds(r.t_send - window_start);
  s.input_tokens = r.input_tokens;
  s.output_tokens = r.output_tokens;
  if (r.t_first) s.ttft_s = base::ToSeconds(*r.t_first - r.t_send);
  s.e2e_s = base::ToSeconds(r.t_done - r.t_send);
  if (r.output_tokens >= 2 && r.t_first && r.t_last) {
    s.tpot_s = base::ToSeconds(*r.t_last - *r.t_first) /
               static_cast<double>(r.output_tokens - 1);
  }
  if (!r.chunk_gaps.empty()) {
    s.itl_max_s = base::ToSeconds(
        *std::max_element(r.chunk_gaps.begin(), r.chunk_gaps.end()));
    std::vector<std::chrono::nanoseconds> gaps = r.chunk_gaps;
    const std::size_t mid = gaps.size() / 2;
    std::nth_element(gaps.begin(), gaps.begin() + mid, gaps.end());
    double median = base::ToSeconds(gaps[mid]);
    if (gaps.size() % 2 == 0) {
      median = 0.5 * (median + base::ToSeconds(*std::max_element(
                                   gaps.begin(), gaps.begin() + mid)));
    }
    s.itl_median_s = median;
  }
  s.scenario = r.scenario;
  s.turn = r.turn;
  return s;
}

RequestReservoir::RequestReservoir(std::uint64_t seed, std::size_t capacity)
    : capacity_(capacity), rng_(seed) {}

void RequestReservoir::Add(const RequestSample& sample) {
  ++seen_;
  if (samples_.size() < capacity_) {
    samples_.push_back(sample);
    return;
  }
  const std::uint64_t i = Draw(rng_, seen_);
  if (i < capacity_) samples_[i] = sample;
}

void RequestReservoir::Merge(const RequestReservoir& other) {
  if (other.seen_ == 0) return;
  if (seen_ == 0) {
    seen_ = other.seen_;
    samples_ = other.samples_;
    return;
  }
  const std::uint64_t total = seen_ + other.seen_;
  const std::size_t keep =
      static_cast<std::size_t>(std::min<std::uint64_t>(total, capacity_));
  // How many of `keep` draws without replacement from the union come from
  // this side: sequential draws of the hypergeometric distribution.
  std::uint64_t mine = seen_, theirs = other.seen_;
  std::size_t from_mine = 0;
  for (std::size_t k = 0; k < keep; ++k) {
    if (Draw(rng_, mine + theirs) < mine) {
      ++from_mine;
      --mine;
    } else {
      --theirs;
    }
  }
  std::vector<RequestSample> merged;
  merged.reserve(keep);
  TakeRandom(std::move(samples_), from_mine, rng_, &merged);
  TakeRandom(other.samples_, keep - from_mine, rng_, &merged);
  samples_ = std::move(merged);
  seen_ = total;
}

json RequestSamplesToJson(const std::vector<RequestSample>& samples) {
  json t = json::array(), in = json::array(), out = json::array(),
       ttft = json::array(), e2e = json::array(), tpot = json::array(),
       itl = json::array(), itl_median = json::array(),
       scenario = json::array(), turn = json::array();
  for (const RequestSample& s : samples) {
    t.push_back(s.t_send_s);
    in.push_back(s.input_tokens);
    out.push_back(s.output_tokens);
    ttft.push_back(base::NumberJson(s.ttft_s));
    e2e.push_back(s.e2e_s);
    tpot.push_back(base::NumberJson(s.tpot_s));
    itl.push_back(base::NumberJson(s.itl_max_s));
    itl_median.push_back(base::NumberJson(s.itl_median_s));
    scenario.push_back(s.scenario);
    turn.push_back(s.turn);
  }
  return {{"t_send_s", t},   {"input_tokens", in}, {"output_tokens", out},
          {"ttft_s", ttft},  {"e2e_s", e2e},       {"tpot_s", tpot},
          {"itl_max_s", itl}, {"itl_median_s", itl_median},
          {"scenario", scenario}, {"turn", turn}};
}

std::vector<RequestSample> RequestSamplesFromJson(const base::JsonNode& j) {
  const std::vector<double> t = j["t_send_s"].Numbers();
  const base::JsonNode in = j["input_tokens"], out = j["output_tokens"],
                       ttft = j["ttft_s"], e2e = j["e2e_s"], tpot = j["tpot_s"],
                       itl = j["itl_max_s"], scenario = j["scenario"],
                       turn = j["turn"];
  // Samples written before the median gap was recorded lack it.
  const std::optional<base::JsonNode> itl_median = j.Find("itl_median_s");
  for (const base::JsonNode* column :
       {&in, &out, &ttft, &e2e, &tpot, &itl, &scenario, &turn}) {
    if (column->Size() != t.size()) {
      column->Fail("has " + std::to_string(column->Size()) +
                   " values, t_send_s has " + std::to_string(t.size()));
    }
  }
  if (itl_median && itl_median->Size() != t.size()) {
    itl_median->Fail("has " + std::to_string(itl_median->Size()) +
                     " values, t_send_s has " + std::to_string(t.size()));
  }
  std::vector<RequestSample> samples(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    RequestSample& s = samples[i];
    s.t_send_s = t[i];
    s.input_tokens = in.At(i).Integer(0);
    s.output_tokens = out.At(i).Integer(0);
    s.ttft_s = ttft.At(i).NumberOrNonFinite();
    s.e2e_s = e2e.At(i).Number();
    s.tpot_s = tpot.At(i).NumberOrNonFinite();
    s.itl_max_s = itl.At(i).NumberOrNonFinite();
    if (itl_median) s.itl_median_s = itl_median->At(i).NumberOrNonFinite();
    s.scenario = scenario.At(i).Int();
    s.turn = turn.At(i).Int();
  }
  return samples;
}

}  // namespace loadlaw::telemetry
