// File: loadlaw/base/json.h
// Reading JSON documents (workloads, sweeps, models, prices, answers) so that
// every error names the document and the JSON pointer of the bad field, and
// writing numbers so that non-finite ones survive a round trip.
//
//   nlohmann::json doc = loadlaw::base::ReadJsonFile("runs/a.sweep.json");
//   loadlaw::base::JsonNode root(doc, "runs/a.sweep.json");
//   double w = root["levels"].At(0)["duration_s"].Number();
//   // a bad field throws std::invalid_argument:
//   //   "runs/a.sweep.json: /levels/0/duration_s: expected a number, got string"

#ifndef LOADLAW_BASE_JSON_H_
#define LOADLAW_BASE_JSON_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace loadlaw::base {

// The largest JSON document loadlaw reads (256 MiB): a larger file is refused
// before it is read, rather than exhausting memory.
inline constexpr std::size_t kMaxJsonBytes = std::size_t{256} << 20;

// Reads and parses the JSON file at `path`. Throws std::invalid_argument
// naming the path when it cannot be read, is not a regular file (a directory,
// a device), is larger than `max_bytes`, or is not valid JSON (with the line
// and column of the first error).
nlohmann::json ReadJsonFile(const std::string& path,
                            std::size_t max_bytes = kMaxJsonBytes);

// Parses `text`; errors name `source` (a path, or a phrase such as "the
// pricing argument") with the line and column.
nlohmann::json ParseJson(std::string_view text, const std::string& source);

// The JSON pointer token of an object key ('~' and '/' escaped).
std::string PointerToken(std::string_view key);

// A value of a document with where it is: its source and JSON pointer. Every
// accessor throws std::invalid_argument "<source>: <pointer>: <what>" (the
// source left out when empty).
class JsonNode {
 public:
  JsonNode(const nlohmann::json& value, std::string source = "",
           std::string pointer = "");

  const nlohmann::json& value() const { return *value_; }
  // "" for the root, else "/a/0/b".
  const std::string& pointer() const { return pointer_; }
  const std::string& source() const { return source_; }
  // "<source>: <pointer>" ("/" for the root), for messages.
  std::string Where() const;
  [[noreturn]] void Fail(const std::string& what) const;

  bool IsNull() const { return value_->is_null(); }
  bool IsObject() const { return value_->is_object(); }
  bool IsArray() const { return value_->is_array(); }
  bool IsString() const { return value_->is_string(); }
  bool IsNumber() const { return value_->is_number(); }
  // Whether this object has the member `key` (false for a non-object).
  bool Has(std::string_view key) const;

  // The member `key` of this object; nullopt when absent. Fails when this is
  // not an object.
  std::optional<JsonNode> Find(std::string_view key) const;
  // The member `key`; throws "<source>: missing field <pointer>/<key>".
  JsonNode operator[](std::string_view key) const;
  // Elements of an array (Size fails when this is not an array).
  std::size_t Size() const;
  JsonNode At(std::size_t index) const;
  // Fails on any member not in `allowed` (catches typos such as "max_token").
  void CheckKeys(std::initializer_list<std::string_view> allowed) const;

  std::string String() const;
  bool Bool() const;
  // A finite number.
  double Number() const;
  // A finite number >= 0.
  double NonNegative() const;
  // A number as written by NumberJson: null is NaN, "inf" and "-inf" the
  // infinities.
  double NumberOrNonFinite() const;
  // A whole number in [min, max].
  std::int64_t Integer(std::int64_t min = -(std::int64_t{1} << 53),
                       std::int64_t max = std::int64_t{1} << 53) const;
  int Int() const;  // a whole number that fits an int
  std::vector<double> Numbers() const;  // NumberOrNonFinite of each element
  std::vector<std::string> Strings() const;

  // "null", "string", "number", ... for messages.
  std::string TypeName() const;

 private:
  const nlohmann::json* value_;
  std::string source_;
  std::string pointer_;
};

// `value` as JSON: NaN as null, the infinities as "inf" / "-inf" (JSON has no
// literal for them); JsonNode::NumberOrNonFinite reads them back.
nlohmann::json NumberJson(double value);
nlohmann::json NumbersJson(const std::vector<double>& values);

// `j` as text: `indent` < 0 for one line; invalid UTF-8 in strings replaced
// (a server's text can hold anything) instead of throwing.
std::string DumpJson(const nlohmann::json& j, int indent = -1);

}  // namespace loadlaw::base

#endif  // LOADLAW_BASE_JSON_H_
