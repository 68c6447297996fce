// File: loadlaw/sim/config.h
// The parameters of the simulated continuous-batching endpoint: the step
// model of the engine, the fault switches and the server's address. Every
// field has a snake_case JSON key and a kebab-case flag (ConfigFields()).
//
//   loadlaw::sim::SimConfig config =
//       loadlaw::sim::SimConfig::FromJsonText(R"({"max_num_seqs": 16})");
//   config.engine.step_base_ms = 2;
//   std::string why;
//   if (!config.IsValid(&why)) throw std::invalid_argument(why);
//   for (const loadlaw::sim::ConfigField& f : loadlaw::sim::ConfigFields())
//     std::printf("--%s (%s)\n", f.flag.c_str(), f.unit.c_str());

#ifndef LOADLAW_SIM_CONFIG_H_
#define LOADLAW_SIM_CONFIG_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "loadlaw/engine/params.h"

namespace loadlaw::sim {

// How the engine picks a request's output length from its max_tokens.
inline constexpr char kOutputDistFixed[] = "fixed";          // = max_tokens
inline constexpr char kOutputDistUniform[] = "uniform";      // 1..max_tokens
inline constexpr char kOutputDistGeometric[] = "geometric";  // mean, capped

struct SimConfig {
  // --- Engine: the step model (docs/simulator.md, "Step model"); its
  // request_overhead_ms is not simulated (it is no server's). ---
  engine::EngineParams engine;
  std::uint64_t seed = 1;  // seeds jitter, output lengths and faults
  std::int64_t default_max_tokens = 256;  // when a request sets none
  std::string output_dist = kOutputDistFixed;
  double output_mean_tokens = 128.0;  // mean of the geometric distribution

  // --- Faults, each off by default. Rates are probabilities per request. ---
  double error_rate = 0.0;           // answer HTTP 500
  int rate_limit_concurrency = 0;    // > 0: HTTP 429 above this many in flight
  double retry_after_s = 1.0;        // Retry-After of a 429
  double disconnect_rate = 0.0;      // cut the stream mid-way
  double malformed_rate = 0.0;       // one garbled SSE chunk
  double stall_rate = 0.0;           // pause the stream mid-way ...
  double stall_ms = 1000.0;          // ... for this long

  // --- Server. ---
  std::string host = "127.0.0.1";  // listen address (loopback by default)
  int port = 8000;                 // 0 picks a free port
  std::string model = "loadlaw-sim";  // the model id served
  std::string truth_log;  // JSONL file of per-request truth; empty: none

  // True when every field is in range; otherwise false with a message naming
  // the field and its value in *why (when why is not null).
  bool IsValid(std::string* why) const;

  // Parses a JSON object of snake_case keys over the defaults. Throws
  // std::invalid_argument naming the key (as a JSON pointer) for an unknown
  // key, a value of the wrong type, or text that is not a JSON object; the
  // result is not range-checked (call IsValid).
  static SimConfig FromJsonText(const std::string& json_text);

  // FromJsonText on the contents of a file; throws std::invalid_argument
  // naming the path when it cannot be read.
  static SimConfig FromJsonFile(const std::string& path);

  // The config as a JSON object with every key (for logs and round trips).
  std::string ToJsonText() const;
};

// One settable parameter: its JSON key, flag, unit and help, and text
// accessors shared by the CLI and the JSON reader.
struct ConfigField {
  std::string key;   // snake_case JSON key, e.g. "max_num_seqs"
  std::string flag;  // kebab-case flag without dashes, e.g. "max-num-seqs"
  std::string unit;  // e.g. "ms", "tokens", "probability", "" for none
  std::string help;  // one line
  std::string type;  // "INT", "FLOAT" or "TEXT"
  // Sets the field from text; throws std::invalid_argument naming the key and
  // the text when it does not parse as the field's type.
  std::function<void(SimConfig*, const std::string&)> set_from_text;
  // The field's value as text (the default, for help output).
  std::function<std::string(const SimConfig&)> to_text;
};

// Every field of SimConfig, in declaration order.
const std::vector<ConfigField>& ConfigFields();

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_CONFIG_H_
