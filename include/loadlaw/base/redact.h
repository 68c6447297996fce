// File: loadlaw/base/redact.h
// Keeps secrets out of everything that leaves the process: the API key, the
// password of a URL, the values of a workload's secret headers. A server can
// echo any of them back (an error body, an SSE error event, a malformed
// chunk, a model id), and its text ends up in error samples, records, sweep
// files, reports and messages. Redact first, cut to length after: a secret
// cut short is no longer found whole. For the same reason the Redactor also
// removes fragments: any run of at least kMinFragmentBytes bytes of text that
// occurs inside a secret (a key the server itself cut, a key split across two
// SSE events) is replaced too.
//
//   loadlaw::base::Redactor redactor;
//   redactor.AddSecret(api_key);
//   redactor.AddUrlCredentials("http://user:pw@host:8000/v1");
//   std::string sample = redactor.Line(server_text, 160);
//   // "bad key [REDACTED]", at most 160 bytes (and "..." when cut)
//   std::string shown = loadlaw::base::RedactUrl("http://user:pw@host/v1");
//   // "http://host/v1"

#ifndef LOADLAW_BASE_REDACT_H_
#define LOADLAW_BASE_REDACT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace loadlaw::base {

// What a secret is replaced by.
inline constexpr std::string_view kRedacted = "[REDACTED]";
// The shortest piece of a secret that is removed on its own; shorter secrets
// are removed only whole.
inline constexpr std::size_t kMinFragmentBytes = 8;

class Redactor {
 public:
  // Adds a secret (its exact bytes); an empty one is ignored.
  void AddSecret(std::string_view secret);
  // Adds the credentials of `url` ("scheme://user:password@host/..."): the
  // password as written and percent-decoded, "user:password", and the Basic
  // authorization libcurl sends for them. A user without a password is taken
  // as a token (https://TOKEN@host). Nothing when the URL has no userinfo.
  void AddUrlCredentials(std::string_view url);
  // Everything another redactor knows.
  void Merge(const Redactor& other);
  bool empty() const { return secrets_.empty(); }

  // `text` with every secret, and every fragment of one, replaced by
  // kRedacted (adjacent pieces become one kRedacted).
  std::string Redact(std::string_view text) const;
  // Redact(text) made one printable line (control characters become spaces)
  // of at most `max_bytes` bytes, cut on a UTF-8 boundary and ended by "..."
  // when longer. Only as much of `text` is read as the line needs.
  std::string Line(std::string_view text, std::size_t max_bytes) const;

 private:
  std::string Scan(std::string_view text, std::size_t max_bytes,
                   bool one_line) const;
  // The length of the secret, or fragment, that starts at text[i]; 0: none.
  std::size_t MatchAt(std::string_view text, std::size_t i) const;

  std::vector<std::string> secrets_;
  // Every kMinFragmentBytes-long piece of every secret at least that long.
  std::unordered_set<std::string> fragments_;
};

// `url` without its userinfo ("user:password@"), for output.
std::string RedactUrl(std::string_view url);

}  // namespace loadlaw::base

#endif  // LOADLAW_BASE_REDACT_H_
