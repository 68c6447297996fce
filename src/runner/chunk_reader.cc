// Reading one streamed chunk (chunk_reader_internal.h) with nlohmann's SAX
// interface: a stack of frames that knows where in the chunk it is, and no
// document built.

#include "runner/chunk_reader_internal.h"

#include <cmath>

namespace loadlaw::runner::internal {
namespace {

using nlohmann::json;

// Where a value sits in the chunk.
enum class Role {
  kRoot,       // the chunk object
  kUsage,      // /usage
  kChoices,    // /choices
  kChoice,     // /choices/i
  kDelta,      // /choices/i/delta or /choices/i/message
  kToolCalls,  // /choices/i/delta/tool_calls
  kSkip,       // anything else
};

// One choice's candidate outputs: its delta, its message and its text. As in
// ChoiceHasOutput, a delta (of any type) wins over a message, a message over
// a text, whatever order the keys come in.
struct ChoiceState {
  bool has_delta = false;
  bool has_message = false;
  bool output[3] = {false, false, false};  // delta, message, text
  std::string text[3];
};

enum Branch { kDeltaBranch = 0, kMessageBranch = 1, kTextBranch = 2 };

class ChunkSax {
 public:
  ChunkSax(bool keep_text, ChunkFields* out)
      : keep_text_(keep_text), out_(out), key_(out->key_scratch) {}

  bool null() { return Scalar(Kind::kNull, nullptr); }
  bool boolean(bool) { return Scalar(Kind::kOther, nullptr); }
  bool number_integer(json::number_integer_t v) {
    return Number(static_cast<double>(v), [v] { return std::to_string(v); });
  }
  bool number_unsigned(json::number_unsigned_t v) {
    return Number(static_cast<double>(v), [v] { return std::to_string(v); });
  }
  bool number_float(json::number_float_t v, const json::string_t& text) {
    return Number(v, [&text] { return text; });
  }
  bool string(json::string_t& s) { return Scalar(Kind::kString, &s); }
  bool binary(json::binary_t&) { return Scalar(Kind::kOther, nullptr); }

  bool start_object(std::size_t) { return Open(/*array=*/false); }
  bool start_array(std::size_t) { return Open(/*array=*/true); }
  bool key(json::string_t& k) {
    key_.assign(k);
    return true;
  }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception&) {
    return false;
  }

 private:
  enum class Kind { kNull, kString, kOther };

  static constexpr int kMaxDepth = 16;  // deeper containers are skipped

  Role Current() const {
    return depth_ == 0 || depth_ > kMaxDepth ? Role::kSkip : stack_[depth_ - 1];
  }
  void Push(Role role) {
    if (depth_ < kMaxDepth) stack_[depth_] = role;
    ++depth_;
  }

  // A value arrives in the current container.
  void Arrive() {
    if (Current() == Role::kToolCalls) tool_call_seen_ = true;
  }

  bool Scalar(Kind kind, json::string_t* s) {
    if (!started_) return false;  // not an object: malformed
    Arrive();
    const std::string& k = key_;
    switch (Current()) {
      case Role::kUsage:
        if (kind != Kind::kNull && IsUsageCount(k)) {
          NotANumber(kind == Kind::kString ? "\"" + *s + "\"" : "a boolean");
        }
        break;
      case Role::kRoot:
        if (k == "error" && kind != Kind::kNull) {
          out_->reports_error = true;
        } else if (k == "object" && kind == Kind::kString && *s == "error") {
          out_->reports_error = true;
        } else if (k == "id" && kind == Kind::kString) {
          out_->id = *s;
          out_->has_id = true;
        }
        break;
      case Role::kChoice:
        if (k == "delta") {
          choice_.has_delta = true;
        } else if (k == "message") {
          choice_.has_message = true;
        } else if (k == "text" && kind == Kind::kString && !s->empty()) {
          Output(kTextBranch, s);
        } else if (k == "finish_reason" && kind != Kind::kNull) {
          out_->finished = true;
        }
        break;
      case Role::kDelta:
        if (kind == Kind::kString && !s->empty()) {
          if (k == "content") {
            Output(branch_, s);
          } else if (k == "reasoning_content" || k == "reasoning") {
            Output(branch_, nullptr);
          }
        }
        break;
      default:
        break;
    }
    return true;
  }

  static bool IsUsageCount(const std::string& key) {
    return key == "prompt_tokens" || key == "completion_tokens";
  }

