// File: loadlaw/report/compare_files.h
// `loadlaw compare A B` as one call: tells a sweep file from a capacity model
// file by its "schema", compares two of the same kind (loadlaw/sweep_file/
// compare.h, loadlaw/plan/compare_models.h) and renders the result as the
// one JSON document the CLI prints and Python returns.
//
//   loadlaw::report::CompareSpec spec;
//   spec.max_regression = 0.05;
//   loadlaw::report::FileComparison c = loadlaw::report::CompareFiles(
//       "runs/base.sweep.json", "runs/canary.sweep.json", spec);
//   if (c.Fails(/*fail_on_inconclusive=*/false)) return 1;

#ifndef LOADLAW_REPORT_COMPARE_FILES_H_
#define LOADLAW_REPORT_COMPARE_FILES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "loadlaw/compare/change.h"
#include "loadlaw/fit/capacity_model.h"
#include "loadlaw/plan/compare_models.h"
#include "loadlaw/sweep_file/compare.h"
#include "loadlaw/sweep_file/sweep_file.h"

namespace loadlaw::report {

// What a loadlaw JSON document is, by its "schema".
enum class DocumentKind { kSweep, kCapacityModel };
std::string_view DocumentKindName(DocumentKind kind);  // "sweep", "model"

// The kind of the document in `path`. Throws std::invalid_argument naming
// the path when it cannot be read, is not JSON, or its /schema is neither a
// sweep's (loadlaw.sweep/...) nor a capacity model's
// (loadlaw.capacity_model/...).
DocumentKind DocumentKindOf(const std::string& path);

// A sweep or a capacity model: what `compare` takes on either side.
using Document = std::variant<sweep::SweepFile, fit::CapacityModel>;
// Reads the sweep or model in `path` (errors as DocumentKindOf and the
// readers).
Document LoadDocument(const std::string& path);

// The options of a comparison (thresholds as fractions).
struct CompareSpec {
  double max_regression = 0.05;      // largest tolerated worsening
  double max_error_increase = 0.01;  // sweeps: error-rate rise, absolute
  double confidence = 0.95;
  std::uint64_t seed = 1;  // sweeps: of the bootstrap
};

// Two sweeps or two models compared; exactly one of the two is set.
struct FileComparison {
  DocumentKind kind = DocumentKind::kSweep;
  std::optional<sweep::SweepComparison> sweeps;
  std::optional<plan::ModelComparison> models;

  compare::Verdict verdict() const;
  const std::string& worst() const;
  // Whether `loadlaw compare` fails (exits 1): on a regression, or on an
  // inconclusive verdict when asked.
  bool Fails(bool fail_on_inconclusive) const;
  // The `loadlaw compare --json` document ("kind": "sweep" or "model").
  nlohmann::json ToJson() const;
};

FileComparison CompareSweepFiles(const sweep::SweepFile& baseline,
                                 const sweep::SweepFile& candidate,
                                 const CompareSpec& spec);
FileComparison CompareModelFiles(const fit::CapacityModel& baseline,
                                 const fit::CapacityModel& candidate,
                                 const CompareSpec& spec);

// Compares two documents of the same kind. Throws std::invalid_argument
// when one is a sweep and the other a model (naming them as `baseline_name`
// and `candidate_name`), or as the comparison itself throws (e.g. no
// matching level).
FileComparison CompareDocuments(const Document& baseline,
                                const Document& candidate,
                                const CompareSpec& spec,
                                const std::string& baseline_name = "baseline",
                                const std::string& candidate_name =
                                    "candidate");

// Reads both files and compares them (CompareDocuments, the files named by
// their paths).
FileComparison CompareFiles(const std::string& baseline_path,
                            const std::string& candidate_path,
                            const CompareSpec& spec);

}  // namespace loadlaw::report

#endif  // LOADLAW_REPORT_COMPARE_FILES_H_
