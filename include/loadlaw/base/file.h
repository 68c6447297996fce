// File: loadlaw/base/file.h
// The one way loadlaw writes a file (sweeps, models, reports, emitted
// configurations): all of it or nothing. The content goes to a new temporary
// file beside the target (created exclusively, never through a symbolic
// link), is flushed and fsynced, then renamed over the target, and the
// directory is fsynced so that the rename survives a crash. Any failure
// (a full disk included) leaves the previous file as it was and throws.
//
//   loadlaw::base::WriteFileAtomic("models/h100.model.json", text);
//   std::string csv = loadlaw::base::ReadTextFile("data.csv", 64 << 20);

#ifndef LOADLAW_BASE_FILE_H_
#define LOADLAW_BASE_FILE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace loadlaw::base {

// The contents of the regular file `path`. Throws std::invalid_argument
// naming the path when it cannot be read, is not a regular file (a
// directory, a device such as /dev/zero), or is larger than `max_bytes`.
std::string ReadTextFile(const std::string& path, std::size_t max_bytes);

// Writes `content` to `path` atomically. Throws std::runtime_error naming the
// path and the cause when any step fails, or when something other than a
// regular file (a directory, a device, a symbolic link, a pipe) is at `path`:
// loadlaw replaces only regular files.
void WriteFileAtomic(const std::string& path, std::string_view content);

// Throws std::runtime_error (as WriteFileAtomic would) when `path` names
// something WriteFileAtomic refuses to replace, or its directory is missing:
// lets a command fail before a long run rather than after it.
void CheckWritable(const std::string& path);

}  // namespace loadlaw::base

#endif  // LOADLAW_BASE_FILE_H_
