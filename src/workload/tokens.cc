// The token-count rule (tokens.h).

#include "loadlaw/workload/tokens.h"

#include <algorithm>

namespace loadlaw::workload {

std::int64_t CountCharacters(std::string_view text) {
  return std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
}

std::int64_t TokensForCharacters(std::int64_t chars) {
  if (chars <= 0) return 1;
  return (chars + kCharsPerToken - 1) / kCharsPerToken;
}

std::int64_t CountTokens(std::string_view text) {
  return TokensForCharacters(CountCharacters(text));
}

}  // namespace loadlaw::workload
