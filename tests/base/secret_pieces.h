// For tests of redaction: how much of a secret survives in an output.

#ifndef LOADLAW_TESTS_BASE_SECRET_PIECES_H_
#define LOADLAW_TESTS_BASE_SECRET_PIECES_H_

#include <cstddef>
#include <string>

namespace loadlaw::testing {

// The length of the longest piece of `secret` found in `text` (brute force:
// tests only). Under base::kMinFragmentBytes means nothing of it leaked.
inline std::size_t LongestPiece(const std::string& text,
                                const std::string& secret) {
  std::size_t best = 0;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    for (std::size_t n = best + 1; i + n <= secret.size(); ++n) {
      if (text.find(secret.substr(i, n)) == std::string::npos) break;
      best = n;
    }
  }
  return best;
}

}  // namespace loadlaw::testing

#endif  // LOADLAW_TESTS_BASE_SECRET_PIECES_H_
