// Engine parameters: range checks, the field table, --set and JSON
// (params.h).

#include "loadlaw/engine/params.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <type_traits>
#include <stdexcept>

#include "loadlaw/base/format.h"

namespace loadlaw::engine {
namespace {

double ParseNumber(const std::string& text, const std::string& field,
                   bool integer) {
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || errno == ERANGE ||
      !std::isfinite(value) || (integer && value != std::floor(value))) {
    throw std::invalid_argument(field + ": expected " +
                                (integer ? "a whole number" : "a number") +
                                ", got '" + base::Truncate(text, 64) + "'");
  }
  return value;
}

template <class T>
ParamField Field(const char* key, const char* unit, const char* help,
                 T EngineParams::*member) {
  ParamField f;
  f.key = key;
  f.unit = unit;
  f.help = help;
  f.integer = std::is_integral_v<T>;
  f.set = [member](EngineParams* p, const std::string& text,
                   const std::string& field) {
    const double v = ParseNumber(text, field, std::is_integral_v<T>);
    if constexpr (std::is_integral_v<T>) {
      if (v < static_cast<double>(std::numeric_limits<T>::min()) ||
          v > static_cast<double>(std::numeric_limits<T>::max())) {
        throw std::invalid_argument(field + ": " + text +
                                    " is out of range");
      }
    }
    p->*member = static_cast<T>(v);
  };
  f.get = [member](const EngineParams& p) {
    return static_cast<double>(p.*member);
  };
  return f;
}

std::string Check(const char* key, double value, double low, double high) {
  if (std::isfinite(value) && value >= low && value <= high) return "";
  return std::string(key) + " must be in [" + base::FormatNumber(low) + ", " +
         base::FormatNumber(high) + "], got " + base::FormatNumber(value);
}

}  // namespace

bool EngineParams::IsValid(std::string* why) const {
  const std::string checks[] = {
      Check("max_num_seqs", max_num_seqs, 1, 1e6),
      Check("prefill_budget_tokens",
            static_cast<double>(prefill_budget_tokens), 1, 1e9),
      Check("kv_capacity_tokens", static_cast<double>(kv_capacity_tokens), 1,
            1e12),
      Check("step_base_ms", step_base_ms, 0, 1e6),
      Check("step_per_seq_ms", step_per_seq_ms, 0, 1e6),
      Check("prefill_per_token_ms", prefill_per_token_ms, 0, 1e6),
      Check("step_per_ctx_token_us", step_per_ctx_token_us, 0, 1e6),
      Check("request_overhead_ms", request_overhead_ms, 0, 1e7),
      Check("jitter", jitter, 0, 10),
  };
  for (const std::string& reason : checks) {
    if (!reason.empty()) {
      if (why != nullptr) *why = reason;
      return false;
    }
  }
  if (why != nullptr) why->clear();
  return true;
}

const std::vector<ParamField>& ParamFields() {
  static const std::vector<ParamField> fields = {
      Field("max_num_seqs", "sequences", "most sequences in the running batch",
            &EngineParams::max_num_seqs),
      Field("prefill_budget_tokens", "tokens",
            "prompt tokens prefilled per step",
            &EngineParams::prefill_budget_tokens),
      Field("kv_capacity_tokens", "tokens", "KV cache capacity",
            &EngineParams::kv_capacity_tokens),
      Field("step_base_ms", "ms", "fixed time of a step",
            &EngineParams::step_base_ms),
      Field("step_per_seq_ms", "ms", "step time per sequence in the batch",
            &EngineParams::step_per_seq_ms),
      Field("prefill_per_token_ms", "ms",
            "step time per prompt token prefilled",
            &EngineParams::prefill_per_token_ms),
      Field("step_per_ctx_token_us", "us",
            "step time per context token held",
            &EngineParams::step_per_ctx_token_us),
      Field("request_overhead_ms", "ms",
            "per request, between a client's send and the engine",
            &EngineParams::request_overhead_ms),
      Field("jitter", "cv",
            "coefficient of variation of the step time (0: exact)",
            &EngineParams::jitter),
  };
  return fields;
}

void SetParam(EngineParams* params, std::string_view assignment,
              std::string_view field) {
  const std::string f(field);
  const std::size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) {
    throw std::invalid_argument(f + ": '" + std::string(assignment) +
                                "' is not KEY=VALUE (e.g. max_num_seqs=64)");
  }
  const std::string key(assignment.substr(0, eq));
  const std::string value(assignment.substr(eq + 1));
  std::string known;
  for (const ParamField& p : ParamFields()) {
    if (p.key == key) {
      EngineParams changed = *params;
      p.set(&changed, value, f + " " + key);
      std::string why;
      if (!changed.IsValid(&why)) throw std::invalid_argument(f + ": " + why);
      *params = changed;
      return;
    }
    known += (known.empty() ? "" : ", ") + p.key;
  }
  throw std::invalid_argument(f + ": unknown engine parameter '" + key +
                              "' (known: " + known + ")");
}

nlohmann::json ParamsToJson(const EngineParams& params) {
  nlohmann::json out = nlohmann::json::object();
  for (const ParamField& p : ParamFields()) {
    const double v = p.get(params);
    if (p.integer) {
      out[p.key] = static_cast<std::int64_t>(v);
    } else {
      out[p.key] = v;
    }
  }
  return out;
}

EngineParams ParamsFromJson(const base::JsonNode& node) {
  if (!node.IsObject()) node.Fail("expected an object, got " + node.TypeName());
  EngineParams params;
  for (const auto& item : node.value().items()) {
    const base::JsonNode v = node[item.key()];
    const ParamField* field = nullptr;
    for (const ParamField& p : ParamFields()) {
      if (p.key == item.key()) field = &p;
    }
    if (field == nullptr) v.Fail("unknown engine parameter");
    const double number = field->integer
                              ? static_cast<double>(v.Integer())
                              : v.Number();
    field->set(&params, base::FormatNumber(number), v.Where());
  }
  std::string why;
  if (!params.IsValid(&why)) node.Fail(why);
  return params;
}

}  // namespace loadlaw::engine
