// Finding the charting library, and writing the three report files
// atomically (a temporary file beside each, renamed over it).

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "loadlaw/report/render.h"

#ifndef LOADLAW_REPORT_ASSETS_DIR
#define LOADLAW_REPORT_ASSETS_DIR ""
#endif

namespace loadlaw::report {
namespace {

namespace fs = std::filesystem;

// The places a directory may hold the library: flat, or as npm installs it.
std::vector<std::string> Candidates(const std::string& dir) {
  return {
      (fs::path(dir) / kChartLibraryFile).string(),
      (fs::path(dir) / "node_modules" / "chart.js" / "dist" / kChartLibraryFile)
          .string()};
}

void WriteAtomically(const std::string& path, const std::string& text) {
  const std::string temp =
      path + ".tmp." + std::to_string(static_cast<long>(getpid()));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::remove(temp.c_str());
      throw std::runtime_error("report: cannot write '" + temp + "'");
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(temp.c_str());
    throw std::runtime_error("report: cannot rename '" + temp + "' to '" +
                             path + "': " + why);
  }
}

}  // namespace

std::string FindChartLibrary() {
  std::vector<std::string> tried;
  const char* env = std::getenv(kAssetsDirEnv);
  std::vector<std::string> dirs;
  if (env != nullptr && *env != '\0') dirs.push_back(env);
  if (*LOADLAW_REPORT_ASSETS_DIR != '\0') {
    dirs.push_back(LOADLAW_REPORT_ASSETS_DIR);
  }
  for (const std::string& dir : dirs) {
    for (const std::string& path : Candidates(dir)) {
      std::error_code ec;
      if (fs::is_regular_file(path, ec)) return path;
      tried.push_back(path);
    }
  }
  std::string list;
  for (const std::string& t : tried) list += (list.empty() ? "" : ", ") + t;
  throw std::runtime_error(
      std::string("report: the charting library ") + kChartLibraryFile +
      " was not found (tried: " + (list.empty() ? "nothing" : list) +
      "); run `bash scripts/setup.sh` (it runs `npm ci` in src/report/web), "
      "or set " +
      kAssetsDirEnv + " to a directory holding it");
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

std::string LoadChartLibrary() { return LoadChartLibrary(FindChartLibrary()); }

ReportPaths WriteReport(const Report& report, const std::string& out_dir,
                        const std::string& chart_library_js) {
  if (out_dir.empty()) {
    throw std::invalid_argument("out_dir: empty (name a directory)");
  }
  const std::string html = RenderHtml(report, chart_library_js);
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec || !fs::is_directory(out_dir)) {
    throw std::runtime_error("report: cannot create the directory '" + out_dir +
                             "'" + (ec ? ": " + ec.message() : std::string()));
  }
  ReportPaths paths;
  paths.html = (fs::path(out_dir) / "report.html").string();
  paths.markdown = (fs::path(out_dir) / "report.md").string();
  paths.json = (fs::path(out_dir) / "report.json").string();
  WriteAtomically(paths.html, html);
  WriteAtomically(paths.markdown, RenderMarkdown(report));
  WriteAtomically(paths.json, RenderJson(report));
  return paths;
}

}  // namespace loadlaw::report
