// Reading the price list, with errors that name the JSON pointer.

#include "loadlaw/plan/pricing.h"

#include <cctype>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "loadlaw/base/json.h"

namespace loadlaw::plan {
namespace {

using base::JsonNode;
using nlohmann::json;

std::string OptionalString(const JsonNode& object, const char* key) {
  const std::optional<JsonNode> v = object.Find(key);
  return v ? v->String() : "";
}

HardwarePrice ReadHardware(const std::string& name, const JsonNode& entry) {
  HardwarePrice h;
  h.name = name;
  h.per_gpu_hour = entry["per_gpu_hour"].NonNegative();
  h.date = entry["date"].String();
  h.source = OptionalString(entry, "source");
  return h;
}

ApiPrice ReadApi(const std::string& name, const JsonNode& entry) {
  ApiPrice a;
  a.name = name;
  a.input_per_million = entry["input_per_million"].NonNegative();
  a.output_per_million = entry["output_per_million"].NonNegative();
  a.date = entry["date"].String();
  a.source = OptionalString(entry, "source");
  return a;
}

Pricing ReadPricing(const JsonNode& root) {
  if (!root.IsObject()) root.Fail("expected a JSON object");
  const JsonNode schema = root["schema"];
  if (schema.String() != kPricingSchema) {
    schema.Fail("'" + schema.String() +
                "' is not a supported schema (expected " + kPricingSchema +
                ")");
  }
  Pricing p;
  p.currency = root["currency"].String();
  p.date = root["date"].String();
  p.note = OptionalString(root, "note");
  const JsonNode hardware = root["hardware"];
  if (!hardware.IsObject()) hardware.Fail("expected an object");
  for (const auto& item : hardware.value().items()) {
    p.hardware.push_back(ReadHardware(item.key(), hardware[item.key()]));
  }
  if (const std::optional<JsonNode> api = root.Find("api")) {
    if (!api->IsObject()) api->Fail("expected an object");
    for (const auto& item : api->value().items()) {
      p.api.push_back(ReadApi(item.key(), (*api)[item.key()]));
    }
  }
  return p;
}

bool EqualIgnoringCase(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

const HardwarePrice* Pricing::FindHardware(const std::string& name) const {
  for (const HardwarePrice& h : hardware) {
    if (EqualIgnoringCase(h.name, name)) return &h;
  }
  return nullptr;
}

std::string Pricing::HardwareNames() const {
  std::string names;
  for (const HardwarePrice& h : hardware) {
    names += (names.empty() ? "" : ", ") + h.name;
  }
  return names;
}

Pricing ParsePricingJson(const std::string& text, const std::string& source) {
  const json root = base::ParseJson(text, source);
  return ReadPricing(JsonNode(root, source));
}

Pricing LoadPricing(const std::string& path) {
  const json root = base::ReadJsonFile(path);
  return ReadPricing(JsonNode(root, path));
}

}  // namespace loadlaw::plan
