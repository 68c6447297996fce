#include "loadlaw/base/file.h"

#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace loadlaw::base {
namespace {

namespace fs = std::filesystem;

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ErrorOf(const std::string& path, const std::string& content) {
  try {
    WriteFileAtomic(path, content);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("loadlaw_atomic_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    ::umount2((dir_ / "small").c_str(), MNT_DETACH);  // if a test left it
    fs::remove_all(dir_);
  }
  // Files in dir_ other than `keep`: a failed write leaves no temporary.
  int Strays(const std::string& keep) const {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir_)) {
      n += e.path().filename() != keep;
    }
    return n;
  }
  fs::path dir_;
};

TEST_F(AtomicFileTest, WritesAndReplacesARegularFile) {
  const std::string path = (dir_ / "model.json").string();
  WriteFileAtomic(path, "first");
  EXPECT_EQ(Read(path), "first");
  WriteFileAtomic(path, "second, longer");
  EXPECT_EQ(Read(path), "second, longer");
  EXPECT_EQ(Strays("model.json"), 0);
}

TEST_F(AtomicFileTest, RefusesWhatIsNotARegularFile) {
  const fs::path sub = dir_ / "sub";
  fs::create_directory(sub);
  EXPECT_NE(ErrorOf(sub.string(), "x").find("is a directory"),
            std::string::npos);
  EXPECT_TRUE(fs::is_directory(sub));

  // A symbolic link is not followed, and not replaced: its target stays.
  const fs::path target = dir_ / "precious";
  std::ofstream(target) << "keep me";
  const fs::path link = dir_ / "out.json";
  fs::create_symlink(target, link);
  EXPECT_NE(ErrorOf(link.string(), "x").find("is a symbolic link"),
            std::string::npos);
  EXPECT_EQ(Read(target.string()), "keep me");
  EXPECT_TRUE(fs::is_symlink(link));

  // A device is refused before anything is written (as root, /dev/full
  // would otherwise have become a regular file).
  EXPECT_NE(ErrorOf("/dev/full", "x").find("is a device"), std::string::npos);
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
  EXPECT_NE(ErrorOf((dir_ / "no" / "such" / "dir.json").string(), "x")
                .find("cannot create a temporary file"),
            std::string::npos);
}

TEST_F(AtomicFileTest, AFullDiskKeepsThePreviousFile) {
  // A 64 KiB tmpfs: needs root (CAP_SYS_ADMIN); skipped elsewhere.
  const fs::path small = dir_ / "small";
  fs::create_directory(small);
  if (::mount("tmpfs", small.c_str(), "tmpfs", 0, "size=64k") != 0) {
    GTEST_SKIP() << "cannot mount a tmpfs here (not root?)";
  }
  const std::string path = (small / "sweep.json").string();
  WriteFileAtomic(path, std::string(20 << 10, 'a'));
  const std::string error = ErrorOf(path, std::string(100 << 10, 'b'));
  EXPECT_NE(error.find("No space left on device"), std::string::npos) << error;
  EXPECT_EQ(Read(path), std::string(20 << 10, 'a'));
  int entries = 0;
  for (const auto& e : fs::directory_iterator(small)) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 1);  // no temporary left behind
}

TEST_F(AtomicFileTest, CheckWritableFailsEarly) {
  EXPECT_NO_THROW(CheckWritable((dir_ / "new.json").string()));
  EXPECT_THROW(CheckWritable((dir_ / "missing" / "x.json").string()),
               std::runtime_error);
  EXPECT_THROW(CheckWritable(dir_.string()), std::runtime_error);
}

}  // namespace
}  // namespace loadlaw::base
