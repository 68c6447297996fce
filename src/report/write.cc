// Writing the three report files, each atomically (base::WriteFileAtomic).

#include <filesystem>
#include <stdexcept>
#include <string>

#include "loadlaw/base/file.h"
#include "loadlaw/report/render.h"

namespace loadlaw::report {

namespace fs = std::filesystem;

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
  base::WriteFileAtomic(paths.html, html);
  base::WriteFileAtomic(paths.markdown, RenderMarkdown(report));
  base::WriteFileAtomic(paths.json, RenderJson(report));
  return paths;
}

}  // namespace loadlaw::report
