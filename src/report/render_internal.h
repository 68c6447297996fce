// Private to the report module: the JSON forms shared by report.json and
// the data block inlined in report.html (so the page's charts draw exactly
// the numbers report.json carries), and HTML escaping.

#ifndef LOADLAW_REPORT_RENDER_INTERNAL_H_
#define LOADLAW_REPORT_RENDER_INTERNAL_H_

#include <nlohmann/json.hpp>
#include <string>

#include "loadlaw/report/report.h"

namespace loadlaw::report::internal {

// A number, or null when it is not finite.
nlohmann::json JsonNumber(double value);
// One chart: id, title, axes and series ([[x, y], ...] or, for a band,
// [[x, low, high], ...]).
nlohmann::json ChartJson(const Chart& chart);
// The whole report (what report.json holds).
nlohmann::json ReportJson(const Report& report);

// Text made safe inside HTML elements and attribute values.
std::string EscapeHtml(const std::string& text);
// JSON text made safe inside a <script> element ("</" and "<!--" broken).
std::string JsonForScript(const nlohmann::json& j);

// The page's style sheet and script (html_assets.cc).
extern const char kReportCss[];
extern const char kReportScript[];

}  // namespace loadlaw::report::internal

#endif  // LOADLAW_REPORT_RENDER_INTERNAL_H_
