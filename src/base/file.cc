// Reading with a limit, writing atomically (file.h).

#include "loadlaw/base/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <random>
#include <stdexcept>

namespace loadlaw::base {
namespace {

std::string DirectoryOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string BaseName(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

[[noreturn]] void Fail(const std::string& path, const std::string& what,
                       int error) {
  throw std::runtime_error(path + ": " + what + ": " + std::strerror(error));
}

// Refuses anything at `path` but a regular file (or nothing).
void CheckTarget(const std::string& path) {
  if (path.empty()) throw std::runtime_error("no output path given");
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    Fail(path, "cannot inspect", errno);
  }
  if (S_ISREG(st.st_mode)) return;
  const char* kind = S_ISDIR(st.st_mode)    ? "a directory"
                     : S_ISLNK(st.st_mode)  ? "a symbolic link"
                     : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)
                         ? "a device"
                     : S_ISFIFO(st.st_mode) ? "a pipe"
                                            : "not a regular file";
  throw std::runtime_error(path + ": is " + std::string(kind) +
                           "; loadlaw replaces only regular files");
}

// A new temporary file beside `path`, created exclusively (O_EXCL: never an
// existing file, never through a planted symbolic link).
int CreateTemporary(const std::string& path, std::string* tmp) {
  std::random_device device;
  std::mt19937_64 rng((std::uint64_t{device()} << 32) ^ device() ^
                      static_cast<std::uint64_t>(::getpid()));
  for (int attempt = 0; attempt < 100; ++attempt) {
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, ".%012llx.tmp",
                  static_cast<unsigned long long>(rng() & 0xffffffffffffull));
    *tmp = DirectoryOf(path) + "/." + BaseName(path) + suffix;
    const int fd = ::open(tmp->c_str(),
                          O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          0644);
    if (fd >= 0) return fd;
    if (errno != EEXIST) Fail(path, "cannot create a temporary file", errno);
  }
  throw std::runtime_error(path + ": cannot create a temporary file");
}

void WriteAll(int fd, std::string_view content, const std::string& path) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) Fail(path, "write failed", errno);
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::string ReadTextFile(const std::string& path, std::size_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw std::invalid_argument(path + ": cannot open: " +
                                std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw std::invalid_argument(
        path + (S_ISDIR(st.st_mode) ? ": is a directory, not a file"
                                     : ": is not a regular file"));
  }
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    throw std::invalid_argument(path + ": " + std::to_string(st.st_size) +
                                " bytes, more than the " +
                                std::to_string(max_bytes) + " it may have");
  }
  std::string text(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::read(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      throw std::invalid_argument(path + ": cannot read: " + why);
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  text.resize(done);
  return text;
}

void CheckWritable(const std::string& path) {
  CheckTarget(path);
  struct stat st {};
  const std::string dir = DirectoryOf(path);
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    throw std::runtime_error(path + ": the directory " + dir +
                             " does not exist");
  }
  if (::access(dir.c_str(), W_OK) != 0) Fail(path, "cannot write in " + dir, errno);
}

void WriteFileAtomic(const std::string& path, std::string_view content) {
  CheckTarget(path);
  std::string tmp;
  const int fd = CreateTemporary(path, &tmp);
  try {
    WriteAll(fd, content, path);
    if (::fsync(fd) != 0) Fail(path, "fsync failed", errno);
    if (::close(fd) != 0) {
      const int error = errno;
      ::unlink(tmp.c_str());
      Fail(path, "close failed", error);
    }
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  // Checked again just before the rename: what appeared meanwhile is not
  // replaced either.
  try {
    CheckTarget(path);
  } catch (...) {
    ::unlink(tmp.c_str());
    throw;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    Fail(path, "rename failed", error);
  }
  // Make the rename itself durable.
  const int dir = ::open(DirectoryOf(path).c_str(),
                         O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

}  // namespace loadlaw::base
