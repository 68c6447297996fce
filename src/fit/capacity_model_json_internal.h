// Private to the fit module: reading and writing JSON fields so that every
// error names the JSON pointer of the field, and non-finite numbers survive a
// round trip (null for NaN, "inf" / "-inf" for the infinities).

#ifndef LOADLAW_FIT_CAPACITY_MODEL_JSON_INTERNAL_H_
#define LOADLAW_FIT_CAPACITY_MODEL_JSON_INTERNAL_H_

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace loadlaw::fit::internal {

using nlohmann::json;

inline json NumberJson(double value) {
  if (std::isnan(value)) return nullptr;
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return value;
}

inline json NumbersJson(const std::vector<double>& values) {
  json out = json::array();
  for (double v : values) out.push_back(NumberJson(v));
  return out;
}

// A position in the document being read: the source (file name) and the JSON
// pointer of the current value, for error messages.
class JsonCursor {
 public:
  JsonCursor(const json& value, std::string source, std::string pointer = "")
      : value_(value),
        source_(std::move(source)),
        pointer_(std::move(pointer)) {}

  const json& value() const { return value_; }
  const std::string& pointer() const { return pointer_; }

  [[noreturn]] void Fail(const std::string& what) const {
    throw std::invalid_argument(
        source_ + ": " + (pointer_.empty() ? "/" : pointer_) + ": " + what);
  }

  bool Has(const std::string& key) const {
    return value_.is_object() && value_.contains(key);
  }

  // The member `key` of this object; throws "missing field" when absent.
  JsonCursor operator[](const std::string& key) const {
    if (!value_.is_object()) Fail("expected an object, got " + TypeName());
    if (!value_.contains(key)) {
      throw std::invalid_argument(source_ + ": missing field " + pointer_ +
                                  "/" + key);
    }
    return JsonCursor(value_[key], source_, pointer_ + "/" + key);
  }

  JsonCursor At(size_t index) const {
    return JsonCursor(value_[index], source_,
                      pointer_ + "/" + std::to_string(index));
  }

  size_t ArraySize() const {
    if (!value_.is_array()) Fail("expected an array, got " + TypeName());
    return value_.size();
  }

  double Number() const {
    if (value_.is_number()) return value_.get<double>();
    if (value_.is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (value_.is_string()) {
      const std::string s = value_.get<std::string>();
      if (s == "inf") return std::numeric_limits<double>::infinity();
      if (s == "-inf") return -std::numeric_limits<double>::infinity();
    }
    Fail("expected a number (or null, \"inf\", \"-inf\"), got " + TypeName());
  }

  int Int() const {
    if (!value_.is_number_integer())
      Fail("expected an integer, got " + TypeName());
    return value_.get<int>();
  }

  bool Bool() const {
    if (!value_.is_boolean()) Fail("expected true or false, got " + TypeName());
    return value_.get<bool>();
  }

  std::string String() const {
    if (!value_.is_string()) Fail("expected a string, got " + TypeName());
    return value_.get<std::string>();
  }

  std::vector<double> Numbers() const {
    std::vector<double> out;
    for (size_t i = 0; i < ArraySize(); ++i) out.push_back(At(i).Number());
    return out;
  }

  std::vector<std::string> Strings() const {
    std::vector<std::string> out;
    for (size_t i = 0; i < ArraySize(); ++i) out.push_back(At(i).String());
    return out;
  }

 private:
  std::string TypeName() const {
    return value_.is_null() ? "null" : value_.type_name();
  }

  const json& value_;
  std::string source_;
  std::string pointer_;
};

}  // namespace loadlaw::fit::internal

#endif  // LOADLAW_FIT_CAPACITY_MODEL_JSON_INTERNAL_H_
