// A sweep as written -> SweepOptions, and the log line of a level (sweep.h).

#include <cstdio>
#include <stdexcept>

#include "loadlaw/sweep/sweep.h"
#include "loadlaw/workload/duration.h"

namespace loadlaw::sweep {

SweepOptions BuildSweepOptions(const SweepSpec& a) {
  const base::Naming n = a.load.naming;
  const auto name = [n](const char* key) { return base::FieldName(n, key); };
  const bool open = !a.rates.empty();
  if (open && (!a.levels.empty() || a.auto_levels)) {
    throw std::invalid_argument("give " + name("rates") +
                                " (open loop) or " + name("levels") + "/" +
                                name("auto") + " (closed loop), not both");
  }
  if (!open && a.levels.empty() == !a.auto_levels) {
    throw std::invalid_argument(
        "give exactly one of " + base::FieldExample(n, "levels", "1,2,4,8") +
        " or " + name("auto") + " (or " + name("rates") + ")");
  }
  SweepOptions o;
  o.run = runner::BuildRunOptions(
      a.load, open ? telemetry::LoopKind::kOpen : telemetry::LoopKind::kClosed);
  o.workload_text = runner::WorkloadIdentity(a.load);
  o.concurrencies = a.levels;
  o.rates_rps = a.rates;
  o.auto_levels = a.auto_levels;
  o.auto_options.max_concurrency = a.max_concurrency;
  o.auto_options.min_gain = a.min_gain;
  o.auto_options.refine_levels = a.refine;
  o.level_duration =
      workload::ParseDuration(a.level_duration, name("level_duration"));
  o.warmup = workload::ParseDuration(a.warmup, name("warmup"));
  if (a.load.ramp_up.empty()) o.run.ramp_up = o.warmup / 2;
  o.max_extensions = a.max_extensions;
  o.out_path = a.out;
  o.records_path = a.records;
  o.resume = a.resume;
  o.label = a.label;
  o.server_concurrency_limit = a.server_limit;
  o.sampling.extra_metrics = a.metrics;
  o.sampling.pid = a.pid;
  o.sampling.gpu = a.gpu;
  o.sampling.scrape_metrics = a.scrape_metrics;
  o.seed = a.load.seed;
  std::string why;
  if (!o.IsValid(&why)) throw std::invalid_argument(why);
  return o;
}

std::string DescribeLoad(double load, bool open_loop) {
  char buf[64];
  if (open_loop) {
    std::snprintf(buf, sizeof buf, "%g req/s", load);
  } else {
    std::snprintf(buf, sizeof buf, "%g user%s", load, load == 1 ? "" : "s");
  }
  return buf;
}

std::string DescribeLevel(const SweepLevel& l, bool open_loop) {
  const telemetry::WindowSummary& s = l.summary;
  char line[256];
  std::snprintf(line, sizeof line,
                "level %d: %s: %.2f req/s, %.0f tok/s, concurrency %.2f, e2e "
                "p99 %.3f s, ttft p95 %.3f s, %llu errors",
                l.index + 1, DescribeLoad(l.Load(open_loop), open_loop).c_str(),
                s.requests_per_s, s.output_tokens_per_s,
                s.achieved_concurrency, s.e2e.p99, s.ttft.p95,
                static_cast<unsigned long long>(s.failed));
  std::string text = line;
  if (!l.steady.settled) text += ", NOT SETTLED: " + l.steady.reason;
  return text;
}

}  // namespace loadlaw::sweep
