// WriteReport: three files written whole (no temporary left behind), the
// directory created, written again over the old files.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "loadlaw/report/render.h"
#include "loadlaw/report/report.h"
#include "report/sim_sweep.h"

namespace loadlaw::testing {
namespace {

namespace fs = std::filesystem;

fs::path TempDir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() /
      ("loadlaw_report_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  return dir;
}

TEST(WriteReport, WritesThreeFilesIntoANewDirectory) {
  const sweep::SweepFile sweep = SimSweep({1, 2, 4, 8, 16});
  const fit::CapacityModel model = calibrate::FitSweep(sweep);
  report::ReportInputs inputs;
  inputs.sweep = &sweep;
  inputs.model = &model;
  const report::Report r = report::BuildReport(inputs);
  const fs::path dir = TempDir("write") / "nested";
  const report::ReportPaths paths =
      report::WriteReport(r, dir.string(), "/* js */");
  EXPECT_EQ(paths.html, (dir / "report.html").string());
  for (const std::string& p : {paths.html, paths.markdown, paths.json}) {
    EXPECT_GT(fs::file_size(p), 100u) << p;
  }
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 3);  // no temporary file left behind
  // Written again over the old files.
  EXPECT_NO_THROW(report::WriteReport(r, dir.string(), "/* js */"));
  fs::remove_all(dir.parent_path());
}

}  // namespace
}  // namespace loadlaw::testing
