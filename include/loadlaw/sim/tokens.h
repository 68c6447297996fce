// File: loadlaw/sim/tokens.h
// The simulator's tokenizer stand-in: prompts are counted with loadlaw's
// token rule (loadlaw/workload/tokens.h), and output tokens are words.
//
//   std::int64_t n = loadlaw::workload::CountTokens("Hello, world!");  // 4
//   std::string_view word = loadlaw::sim::OutputTokenText(1);         // " the"

#ifndef LOADLAW_SIM_TOKENS_H_
#define LOADLAW_SIM_TOKENS_H_

#include <cstdint>
#include <string_view>

namespace loadlaw::sim {

// The text of output token `index` (1-based): a short word with a leading
// space, cycling through a fixed list, plain ASCII with nothing to escape.
std::string_view OutputTokenText(std::int64_t index);

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_TOKENS_H_
