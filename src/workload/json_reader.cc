// JsonNode: typed access to JSON with errors that name the JSON pointer.

#include <cmath>
#include <stdexcept>

#include "workload/json_reader_internal.h"

namespace loadlaw::workload::internal {

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

void JsonNode::Fail(const std::string& what) const {
  throw std::invalid_argument(PointerOrRoot() + ": " + what);
}

std::optional<JsonNode> JsonNode::Find(std::string_view key) const {
  if (!value_->is_object()) Fail("must be an object");
  const auto it = value_->find(std::string(key));
  if (it == value_->end()) return std::nullopt;
  return JsonNode(*it, pointer_ + "/" + PointerToken(key));
}

JsonNode JsonNode::Get(std::string_view key) const {
  std::optional<JsonNode> child = Find(key);
  if (!child) Fail("missing required key \"" + std::string(key) + "\"");
  return *child;
}

std::size_t JsonNode::Size() const {
  if (!value_->is_array()) Fail("must be an array");
  return value_->size();
}

JsonNode JsonNode::At(std::size_t index) const {
  if (!value_->is_array() || index >= value_->size()) Fail("no such element");
  return JsonNode((*value_)[index], pointer_ + "/" + std::to_string(index));
}

void JsonNode::CheckKeys(
    std::initializer_list<std::string_view> allowed) const {
  if (!value_->is_object()) Fail("must be an object");
  for (auto it = value_->begin(); it != value_->end(); ++it) {
    bool known = false;
    for (std::string_view key : allowed) known = known || key == it.key();
    if (!known) {
      JsonNode(*it, pointer_ + "/" + PointerToken(it.key()))
          .Fail("unknown key");
    }
  }
}

std::string JsonNode::String() const {
  if (!value_->is_string()) Fail("must be a string");
  return value_->get<std::string>();
}

double JsonNode::Number() const {
  if (!value_->is_number()) Fail("must be a number");
  const double x = value_->get<double>();
  if (!std::isfinite(x)) Fail("must be finite");
  return x;
}

double JsonNode::NonNegative() const {
  const double x = Number();
  if (x < 0) Fail("must be >= 0, got " + value_->dump());
  return x;
}

std::int64_t JsonNode::Integer() const {
  const double x = Number();
  if (x != std::floor(x) || std::fabs(x) > 9e15) {
    Fail("must be an integer, got " + value_->dump());
  }
  return static_cast<std::int64_t>(x);
}

bool JsonNode::Bool() const {
  if (!value_->is_boolean()) Fail("must be true or false");
  return value_->get<bool>();
}

}  // namespace loadlaw::workload::internal
