// An incremental parser of server-sent events (the WHATWG event-stream
// format): bytes may arrive split anywhere, including inside a CR LF pair or
// a UTF-8 character; lines end with LF, CR or CR LF; ":" lines are comments
// (keep-alives); "data" lines of one event are joined with "\n"; an event is
// dispatched at the blank line that ends it.
//
//   SseParser parser;
//   parser.Feed(bytes, [&](const SseEvent& e) { Handle(e.type, e.data); });
//   parser.Finish([&](const SseEvent& e) { ... });  // at end of stream

#ifndef LOADLAW_RUNNER_SSE_PARSER_INTERNAL_H_
#define LOADLAW_RUNNER_SSE_PARSER_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace loadlaw::runner::internal {

struct SseEvent {
  std::string_view type;  // the "event" field; "message" when absent
  std::string_view data;  // the joined "data" lines
  std::string_view id;    // the last "id" field seen
};

class SseParser {
 public:
  // A line longer than max_line_bytes stops the parser (overflowed()).
  explicit SseParser(std::size_t max_line_bytes = std::size_t{1} << 20)
      : max_line_bytes_(max_line_bytes) {}

  // Parses `bytes`, calling on_event(const SseEvent&) for each complete
  // event. The views in the event are valid only during the call.
  template <typename OnEvent>
  void Feed(std::string_view bytes, OnEvent&& on_event);

  // End of stream: dispatches an event whose lines were all complete but
  // whose closing blank line never came. A partial last line is dropped (the
  // stream was cut) and counted by truncated().
  template <typename OnEvent>
  void Finish(OnEvent&& on_event);

  void Reset();

  std::uint64_t comments() const { return comments_; }
  bool overflowed() const { return overflowed_; }
  bool truncated() const { return truncated_; }

 private:
  template <typename OnEvent>
  void ProcessLine(std::string_view line, OnEvent& on_event);
  template <typename OnEvent>
  void Dispatch(OnEvent& on_event);

  std::size_t max_line_bytes_;
  std::string line_;  // a line split across Feed calls
  std::string data_;
  std::string type_;
  std::string id_;
  bool skip_lf_ = false;  // the last byte seen was CR
  bool first_line_ = true;
  bool overflowed_ = false;
  bool truncated_ = false;
  std::uint64_t comments_ = 0;
};

template <typename OnEvent>
void SseParser::Feed(std::string_view bytes, OnEvent&& on_event) {
  std::size_t i = 0;
  const std::size_t n = bytes.size();
  if (overflowed_) return;
  if (skip_lf_ && n > 0) {
    if (bytes[0] == '\n') i = 1;
    skip_lf_ = false;
  }
  while (i < n) {
    std::size_t j = i;
    while (j < n && bytes[j] != '\n' && bytes[j] != '\r') ++j;
    if (j == n) {
      line_.append(bytes.data() + i, n - i);
      if (line_.size() > max_line_bytes_) overflowed_ = true;
      return;
    }
    if (line_.empty()) {
      ProcessLine(bytes.substr(i, j - i), on_event);
    } else {
      line_.append(bytes.data() + i, j - i);
      ProcessLine(std::string_view(line_), on_event);
      line_.clear();
    }
    if (bytes[j] == '\r') {
      if (j + 1 < n) {
        if (bytes[j + 1] == '\n') ++j;
      } else {
        skip_lf_ = true;
      }
    }
    i = j + 1;
  }
}

template <typename OnEvent>
void SseParser::Finish(OnEvent&& on_event) {
  if (!line_.empty()) {
    truncated_ = true;
    line_.clear();
    return;
  }
  Dispatch(on_event);
}

template <typename OnEvent>
void SseParser::ProcessLine(std::string_view line, OnEvent& on_event) {
  if (first_line_) {
    first_line_ = false;
    if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  }
  if (line.empty()) {
    Dispatch(on_event);
    return;
  }
  const std::size_t colon = line.find(':');
  if (colon == 0) {
    ++comments_;
    return;
  }
  const std::string_view field = line.substr(0, colon);
  std::string_view value;
  if (colon != std::string_view::npos) {
    value = line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    data_.append(value.data(), value.size());
    data_ += '\n';
  } else if (field == "event") {
    type_.assign(value.data(), value.size());
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) {
      id_.assign(value.data(), value.size());
    }
  }
}

template <typename OnEvent>
void SseParser::Dispatch(OnEvent& on_event) {
  if (data_.empty()) {
    type_.clear();
    return;
  }
  data_.pop_back();  // the '\n' after the last data line
  const SseEvent event{
      type_.empty() ? std::string_view("message") : std::string_view(type_),
      data_, id_};
  on_event(event);
  data_.clear();
  type_.clear();
}

inline void SseParser::Reset() {
  line_.clear();
  data_.clear();
  type_.clear();
  id_.clear();
  skip_lf_ = false;
  first_line_ = true;
  overflowed_ = false;
  truncated_ = false;
  comments_ = 0;
}

}  // namespace loadlaw::runner::internal

#endif  // LOADLAW_RUNNER_SSE_PARSER_INTERNAL_H_
