// RAII owners of libcurl handles (easy, multi, header lists) and the one-time
// global initialisation. libcurl types stay inside src/runner.

#ifndef LOADLAW_RUNNER_CURL_HANDLES_INTERNAL_H_
#define LOADLAW_RUNNER_CURL_HANDLES_INTERNAL_H_

#include <curl/curl.h>

#include <string>

namespace loadlaw::runner::internal {

// curl_global_init, once per process (thread-safe). Throws
// std::runtime_error when libcurl cannot initialise.
void EnsureCurlInitialized();

class EasyHandle {
 public:
  EasyHandle();  // throws std::runtime_error when curl_easy_init fails
  ~EasyHandle();
  EasyHandle(const EasyHandle&) = delete;
  EasyHandle& operator=(const EasyHandle&) = delete;
  CURL* get() const { return handle_; }

 private:
  CURL* handle_;
};

class MultiHandle {
 public:
  MultiHandle();  // throws std::runtime_error when curl_multi_init fails
  ~MultiHandle();
  MultiHandle(const MultiHandle&) = delete;
  MultiHandle& operator=(const MultiHandle&) = delete;
  CURLM* get() const { return handle_; }

 private:
  CURLM* handle_;
};

class HeaderList {
 public:
  HeaderList() = default;
  ~HeaderList();
  HeaderList(const HeaderList&) = delete;
  HeaderList& operator=(const HeaderList&) = delete;
  HeaderList(HeaderList&& other) noexcept : list_(other.list_) {
    other.list_ = nullptr;
  }
  // Appends one "Name: value" line; throws std::runtime_error when out of
  // memory.
  void Append(const std::string& line);
  curl_slist* get() const { return list_; }

 private:
  curl_slist* list_ = nullptr;
};

}  // namespace loadlaw::runner::internal

#endif  // LOADLAW_RUNNER_CURL_HANDLES_INTERNAL_H_
