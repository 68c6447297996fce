// The prompt-token count rule and the output token words.

#include "loadlaw/sim/tokens.h"

#include <algorithm>
#include <array>

namespace loadlaw::sim {
namespace {

constexpr std::array<std::string_view, 16> kWords = {
    " the",  " quick", " brown", " fox",   " jumps", " over",
    " a",    " lazy",  " dog",   " and",   " then",  " it",
    " runs", " far",   " away",  " again",
};

}  // namespace

std::int64_t CountCharacters(std::string_view text) {
  return std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
}

std::int64_t PromptTokensForCharacters(std::int64_t chars) {
  if (chars <= 0) return 1;
  return (chars + kCharsPerToken - 1) / kCharsPerToken;
}

std::int64_t CountPromptTokens(std::string_view text) {
  return PromptTokensForCharacters(CountCharacters(text));
}

std::string_view OutputTokenText(std::int64_t index) {
  std::int64_t slot = index <= 0 ? 0 : (index - 1) % kWords.size();
  return kWords[static_cast<std::size_t>(slot)];
}

}  // namespace loadlaw::sim
