// Test helper: asserts that a call throws std::invalid_argument whose message
// contains every given substring (the field name, the bad value, ...).

#ifndef LOADLAW_QUEUEING_EXPECT_INVALID_H_
#define LOADLAW_QUEUEING_EXPECT_INVALID_H_

#include <gtest/gtest.h>

#include <initializer_list>
#include <stdexcept>
#include <string>

namespace loadlaw::queueing::testing {

template <typename Call>
void ExpectInvalid(Call&& call, std::initializer_list<std::string> parts) {
  try {
    call();
    ADD_FAILURE() << "expected std::invalid_argument, nothing was thrown";
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    for (const std::string& part : parts) {
      EXPECT_NE(message.find(part), std::string::npos)
          << "message \"" << message << "\" lacks \"" << part << "\"";
    }
  }
}

}  // namespace loadlaw::queueing::testing

#endif  // LOADLAW_QUEUEING_EXPECT_INVALID_H_
