// The output token words.

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

std::string_view OutputTokenText(std::int64_t index) {
  std::int64_t slot = index <= 0 ? 0 : (index - 1) % kWords.size();
  return kWords[static_cast<std::size_t>(slot)];
}

}  // namespace loadlaw::sim
