// File: loadlaw/report/render.h
// The three renderings of a report: one self-contained HTML page (styles,
// data and the charting library inlined: it opens offline, from a file, with
// no network), Markdown for a pull request or a wiki, and JSON for machines.
// All three print the numbers formatted by BuildReport, so they agree.
//
//   loadlaw::report::Report report = loadlaw::report::BuildReport(inputs);
//   std::string chart_js = loadlaw::report::ChartLibrary();
//   loadlaw::report::ReportPaths written =
//       loadlaw::report::WriteReport(report, "reports/h100", chart_js);
//   std::cout << written.html << "\n";

#ifndef LOADLAW_REPORT_RENDER_H_
#define LOADLAW_REPORT_RENDER_H_

#include <string>
#include <string_view>

#include "loadlaw/report/report.h"

namespace loadlaw::report {

// The charting library inlined into report.html: Chart.js (MIT licence; its
// banner, with the version, stays at the top of the text and so in every
// page), pinned in src/report/web/package.json, installed there by
// scripts/setup.sh and embedded in this library when it is built.
inline constexpr char kChartLibraryFile[] = "chart.umd.js";
// Environment variable naming a directory with another build of it to use
// instead of the embedded one.
inline constexpr char kAssetsDirEnv[] = "LOADLAW_ASSETS_DIR";

// The Chart.js embedded at build time: the bytes of chart.umd.js, in static
// storage for the life of the process. Never empty; needs no file.
std::string_view EmbeddedChartLibrary();

// The text to pass to RenderHtml and WriteReport: when $LOADLAW_ASSETS_DIR
// is set (not empty), the library in that directory, as DIR/chart.umd.js or
// DIR/node_modules/chart.js/dist/chart.umd.js; else EmbeddedChartLibrary().
// Throws std::runtime_error naming the paths tried when the variable names a
// directory without it, or the file when it cannot be read or is empty.
std::string ChartLibrary();

// The text of the library at `path`. Throws std::runtime_error naming the
// path when it cannot be read or is empty.
std::string LoadChartLibrary(const std::string& path);

// The report as one HTML document with `chart_library_js` (the text of
// kChartLibraryFile) inlined. Each chart sets window.__loadlawCharts[id] to
// the number of data points it drew. Throws std::invalid_argument when
// chart_library_js is empty.
std::string RenderHtml(const Report& report,
                       const std::string& chart_library_js);

// The report as Markdown: the answer, every table, and each chart's title
// and caption (the charts themselves are in report.html).
std::string RenderMarkdown(const Report& report);

// The report as JSON text (schema kReportSchema): every figure, table, chart
// series and provenance entry; non-finite numbers are null.
std::string RenderJson(const Report& report, int indent = 2);

struct ReportPaths {
  std::string html;      // OUT_DIR/report.html
  std::string markdown;  // OUT_DIR/report.md
  std::string json;      // OUT_DIR/report.json
};

// Creates `out_dir` when missing and writes report.html, report.md and
// report.json into it, each atomically (a temporary file beside it, renamed
// over the old one). Throws std::invalid_argument for an empty out_dir or
// chart library, std::runtime_error naming the path when a write fails.
ReportPaths WriteReport(const Report& report, const std::string& out_dir,
                        const std::string& chart_library_js);

}  // namespace loadlaw::report

#endif  // LOADLAW_REPORT_RENDER_H_
