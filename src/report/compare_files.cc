// Comparing two files of the same kind (compare_files.h).

#include "loadlaw/report/compare_files.h"

#include <stdexcept>

#include "loadlaw/base/json.h"
#include "loadlaw/fit/capacity_model_json.h"

namespace loadlaw::report {

std::string_view DocumentKindName(DocumentKind kind) {
  return kind == DocumentKind::kSweep ? "sweep" : "model";
}

DocumentKind DocumentKindOf(const std::string& path) {
  const nlohmann::json doc = base::ReadJsonFile(path);
  const std::string schema = doc.is_object() && doc.contains("schema") &&
                                     doc.at("schema").is_string()
                                 ? doc.at("schema").get<std::string>()
                                 : "";
  if (schema.rfind("loadlaw.sweep/", 0) == 0) return DocumentKind::kSweep;
  if (schema.rfind("loadlaw.capacity_model/", 0) == 0) {
    return DocumentKind::kCapacityModel;
  }
  throw std::invalid_argument(
      path + ": /schema is \"" + schema +
      "\", neither a sweep (loadlaw.sweep/...) nor a capacity model "
      "(loadlaw.capacity_model/...)");
}

compare::Verdict FileComparison::verdict() const {
  return sweeps ? sweeps->verdict : models->verdict;
}

const std::string& FileComparison::worst() const {
  return sweeps ? sweeps->worst : models->worst;
}

bool FileComparison::Fails(bool fail_on_inconclusive) const {
  const compare::Verdict v = verdict();
  return v == compare::Verdict::kRegression ||
         (fail_on_inconclusive && v == compare::Verdict::kInconclusive);
}

nlohmann::json FileComparison::ToJson() const {
  if (sweeps) return sweep::SweepComparisonToJson(*sweeps);
  return nlohmann::json::parse(plan::ModelComparisonToJsonText(*models));
}

FileComparison CompareSweepFiles(const sweep::SweepFile& baseline,
                                 const sweep::SweepFile& candidate,
                                 const CompareSpec& spec) {
  sweep::CompareOptions options;
  options.max_regression = spec.max_regression;
  options.max_error_rate_increase = spec.max_error_increase;
  options.confidence = spec.confidence;
  options.seed = spec.seed;
  FileComparison out;
  out.kind = DocumentKind::kSweep;
  out.sweeps = sweep::CompareSweeps(baseline, candidate, options);
  return out;
}

FileComparison CompareModelFiles(const fit::CapacityModel& baseline,
                                 const fit::CapacityModel& candidate,
                                 const CompareSpec& spec) {
  plan::ModelCompareOptions options;
  options.max_regression = spec.max_regression;
  options.confidence = spec.confidence;
  FileComparison out;
  out.kind = DocumentKind::kCapacityModel;
  out.models = plan::CompareModels(baseline, candidate, options);
  return out;
}

Document LoadDocument(const std::string& path) {
  if (DocumentKindOf(path) == DocumentKind::kSweep) {
    return sweep::LoadSweep(path);
  }
  return fit::LoadCapacityModel(path);
}

FileComparison CompareDocuments(const Document& baseline,
                                const Document& candidate,
                                const CompareSpec& spec,
                                const std::string& baseline_name,
                                const std::string& candidate_name) {
  const auto* b_sweep = std::get_if<sweep::SweepFile>(&baseline);
  const auto* c_sweep = std::get_if<sweep::SweepFile>(&candidate);
  if ((b_sweep == nullptr) != (c_sweep == nullptr)) {
    const auto name = [](bool sweep) {
      return sweep ? "a sweep" : "a capacity model";
    };
    throw std::invalid_argument("compare: " + baseline_name + " is " +
                                name(b_sweep != nullptr) + " but " +
                                candidate_name + " is " +
                                name(c_sweep != nullptr) +
                                "; compare two sweeps or two models");
  }
  if (b_sweep != nullptr) return CompareSweepFiles(*b_sweep, *c_sweep, spec);
  return CompareModelFiles(std::get<fit::CapacityModel>(baseline),
                           std::get<fit::CapacityModel>(candidate), spec);
}

FileComparison CompareFiles(const std::string& baseline_path,
                            const std::string& candidate_path,
                            const CompareSpec& spec) {
  return CompareDocuments(LoadDocument(baseline_path),
                          LoadDocument(candidate_path), spec, baseline_path,
                          candidate_path);
}

}  // namespace loadlaw::report
