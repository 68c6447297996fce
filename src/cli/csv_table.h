// A small reader for numeric CSV files (a header row, then numbers), enough
// for `loadlaw fit FILE.csv`. Lines starting with '#' and blank lines are
// skipped.

#ifndef LOADLAW_CLI_CSV_TABLE_H_
#define LOADLAW_CLI_CSV_TABLE_H_

#include <string>
#include <vector>

namespace loadlaw::cli {

struct CsvTable {
  std::string path;
  std::vector<std::string> columns;
  std::vector<std::vector<double>> rows;  // rows[i][j]: row i, column j

  // The index of a column given by name or by 1-based position ("2").
  // Throws std::invalid_argument listing the available columns.
  int ColumnIndex(const std::string& name_or_position) const;
  std::vector<double> Column(int index) const;
};

// Reads `path`. Throws std::invalid_argument naming the file, line and field
// for a missing file, an empty table, a row with the wrong number of fields
// or a field that is not a number.
CsvTable ReadCsv(const std::string& path);

}  // namespace loadlaw::cli

#endif  // LOADLAW_CLI_CSV_TABLE_H_
