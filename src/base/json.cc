// JSON reading with located errors, and non-finite numbers (json.h).

#include "loadlaw/base/json.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "loadlaw/base/file.h"
#include "loadlaw/base/format.h"

namespace loadlaw::base {
namespace {

using nlohmann::json;

// Line and column of byte `offset` of `text` (1-based).
std::string Position(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann's message without its "[json.exception.parse_error.101] parse
// error at line 1, column 2: " prefix.
std::string Reason(const std::string& what) {
  std::string reason = what;
  const std::size_t bracket = reason.find("] ");
  if (reason.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) {
    reason = reason.substr(bracket + 2);
  }
  const std::size_t colon = reason.rfind(": ");
  if (colon != std::string::npos) reason = reason.substr(colon + 2);
  return Truncate(reason, 160);
}

}  // namespace

json ParseJson(std::string_view text, const std::string& source) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    throw std::invalid_argument(source + ": not valid JSON (" +
                                Position(text, e.byte == 0 ? 0 : e.byte - 1) +
                                ": " + Reason(e.what()) + ")");
  } catch (const json::out_of_range& e) {
    // A number beyond the range of a double (e.g. 1e400).
    throw std::invalid_argument(source + ": not valid JSON (" +
                                Reason(e.what()) + ")");
  }
}

json ReadJsonFile(const std::string& path, std::size_t max_bytes) {
  return ParseJson(ReadTextFile(path, max_bytes), path);
}

std::string PointerToken(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

JsonNode::JsonNode(const json& value, std::string source, std::string pointer)
    : value_(&value), source_(std::move(source)), pointer_(std::move(pointer)) {}

std::string JsonNode::Where() const {
  const std::string p = pointer_.empty() ? "/" : pointer_;
  return source_.empty() ? p : source_ + ": " + p;
}

void JsonNode::Fail(const std::string& what) const {
  throw std::invalid_argument(Where() + ": " + what);
}

std::string JsonNode::TypeName() const {
  return value_->is_null() ? "null" : value_->type_name();
}

bool JsonNode::Has(std::string_view key) const {
  return value_->is_object() && value_->contains(std::string(key));
}

std::optional<JsonNode> JsonNode::Find(std::string_view key) const {
  if (!value_->is_object()) Fail("expected an object, got " + TypeName());
  const auto it = value_->find(std::string(key));
  if (it == value_->end()) return std::nullopt;
  return JsonNode(*it, source_, pointer_ + "/" + PointerToken(key));
}

JsonNode JsonNode::operator[](std::string_view key) const {
  std::optional<JsonNode> child = Find(key);
  if (!child) {
    const std::string missing =
        "missing field " + pointer_ + "/" + PointerToken(key);
    throw std::invalid_argument(source_.empty() ? missing
                                                : source_ + ": " + missing);
  }
  return *child;
}

std::size_t JsonNode::Size() const {
  if (!value_->is_array()) Fail("expected an array, got " + TypeName());
  return value_->size();
}

JsonNode JsonNode::At(std::size_t index) const {
  if (index >= Size()) Fail("no element " + std::to_string(index));
  return JsonNode((*value_)[index], source_,
                  pointer_ + "/" + std::to_string(index));
}

void JsonNode::CheckKeys(
    std::initializer_list<std::string_view> allowed) const {
  if (!value_->is_object()) Fail("expected an object, got " + TypeName());
  for (auto it = value_->begin(); it != value_->end(); ++it) {
    bool known = false;
    for (std::string_view key : allowed) known = known || key == it.key();
    if (!known) {
      JsonNode(*it, source_, pointer_ + "/" + PointerToken(it.key()))
          .Fail("unknown field");
    }
  }
}

std::string JsonNode::String() const {
  if (!value_->is_string()) Fail("expected a string, got " + TypeName());
  return value_->get<std::string>();
}

bool JsonNode::Bool() const {
  if (!value_->is_boolean()) Fail("expected true or false, got " + TypeName());
  return value_->get<bool>();
}

double JsonNode::Number() const {
  if (!value_->is_number()) Fail("expected a number, got " + TypeName());
  const double x = value_->get<double>();
  if (!std::isfinite(x)) Fail("expected a finite number");
  return x;
}

double JsonNode::NonNegative() const {
  const double x = Number();
  if (x < 0) Fail("must be >= 0, got " + FormatNumber(x));
  return x;
}

double JsonNode::NumberOrNonFinite() const {
  if (value_->is_number()) return value_->get<double>();
  if (value_->is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (value_->is_string()) {
    const std::string& s = value_->get_ref<const std::string&>();
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
  }
  Fail("expected a number (or null, \"inf\", \"-inf\"), got " + TypeName());
}

std::int64_t JsonNode::Integer(std::int64_t min, std::int64_t max) const {
  if (!value_->is_number()) Fail("expected a whole number, got " + TypeName());
  if (value_->is_number_unsigned()) {
    const std::uint64_t u = value_->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(max)) {
      Fail("must be at most " + std::to_string(max) + ", got " +
           std::to_string(u));
    }
    return static_cast<std::int64_t>(u);
  }
  if (value_->is_number_integer()) {
    const std::int64_t i = value_->get<std::int64_t>();
    if (i < min || i > max) {
      Fail("must be in [" + std::to_string(min) + ", " + std::to_string(max) +
           "], got " + std::to_string(i));
    }
    return i;
  }
  const double x = value_->get<double>();
  if (!std::isfinite(x) || x != std::floor(x)) {
    Fail("expected a whole number, got " + FormatNumber(x));
  }
  if (x < static_cast<double>(min) || x > static_cast<double>(max)) {
    Fail("must be in [" + std::to_string(min) + ", " + std::to_string(max) +
         "], got " + FormatNumber(x));
  }
  return static_cast<std::int64_t>(x);
}

int JsonNode::Int() const {
  return static_cast<int>(Integer(std::numeric_limits<int>::min(),
                                  std::numeric_limits<int>::max()));
}

std::vector<double> JsonNode::Numbers() const {
  std::vector<double> out;
  const std::size_t n = Size();
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(At(i).NumberOrNonFinite());
  return out;
}

std::vector<std::string> JsonNode::Strings() const {
  std::vector<std::string> out;
  const std::size_t n = Size();
  for (std::size_t i = 0; i < n; ++i) out.push_back(At(i).String());
  return out;
}

json NumberJson(double value) {
  if (std::isnan(value)) return nullptr;
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return value;
}

json NumbersJson(const std::vector<double>& values) {
  json out = json::array();
  for (double v : values) out.push_back(NumberJson(v));
  return out;
}

std::string DumpJson(const json& j, int indent) {
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace loadlaw::base
