// libcurl client, SSE splitter and metrics parser for the simulator tests.

#include "sim/http_test_util.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

namespace loadlaw::sim::testing {

double SteadyNowMs() {
  std::chrono::duration<double, std::milli> t =
      std::chrono::steady_clock::now().time_since_epoch();
  return t.count();
}

double UnixNowMs() {
  std::chrono::duration<double, std::milli> t =
      std::chrono::system_clock::now().time_since_epoch();
  return t.count();
}

HttpClient::HttpClient() : curl_(curl_easy_init()) {}

HttpClient::~HttpClient() { curl_easy_cleanup(curl_); }

HttpResult HttpClient::Get(const std::string& url) {
  return Perform(url, nullptr);
}

HttpResult HttpClient::Post(const std::string& url, const std::string& body) {
  return Perform(url, &body);
}

std::size_t HttpClient::OnBody(char* data, std::size_t size, std::size_t count,
                               void* user) {
  auto* self = static_cast<HttpClient*>(user);
  HttpResult& r = *self->current_;
  const double now_ms = SteadyNowMs();
  if (r.first_byte_ms == 0) r.first_byte_ms = now_ms;
  r.piece_ms.push_back(now_ms);
  r.body.append(data, size * count);
  if (self->abort_after_ > 0 && r.body.size() >= self->abort_after_) return 0;
  return size * count;
}

std::size_t HttpClient::OnHeader(char* data, std::size_t size,
                                 std::size_t count, void* user) {
  auto* self = static_cast<HttpClient*>(user);
  std::string line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n ") + 1);
    self->current_->headers[name] = value;
  }
  return size * count;
}

HttpResult HttpClient::Perform(const std::string& url,
                               const std::string* body) {
  HttpResult result;
  current_ = &result;
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &HttpClient::OnBody);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, &HttpClient::OnHeader);
  curl_easy_setopt(curl_, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, 20000L);
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  curl_slist* headers = nullptr;
  if (body != nullptr) {
    headers = curl_slist_append(headers, "Content-Type: application/json");
    if (!allow_expect_) headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(curl_, CURLOPT_POST, 1L);
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body->c_str());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE,
                     static_cast<long>(body->size()));
  } else {
    curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
  result.start_unix_ms = UnixNowMs();
  result.start_ms = SteadyNowMs();
  result.curl_code = curl_easy_perform(curl_);
  result.done_ms = SteadyNowMs();
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &result.status);
  curl_easy_getinfo(curl_, CURLINFO_NUM_CONNECTS, &result.new_connections);
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  current_ = nullptr;
  return result;
}

std::vector<std::string> SplitSse(const std::string& body, bool* framing_ok) {
  std::vector<std::string> payloads;
  *framing_ok = true;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t end = body.find("\n\n", pos);
    if (end == std::string::npos || body.compare(pos, 6, "data: ") != 0) {
      *framing_ok = false;
      break;
    }
    std::string payload = body.substr(pos + 6, end - pos - 6);
    if (payload.find('\n') != std::string::npos) *framing_ok = false;
    payloads.push_back(payload);
    pos = end + 2;
  }
  return payloads;
}

std::map<std::string, double> ParseMetrics(const std::string& text,
                                           bool* parse_ok) {
  std::map<std::string, double> samples;
  *parse_ok = true;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::size_t space = line.rfind(' ');
    if (space == std::string::npos || space == 0) {
      *parse_ok = false;
      continue;
    }
    std::string key = line.substr(0, space);
    std::string value = line.substr(space + 1);
    char* end = nullptr;
    double number = std::strtod(value.c_str(), &end);
    bool name_ok = std::isalpha(static_cast<unsigned char>(key[0])) ||
                   key[0] == '_' || key[0] == ':';
    if (*end != '\0' || !name_ok) *parse_ok = false;
    samples[key] = number;
  }
  return samples;
}

double MetricValue(const std::map<std::string, double>& metrics,
                   const std::string& name) {
  for (const auto& [key, value] : metrics) {
    if (key == name || key.rfind(name + "{", 0) == 0) return value;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

std::string ChatBody(int max_tokens, bool stream, bool include_usage,
                     int chars) {
  nlohmann::json body = {
      {"model", "loadlaw-sim"},
      {"messages", {{{"role", "user"}, {"content", std::string(chars, 'a')}}}},
      {"max_tokens", max_tokens},
      {"stream", stream}};
  if (include_usage) body["stream_options"] = {{"include_usage", true}};
  return body.dump();
}

}  // namespace loadlaw::sim::testing
