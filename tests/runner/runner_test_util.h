// Shared helpers of the runner's HTTP tests: an in-process simulator, quick
// run options, JSONL reading.

#ifndef LOADLAW_TESTS_RUNNER_RUNNER_TEST_UTIL_H_
#define LOADLAW_TESTS_RUNNER_RUNNER_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "loadlaw/runner/runner.h"
#include "loadlaw/sim/config.h"
#include "loadlaw/sim/server.h"

namespace loadlaw::testing {

// A fast simulator on a free loopback port.
inline sim::SimConfig QuickSimConfig() {
  sim::SimConfig c;
  c.port = 0;
  c.engine.step_base_ms = 2;
  c.engine.step_per_seq_ms = 0.01;
  return c;
}

inline std::unique_ptr<sim::Server> StartSim(const sim::SimConfig& config) {
  auto server = std::make_unique<sim::Server>(config);
  server->Start();
  return server;
}

// Closed loop, one level of `concurrency` users for `duration`, synthetic
// prompts of 32 tokens and max_tokens 8.
inline runner::RunOptions QuickOptions(const std::string& url, int concurrency,
                                       std::chrono::milliseconds duration) {
  runner::RunOptions o;
  o.target_url = url;
  o.workload = workload::SyntheticWorkload(32, 8);
  runner::LoadLevel level;
  level.concurrency = concurrency;
  level.duration = duration;
  o.levels = {level};
  o.api_key_env = "";
  return o;
}

// A file name in the test temp folder unique to this process (tests of
// several binaries run in parallel and share the folder).
inline std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/loadlaw_runner_" + std::to_string(getpid()) +
         "_" + name;
}

inline std::vector<nlohmann::json> ReadJsonLines(const std::string& path) {
  std::vector<nlohmann::json> lines;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  }
  return lines;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// One request as the simulator's truth log has it, in Unix seconds (-1 when
// it never happened).
struct TruthRequest {
  double arrival_s = 0;
  double first_s = -1;
  double done_s = -1;
  bool complete = false;
};

inline std::map<std::string, TruthRequest> ReadTruth(const std::string& path) {
  const auto seconds = [](const nlohmann::json& ms) {
    return ms.is_null() ? -1.0 : ms.get<double>() / 1e3;
  };
  std::map<std::string, TruthRequest> truth;
  for (const nlohmann::json& l : ReadJsonLines(path)) {
    TruthRequest t;
    t.arrival_s = seconds(l.at("arrival_unix_ms"));
    t.first_s = seconds(l.at("first_token_unix_ms"));
    t.done_s = seconds(l.at("done_unix_ms"));
    t.complete = l.at("complete").get<bool>();
    truth[l.at("id").get<std::string>()] = t;
  }
  return truth;
}

// Server time less the client's run time: the median, over the records the
// truth log knows (by response id), of the server's end of a request less
// the client's t_done of it (the same moment, a loopback hop apart).
inline double ClockOffset(const std::map<std::string, TruthRequest>& truth,
                          const std::vector<nlohmann::json>& records) {
  std::vector<double> offsets;
  for (const nlohmann::json& r : records) {
    if (!r.contains("response_id")) continue;
    const auto it = truth.find(r.at("response_id").get<std::string>());
    if (it == truth.end() || it->second.done_s < 0) continue;
    offsets.push_back(it->second.done_s - r.at("t_done_s").get<double>());
  }
  if (offsets.empty()) return 0;
  std::nth_element(offsets.begin(), offsets.begin() + offsets.size() / 2,
                   offsets.end());
  return offsets[offsets.size() / 2];
}

// The server's own requests in flight (arrival to the last write),
// time-averaged over [from_s, to_s) of the client's run time: the ground
// truth of a closed loop's achieved concurrency.
inline double ServerInFlight(const std::map<std::string, TruthRequest>& truth,
                             double offset_s, double from_s, double to_s) {
  double busy_s = 0;
  for (const auto& [id, t] : truth) {
    if (t.done_s < 0) continue;
    const double from = std::max(from_s, t.arrival_s - offset_s);
    const double to = std::min(to_s, t.done_s - offset_s);
    if (to > from) busy_s += to - from;
  }
  return busy_s / (to_s - from_s);
}

}  // namespace loadlaw::testing

namespace loadlaw::runner {
// Names the transport in parameterized test names and messages.
inline void PrintTo(Transport transport, std::ostream* os) {
  *os << TransportName(transport);
}
}  // namespace loadlaw::runner

namespace loadlaw::testing {

// A suite whose every test runs on both transports: "auto" (the native
// HTTP/1.1 one, for loopback http:// targets) and libcurl. Instantiate it
// with LOADLAW_ON_BOTH_TRANSPORTS(Suite).
class OnBothTransports : public ::testing::TestWithParam<runner::Transport> {
 protected:
  // QuickOptions on the test's transport.
  runner::RunOptions Quick(const std::string& url, int concurrency,
                           std::chrono::milliseconds duration) const {
    runner::RunOptions o = QuickOptions(url, concurrency, duration);
    o.transport = GetParam();
    return o;
  }
};

}  // namespace loadlaw::testing

#define LOADLAW_ON_BOTH_TRANSPORTS(suite)                                   \
  INSTANTIATE_TEST_SUITE_P(                                                 \
      Transports, suite,                                                    \
      ::testing::Values(::loadlaw::runner::Transport::kAuto,                \
                        ::loadlaw::runner::Transport::kCurl),               \
      [](const ::testing::TestParamInfo<::loadlaw::runner::Transport>& i) { \
        return std::string(::loadlaw::runner::TransportName(i.param));      \
      })

#endif  // LOADLAW_TESTS_RUNNER_RUNNER_TEST_UTIL_H_
