#include "loadlaw/base/redact.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "base/secret_pieces.h"

namespace loadlaw::base {
namespace {

using testing::LongestPiece;

// A 164-character key, as in the report that found truncation before
// redaction (160 of its characters survived in error samples).
std::string LongKey() {
  std::string key = "sk-";
  for (int i = 0; i < 16; ++i) key += "a1b2c3d4e5";
  return key + "z";
}

TEST(RedactorTest, ReplacesTheSecretWhereverItIs) {
  Redactor r;
  r.AddSecret("sk-test-123456");
  EXPECT_EQ(r.Redact("sk-test-123456 at start"), "[REDACTED] at start");
  EXPECT_EQ(r.Redact("in the sk-test-123456 middle"),
            "in the [REDACTED] middle");
  EXPECT_EQ(r.Redact("at the end sk-test-123456"), "at the end [REDACTED]");
  EXPECT_EQ(r.Redact("twice sk-test-123456sk-test-123456!"),
            "twice [REDACTED]!");
  EXPECT_EQ(r.Redact("nothing here"), "nothing here");
}

TEST(RedactorTest, RedactsBeforeCuttingSoNoPrefixSurvives) {
  Redactor r;
  const std::string key = LongKey();
  r.AddSecret(key);
  // The key starts before the 170-byte limit and ends far after it.
  const std::string text = std::string(150, 'x') + key + " tail";
  const std::string line = r.Line(text, 170);
  EXPECT_EQ(line, std::string(150, 'x') + "[REDACTED] tail");
  EXPECT_LT(LongestPiece(line, key), kMinFragmentBytes);
  const std::string cut = r.Line(std::string(155, 'y') + key, 160);
  EXPECT_EQ(cut, std::string(155, 'y') + "[REDA...");
}

TEST(RedactorTest, FragmentsOfASecretAreRedactedToo) {
  Redactor r;
  const std::string key = LongKey();
  r.AddSecret(key);
  // A key cut by the server itself, or split across two SSE events.
  EXPECT_EQ(r.Redact("invalid key " + key.substr(0, 40) + "..."),
            "invalid key [REDACTED]...");
  EXPECT_EQ(r.Redact(key.substr(90) + " and " + key.substr(0, 90)),
            "[REDACTED] and [REDACTED]");
  // Shorter than a fragment: left (a few characters say nothing of a key).
  EXPECT_EQ(r.Redact("abc " + key.substr(10, kMinFragmentBytes - 1)),
            "abc " + key.substr(10, kMinFragmentBytes - 1));
}

TEST(RedactorTest, NoPieceOfEightBytesSurvivesRandomEchoes) {
  Redactor r;
  const std::string key = LongKey() + "Q9xZ!m#";
  r.AddSecret(key);
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    std::string text;
    for (int piece = 0; piece < 4; ++piece) {
      const std::size_t from = rng() % key.size();
      const std::size_t n = rng() % (key.size() - from + 1);
      text += std::string(rng() % 50, ' ') + key.substr(from, n);
    }
    const std::size_t max = 20 + rng() % 300;
    EXPECT_LT(LongestPiece(r.Line(text, max), key), kMinFragmentBytes) << text;
    EXPECT_LT(LongestPiece(r.Redact(text), key), kMinFragmentBytes) << text;
  }
}

TEST(RedactorTest, ShortSecretsAreRemovedOnlyWhole) {
  Redactor r;
  r.AddSecret("PASS");
  EXPECT_EQ(r.Redact("user PASS, PAS, ASS"), "user [REDACTED], PAS, ASS");
  r.AddSecret("");
  EXPECT_EQ(r.Redact("unchanged"), "unchanged");
}

TEST(RedactorTest, UrlCredentialsInEveryFormASeverCanEcho) {
  Redactor r;
  r.AddUrlCredentials("http://alice:p%40ss-w0rd-long@host:8000/v1");
  EXPECT_FALSE(r.empty());
  EXPECT_EQ(r.Redact("pw p%40ss-w0rd-long"), "pw [REDACTED]");
  EXPECT_EQ(r.Redact("pw p@ss-w0rd-long"), "pw [REDACTED]");
  // libcurl's "Authorization: Basic base64(alice:p@ss-w0rd-long)".
  EXPECT_EQ(r.Redact("Basic YWxpY2U6cEBzcy13MHJkLWxvbmc="), "Basic [REDACTED]");
  EXPECT_EQ(r.Redact("user alice"), "user alice");  // the user is not secret

  Redactor token;
  token.AddUrlCredentials("https://ghp_tokentokentoken@host/");
  EXPECT_EQ(token.Redact("t=ghp_tokentokentoken"), "t=[REDACTED]");

  Redactor none;
  none.AddUrlCredentials("http://host:80/a@b");
  EXPECT_TRUE(none.empty());
}

TEST(RedactorTest, MergeTakesTheOtherSecrets) {
  Redactor a, b;
  a.AddSecret("first-secret");
  b.AddSecret("second-secret");
  a.Merge(b);
  EXPECT_EQ(a.Redact("first-secret second-secret"), "[REDACTED] [REDACTED]");
}

TEST(RedactorTest, LineIsPrintableAndBounded) {
  const Redactor r;
  EXPECT_EQ(r.Line("a\nb\tc", 100), "a b c");
  EXPECT_EQ(r.Line("abcdef", 3), "abc...");
  EXPECT_EQ(r.Line("ab\xC3\xA9", 3), "ab...");  // no half character
  EXPECT_EQ(r.Line("ab\xC3\xA9xy", 4), "ab\xC3\xA9...");
  EXPECT_EQ(r.Line("abc", 3), "abc");
}

TEST(RedactUrlTest, RemovesTheUserinfoOnly) {
  EXPECT_EQ(RedactUrl("http://user:pw@host:1/v1"), "http://host:1/v1");
  EXPECT_EQ(RedactUrl("http://user:p@ss@host/x"), "http://host/x");
  EXPECT_EQ(RedactUrl("https://host/a@b"), "https://host/a@b");
  EXPECT_EQ(RedactUrl("https://host?q=a@b"), "https://host?q=a@b");
  EXPECT_EQ(RedactUrl("not a url"), "not a url");
}

}  // namespace
}  // namespace loadlaw::base
