// The charting library: the embedded copy is the pinned chart.umd.js byte
// for byte, licence banner included, and needs no file; LOADLAW_ASSETS_DIR
// overrides it, and a directory without the library is named.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "loadlaw/report/render.h"

namespace loadlaw::testing {
namespace {

namespace fs = std::filesystem;

fs::path TempDir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() /
      ("loadlaw_chart_library_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Sets LOADLAW_ASSETS_DIR for one test, and unsets it after.
class AssetsDirEnv {
 public:
  explicit AssetsDirEnv(const std::string& value) {
    setenv(report::kAssetsDirEnv, value.c_str(), 1);
  }
  ~AssetsDirEnv() { unsetenv(report::kAssetsDirEnv); }
};

TEST(ChartLibrary, EmbeddedCopyIsThePinnedFile) {
  const std::string pinned = report::LoadChartLibrary(
      LOADLAW_SOURCE_DIR
      "/src/report/web/node_modules/chart.js/dist/chart.umd.js");
  const std::string_view embedded = report::EmbeddedChartLibrary();
  EXPECT_EQ(embedded.size(), pinned.size());
  EXPECT_TRUE(embedded == pinned);  // not EXPECT_EQ: 200 KB on failure
  // Chart.js is MIT: its banner, with the version, stays in every page.
  const std::string_view banner = embedded.substr(0, 200);
  EXPECT_EQ(banner.substr(0, 3), "/*!");
  EXPECT_NE(banner.find("Chart.js v"), std::string_view::npos) << banner;
  EXPECT_NE(banner.find("MIT License"), std::string_view::npos) << banner;
}

TEST(ChartLibrary, EmbeddedCopyIsTheDefault) {
  unsetenv(report::kAssetsDirEnv);
  EXPECT_TRUE(report::ChartLibrary() == report::EmbeddedChartLibrary());
  const AssetsDirEnv empty("");  // set but empty: as if unset
  EXPECT_TRUE(report::ChartLibrary() == report::EmbeddedChartLibrary());
}

TEST(ChartLibrary, EnvironmentDirectoryOverrides) {
  const fs::path flat = TempDir("flat");
  std::ofstream(flat / report::kChartLibraryFile) << "/* a chart library */";
  {
    const AssetsDirEnv env(flat.string());
    EXPECT_EQ(report::ChartLibrary(), "/* a chart library */");
  }
  const fs::path npm = TempDir("npm");
  const fs::path dist = npm / "node_modules" / "chart.js" / "dist";
  fs::create_directories(dist);
  std::ofstream(dist / report::kChartLibraryFile) << "/* from npm */";
  {
    const AssetsDirEnv env(npm.string());
    EXPECT_EQ(report::ChartLibrary(), "/* from npm */");
  }
  fs::remove_all(flat);
  fs::remove_all(npm);
}

TEST(ChartLibrary, EnvironmentDirectoryWithoutTheLibraryIsNamed) {
  const fs::path dir = TempDir("missing");
  const AssetsDirEnv env(dir.string());
  try {
    report::ChartLibrary();
    FAIL() << "no error for a directory without the library";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(report::kAssetsDirEnv), std::string::npos) << what;
    EXPECT_NE(what.find((dir / report::kChartLibraryFile).string()),
              std::string::npos)
        << what;
  }
  std::ofstream(dir / report::kChartLibraryFile).close();  // empty
  EXPECT_THROW(report::ChartLibrary(), std::runtime_error);
  fs::remove_all(dir);
}

TEST(ChartLibrary, MissingOrEmptyFilesAreNamed) {
  try {
    report::LoadChartLibrary("/nonexistent/chart.umd.js");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/chart.umd.js"),
              std::string::npos);
  }
  const fs::path dir = TempDir("empty");
  std::ofstream(dir / "chart.umd.js").close();
  EXPECT_THROW(report::LoadChartLibrary((dir / "chart.umd.js").string()),
               std::runtime_error);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace loadlaw::testing
