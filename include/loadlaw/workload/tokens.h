// File: loadlaw/workload/tokens.h
// loadlaw's token-count rule for text: ceil(characters / 4), at least 1,
// counting Unicode code points. The simulated endpoint counts prompts with
// it (so it is exact there), the synthetic prompts are written to it (4
// characters a token), the runner records it beside the server's own count,
// and the engine model turns a workload's prompts into tokens with it,
// corrected by what a calibration sweep measured (a real tokenizer differs).
//
//   std::int64_t n = loadlaw::workload::CountTokens("Hello, world!");  // 4

#ifndef LOADLAW_WORKLOAD_TOKENS_H_
#define LOADLAW_WORKLOAD_TOKENS_H_

#include <cstdint>
#include <string_view>

namespace loadlaw::workload {

inline constexpr std::int64_t kCharsPerToken = 4;

// Unicode code points in UTF-8 text (bytes that are not continuation bytes);
// invalid UTF-8 is counted the same way, never rejected.
std::int64_t CountCharacters(std::string_view text);

// The token count of `chars` characters: ceil(chars / 4), at least 1.
std::int64_t TokensForCharacters(std::int64_t chars);

// TokensForCharacters(CountCharacters(text)).
std::int64_t CountTokens(std::string_view text);

}  // namespace loadlaw::workload

#endif  // LOADLAW_WORKLOAD_TOKENS_H_
