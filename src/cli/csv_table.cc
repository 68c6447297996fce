#include "cli/csv_table.h"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace loadlaw::cli {
namespace {

std::string Trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  const auto end = s.find_last_not_of(" \t\r");
  return s.substr(begin, end - begin + 1);
}

std::vector<std::string> SplitFields(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) fields.push_back(Trim(field));
  if (!line.empty() && line.back() == ',') fields.push_back("");
  return fields;
}

double ParseNumber(const std::string& field, const std::string& where) {
  if (field.empty()) throw std::invalid_argument(where + ": empty field");
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(field.c_str(), &end);
  if (end != field.c_str() + field.size() || errno == ERANGE) {
    throw std::invalid_argument(where + ": '" + field + "' is not a number");
  }
  return value;
}

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

int CsvTable::ColumnIndex(const std::string& name_or_position) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name_or_position) return static_cast<int>(i);
  }
  char* end = nullptr;
  const long position = std::strtol(name_or_position.c_str(), &end, 10);
  if (!name_or_position.empty() && *end == '\0' && position >= 1 &&
      position <= static_cast<long>(columns.size())) {
    return static_cast<int>(position - 1);
  }
  throw std::invalid_argument(path + ": no column '" + name_or_position +
                              "' (columns: " + Joined(columns) + ")");
}

std::vector<double> CsvTable::Column(int index) const {
  std::vector<double> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(row.at(index));
  return out;
}

CsvTable ReadCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument(path + ": cannot open the file");
  CsvTable table;
  table.path = path;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    const std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    const std::vector<std::string> fields = SplitFields(trimmed);
    if (table.columns.empty()) {
      table.columns = fields;
      continue;
    }
    const std::string where = path + ":" + std::to_string(line_number);
    if (fields.size() != table.columns.size()) {
      throw std::invalid_argument(
          where + ": " + std::to_string(fields.size()) + " fields, expected " +
          std::to_string(table.columns.size()) + " (" +
          Joined(table.columns) + ")");
    }
    std::vector<double> row;
    for (size_t j = 0; j < fields.size(); ++j) {
      row.push_back(ParseNumber(fields[j], where + " column '" +
                                               table.columns[j] + "'"));
    }
    table.rows.push_back(std::move(row));
  }
  if (table.rows.empty()) {
    throw std::invalid_argument(path + ": no data rows (expected a header "
                                       "line, then numbers)");
  }
  return table;
}

}  // namespace loadlaw::cli
