// A JSON value together with its JSON pointer, so that every error about a
// workload file names the field it is about ("/scenarios/1/weight: ...").

#ifndef LOADLAW_WORKLOAD_JSON_READER_INTERNAL_H_
#define LOADLAW_WORKLOAD_JSON_READER_INTERNAL_H_

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace loadlaw::workload::internal {

class JsonNode {
 public:
  JsonNode(const nlohmann::json& value, std::string pointer)
      : value_(&value), pointer_(std::move(pointer)) {}

  const nlohmann::json& value() const { return *value_; }
  // "" for the root, else "/a/0/b".
  const std::string& pointer() const { return pointer_; }
  std::string PointerOrRoot() const {
    return pointer_.empty() ? "/" : pointer_;
  }

  // Throws std::invalid_argument "<pointer>: <what>".
  [[noreturn]] void Fail(const std::string& what) const;

  bool IsObject() const { return value_->is_object(); }
  bool IsArray() const { return value_->is_array(); }
  bool IsString() const { return value_->is_string(); }
  bool IsNumber() const { return value_->is_number(); }

  // Members of an object (Fail when this is not an object).
  std::optional<JsonNode> Find(std::string_view key) const;
  JsonNode Get(std::string_view key) const;  // Fail when missing
  // Elements of an array.
  std::size_t Size() const;
  JsonNode At(std::size_t index) const;
  // Fail on any member not in `allowed` (catches typos such as "max_token").
  void CheckKeys(std::initializer_list<std::string_view> allowed) const;

  std::string String() const;
  double Number() const;
  double NonNegative() const;
  std::int64_t Integer() const;
  bool Bool() const;

 private:
  const nlohmann::json* value_;
  std::string pointer_;
};

// The JSON pointer token of an object key (escapes '~' and '/').
std::string PointerToken(std::string_view key);

}  // namespace loadlaw::workload::internal

#endif  // LOADLAW_WORKLOAD_JSON_READER_INTERNAL_H_
