// Redaction of secrets (redact.h).

#include "loadlaw/base/redact.h"

#include <algorithm>

namespace loadlaw::base {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
        HexValue(text[i + 2]) >= 0) {
      out +=
          static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    unsigned v = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      v = v << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    }
    for (std::size_t k = 0; k < 4; ++k) {
      out += k <= n ? kAlphabet[(v >> (18 - 6 * k)) & 63] : '=';
    }
  }
  return out;
}

// Where the userinfo of `url` ends (its '@'), or npos; *start: where it
// begins.
std::size_t UserinfoEnd(std::string_view url, std::size_t* start) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string_view::npos;
  *start = scheme + 3;
  const std::size_t path = url.find_first_of("/?#", *start);
  const std::size_t at =
      url.substr(0, path == std::string_view::npos ? url.size() : path)
          .rfind('@');
  if (at == std::string_view::npos || at < *start)
    return std::string_view::npos;
  return at;
}

// Drops a UTF-8 sequence left incomplete at the end of *out.
void TrimPartialUtf8(std::string* out) {
  std::size_t lead = out->size();
  int continuation = 0;
  while (lead > 0 && continuation < 4 &&
         (static_cast<unsigned char>((*out)[lead - 1]) & 0xC0) == 0x80) {
    --lead;
    ++continuation;
  }
  if (lead == 0) {
    out->resize(out->size() - static_cast<std::size_t>(continuation));
    return;
  }
  const unsigned char c = static_cast<unsigned char>((*out)[lead - 1]);
  const int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (length > 1 && continuation + 1 < length) out->resize(lead - 1);
}

}  // namespace

void Redactor::AddSecret(std::string_view secret) {
  if (secret.empty()) return;
  const std::string s(secret);
  if (std::find(secrets_.begin(), secrets_.end(), s) != secrets_.end()) return;
  secrets_.push_back(s);
  for (std::size_t i = 0; i + kMinFragmentBytes <= s.size(); ++i) {
    fragments_.insert(s.substr(i, kMinFragmentBytes));
  }
}

void Redactor::AddUrlCredentials(std::string_view url) {
  std::size_t start = 0;
  const std::size_t at = UserinfoEnd(url, &start);
  if (at == std::string_view::npos) return;
  const std::string_view userinfo = url.substr(start, at - start);
  const std::size_t colon = userinfo.find(':');
  const std::string_view user = userinfo.substr(0, colon);
  const std::string_view password = colon == std::string_view::npos
                                        ? std::string_view()
                                        : userinfo.substr(colon + 1);
  if (password.empty()) {  // the user is the token
    AddSecret(user);
    AddSecret(PercentDecode(user));
  } else {
    AddSecret(password);
    AddSecret(PercentDecode(password));
    AddSecret(userinfo);
  }
  const std::string plain = PercentDecode(user) + ":" + PercentDecode(password);
  AddSecret(Base64(plain));
}

void Redactor::Merge(const Redactor& other) {
  for (const std::string& s : other.secrets_) AddSecret(s);
}

std::size_t Redactor::MatchAt(std::string_view text, std::size_t i) const {
  std::size_t best = 0;
  for (const std::string& s : secrets_) {
    if (s.size() > best && text.compare(i, s.size(), s) == 0) best = s.size();
  }
  if (best < kMinFragmentBytes && i + kMinFragmentBytes <= text.size() &&
      fragments_.count(std::string(text.substr(i, kMinFragmentBytes))) > 0) {
    best = kMinFragmentBytes;
  }
  return best;
}

std::string Redactor::Scan(std::string_view text, std::size_t max_bytes,
                           bool one_line) const {
  std::string out;
  std::size_t i = 0;
  while (i < text.size() && out.size() <= max_bytes) {
    std::size_t end = secrets_.empty() ? i : i + MatchAt(text, i);
    if (end == i) {
      const unsigned char c = static_cast<unsigned char>(text[i++]);
      out += one_line && (c < 0x20 || c == 0x7f) ? ' ' : static_cast<char>(c);
      continue;
    }
    // Pieces that overlap or touch this one join it.
    for (std::size_t j = i + 1; j <= end && j < text.size(); ++j) {
      end = std::max(end, j + MatchAt(text, j));
    }
    out += kRedacted;
    i = end;
  }
  if (i == text.size() && out.size() <= max_bytes) return out;
  out.resize(max_bytes);
  TrimPartialUtf8(&out);
  return out + "...";
}

std::string Redactor::Redact(std::string_view text) const {
  return Scan(text, std::string::npos - 1, /*one_line=*/false);
}

std::string Redactor::Line(std::string_view text, std::size_t max_bytes) const {
  return Scan(text, max_bytes, /*one_line=*/true);
}

std::string RedactUrl(std::string_view url) {
  std::size_t start = 0;
  const std::size_t at = UserinfoEnd(url, &start);
  if (at == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, start)) + std::string(url.substr(at + 1));
}

}  // namespace loadlaw::base
