// The records file: every request as one JSON line (fields in
// docs/metrics.md, "Records"), written as the run goes. Workers format lines
// into their own buffers and append whole buffers under a lock.

#ifndef LOADLAW_RUNNER_RECORDS_INTERNAL_H_
#define LOADLAW_RUNNER_RECORDS_INTERNAL_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "loadlaw/telemetry/request_record.h"

namespace loadlaw::runner::internal {

class RecordWriter {
 public:
  // Creates (truncates) `path`, or appends to it; throws
  // std::invalid_argument naming it when it cannot be opened.
  RecordWriter(const std::string& path, bool append);
  ~RecordWriter();
  RecordWriter(const RecordWriter&) = delete;
  RecordWriter& operator=(const RecordWriter&) = delete;

  // Appends complete lines and flushes them to the file. False when this or
  // an earlier write failed (a full disk): nothing more is written, and
  // error() says why.
  bool Append(std::string_view lines);
  // Closes the file (what the kernel still held is written); false when that
  // failed.
  bool Close();
  // "records file PATH: CAUSE (after N bytes)" once a write failed, else "".
  std::string error() const;

 private:
  void Failed(int error_number);

  mutable std::mutex mu_;
  std::string path_;
  std::FILE* file_;
  std::uint64_t written_ = 0;
  std::string error_;
};

// Appends `record` as one JSON line (with its newline) to *out. `aborted`
// marks a request cut by the end of the run.
void AppendRecordJson(const telemetry::RequestRecord& record,
                      std::string_view scenario, bool aborted,
                      std::string* out);

// Appends `text` as a JSON string literal (quoted, escaped; invalid UTF-8
// becomes U+FFFD).
void AppendJsonString(std::string_view text, std::string* out);

}  // namespace loadlaw::runner::internal

#endif  // LOADLAW_RUNNER_RECORDS_INTERNAL_H_
