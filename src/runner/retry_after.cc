// Reading Retry-After and HTTP-dates (retry_after_internal.h).

#include "runner/retry_after_internal.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

namespace loadlaw::runner::internal {
namespace {

// The words of `text`: runs of letters, digits and ':' (commas, dashes and
// spaces separate).
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == ',' || text[i] == '-')) {
      ++i;
    }
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != ',' &&
           text[i] != '-') {
      ++i;
    }
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

// A number of 1 to `max_digits` digits, else -1.
int Digits(std::string_view word, std::size_t max_digits) {
  if (word.empty() || word.size() > max_digits) return -1;
  int value = 0;
  for (char c : word) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

// 0 for "Jan" ... 11 for "Dec", else -1.
int Month(std::string_view word) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr",
                                                 "May", "Jun", "Jul", "Aug",
                                                 "Sep", "Oct", "Nov", "Dec"};
  for (int m = 0; m < 12; ++m) {
    if (word == kMonths[m]) return m;
  }
  return -1;
}

// "HH:MM:SS" into *tm, false when it is not a time of day.
bool TimeOfDay(std::string_view word, std::tm* tm) {
  if (word.size() != 8 || word[2] != ':' || word[5] != ':') return false;
  tm->tm_hour = Digits(word.substr(0, 2), 2);
  tm->tm_min = Digits(word.substr(3, 2), 2);
  tm->tm_sec = Digits(word.substr(6, 2), 2);
  return tm->tm_hour >= 0 && tm->tm_hour < 24 && tm->tm_min >= 0 &&
         tm->tm_min < 60 && tm->tm_sec >= 0 && tm->tm_sec <= 60;
}

bool IsDayName(std::string_view word) {
  return word.size() >= 3 && std::all_of(word.begin(), word.end(), [](char c) {
           return std::isalpha(static_cast<unsigned char>(c)) != 0;
         });
}

}  // namespace

std::optional<std::int64_t> ParseHttpDate(std::string_view text) {
  const std::vector<std::string_view> w = Words(text);
  std::tm tm{};
  int year = -1;
  if (w.size() == 6 && IsDayName(w[0]) && w[5] == "GMT") {
    // IMF-fixdate or RFC 850: day month year time GMT.
    tm.tm_mday = Digits(w[1], 2);
    tm.tm_mon = Month(w[2]);
    year = Digits(w[3], 4);
    if (w[3].size() == 2 && year >= 0) {
      // RFC 850's two digits: the most recent year that ends so, unless
      // that is more than 50 years ahead (RFC 9110); read as 1970-2069.
      year += year < 70 ? 2000 : 1900;
    } else if (w[3].size() != 4) {
      return std::nullopt;
    }
    if (!TimeOfDay(w[4], &tm)) return std::nullopt;
  } else if (w.size() == 5 && IsDayName(w[0])) {
    // asctime: day month day-of-month time year.
    tm.tm_mon = Month(w[1]);
    tm.tm_mday = Digits(w[2], 2);
    if (!TimeOfDay(w[3], &tm) || w[4].size() != 4) return std::nullopt;
    year = Digits(w[4], 4);
  } else {
    return std::nullopt;
  }
  if (tm.tm_mon < 0 || tm.tm_mday < 1 || tm.tm_mday > 31 || year < 1900) {
    return std::nullopt;
  }
  tm.tm_year = year - 1900;
  return static_cast<std::int64_t>(timegm(&tm));
}

std::optional<std::chrono::nanoseconds> RetryAfterDelay(
    std::string_view value, std::optional<std::int64_t> server_now_s,
    std::int64_t local_now_s) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  double seconds = 0;
  const std::size_t dot = value.find('.');
  const bool number = !value.empty() && value[0] >= '0' && value[0] <= '9' &&
                      (dot == std::string_view::npos ||
                       value.find('.', dot + 1) == std::string_view::npos) &&
                      std::all_of(value.begin(), value.end(), [](char c) {
                        return (c >= '0' && c <= '9') || c == '.';
                      });
  if (number) {
    // delay-seconds (a fraction tolerated); an integer too long to hold
    // saturates.
    const std::size_t whole = std::min(dot, value.size());
    seconds = whole > 10 ? static_cast<double>(kMaxRetryAfterSeconds)
                         : std::strtod(std::string(value).c_str(), nullptr);
  } else if (const std::optional<std::int64_t> date = ParseHttpDate(value)) {
    seconds = static_cast<double>(*date - server_now_s.value_or(local_now_s));
  } else {
    return std::nullopt;
  }
  seconds =
      std::clamp(seconds, 0.0, static_cast<double>(kMaxRetryAfterSeconds));
  return std::chrono::nanoseconds(static_cast<std::int64_t>(seconds * 1e9));
}

}  // namespace loadlaw::runner::internal
