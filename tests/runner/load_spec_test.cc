// The load options as written: every bound is checked where the option
// enters, and the message names it as the user spelled it (flag or keyword)
// with the allowed range.

#include "loadlaw/runner/load_spec.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <stdexcept>
#include <string>

namespace loadlaw::runner {
namespace {

LoadSpec Spec(base::Naming naming) {
  LoadSpec spec;
  spec.naming = naming;
  spec.target = "http://127.0.0.1:1";
  return spec;
}

LevelSpec Level(int concurrency, double rate_rps) {
  LevelSpec level;
  level.concurrency = concurrency;
  level.rate_rps = rate_rps;
  level.duration = "1s";
  return level;
}

std::string ErrorOf(const LoadSpec& spec, const LevelSpec& level) {
  try {
    BuildRun(spec, level, "");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(LoadSpecTest, RatesAndUsersOutOfRangeAreRefusedByName) {
  const LoadSpec flags = Spec(base::Naming::kFlag);
  // 1e-20 overflowed the gap between arrivals and allocated until memory ran
  // out; 1e-17 hung; 1e-15 stretched a 1 s run to 12 s.
  for (double rate : {1e-20, 1e-17, 1e-15, 1e-4, 2e6}) {
    EXPECT_EQ(
        ErrorOf(flags, Level(0, rate))
            .rfind("--rate: must be in [0.001, 1000000] arrivals per second, "
                   "got ",
                   0),
        0u)
        << ErrorOf(flags, Level(0, rate));
  }
  EXPECT_EQ(ErrorOf(flags, Level(100001, 0)),
            "--concurrency: must be in [1, 100000], got 100001");
  EXPECT_EQ(ErrorOf(Spec(base::Naming::kKeyword), Level(0, 1e-20)),
            "rate: must be in [0.001, 1000000] arrivals per second, got "
            "1e-20");
  EXPECT_EQ(ErrorOf(flags, Level(0, 0.001)), "(no error)");
  EXPECT_EQ(ErrorOf(flags, Level(3, 0)), "(no error)");
}

TEST(LoadSpecTest, UsersBeyondTheOpenFileLimitAreRefused) {
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  if (limit.rlim_max == RLIM_INFINITY || limit.rlim_max >= 100000) {
    GTEST_SKIP() << "the hard open-file limit (" << limit.rlim_max
                 << ") allows every valid level";
  }
  const int users = static_cast<int>(limit.rlim_max);
  const std::string error = ErrorOf(Spec(base::Naming::kFlag), Level(users, 0));
  EXPECT_EQ(error.rfind("--concurrency: " + std::to_string(users) +
                            " users need as many sockets",
                        0),
            0u)
      << error;
  EXPECT_NE(error.find("ulimit -n"), std::string::npos);
}

TEST(LoadSpecTest, TokenCountsAndTransportLimitsAreBounded) {
  struct Case {
    void (*set)(LoadSpec*);
    std::string message;
  } cases[] = {
      {[](LoadSpec* s) { s->prompt_tokens = 1'000'000'000; },
       "--prompt-tokens: must be in [1, 1000000] tokens, got 1000000000"},
      {[](LoadSpec* s) { s->max_tokens = 0; },
       "--max-tokens: must be in [1, 1000000] tokens, got 0"},
      {[](LoadSpec* s) { s->burstiness = 1e-9; },
       "--burstiness: must be in [0.01, 100], got 1e-09"},
      {[](LoadSpec* s) { s->max_in_flight = -1; },
       "--max-in-flight: must be in [1, 100000], got -1"},
      {[](LoadSpec* s) { s->max_response_bytes = 0; },
       "--max-response-bytes: must be in [1, 1073741824] bytes, got 0"},
  };
  for (const Case& c : cases) {
    LoadSpec spec = Spec(base::Naming::kFlag);
    c.set(&spec);
    EXPECT_EQ(ErrorOf(spec, Level(2, 0)), c.message);
  }
  LoadSpec keyword = Spec(base::Naming::kKeyword);
  keyword.prompt_tokens = 1'000'000'000;
  EXPECT_EQ(ErrorOf(keyword, Level(2, 0)),
            "prompt_tokens: must be in [1, 1000000] tokens, got 1000000000");
}

}  // namespace
}  // namespace loadlaw::runner
