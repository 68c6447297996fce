// File: loadlaw/base/hash.h
// A short, stable fingerprint of a text (workload identities): FNV-1a 64.
// Not for security; the same text gives the same 16 hex digits on every
// machine and in every version.
//
//   std::string id = loadlaw::base::Fnv1a64Hex("synthetic api=chat ...");

#ifndef LOADLAW_BASE_HASH_H_
#define LOADLAW_BASE_HASH_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace loadlaw::base {

inline std::string Fnv1a64Hex(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace loadlaw::base

#endif  // LOADLAW_BASE_HASH_H_
