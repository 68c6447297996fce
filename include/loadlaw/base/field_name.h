// File: loadlaw/base/field_name.h
// The name of an option as the user wrote it, for error messages: the
// library takes its options from the CLI (flags) and from Python (keyword
// arguments), and a message must name the one the user knows. Options are
// keyed by their Python spelling; the CLI's is derived from it.
//
//   loadlaw::base::FieldName(loadlaw::base::Naming::kFlag, "think_time");
//       // "--think-time"
//   loadlaw::base::FieldName(loadlaw::base::Naming::kKeyword, "think_time");
//       // "think_time"

#ifndef LOADLAW_BASE_FIELD_NAME_H_
#define LOADLAW_BASE_FIELD_NAME_H_

#include <string>
#include <string_view>

namespace loadlaw::base {

enum class Naming {
  kFlag,     // command line: --think-time
  kKeyword,  // Python: think_time
};

inline std::string FieldName(Naming naming, std::string_view key) {
  if (naming == Naming::kKeyword) return std::string(key);
  std::string flag = "--";
  for (char c : key) flag += c == '_' ? '-' : c;
  return flag;
}

// The option with an example value, as the user would write it:
// "--concurrency N" or "concurrency=N".
inline std::string FieldExample(Naming naming, std::string_view key,
                                std::string_view example) {
  const std::string separator = naming == Naming::kFlag ? " " : "=";
  return FieldName(naming, key) + separator + std::string(example);
}

}  // namespace loadlaw::base

#endif  // LOADLAW_BASE_FIELD_NAME_H_
