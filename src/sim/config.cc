// SimConfig: the table of fields (JSON keys, flags, units), range checks and
// the JSON reader.

#include "loadlaw/sim/config.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <variant>

#include <nlohmann/json.hpp>

namespace loadlaw::sim {
namespace {

using Member =
    std::variant<int SimConfig::*, std::int64_t SimConfig::*,
                 std::uint64_t SimConfig::*, double SimConfig::*,
                 std::string SimConfig::*>;

struct FieldSpec {
  const char* key;
  const char* unit;
  const char* help;
  Member member;
};

// The simulator's own fields; the engine's come from engine::ParamFields().
const FieldSpec kFieldSpecs[] = {
    {"seed", "", "seed of jitter, output lengths and faults",
     &SimConfig::seed},
    {"default_max_tokens", "tokens", "max_tokens of a request that sets none",
     &SimConfig::default_max_tokens},
    {"output_dist", "", "output length: fixed, uniform or geometric",
     &SimConfig::output_dist},
    {"output_mean_tokens", "tokens", "mean output length when geometric",
     &SimConfig::output_mean_tokens},
    {"error_rate", "probability", "answer HTTP 500", &SimConfig::error_rate},
    {"rate_limit_concurrency", "requests",
     "answer HTTP 429 above this many in flight (0: off)",
     &SimConfig::rate_limit_concurrency},
    {"retry_after_s", "s", "Retry-After of a 429", &SimConfig::retry_after_s},
    {"disconnect_rate", "probability", "cut the stream mid-way",
     &SimConfig::disconnect_rate},
    {"malformed_rate", "probability", "send one garbled SSE chunk",
     &SimConfig::malformed_rate},
    {"stall_rate", "probability", "pause the stream mid-way",
     &SimConfig::stall_rate},
    {"stall_ms", "ms", "length of a stall", &SimConfig::stall_ms},
    {"host", "", "listen address", &SimConfig::host},
    {"port", "", "listen port (0: a free one)", &SimConfig::port},
    {"model", "", "model id served", &SimConfig::model},
    {"truth_log", "", "JSONL file of per-request server timestamps",
     &SimConfig::truth_log},
};

[[noreturn]] void ThrowBadValue(const std::string& key,
                                const std::string& text,
                                const char* expected) {
  throw std::invalid_argument("sim config: " + key + ": expected " + expected +
                              ", got '" + text + "'");
}

std::int64_t ParseInt(const std::string& key, const std::string& text) {
  errno = 0;
  char* end = nullptr;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE) {
    ThrowBadValue(key, text, "an integer");
  }
  return value;
}

double ParseDouble(const std::string& key, const std::string& text) {
  errno = 0;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || errno == ERANGE ||
      !std::isfinite(value)) {
    ThrowBadValue(key, text, "a finite number");
  }
  return value;
}

// Sets a field from text; errors name the field as `key` (the JSON key, or
// its JSON pointer when the text came from a JSON file).
void SetFromText(const FieldSpec& spec, const std::string& key,
                 SimConfig* config, const std::string& text) {
  if (auto m = std::get_if<int SimConfig::*>(&spec.member)) {
    std::int64_t value = ParseInt(key, text);
    if (value < std::numeric_limits<int>::min() ||
        value > std::numeric_limits<int>::max()) {
      ThrowBadValue(key, text, "a 32-bit integer");
    }
    config->**m = static_cast<int>(value);
  } else if (auto m = std::get_if<std::int64_t SimConfig::*>(&spec.member)) {
    config->**m = ParseInt(key, text);
  } else if (auto m = std::get_if<std::uint64_t SimConfig::*>(&spec.member)) {
    if (text.empty() || text[0] == '-') {
      ThrowBadValue(key, text, "an unsigned integer");
    }
    errno = 0;
    char* end = nullptr;
    unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    if (*end != '\0' || errno == ERANGE) {
      ThrowBadValue(key, text, "an unsigned integer");
    }
    config->**m = value;
  } else if (auto m = std::get_if<double SimConfig::*>(&spec.member)) {
    config->**m = ParseDouble(key, text);
  } else {
    config->*std::get<std::string SimConfig::*>(spec.member) = text;
  }
}

std::string ToText(const FieldSpec& spec, const SimConfig& config) {
  return std::visit(
      [&config](auto member) {
        std::ostringstream out;
        out << config.*member;
        return out.str();
      },
      spec.member);
}

// Sets one field from a JSON value of the matching type.
void SetFromJson(const FieldSpec& spec, SimConfig* config,
                 const nlohmann::json& value) {
  const std::string pointer = std::string("/") + spec.key;
  if (std::holds_alternative<std::string SimConfig::*>(spec.member)) {
    if (!value.is_string()) ThrowBadValue(pointer, value.dump(), "a string");
    SetFromText(spec, pointer, config, value.get<std::string>());
    return;
  }
  if (std::holds_alternative<double SimConfig::*>(spec.member)) {
    if (!value.is_number()) ThrowBadValue(pointer, value.dump(), "a number");
    config->*std::get<double SimConfig::*>(spec.member) = value.get<double>();
    return;
  }
  if (!value.is_number_integer()) {
    ThrowBadValue(pointer, value.dump(), "an integer");
  }
  SetFromText(spec, pointer, config, value.dump());
}

const FieldSpec* FindSpec(const std::string& key) {
  for (const FieldSpec& spec : kFieldSpecs) {
    if (key == spec.key) return &spec;
  }
  return nullptr;
}

// The engine parameters the simulator takes (all but the client-side
// request overhead, which no server has).
bool SimulatedParam(const engine::ParamField& f) {
  return f.key != "request_overhead_ms";
}

