// The records file: every request as one JSON line (fields in
// docs/metrics.md, "Records"), written as the run goes. Workers format lines
// into their own buffers and append whole buffers under a lock.

#ifndef LOADLAW_RUNNER_RECORDS_INTERNAL_H_
#define LOADLAW_RUNNER_RECORDS_INTERNAL_H_

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

  // Appends complete lines and flushes them to the file.
  void Append(std::string_view lines);

 private:
  std::mutex mu_;
  std::FILE* file_;
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
