// JSONL output of the truth log.

#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

#include "sim/truth_log_internal.h"

namespace loadlaw::sim {
namespace {

nlohmann::json TimeOrNull(double unix_ms) {
  if (unix_ms < 0) return nullptr;
  return unix_ms;
}

}  // namespace

bool TruthLog::Open(const std::string& path, std::string* why) {
  out_.open(path, std::ios::out | std::ios::trunc);
  if (out_.is_open()) return true;
  if (why != nullptr) {
    *why = "truth_log: cannot open '" + path + "': " + std::strerror(errno);
  }
  return false;
}

void TruthLog::Write(const TruthRecord& r) {
  if (!out_.is_open()) return;
  nlohmann::json line = {
      {"id", r.id},
      {"endpoint", r.endpoint},
      {"stream", r.stream},
      {"status", r.status},
      {"prompt_tokens", r.prompt_tokens},
      {"max_tokens", r.max_tokens},
      {"output_tokens", r.output_tokens},
      {"tokens_written", r.tokens_written},
      {"arrival_unix_ms", TimeOrNull(r.arrival_unix_ms)},
      {"first_token_unix_ms", TimeOrNull(r.first_token_unix_ms)},
      {"last_token_unix_ms", TimeOrNull(r.last_token_unix_ms)},
      {"done_unix_ms", TimeOrNull(r.done_unix_ms)},
      {"fault", r.fault},
      {"complete", r.complete},
  };
  out_ << line.dump() << '\n';
}

void TruthLog::Flush() {
  if (out_.is_open()) out_.flush();
}

}  // namespace loadlaw::sim
