#include "cli/csv_table.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace loadlaw::cli {
namespace {

std::string WriteTemp(const std::string& text) {
  const std::string path = ::testing::TempDir() + "csv_table_test.csv";
  std::ofstream(path) << text;
  return path;
}

std::string ErrorOf(const std::string& text) {
  try {
    ReadCsv(WriteTemp(text));
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(CsvTableTest, ReadsHeaderCommentsAndNumbers) {
  const CsvTable t =
      ReadCsv(WriteTemp("# a comment\nload, throughput\n1,64.9\n\n18,995.9\n"));
  ASSERT_EQ(t.columns.size(), 2u);
  EXPECT_EQ(t.columns[1], "throughput");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(t.rows[1][1], 995.9);
  EXPECT_EQ(t.ColumnIndex("throughput"), 1);
  EXPECT_EQ(t.ColumnIndex("1"), 0);
  EXPECT_DOUBLE_EQ(t.Column(0)[1], 18.0);
}

TEST(CsvTableTest, ReadsTheBundledExamples) {
  const CsvTable t =
      ReadCsv(std::string(LOADLAW_SOURCE_DIR) + "/models/examples/cisco.csv");
  EXPECT_EQ(t.rows.size(), 32u);
  EXPECT_DOUBLE_EQ(t.rows[31][1], 12074.39);
}

TEST(CsvTableTest, ErrorsNameTheLineAndField) {
  EXPECT_NE(ErrorOf("n,x\n1,2\n3,abc\n").find(":3 column 'x': 'abc' is not a "
                                              "number"),
            std::string::npos);
  EXPECT_NE(ErrorOf("n,x\n1,2,3\n").find("3 fields, expected 2"),
            std::string::npos);
  EXPECT_NE(ErrorOf("n,x\n").find("no data rows"), std::string::npos);
  EXPECT_NE(ErrorOf("n,x\n1,\n").find("empty field"), std::string::npos);
  EXPECT_THROW(ReadCsv("/nonexistent/file.csv"), std::invalid_argument);
}

TEST(CsvTableTest, UnknownColumnListsTheColumns) {
  const CsvTable t = ReadCsv(WriteTemp("n,x\n1,2\n"));
  try {
    t.ColumnIndex("tput");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("no column 'tput' (columns: n, x)"),
              std::string::npos);
  }
  EXPECT_THROW(t.ColumnIndex("3"), std::invalid_argument);
  EXPECT_THROW(t.ColumnIndex("0"), std::invalid_argument);
}

}  // namespace
}  // namespace loadlaw::cli
