// The SSE parser: the same events whatever the chunking (every split point,
// random chunkings), CR / LF / CR LF line ends, comments, multi-line data.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "runner/sse_parser_internal.h"

namespace loadlaw::runner::internal {
namespace {

struct Event {
  std::string type, data, id;
  bool operator==(const Event& o) const {
    return type == o.type && data == o.data && id == o.id;
  }
};

std::vector<Event> Parse(const std::vector<std::string>& chunks,
                         bool finish = true, SseParser* parser_out = nullptr) {
  SseParser parser;
  std::vector<Event> events;
  auto on_event = [&](const SseEvent& e) {
    events.push_back(
        {std::string(e.type), std::string(e.data), std::string(e.id)});
  };
  for (const std::string& c : chunks) parser.Feed(c, on_event);
  if (finish) parser.Finish(on_event);
  if (parser_out != nullptr) *parser_out = parser;
  return events;
}

// A stream mixing every line ending, comments, multi-line data, an event
// type, ids, unknown fields, a field without colon, and a UTF-8 character.
const std::string kStream =
    "\xEF\xBB\xBF: keep-alive\r\n"
    "data: {\"a\":1}\n\n"
    "data:no-space\r\r"
    "event: update\r\nid: 7\r\ndata: line one\r\ndata: line two\r\n\r\n"
    ": ping\n"
    "retry: 100\nfoo: bar\ndata\n\n"
    "data: caf\xC3\xA9 \xE2\x82\xAC\n\n"
    "data: [DONE]\n\n";

const std::vector<Event> kExpected = {
    {"message", "{\"a\":1}", ""},
    {"message", "no-space", ""},
    {"update", "line one\nline two", "7"},
    {"message", "", "7"},  // "data" with no colon: an empty data line
    {"message", "caf\xC3\xA9 \xE2\x82\xAC", "7"},
    {"message", "[DONE]", "7"},
};

TEST(SseParserTest, ParsesAWholeStream) {
  SseParser parser;
  EXPECT_EQ(Parse({kStream}, true, &parser), kExpected);
  EXPECT_EQ(parser.comments(), 2u);
}

TEST(SseParserTest, EverySplitPointGivesTheSameEvents) {
  for (std::size_t i = 0; i <= kStream.size(); ++i) {
    EXPECT_EQ(Parse({kStream.substr(0, i), kStream.substr(i)}), kExpected) << i;
  }
}

TEST(SseParserTest, EveryPairOfSplitPointsGivesTheSameEvents) {
  for (std::size_t i = 0; i <= kStream.size(); ++i) {
    for (std::size_t j = i; j <= kStream.size(); ++j) {
      ASSERT_EQ(Parse({kStream.substr(0, i), kStream.substr(i, j - i),
                       kStream.substr(j)}),
                kExpected)
          << i << "," << j;
    }
  }
}

TEST(SseParserTest, RandomChunkingsAndByteAtATime) {
  std::mt19937 rng(123);
  std::string big;
  for (int i = 0; i < 50; ++i) big += kStream;
  std::vector<Event> expected;
  for (int i = 0; i < 50; ++i)
    expected.insert(expected.end(), kExpected.begin(), kExpected.end());
  const std::vector<Event> whole = Parse({big});
  ASSERT_EQ(whole.size(), expected.size());
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> chunks;
    for (std::size_t at = 0; at < big.size();) {
      const std::size_t n =
          std::uniform_int_distribution<std::size_t>(1, 40)(rng);
      chunks.push_back(big.substr(at, n));
      at += n;
    }
    ASSERT_EQ(Parse(chunks), whole) << round;
  }
  std::vector<std::string> bytes;
  for (char c : big) bytes.emplace_back(1, c);
  EXPECT_EQ(Parse(bytes), whole);
}

TEST(SseParserTest, CrLfSplitAcrossChunksIsOneLineEnd) {
  const std::vector<Event> events =
      Parse({"data: a\r", "\ndata: b\r", "\n\r", "\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "a\nb");
}

TEST(SseParserTest, FinishDispatchesACompleteEventWithoutItsBlankLine) {
  EXPECT_EQ(Parse({"data: x\n"}).size(), 1u);
  EXPECT_EQ(Parse({"data: x\n"}, /*finish=*/false).size(), 0u);
  SseParser parser;
  EXPECT_EQ(Parse({"data: {\"cut"}, true, &parser).size(), 0u);
  EXPECT_TRUE(parser.truncated());
}

TEST(SseParserTest, OverlongLineStopsTheParser) {
  SseParser parser(/*max_line_bytes=*/16);
  int events = 0;
  parser.Feed("data: 0123456789abcdefghij", [&](const SseEvent&) { ++events; });
  EXPECT_TRUE(parser.overflowed());
  parser.Feed("\n\ndata: x\n\n", [&](const SseEvent&) { ++events; });
  EXPECT_EQ(events, 0);
}

TEST(SseParserTest, CommentsOnlyStreamHasNoEvents) {
  SseParser parser;
  std::string keepalives;
  for (int i = 0; i < 100; ++i) keepalives += ": keep-alive\n\n";
  EXPECT_TRUE(Parse({keepalives}, true, &parser).empty());
  EXPECT_EQ(parser.comments(), 100u);
}

}  // namespace
}  // namespace loadlaw::runner::internal
