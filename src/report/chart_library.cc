// The charting library report.html inlines: the copy embedded at build time
// (chart_library_embedded.cc, generated), or one the user names with
// $LOADLAW_ASSETS_DIR.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "loadlaw/report/render.h"

// The first byte of chart.umd.js and the one after its last, defined by the
// generated chart_library_embedded.cc.
#pragma GCC visibility push(hidden)
extern "C" const char loadlaw_report_chart_js_begin[];
extern "C" const char loadlaw_report_chart_js_end[];
#pragma GCC visibility pop

namespace loadlaw::report {

std::string_view EmbeddedChartLibrary() {
  return std::string_view(loadlaw_report_chart_js_begin,
                          static_cast<size_t>(loadlaw_report_chart_js_end -
                                              loadlaw_report_chart_js_begin));
}

std::string ChartLibrary() {
  const char* dir = std::getenv(kAssetsDirEnv);
  if (dir == nullptr || *dir == '\0') {
    return std::string(EmbeddedChartLibrary());
  }
  namespace fs = std::filesystem;
  // Flat, or as npm installs it.
  const fs::path candidates[] = {
      fs::path(dir) / kChartLibraryFile,
      fs::path(dir) / "node_modules" / "chart.js" / "dist" / kChartLibraryFile};
  for (const fs::path& path : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return LoadChartLibrary(path.string());
  }
  throw std::runtime_error(
      std::string("report: ") + kAssetsDirEnv + "='" + dir + "' holds no " +
      kChartLibraryFile + " (tried: " + candidates[0].string() + ", " +
      candidates[1].string() + "); unset it to use the built-in copy");
}

std::string LoadChartLibrary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("report: cannot read the charting library '" +
                             path + "'");
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().empty()) {
    throw std::runtime_error("report: the charting library '" + path +
                             "' is empty");
  }
  return text.str();
}

}  // namespace loadlaw::report
