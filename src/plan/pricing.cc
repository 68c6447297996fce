// Reading the price list, with errors that name the JSON pointer.

#include "loadlaw/plan/pricing.h"

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

namespace loadlaw::plan {
namespace {

using nlohmann::json;

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void Fail(const std::string& pointer,
                         const std::string& why) const {
    throw std::invalid_argument(source_ + ": " + pointer + ": " + why);
  }

  const json& Field(const json& object, const std::string& pointer,
                    const std::string& key) const {
    if (!object.is_object()) Fail(pointer, "expected an object");
    if (!object.contains(key)) {
      throw std::invalid_argument(source_ + ": missing field " + pointer + "/" +
                                  key);
    }
    return object[key];
  }

  std::string String(const json& object, const std::string& pointer,
                     const std::string& key) const {
    const json& v = Field(object, pointer, key);
    if (!v.is_string()) Fail(pointer + "/" + key, "expected a string");
    return v.get<std::string>();
  }

  std::string OptionalString(const json& object, const std::string& pointer,
                             const std::string& key) const {
    return object.contains(key) ? String(object, pointer, key) : "";
  }

  double Price(const json& object, const std::string& pointer,
               const std::string& key) const {
    const json& v = Field(object, pointer, key);
    if (!v.is_number()) Fail(pointer + "/" + key, "expected a number");
    const double price = v.get<double>();
    if (!(price >= 0)) Fail(pointer + "/" + key, "must be >= 0");
    return price;
  }

 private:
  std::string source_;
};

HardwarePrice ReadHardware(const Reader& r, const std::string& name,
                           const json& entry, const std::string& pointer) {
  HardwarePrice h;
  h.name = name;
  h.per_gpu_hour = r.Price(entry, pointer, "per_gpu_hour");
  h.date = r.String(entry, pointer, "date");
  h.source = r.OptionalString(entry, pointer, "source");
  return h;
}

ApiPrice ReadApi(const Reader& r, const std::string& name, const json& entry,
                 const std::string& pointer) {
  ApiPrice a;
  a.name = name;
  a.input_per_million = r.Price(entry, pointer, "input_per_million");
  a.output_per_million = r.Price(entry, pointer, "output_per_million");
  a.date = r.String(entry, pointer, "date");
  a.source = r.OptionalString(entry, pointer, "source");
  return a;
}

Pricing ReadPricing(const Reader& r, const json& root) {
  if (!root.is_object()) r.Fail("/", "expected a JSON object");
  const std::string schema = r.String(root, "", "schema");
  if (schema != kPricingSchema) {
    r.Fail("/schema", "'" + schema + "' is not a supported schema (expected " +
                          kPricingSchema + ")");
  }
  Pricing p;
  p.currency = r.String(root, "", "currency");
  p.date = r.String(root, "", "date");
  p.note = r.OptionalString(root, "", "note");
  const json& hardware = r.Field(root, "", "hardware");
  if (!hardware.is_object()) r.Fail("/hardware", "expected an object");
  for (const auto& item : hardware.items()) {
    p.hardware.push_back(
        ReadHardware(r, item.key(), item.value(), "/hardware/" + item.key()));
  }
  if (root.contains("api")) {
    const json& api = root["api"];
    if (!api.is_object()) r.Fail("/api", "expected an object");
    for (const auto& item : api.items()) {
      p.api.push_back(
          ReadApi(r, item.key(), item.value(), "/api/" + item.key()));
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
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::invalid_argument(source + ": not valid JSON: " + e.what());
  }
  return ReadPricing(Reader(source), root);
}

Pricing LoadPricing(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("cannot read pricing '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  return ParsePricingJson(text.str(), path);
}

}  // namespace loadlaw::plan
