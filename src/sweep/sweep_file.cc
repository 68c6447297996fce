#include "loadlaw/sweep/sweep_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "loadlaw/telemetry/summary_json.h"

namespace loadlaw::sweep {
namespace {

using nlohmann::json;
using telemetry::JsonAt;

// NaN is not JSON: gauges without samples are written as null.
json Number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
double NumberAt(const json& j, const std::string& pointer) {
  const json::json_pointer p(pointer);
  if (j.contains(p) && j.at(p).is_null()) return NAN;
  return JsonAt<double>(j, pointer);
}

json ProvenanceJson(const SweepProvenance& p) {
  return {{"target", p.target},
          {"served_model", p.served_model},
          {"workload_name", p.workload_name},
          {"workload_hash", p.workload_hash},
          {"label", p.label},
          {"date", p.date},
          {"loadlaw_version", p.loadlaw_version},
          {"loop", p.loop},
          {"think_time_s", p.think_time_s},
          {"server_concurrency_limit", p.server_concurrency_limit}};
}

SweepProvenance ProvenanceFromJson(const json& j) {
  SweepProvenance p;
  p.target = JsonAt<std::string>(j, "/provenance/target");
  p.served_model = JsonAt<std::string>(j, "/provenance/served_model");
  p.workload_name = JsonAt<std::string>(j, "/provenance/workload_name");
  p.workload_hash = JsonAt<std::string>(j, "/provenance/workload_hash");
  p.label = JsonAt<std::string>(j, "/provenance/label");
  p.date = JsonAt<std::string>(j, "/provenance/date");
  p.loadlaw_version = JsonAt<std::string>(j, "/provenance/loadlaw_version");
  p.loop = JsonAt<std::string>(j, "/provenance/loop");
  if (p.loop != "closed" && p.loop != "open") {
    throw std::invalid_argument("field /provenance/loop must be \"closed\" or "
                                "\"open\", got \"" + p.loop + "\"");
  }
  p.think_time_s = JsonAt<double>(j, "/provenance/think_time_s");
  p.server_concurrency_limit =
      JsonAt<int>(j, "/provenance/server_concurrency_limit");
  return p;
}

json SteadyJson(const SteadyState& s) {
  return {{"settled", s.settled}, {"seconds", s.seconds},
          {"mean_per_s", s.mean_per_s}, {"cv", s.cv},
          {"cv_limit", s.cv_limit}, {"trend", s.trend},
          {"trend_t", Number(s.trend_t)},
          {"little_gap", Number(s.little_gap)},
          {"little_limit", Number(s.little_limit)}, {"reason", s.reason}};
}

SteadyState SteadyFromJson(const json& j, const std::string& at) {
  SteadyState s;
  s.settled = JsonAt<bool>(j, at + "/settled");
  s.seconds = JsonAt<int>(j, at + "/seconds");
  s.mean_per_s = JsonAt<double>(j, at + "/mean_per_s");
  s.cv = JsonAt<double>(j, at + "/cv");
  s.cv_limit = JsonAt<double>(j, at + "/cv_limit");
  s.trend = JsonAt<double>(j, at + "/trend");
  s.trend_t = NumberAt(j, at + "/trend_t");
  // Sweeps written before the Little's-law check lack it.
  if (j.contains(json::json_pointer(at + "/little_gap"))) {
    s.little_gap = NumberAt(j, at + "/little_gap");
    s.little_limit = NumberAt(j, at + "/little_limit");
  }
  s.reason = JsonAt<std::string>(j, at + "/reason");
  return s;
}

json LevelJson(const SweepLevel& l) {
  json gauges = json::object();
  for (const auto& [name, g] : l.gauges) {
    gauges[name] = {{"mean", Number(g.mean)}, {"max", Number(g.max)},
                    {"samples", g.samples}};
  }
  return {{"index", l.index},
          {"concurrency", l.concurrency},
          {"rate_rps", l.rate_rps},
          {"warmup_s", l.warmup_s},
          {"duration_s", l.duration_s},
          {"extensions", l.extensions},
          {"steady_state", SteadyJson(l.steady)},
          {"summary", telemetry::WindowSummaryToJson(l.summary)},
          {"gauges", gauges},
          {"samples",
           {{"e2e_s", l.samples.e2e_s},
            {"ttft_s", l.samples.ttft_s},
            {"tpot_s", l.samples.tpot_s}}}};
}

SweepLevel LevelFromJson(const json& j, const std::string& at) {
  SweepLevel l;
  l.index = JsonAt<int>(j, at + "/index");
  l.concurrency = JsonAt<int>(j, at + "/concurrency");
  l.rate_rps = JsonAt<double>(j, at + "/rate_rps");
  l.warmup_s = JsonAt<double>(j, at + "/warmup_s");
  l.duration_s = JsonAt<double>(j, at + "/duration_s");
  l.extensions = JsonAt<int>(j, at + "/extensions");
  l.steady = SteadyFromJson(j, at + "/steady_state");
  try {
    l.summary = telemetry::WindowSummaryFromJson(
        JsonAt<json>(j, at + "/summary"));
  } catch (const std::invalid_argument& e) {
    // Errors inside the summary name pointers relative to it.
    std::string what = e.what();
    const auto slash = what.find('/');
    if (slash != std::string::npos) what.insert(slash, at + "/summary");
    throw std::invalid_argument(what);
  }
  const json gauges = JsonAt<json>(j, at + "/gauges");
  for (const auto& [name, g] : gauges.items()) {
    // Gauge names may hold '/' or '~', so read them from the object itself.
    try {
      l.gauges[name] = {NumberAt(g, "/mean"), NumberAt(g, "/max"),
                        JsonAt<int>(g, "/samples")};
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string(e.what()) + " in gauge '" +
                                  name + "' of " + at);
    }
  }
  l.samples.e2e_s = JsonAt<std::vector<double>>(j, at + "/samples/e2e_s");
  l.samples.ttft_s = JsonAt<std::vector<double>>(j, at + "/samples/ttft_s");
  l.samples.tpot_s = JsonAt<std::vector<double>>(j, at + "/samples/tpot_s");
  return l;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument(path + ": cannot open the file");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteAll(int fd, const std::string& text, const std::string& path) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      throw std::runtime_error(path + ": write failed: " +
                               std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
}

std::string DirectoryOf(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

json SweepToJson(const SweepFile& sweep) {
  json levels = json::array();
  for (const SweepLevel& l : sweep.levels) levels.push_back(LevelJson(l));
  return {{"schema", sweep.schema},
          {"provenance", ProvenanceJson(sweep.provenance)},
          {"options", sweep.options},
          {"complete", sweep.complete},
          {"stop_reason", sweep.stop_reason},
          {"levels", levels}};
}

SweepFile SweepFromJson(const json& j, const std::string& source) {
  try {
    SweepFile sweep;
    sweep.schema = JsonAt<std::string>(j, "/schema");
    if (sweep.schema != kSweepSchema) {
      throw std::invalid_argument("field /schema is \"" + sweep.schema +
                                  "\", expected \"" + kSweepSchema + "\"");
    }
    sweep.provenance = ProvenanceFromJson(j);
    sweep.options = JsonAt<json>(j, "/options");
    sweep.complete = JsonAt<bool>(j, "/complete");
    sweep.stop_reason = JsonAt<std::string>(j, "/stop_reason");
    const json levels = JsonAt<json>(j, "/levels");
    if (!levels.is_array()) {
      throw std::invalid_argument("field /levels must be an array");
    }
    for (size_t i = 0; i < levels.size(); ++i) {
      sweep.levels.push_back(LevelFromJson(j, "/levels/" + std::to_string(i)));
    }
    return sweep;
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(source + ": " + e.what());
  }
}

void SaveSweepAtomic(const SweepFile& sweep, const std::string& path) {
  const std::string text =
      SweepToJson(sweep).dump(1, ' ', false, json::error_handler_t::replace) +
      "\n";
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) {
    throw std::runtime_error(tmp + ": cannot create: " + std::strerror(errno));
  }
  try {
    WriteAll(fd, text, tmp);
    if (::fsync(fd) != 0) {
      throw std::runtime_error(tmp + ": fsync failed: " +
                               std::strerror(errno));
    }
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  ::close(fd);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    throw std::runtime_error(path + ": rename failed: " + why);
  }
  // Make the rename itself durable.
  const int dir = ::open(DirectoryOf(path).c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

SweepFile LoadSweep(const std::string& path) {
  const std::string text = ReadFile(path);
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::invalid_argument(path + ": not JSON (" + e.what() + ")");
  }
  return SweepFromJson(j, path);
}

std::string Fnv1a64Hex(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace loadlaw::sweep
