// From the load options as written to RunOptions (load_spec.h).

#include "loadlaw/runner/load_spec.h"

#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "loadlaw/base/clock.h"
#include "loadlaw/base/file.h"
#include "loadlaw/workload/duration.h"
#include "loadlaw/workload/workload.h"

namespace loadlaw::runner {
namespace {

std::string Name(const LoadSpec& spec, std::string_view key) {
  return base::FieldName(spec.naming, key);
}

// Throws "<option>: <problem>" unless `problem` is empty.
void Check(const LoadSpec& spec, std::string_view key,
           const std::string& problem) {
  if (!problem.empty()) {
    throw std::invalid_argument(Name(spec, key) + ": " + problem);
  }
}

workload::Workload Synthetic(const LoadSpec& spec) {
  try {
    return workload::SyntheticWorkload(spec.prompt_tokens.value_or(128),
                                       spec.max_tokens.value_or(64));
  } catch (const std::invalid_argument& e) {
    // Its message starts with the option's keyword.
    const std::string what = e.what();
    const std::size_t colon = what.find(':');
    throw std::invalid_argument(Name(spec, what.substr(0, colon)) +
                                what.substr(colon));
  }
}

workload::Workload BuildWorkload(const LoadSpec& spec) {
  if (!spec.workload.empty()) {
    const char* synthetic_only = spec.prompt_tokens ? "prompt_tokens"
                                 : spec.max_tokens  ? "max_tokens"
                                 : spec.api         ? "api"
                                                    : nullptr;
    if (synthetic_only != nullptr) {
      throw std::invalid_argument(
          Name(spec, synthetic_only) + ": only for the synthetic workload (no " +
          Name(spec, "workload") + ")");
    }
    return workload::LoadWorkloadFile(spec.workload);
  }
  workload::Workload w = Synthetic(spec);
  const std::string api = spec.api.value_or("chat");
  if (api == "completions") {
    w.scenarios[0].api = workload::Api::kCompletions;
  } else if (api != "chat") {
    throw std::invalid_argument(Name(spec, "api") + ": '" + api +
                                "' is not one of chat, completions");
  }
  return w;
}

std::optional<double> SloSeconds(const LoadSpec& spec, const std::string& text,
                                 std::string_view key) {
  if (text.empty()) return std::nullopt;
  return base::ToSeconds(workload::ParseDuration(text, Name(spec, key)));
}

}  // namespace

RunOptions BuildRunOptions(const LoadSpec& spec, telemetry::LoopKind loop) {
  RunOptions o;
  o.target_url = spec.target;
  o.workload = BuildWorkload(spec);
  if (!spec.stream) {
    for (workload::Scenario& s : o.workload.scenarios) s.stream = false;
  }
  if (!spec.think_time.empty()) {
    o.workload.think_time_s =
        workload::ParseDelaySpec(spec.think_time, Name(spec, "think_time"));
  }
  o.model = spec.model;
  o.loop = loop;
  o.arrival = workload::ParseArrivalKind(spec.arrival, Name(spec, "arrival"));
  Check(spec, "burstiness", BurstinessProblem(spec.burstiness));
  o.burstiness = spec.burstiness;
  if (spec.max_in_flight != 0) {
    Check(spec, "max_in_flight", ConcurrencyProblem(spec.max_in_flight));
  }
  o.max_in_flight = spec.max_in_flight;
  o.threads = spec.threads;
  if (!spec.ramp_up.empty()) {
    o.ramp_up = workload::ParseDuration(spec.ramp_up, Name(spec, "ramp_up"));
  }
  if (spec.api_key_env) {
    if (std::getenv(spec.api_key_env->c_str()) == nullptr) {
      throw std::invalid_argument(Name(spec, "api_key_env") +
                                  ": environment variable " +
                                  *spec.api_key_env + " is not set");
    }
    o.api_key_env = *spec.api_key_env;
  }
  o.verify_tls = spec.verify_tls;
  o.http_version = spec.http2 ? HttpVersion::kHttp2 : HttpVersion::kHttp1_1;
  o.transport = ParseTransport(spec.transport, Name(spec, "transport"));
  o.request_timeout =
      workload::ParseDuration(spec.timeout, Name(spec, "timeout"));
  o.connect_timeout = workload::ParseDuration(spec.connect_timeout,
                                              Name(spec, "connect_timeout"));
  Check(spec, "max_response_bytes",
        ResponseBytesProblem(spec.max_response_bytes));
  o.max_response_bytes = spec.max_response_bytes;
  o.honor_retry_after = spec.honor_retry_after;
  o.seed = spec.seed;
  o.slo.ttft_s = SloSeconds(spec, spec.slo_ttft, "slo_ttft");
  o.slo.tpot_s = SloSeconds(spec, spec.slo_tpot, "slo_tpot");
  o.slo.e2e_s = SloSeconds(spec, spec.slo_e2e, "slo_e2e");
  return o;
}

RunOptions BuildRun(const LoadSpec& spec, const LevelSpec& level,
                    const std::string& records_path) {
  const base::Naming n = spec.naming;
  if ((level.concurrency > 0) == (level.rate_rps > 0)) {
    throw std::invalid_argument(
        "give exactly one of " + base::FieldExample(n, "concurrency", "N") +
        " or " + base::FieldExample(n, "rate", "R"));
  }
  if (level.duration.empty() == (level.requests == 0)) {
    throw std::invalid_argument(
        "give exactly one of " + base::FieldExample(n, "duration", "60s") +
        " or " + base::FieldExample(n, "requests", "M"));
  }
  if (level.concurrency > 0) {
    Check(spec, "concurrency", ConcurrencyProblem(level.concurrency));
  } else {
    Check(spec, "rate", RateProblem(level.rate_rps));
  }
  LoadLevel l;
  l.concurrency = level.concurrency;
  l.rate_rps = level.rate_rps;
  l.warmup = workload::ParseDuration(level.warmup, Name(spec, "warmup"));
  if (!level.duration.empty()) {
    l.duration = workload::ParseDuration(level.duration, Name(spec, "duration"));
    if (l.duration.count() == 0) {
      throw std::invalid_argument(Name(spec, "duration") + ": must be > 0");
    }
  }
  l.requests = level.requests;
  RunOptions o = BuildRunOptions(spec, level.rate_rps > 0
                                           ? telemetry::LoopKind::kOpen
                                           : telemetry::LoopKind::kClosed);
  o.levels = {l};
  o.records_path = records_path;
  std::string why;
  if (!o.IsValid(&why)) throw std::invalid_argument(why);
  return o;
}

std::string WorkloadIdentity(const LoadSpec& spec) {
  std::ostringstream s;
  if (!spec.workload.empty()) {
    s << base::ReadTextFile(spec.workload, workload::kMaxWorkloadFileBytes);
  } else {
    s << "synthetic api=" << spec.api.value_or("chat")
      << " prompt_tokens=" << spec.prompt_tokens.value_or(128)
      << " max_tokens=" << spec.max_tokens.value_or(64);
  }
  const std::string think =
      spec.think_time.empty()
          ? ""
          : workload::DelaySpecText(workload::ParseDelaySpec(
                spec.think_time, Name(spec, "think_time")));
  s << " stream=" << spec.stream << " think=" << think;
  return s.str();
}

}  // namespace loadlaw::runner