const engine::ParamField* FindEngineField(const std::string& key) {
  for (const engine::ParamField& f : engine::ParamFields()) {
    if (f.key == key && SimulatedParam(f)) return &f;
  }
  return nullptr;
}

// Sets an engine field from a JSON value of the matching type.
void SetEngineFromJson(const engine::ParamField& f, SimConfig* config,
                       const nlohmann::json& value) {
  const std::string pointer = "/" + f.key;
  if (f.integer ? !value.is_number_integer() : !value.is_number()) {
    ThrowBadValue(pointer, value.dump(),
                  f.integer ? "an integer" : "a number");
  }
  f.set(&config->engine, value.dump(), "sim config: " + pointer);
}

std::string Kebab(std::string key) {
  for (char& c : key) {
    if (c == '_') c = '-';
  }
  return key;
}


std::string Num(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// Each check returns an empty string when the field is fine, else the message.
std::string CheckAtLeast(const char* key, double value, double low) {
  if (std::isfinite(value) && value >= low) return "";
  return std::string(key) + " must be >= " + Num(low) + ", got " + Num(value);
}

std::string CheckRange(const char* key, double value, double low,
                       double high) {
  if (std::isfinite(value) && value >= low && value <= high) return "";
  return std::string(key) + " must be in [" + Num(low) + ", " + Num(high) +
         "], got " + Num(value);
}

std::string CheckNonEmpty(const char* key, const std::string& value) {
  if (!value.empty()) return "";
  return std::string(key) + " must not be empty";
}

std::string CheckOutputDist(const std::string& value) {
  if (value == kOutputDistFixed || value == kOutputDistUniform ||
      value == kOutputDistGeometric) {
    return "";
  }
  return "output_dist must be fixed, uniform or geometric, got '" + value +
         "'";
}

}  // namespace

bool SimConfig::IsValid(std::string* why) const {
  if (!engine.IsValid(why)) return false;
  const std::string checks[] = {
      CheckAtLeast("default_max_tokens",
                   static_cast<double>(default_max_tokens), 1),
      CheckOutputDist(output_dist),
      CheckAtLeast("output_mean_tokens", output_mean_tokens, 1),
      CheckRange("error_rate", error_rate, 0, 1),
      CheckAtLeast("rate_limit_concurrency", rate_limit_concurrency, 0),
      CheckAtLeast("retry_after_s", retry_after_s, 0),
      CheckRange("disconnect_rate", disconnect_rate, 0, 1),
      CheckRange("malformed_rate", malformed_rate, 0, 1),
      CheckRange("stall_rate", stall_rate, 0, 1),
      CheckRange("stall_ms", stall_ms, 0, 3.6e6),
      CheckNonEmpty("host", host),
      CheckRange("port", port, 0, 65535),
      CheckNonEmpty("model", model),
  };
  for (const std::string& message : checks) {
    if (message.empty()) continue;
    if (why != nullptr) *why = message;
    return false;
  }
  return true;
}

const std::vector<ConfigField>& ConfigFields() {
  static const std::vector<ConfigField> fields = [] {
    std::vector<ConfigField> out;
    for (const engine::ParamField& f : engine::ParamFields()) {
      if (!SimulatedParam(f)) continue;
      ConfigField field;
      field.key = f.key;
      field.flag = Kebab(f.key);
      field.unit = f.unit;
      field.help = f.help;
      field.type = f.integer ? "INT" : "FLOAT";
      field.set_from_text = [&f](SimConfig* config, const std::string& text) {
        f.set(&config->engine, text, "sim config: " + f.key);
      };
      field.to_text = [&f](const SimConfig& config) {
        return Num(f.get(config.engine));
      };
      out.push_back(std::move(field));
    }
    for (const FieldSpec& spec : kFieldSpecs) {
      ConfigField field;
      field.key = spec.key;
      field.flag = Kebab(spec.key);
      field.unit = spec.unit;
      field.help = spec.help;
      field.type = std::holds_alternative<double SimConfig::*>(spec.member)
                       ? "FLOAT"
                   : std::holds_alternative<std::string SimConfig::*>(
                         spec.member)
                       ? "TEXT"
                       : "INT";
      field.set_from_text = [&spec](SimConfig* config,
                                    const std::string& text) {
        SetFromText(spec, spec.key, config, text);
      };
      field.to_text = [&spec](const SimConfig& config) {
        return ToText(spec, config);
      };
      out.push_back(std::move(field));
    }
    return out;
  }();
  return fields;
}

SimConfig SimConfig::FromJsonText(const std::string& json_text) {
  nlohmann::json root = nlohmann::json::parse(json_text, nullptr, false);
  if (root.is_discarded()) {
    throw std::invalid_argument("sim config: not valid JSON");
  }
  if (!root.is_object()) {
    throw std::invalid_argument("sim config: expected a JSON object, got " +
                                std::string(root.type_name()));
  }
  SimConfig config;
  for (const auto& item : root.items()) {
    if (const engine::ParamField* f = FindEngineField(item.key())) {
      SetEngineFromJson(*f, &config, item.value());
      continue;
    }
    const FieldSpec* spec = FindSpec(item.key());
    if (spec == nullptr) {
      throw std::invalid_argument("sim config: unknown key /" + item.key());
    }
    SetFromJson(*spec, &config, item.value());
  }
  return config;
}

SimConfig SimConfig::FromJsonFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("sim config: cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return FromJsonText(text.str());
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(path + ": " + e.what());
  }
}

std::string SimConfig::ToJsonText() const {
  nlohmann::json out = engine::ParamsToJson(engine);
  out.erase("request_overhead_ms");
  for (const FieldSpec& spec : kFieldSpecs) {
    std::visit([&](auto member) { out[spec.key] = this->*member; },
               spec.member);
  }
  return out.dump(2);
}

}  // namespace loadlaw::sim
