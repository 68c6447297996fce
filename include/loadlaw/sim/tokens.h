// File: loadlaw/sim/tokens.h
// The simulator's tokenizer stand-in: a deterministic prompt-token count from
// text, and the text of the output tokens it streams.
//
//   std::int64_t n = loadlaw::sim::CountPromptTokens("Hello, world!");  // 4
//   std::string_view word = loadlaw::sim::OutputTokenText(1);         // " the"

#ifndef LOADLAW_SIM_TOKENS_H_
#define LOADLAW_SIM_TOKENS_H_

#include <cstdint>
#include <string_view>

namespace loadlaw::sim {

inline constexpr std::int64_t kCharsPerToken = 4;

// Unicode code points in UTF-8 text (bytes that are not continuation bytes);
// invalid UTF-8 is counted the same way, never rejected.
std::int64_t CountCharacters(std::string_view text);

// The prompt-token count of `chars` characters: ceil(chars / 4), at least 1.
std::int64_t PromptTokensForCharacters(std::int64_t chars);

// PromptTokensForCharacters(CountCharacters(text)).
std::int64_t CountPromptTokens(std::string_view text);

// The text of output token `index` (1-based): a short word with a leading
// space, cycling through a fixed list, plain ASCII with nothing to escape.
std::string_view OutputTokenText(std::int64_t index);

}  // namespace loadlaw::sim

#endif  // LOADLAW_SIM_TOKENS_H_
