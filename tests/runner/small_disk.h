// A full disk for tests: a tmpfs of a few KiB mounted on a fresh folder.
// Mounting needs root; a test without it skips and says so:
//
//   SmallDisk disk(64 * 1024);
//   if (!disk.ok()) GTEST_SKIP() << disk.why();
//   write into disk.path() + "/records.jsonl" until ENOSPC

#ifndef LOADLAW_TESTS_RUNNER_SMALL_DISK_H_
#define LOADLAW_TESTS_RUNNER_SMALL_DISK_H_

#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

namespace loadlaw::testing {

class SmallDisk {
 public:
  explicit SmallDisk(std::size_t bytes) {
    if (geteuid() != 0) {
      why_ = "mounting a small tmpfs needs root (run the tests as root)";
      return;
    }
    path_ = std::filesystem::temp_directory_path().string() +
            "/loadlaw_small_disk_" + std::to_string(getpid()) + "_" +
            std::to_string(++Count());
    std::filesystem::create_directories(path_);
    const std::string options = "size=" + std::to_string(bytes);
    if (mount("tmpfs", path_.c_str(), "tmpfs", 0, options.c_str()) != 0) {
      why_ = "cannot mount a tmpfs on " + path_ + ": " + std::strerror(errno);
      std::filesystem::remove(path_);
      return;
    }
    mounted_ = true;
  }
  ~SmallDisk() {
    if (mounted_) umount(path_.c_str());
    if (!path_.empty()) std::filesystem::remove_all(path_);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  bool ok() const { return mounted_; }
  const std::string& why() const { return why_; }
  const std::string& path() const { return path_; }

 private:
  static int& Count() {
    static int count = 0;
    return count;
  }

  std::string path_;
  std::string why_;
  bool mounted_ = false;
};

}  // namespace loadlaw::testing

#endif  // LOADLAW_TESTS_RUNNER_SMALL_DISK_H_
