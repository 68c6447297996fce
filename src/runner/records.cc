// JSON lines of request records, formatted by hand (no allocation per field)
// because a fast run writes tens of thousands of them a second.

#include <cerrno>
#include <cinttypes>
#include <cstring>
#include <stdexcept>

#include "loadlaw/base/clock.h"
#include "runner/records_internal.h"

namespace loadlaw::runner::internal {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when invalid.
std::size_t Utf8Length(std::string_view text, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  std::size_t n = 0;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    n = 3;
  else if (c >= 0xF0 && c <= 0xF4)
    n = 4;
  else
    return 0;
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 0;
  }
  return n;
}

void AppendKey(const char* key, std::string* out) {
  out->push_back(',');
  out->push_back('"');
  out->append(key);
  out->append("\":");
}

void AppendInt(const char* key, std::int64_t value, std::string* out) {
  char buf[32];
  const int n = std::snprintf(buf, sizeof(buf), "%" PRId64, value);
  AppendKey(key, out);
  out->append(buf, static_cast<std::size_t>(n));
}

void AppendSeconds(const char* key, std::chrono::nanoseconds t,
                   std::string* out) {
  char buf[40];
  const int n =
      std::snprintf(buf, sizeof(buf), "%.9f", base::ToSeconds(t));
  AppendKey(key, out);
  out->append(buf, static_cast<std::size_t>(n));
}

void AppendOptionalSeconds(const char* key,
                           const std::optional<std::chrono::nanoseconds>& t,
                           std::string* out) {
  if (t) {
    AppendSeconds(key, *t, out);
  } else {
    AppendKey(key, out);
    out->append("null");
  }
}

void AppendDerived(const telemetry::RequestRecord& r, std::string* out) {
  AppendOptionalSeconds(
      "ttft_s", r.t_first ? std::optional(*r.t_first - r.t_send) : std::nullopt,
      out);
  AppendSeconds("e2e_s", r.t_done - r.t_send, out);
  if (r.output_tokens >= 2 && r.t_first && r.t_last) {
    AppendSeconds("tpot_s", (*r.t_last - *r.t_first) / (r.output_tokens - 1),
                  out);
  } else {
    AppendKey("tpot_s", out);
    out->append("null");
  }
  AppendSeconds("lag_s", r.t_send - r.t_sched, out);
}

}  // namespace

RecordWriter::RecordWriter(const std::string& path, bool append)
    : path_(path), file_(std::fopen(path.c_str(), append ? "ab" : "wb")) {
  if (file_ == nullptr) {
    throw std::invalid_argument("records file " + path + ": cannot open (" +
                                std::strerror(errno) + ")");
  }
}

RecordWriter::~RecordWriter() { Close(); }

void RecordWriter::Failed(int error_number) {
  if (!error_.empty()) return;
  error_ = "records file " + path_ + ": " +
           (error_number != 0 ? std::strerror(error_number) : "write failed") +
           " (after " + std::to_string(written_) + " bytes)";
}

bool RecordWriter::Append(std::string_view lines) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!error_.empty() || file_ == nullptr) return false;
  errno = 0;
  const std::size_t n = std::fwrite(lines.data(), 1, lines.size(), file_);
  if (n != lines.size() || std::fflush(file_) != 0) {
    Failed(errno);
    return false;
  }
  written_ += n;
  return true;
}

bool RecordWriter::Close() {
  std::lock_guard<std::mutex> lock(mu_);
  if (file_ == nullptr) return error_.empty();
  errno = 0;
  if (std::fclose(file_) != 0) Failed(errno);
  file_ = nullptr;
  return error_.empty();
}

std::string RecordWriter::error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return error_;
}

void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      out->append("\\u00");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    } else if (c >= 0x80) {
      const std::size_t n = Utf8Length(text, i);
      if (n == 0) {
        out->append("\\ufffd");
        ++i;
        continue;
      }
      out->append(text.data() + i, n);
      i += n;
      continue;
    } else {
      out->push_back(static_cast<char>(c));
    }
    ++i;
  }
  out->push_back('"');
}

void AppendRecordJson(const telemetry::RequestRecord& r,
                      std::string_view scenario, bool aborted,
                      std::string* out) {
  out->append("{\"id\":");
  out->append(std::to_string(r.id));
  AppendInt("level", r.level, out);
  AppendKey("phase", out);
  AppendJsonString(telemetry::PhaseName(r.phase), out);
  AppendKey("scenario", out);
  AppendJsonString(scenario, out);
  AppendInt("session", static_cast<std::int64_t>(r.session), out);
  AppendInt("turn", r.turn, out);
  AppendInt("status", r.http_status, out);
  AppendKey("error", out);
  if (r.ok()) {
    out->append("null");
  } else {
    AppendJsonString(telemetry::ErrorClassName(r.error), out);
  }
  if (!r.error_message.empty()) {
    AppendKey("error_message", out);
    AppendJsonString(r.error_message, out);
  }
  if (aborted) out->append(",\"aborted\":true");
  AppendSeconds("t_sched_s", r.t_sched, out);
  AppendSeconds("t_send_s", r.t_send, out);
  AppendOptionalSeconds("t_first_s", r.t_first, out);
  AppendOptionalSeconds("t_last_s", r.t_last, out);
  AppendSeconds("t_done_s", r.t_done, out);
  AppendDerived(r, out);
  AppendInt("input_tokens", r.input_tokens, out);
  AppendInt("output_tokens", r.output_tokens, out);
  AppendKey("output_tokens_source", out);
  AppendJsonString(telemetry::TokenSourceName(r.output_tokens_source), out);
  AppendInt("output_chunks", r.output_chunks, out);
  AppendInt("response_bytes", r.response_bytes, out);
  if (!r.response_id.empty()) {
    AppendKey("response_id", out);
    AppendJsonString(r.response_id, out);
  }
  out->append("}\n");
}

}  // namespace loadlaw::runner::internal
