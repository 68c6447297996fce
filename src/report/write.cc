// Writing the three report files atomically (a temporary file beside each,
// renamed over it).

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "loadlaw/report/render.h"

namespace loadlaw::report {
namespace {

namespace fs = std::filesystem;

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
