#include "loadlaw/runner/http_get.h"

#include <curl/curl.h>

#include <cstdlib>
#include <memory>

#include <nlohmann/json.hpp>

namespace loadlaw::runner {
namespace {

struct Sink {
  std::string* body;
  std::size_t limit;
};

size_t Collect(char* data, size_t size, size_t count, void* user) {
  Sink* sink = static_cast<Sink*>(user);
  const size_t n = size * count;
  if (sink->body->size() + n > sink->limit) return 0;  // aborts the transfer
  sink->body->append(data, n);
  return n;
}

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

HttpGetResult HttpGet(const std::string& url, std::chrono::milliseconds timeout,
                      const std::string& api_key_env, bool verify_tls,
                      std::size_t max_body_bytes) {
  HttpGetResult result;
  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) {
    result.error = "cannot create a libcurl handle";
    return result;
  }
  std::unique_ptr<curl_slist, ListDeleter> headers;
  const char* key = api_key_env.empty() ? nullptr
                                        : std::getenv(api_key_env.c_str());
  if (key != nullptr && *key != '\0') {
    const std::string header = std::string("Authorization: Bearer ") + key;
    headers.reset(curl_slist_append(nullptr, header.c_str()));
  }
  Sink sink{&result.body, max_body_bytes};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, verify_tls ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, verify_tls ? 2L : 0L);
  if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) {
    result.error = curl_easy_strerror(code);
    return result;
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  result.status = static_cast<int>(status);
  return result;
}

std::string ServerRootUrl(const std::string& target) {
  std::string root = target;
  while (!root.empty() && root.back() == '/') root.pop_back();
  if (root.size() >= 3 && root.compare(root.size() - 3, 3, "/v1") == 0) {
    root.resize(root.size() - 3);
  }
  return root;
}

std::string FetchServedModel(const std::string& target,
                             const std::string& api_key_env, bool verify_tls) {
  const HttpGetResult r =
      HttpGet(ServerRootUrl(target) + "/v1/models", std::chrono::seconds(5),
              api_key_env, verify_tls);
  if (!r.ok()) return "";
  const nlohmann::json j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_discarded() || !j.contains("data") || !j["data"].is_array() ||
      j["data"].empty() || !j["data"][0].contains("id") ||
      !j["data"][0]["id"].is_string()) {
    return "";
  }
  return j["data"][0]["id"].get<std::string>();
}

}  // namespace loadlaw::runner
