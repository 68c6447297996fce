// File: loadlaw/fit/capacity_model_json.h
// The capacity model file (`models/NAME.model.json`, documented field by field
// in models/README.md): versioned by its `schema`, self-describing, and exact
// — every fitted parameter and covariance is stored, so a loaded model
// predicts exactly like the one that was fitted.
//
//   loadlaw::fit::SaveCapacityModel(model, "models/h100.model.json");
//   loadlaw::fit::CapacityModel loaded =
//       loadlaw::fit::LoadCapacityModel("models/h100.model.json");
//   double x32 = loaded.Predict(32).requests_per_s.value;

#ifndef LOADLAW_FIT_CAPACITY_MODEL_JSON_H_
#define LOADLAW_FIT_CAPACITY_MODEL_JSON_H_

#include <string>

#include "loadlaw/fit/capacity_model.h"

namespace loadlaw::fit {

// The model as JSON text (`indent` spaces per level; -1 for one line).
// Non-finite numbers are written as null (NaN) or the strings "inf"/"-inf".
std::string CapacityModelToJsonText(const CapacityModel& model, int indent = 2);

// A level's latency quantiles as the model file writes them (the
// `latency_s` of each of its `levels`): {"e2e": {"p99": 1.2, ...}, ...}, the
// quantiles measured only.
std::string LatencyTableToJsonText(const LatencyTable& table, int indent = -1);

// Parses JSON text written by CapacityModelToJsonText. Throws
// std::invalid_argument that starts with `source` (a file name, for the
// message) and names the JSON pointer of the bad field: text that is not
// JSON, a `schema` other than kCapacityModelSchema, a missing field or a
// field of the wrong type. Optional fields (notes, levels, diagnostics) may be
// absent.
CapacityModel CapacityModelFromJsonText(const std::string& text,
                                        const std::string& source = "model");

// Reads a model file; throws std::invalid_argument naming the path when it
// cannot be read (and as above for its contents).
CapacityModel LoadCapacityModel(const std::string& path);
// Writes a model file atomically (base::WriteFileAtomic): on any failure the
// previous file is left as it was and std::runtime_error names the path and
// the cause.
void SaveCapacityModel(const CapacityModel& model, const std::string& path);

}  // namespace loadlaw::fit

#endif  // LOADLAW_FIT_CAPACITY_MODEL_JSON_H_