  void NotANumber(const std::string& text) {
    if (out_->usage_problem.empty()) {
      out_->usage_problem = UsageProblem(key_, text);
    }
  }

  // A number; `text` makes how it was written (only for a message).
  template <typename Text>
  bool Number(double value, Text text) {
    if (!started_) return false;
    if (Current() == Role::kUsage && IsUsageCount(key_)) {
      Arrive();
      const std::optional<std::int64_t> count = UsageCount(value);
      if (!count && out_->usage_problem.empty()) {
        out_->usage_problem = UsageProblem(key_, text());
      }
      if (key_ == "prompt_tokens") out_->usage_prompt_tokens = count;
      if (key_ == "completion_tokens") out_->usage_completion_tokens = count;
      return true;
    }
    return Scalar(Kind::kOther, nullptr);
  }

  void Output(Branch branch, const std::string* text) {
    choice_.output[branch] = true;
    if (keep_text_ && text != nullptr) choice_.text[branch] += *text;
  }

  bool Open(bool array) {
    if (!started_) {
      if (array) return false;  // the chunk must be an object
      started_ = true;
      out_->is_object = true;
      Push(Role::kRoot);
      return true;
    }
    Arrive();
    const Role parent = Current();
    const std::string& k = key_;
    Role role = Role::kSkip;
    if (parent == Role::kUsage && IsUsageCount(k)) {
      NotANumber(array ? "an array" : "an object");
    }
    if (parent == Role::kRoot) {
      if (k == "error") out_->reports_error = true;
      if (!array && k == "usage") role = Role::kUsage;
      if (array && k == "choices") role = Role::kChoices;
    } else if (parent == Role::kChoices && !array) {
      role = Role::kChoice;
      choice_ = ChoiceState();
    } else if (parent == Role::kChoice) {
      if (k == "delta") choice_.has_delta = true;
      if (k == "message") choice_.has_message = true;
      if (k == "finish_reason") out_->finished = true;
      if (!array && (k == "delta" || k == "message")) {
        role = Role::kDelta;
        branch_ = k == "delta" ? kDeltaBranch : kMessageBranch;
      }
    } else if (parent == Role::kDelta && array && k == "tool_calls") {
      role = Role::kToolCalls;
      tool_call_seen_ = false;
    }
    Push(role);
    return true;
  }

  bool Close() {
    if (depth_ == 0) return false;
    const Role role = Current();
    if (role == Role::kToolCalls && tool_call_seen_) Output(branch_, nullptr);
    if (role == Role::kChoice) EndChoice();
    --depth_;
    return true;
  }

  void EndChoice() {
    const Branch b = choice_.has_delta     ? kDeltaBranch
                     : choice_.has_message ? kMessageBranch
                                           : kTextBranch;
    if (!choice_.output[b]) return;
    out_->output = true;
    out_->text += choice_.text[b];
  }

  bool keep_text_;
  ChunkFields* out_;
  bool started_ = false;
  std::string& key_;  // the member key of the value that comes next
  Role stack_[kMaxDepth] = {};
  int depth_ = 0;
  ChoiceState choice_;
  Branch branch_ = kDeltaBranch;
  bool tool_call_seen_ = false;
};

}  // namespace

std::optional<std::int64_t> UsageCount(double value) {
  if (value >= 0 && value <= static_cast<double>(kMaxUsageTokens) &&
      value == std::floor(value)) {
    return static_cast<std::int64_t>(value);
  }
  return std::nullopt;
}

std::string UsageProblem(std::string_view key, std::string_view text) {
  return "usage." + std::string(key) + " is " + std::string(text) +
         ": not a token count (0 to " + std::to_string(kMaxUsageTokens) + ")";
}

bool ReadChunk(std::string_view data, bool keep_text, ChunkFields* out) {
  // Field by field, so that the strings keep their capacity.
  out->is_object = out->reports_error = out->has_id = false;
  out->id.clear();
  out->usage_prompt_tokens.reset();
  out->usage_completion_tokens.reset();
  out->usage_problem.clear();
  out->output = out->finished = false;
  out->text.clear();
  ChunkSax sax(keep_text, out);
  const bool ok = json::sax_parse(data.begin(), data.end(), &sax,
                                  json::input_format_t::json, /*strict=*/true);
  return ok && out->is_object;
}

}  // namespace loadlaw::runner::internal
