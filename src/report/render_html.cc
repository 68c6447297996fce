// report.html: one self-contained page. The style sheet, the chart data
// (the JSON of report.json's charts), Chart.js and the drawing script are
// all inlined, so the file opens offline with no request leaving it.

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "loadlaw/report/render.h"
#include "report/render_internal.h"

namespace loadlaw::report {
namespace internal {
namespace {

void WriteFigure(const Figure& f, const std::string& interval_label,
                 std::ostream& out) {
  out << "<div class=\"figure" << (f.alert ? " alert" : "") << "\" data-key=\""
      << EscapeHtml(f.key) << "\">"
      << "<div class=\"label\">" << EscapeHtml(f.label) << "</div>"
      << "<div class=\"value\">" << EscapeHtml(f.text) << "</div>";
  if (!f.interval_text.empty()) {
    out << "<div class=\"interval\">" << EscapeHtml(interval_label) << " "
        << EscapeHtml(f.interval_text) << "</div>";
  }
  if (!f.note.empty()) {
    out << "<div class=\"note\">" << EscapeHtml(f.note) << "</div>";
  }
  out << "</div>\n";
}

void WriteAnswer(const Report& r, std::ostream& out) {
  out << "<section class=\"card answer\" id=\"answer\">\n"
      << "<p class=\"eyebrow\">The question</p>\n"
      << "<p class=\"question\">" << EscapeHtml(r.question) << "</p>\n"
      << "<p class=\"lead\">" << EscapeHtml(r.answer) << "</p>\n"
      << "<div class=\"figures\">\n";
  for (const Figure& f : r.headline) WriteFigure(f, r.interval_label, out);
  out << "</div>\n";
  out << "<div class=\"verdict" << (r.trusted ? "" : " warn")
      << "\"><strong>Model trust:</strong> "
      << (r.trusted ? "trusted" : "use with care");
  if (r.warnings.empty()) {
    out << ", no warnings.</div>\n</section>\n";
    return;
  }
  out << " <details><summary>" << r.warnings.size()
      << (r.warnings.size() == 1 ? " warning" : " warnings")
      << "</summary><ul>";
  for (const std::string& w : r.warnings) {
    out << "<li>" << EscapeHtml(w) << "</li>";
  }
  out << "</ul></details></div>\n</section>\n";
}

// A column header that may wrap after ':' and '_' (long gauge names).
std::string Header(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += EscapeHtml(std::string(1, c));
    if (c == ':' || c == '_') out += "<wbr>";
  }
  return out;
}

// Whether column `i` holds numbers (right-aligned) rather than text: every
// cell with a number behind it, or a dash for a missing one.
bool NumericColumn(const Table& t, size_t i) {
  bool any = false;
  for (const std::vector<Cell>& row : t.rows) {
    if (i >= row.size()) continue;
    if (std::isfinite(row[i].value)) {
      any = true;
    } else if (row[i].text != "–") {
      return false;
    }
  }
  return any;
}

void WriteTable(const Table& t, std::ostream& out) {
  std::vector<bool> numeric;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    numeric.push_back(i > 0 && NumericColumn(t, i));
  }
  out << "<div class=\"table-wrap\"><table id=\"table-" << EscapeHtml(t.id)
      << "\">\n<caption>" << EscapeHtml(t.title) << "</caption>\n<thead><tr>";
  for (size_t i = 0; i < t.columns.size(); ++i) {
    out << (numeric[i] ? "<th class=\"num\">" : "<th>") << Header(t.columns[i])
        << "</th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  for (const std::vector<Cell>& row : t.rows) {
    out << "<tr>";
    for (size_t i = 0; i < row.size(); ++i) {
      const bool num = i < numeric.size() && numeric[i];
      out << (num ? "<td class=\"num\">" : "<td>") << EscapeHtml(row[i].text)
          << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody></table>\n";
  if (!t.caption.empty()) {
    out << "<p class=\"caption\">" << EscapeHtml(t.caption) << "</p>\n";
  }
  out << "</div>\n";
}

void WriteChart(const Chart& c, std::ostream& out) {
  out << "<figure class=\"chart\">\n<div class=\"chart-title\">"
      << EscapeHtml(c.title)
      << "</div>\n<div class=\"canvas-box\"><canvas id=\"chart-"
      << EscapeHtml(c.id) << "\" data-chart=\"" << EscapeHtml(c.id)
      << "\" role=\"img\" aria-label=\"" << EscapeHtml(c.title)
      << "\"></canvas></div>\n";
  if (!c.caption.empty()) {
    out << "<figcaption class=\"caption\">" << EscapeHtml(c.caption)
        << "</figcaption>\n";
  }
  out << "</figure>\n";
}

void WriteSection(const Section& s, std::ostream& out) {
  out << "<section class=\"card\" id=\"" << EscapeHtml(s.id) << "\">\n<h2>"
      << EscapeHtml(s.title) << "</h2>\n<p class=\"intro\">"
      << EscapeHtml(s.intro) << "</p>\n";
  if (!s.charts.empty()) {
    out << "<div class=\"charts\">\n";
    for (const Chart& c : s.charts) WriteChart(c, out);
    out << "</div>\n";
  }
  for (const Table& t : s.tables) WriteTable(t, out);
  if (!s.notes.empty()) {
    out << "<ul class=\"notes\">";
    for (const std::string& n : s.notes)
      out << "<li>" << EscapeHtml(n) << "</li>";
    out << "</ul>\n";
  }
  out << "</section>\n";
}

void WriteHeader(const Report& r, std::ostream& out) {
  out << "<header class=\"top\"><div class=\"wrap\">\n"
      << "<div class=\"brand\">loadlaw · capacity and TCO report</div>\n"
      << "<h1>" << EscapeHtml(r.title) << "</h1>\n"
      << "<p class=\"sub\">" << EscapeHtml(r.subtitle) << "</p>\n"
      << "<nav class=\"toc\"><a href=\"#answer\">Answer</a>";
  for (const Section& s : r.sections) {
    out << "<a href=\"#" << EscapeHtml(s.id) << "\">" << EscapeHtml(s.title)
        << "</a>";
  }
  out << "<a href=\"#provenance\">Provenance</a></nav>\n</div></header>\n";
}

void WriteProvenance(const Report& r, std::ostream& out) {
  out << "<section class=\"card\" id=\"provenance\">\n<h2>Provenance</h2>\n"
      << "<dl class=\"prov\">\n";
  for (const KeyValue& kv : r.provenance) {
    out << "<dt>" << EscapeHtml(kv.label) << "</dt><dd>" << EscapeHtml(kv.value)
        << "</dd>\n";
  }
  out << "</dl>\n</section>\n";
}

nlohmann::json ChartsData(const Report& r) {
  nlohmann::json charts = nlohmann::json::array();
  for (const Section& s : r.sections) {
    for (const Chart& c : s.charts) charts.push_back(ChartJson(c));
  }
  return {{"charts", charts}};
}

}  // namespace

std::string EscapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string JsonForScript(const nlohmann::json& j) {
  const std::string text = j.dump();
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    // "<" only appears inside JSON strings, where "\u003c" means the same.
    if (text[i] == '<') {
      out += "\\u003c";
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace internal

std::string RenderHtml(const Report& report,
                       const std::string& chart_library_js) {
  using internal::EscapeHtml;
  if (chart_library_js.empty()) {
    throw std::invalid_argument(
        "chart_library_js: empty (pass the text of ChartLibrary())");
  }
  if (chart_library_js.find("</script") != std::string::npos) {
    throw std::invalid_argument(
        "chart_library_js: contains '</script', which would end the page's "
        "script early");
  }
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
         "charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, "
         "initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"loadlaw "
      << EscapeHtml(report.loadlaw_version) << "\">\n"
      << "<title>" << EscapeHtml(report.title) << "</title>\n"
      << "<style>" << internal::kReportCss << "</style>\n</head>\n<body>\n";
  internal::WriteHeader(report, out);
  out << "<main class=\"wrap\">\n";
  internal::WriteAnswer(report, out);
  for (const Section& s : report.sections) internal::WriteSection(s, out);
  internal::WriteProvenance(report, out);
  out << "</main>\n<footer class=\"wrap\">Generated by loadlaw "
      << EscapeHtml(report.loadlaw_version) << " at "
      << EscapeHtml(report.generated_at) << " (" << EscapeHtml(report.schema)
      << "). Charts drawn with Chart.js (MIT licence), inlined: this page "
         "makes no network request.</footer>\n"
      << "<noscript><p class=\"wrap\">The charts need JavaScript; every "
         "number is also in the tables above and in report.json.</p>"
         "</noscript>\n"
      << "<script type=\"application/json\" id=\"loadlaw-data\">"
      << internal::JsonForScript(internal::ChartsData(report)) << "</script>\n"
      << "<script>\n"
      << chart_library_js << "\n</script>\n"
      << "<script>" << internal::kReportScript << "</script>\n"
      << "</body>\n</html>\n";
  return out.str();
}

}  // namespace loadlaw::report
