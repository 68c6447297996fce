// Validation of run options.

#include "loadlaw/runner/run_options.h"

#include <sys/resource.h>

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "loadlaw/base/format.h"
#include "loadlaw/base/redact.h"

namespace loadlaw::runner {
namespace {

bool Invalid(std::string* why, const std::string& message) {
  if (why != nullptr) *why = message;
  return false;
}

// Sockets a run keeps for itself besides its users' (files, epoll, DNS).
constexpr std::int64_t kReservedFiles = 64;

bool LevelIsValid(const RunOptions& o, std::size_t i, std::string* why) {
  const LoadLevel& l = o.levels[i];
  const std::string name = "levels[" + std::to_string(i) + "]";
  if (o.loop == telemetry::LoopKind::kClosed) {
    const std::string problem = ConcurrencyProblem(l.concurrency);
    if (!problem.empty()) {
      return Invalid(why, name + ".concurrency: " + problem);
    }
  }
  if (o.loop == telemetry::LoopKind::kOpen) {
    const std::string problem = RateProblem(l.rate_rps);
    if (!problem.empty()) return Invalid(why, name + ".rate_rps: " + problem);
  }
  if (l.warmup.count() < 0) return Invalid(why, name + ".warmup: must be >= 0");
  if (l.requests < 0) return Invalid(why, name + ".requests: must be >= 0");
  if ((l.duration.count() > 0) == (l.requests > 0)) {
    return Invalid(
        why, name + ": needs exactly one of duration > 0 or requests > 0");
  }
  if (l.requests > 0 && o.levels.size() > 1) {
    return Invalid(why,
                   name + ".requests: only single-level runs stop by count");
  }
  return true;
}

bool TransportIsValid(const RunOptions& o, std::string* why) {
  if (o.threads < 1 || o.threads > 256) {
    return Invalid(
        why, "threads: must be in [1, 256], got " + std::to_string(o.threads));
  }
  if (o.max_in_flight < 0) return Invalid(why, "max_in_flight: must be >= 0");
  if (o.max_in_flight > 0 && !ConcurrencyProblem(o.max_in_flight).empty()) {
    return Invalid(why,
                   "max_in_flight: " + ConcurrencyProblem(o.max_in_flight));
  }
  if (o.ramp_up.count() < 0) return Invalid(why, "ramp_up: must be >= 0");
  if (!BurstinessProblem(o.burstiness).empty()) {
    return Invalid(why, "burstiness: " + BurstinessProblem(o.burstiness));
  }
  if (o.connect_timeout.count() <= 0 || o.request_timeout.count() <= 0) {
    return Invalid(why, "connect_timeout and request_timeout: must be > 0");
  }
  if (!ResponseBytesProblem(o.max_response_bytes).empty()) {
    return Invalid(why, "max_response_bytes: " +
                            ResponseBytesProblem(o.max_response_bytes));
  }
  if (o.max_retry_after.count() < 0)
    return Invalid(why, "max_retry_after: must be >= 0");
  if (o.transport == Transport::kNative) {
    if (o.target_url.rfind("http://", 0) != 0) {
      return Invalid(why,
                     "transport: native serves http:// targets only (libcurl "
                     "does https), got '" +
                         base::RedactUrl(o.target_url) + "'");
    }
    if (o.http_version != HttpVersion::kHttp1_1) {
      return Invalid(why, "transport: native speaks HTTP/1.1 only");
    }
  }
  return true;
}

}  // namespace

std::string ConcurrencyProblem(std::int64_t users) {
  if (users < 1 || users > kMaxConcurrency) {
    return "must be in [1, " + std::to_string(kMaxConcurrency) + "], got " +
           std::to_string(users);
  }
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 &&
      limit.rlim_max != RLIM_INFINITY &&
      users + kReservedFiles > static_cast<std::int64_t>(limit.rlim_max)) {
    return std::to_string(users) +
           " users need as many sockets, and this process may open " +
           std::to_string(limit.rlim_max) +
           " files (ulimit -n): use fewer users, or raise the limit";
  }
  return "";
}

std::string RateProblem(double rate_rps) {
  if (rate_rps >= kMinRateRps && rate_rps <= kMaxRateRps) return "";
  return "must be in [" + base::FormatNumber(kMinRateRps) + ", " +
         std::to_string(static_cast<std::int64_t>(kMaxRateRps)) +
         "] arrivals per second, got " + base::FormatNumber(rate_rps);
}

std::string BurstinessProblem(double burstiness) {
  if (burstiness >= 0.01 && burstiness <= 100) return "";
  return "must be in [0.01, 100], got " + base::FormatNumber(burstiness);
}

std::string ResponseBytesProblem(std::int64_t bytes) {
  if (bytes >= 1 && bytes <= kMaxResponseBytesLimit) return "";
  return "must be in [1, " + std::to_string(kMaxResponseBytesLimit) +
         "] bytes, got " + std::to_string(bytes);
}

std::string_view TransportName(Transport t) {
  switch (t) {
    case Transport::kCurl:
      return "curl";
    case Transport::kNative:
      return "native";
    case Transport::kAuto:
      break;
  }
  return "auto";
}

Transport ParseTransport(std::string_view text, std::string_view field) {
  for (Transport t : {Transport::kAuto, Transport::kNative, Transport::kCurl}) {
    if (text == TransportName(t)) return t;
  }
  throw std::invalid_argument(std::string(field) +
                              ": expected auto, native or curl, got '" +
                              std::string(text) + "'");
}

bool RunOptions::IsValid(std::string* why) const {
  const bool http = target_url.rfind("http://", 0) == 0 ||
                    target_url.rfind("https://", 0) == 0;
  if (!http) {
    return Invalid(why,
                   "target_url: must start with http:// or https://, got '" +
                       base::RedactUrl(target_url) + "'");
  }
  if (workload.scenarios.empty()) return Invalid(why, "workload: no scenario");
  if (levels.empty())
    return Invalid(why, "levels: at least one level is needed");
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (!LevelIsValid(*this, i, why)) return false;
  }
  if (api_key_env.find('=') != std::string::npos) {
    return Invalid(why, "api_key_env: not a variable name: " + api_key_env);
  }
  return TransportIsValid(*this, why);
}

}  // namespace loadlaw::runner
