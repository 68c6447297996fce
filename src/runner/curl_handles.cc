// libcurl handle owners.

#include <mutex>
#include <stdexcept>

#include "runner/curl_handles_internal.h"

namespace loadlaw::runner::internal {

void EnsureCurlInitialized() {
  static std::once_flag once;
  static CURLcode status = CURLE_OK;
  std::call_once(once, [] { status = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (status != CURLE_OK) {
    throw std::runtime_error(std::string("libcurl initialisation failed: ") +
                             curl_easy_strerror(status));
  }
}

EasyHandle::EasyHandle() : handle_(curl_easy_init()) {
  if (handle_ == nullptr) throw std::runtime_error("curl_easy_init failed");
}

EasyHandle::~EasyHandle() { curl_easy_cleanup(handle_); }

MultiHandle::MultiHandle() : handle_(curl_multi_init()) {
  if (handle_ == nullptr) throw std::runtime_error("curl_multi_init failed");
}

MultiHandle::~MultiHandle() { curl_multi_cleanup(handle_); }

HeaderList::~HeaderList() { curl_slist_free_all(list_); }

void HeaderList::Append(const std::string& line) {
  curl_slist* appended = curl_slist_append(list_, line.c_str());
  if (appended == nullptr) throw std::runtime_error("curl_slist_append failed");
  list_ = appended;
}

}  // namespace loadlaw::runner::internal
