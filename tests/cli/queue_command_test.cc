// `loadlaw queue ...` as a user runs it, against closed-form and published
// values (see ../shared/data/reference/queueing_reference.md).

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/run_command.h"

namespace loadlaw::testing {
namespace {

using nlohmann::json;

json QueueJson(const std::string& args) {
  const CommandResult r = RunLoadlaw("queue " + args + " --json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

TEST(QueueCommandTest, ErlangCOfMM3IsFourNinths) {
  const json j = QueueJson(
      "erlang-c --arrival-rate 2 --service-time 1 --servers 3 --wait-time 0");
  EXPECT_NEAR(j["wait_probability"].get<double>(), 4.0 / 9.0, 1e-12);
  EXPECT_NEAR(j["mean_wait"].get<double>(), 4.0 / 9.0, 1e-12);
  EXPECT_NEAR(j["mean_response"].get<double>(), 13.0 / 9.0, 1e-12);
  EXPECT_NEAR(j["utilization"].get<double>(), 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(j["wait_exceeds_probability"].get<double>(), 4.0 / 9.0, 1e-12);
}

TEST(QueueCommandTest, SaturatedSystemIsRefused) {
  const CommandResult r = RunLoadlaw(
      "queue erlang-c --arrival-rate 2 --service-time 1 --servers 2");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("saturat"), std::string::npos) << r.err;
}

// Pollaczek-Khinchine: M/D/1 at rho = 0.5, S = 1 waits 0.5 s on average.
TEST(QueueCommandTest, AllenCunneenReducesToPollaczekKhinchine) {
  const json j = QueueJson(
      "allen-cunneen --arrival-rate 0.5 --service-time 1 --servers 1 "
      "--service-scv 0");
  EXPECT_NEAR(j["mean_wait"].get<double>(), 0.5, 1e-12);
}

// Lazowska et al., Quantitative System Performance, ch. 6 p. 117.
TEST(QueueCommandTest, MvaLazowskaChapter6) {
  const json j =
      QueueJson("mva --think-time 15 --demands 0.605,2.1,1.35 --users 3");
  ASSERT_EQ(j["queue_lengths"].size(), 3u);
  EXPECT_NEAR(j["queue_lengths"][0].get<double>(), 0.0976, 1e-3);
  EXPECT_NEAR(j["queue_lengths"][1].get<double>(), 0.3947, 1e-3);
  EXPECT_NEAR(j["queue_lengths"][2].get<double>(), 0.2350, 1e-3);
  EXPECT_NEAR(j["throughput"].get<double>(), 0.151516, 1e-5);
}

// PDQ's AWS Tomcat model: 400 requests on 300 threads of 0.444 s saturate
// at 300 / 0.444 = 675.6757 req/s.
TEST(QueueCommandTest, MvaMultiServerPdqTomcat) {
  const json j = QueueJson(
      "mva --think-time 0 --demands 0.444 --servers 300 --users 400");
  EXPECT_NEAR(j["throughput"].get<double>(), 675.6757, 1e-3);
  EXPECT_NEAR(j["response_time"].get<double>(), 0.5920, 1e-4);
  EXPECT_NEAR(j["queue_lengths"][0].get<double>(), 400, 1e-6);
}

TEST(QueueCommandTest, ServersForMeetsTheTargetAndOneFewerDoesNot) {
  const json j = QueueJson(
      "servers-for --arrival-rate 20 --service-time 0.5 --max-wait 0.1");
  const int c = j["servers"].get<int>();
  EXPECT_LE(j["at"]["mean_wait"].get<double>(), 0.1);
  const CommandResult fewer = RunLoadlaw(
      "queue erlang-c --arrival-rate 20 --service-time 0.5 --json --servers " +
      std::to_string(c - 1));
  if (fewer.exit_code == 0) {
    EXPECT_GT(json::parse(fewer.out)["mean_wait"].get<double>(), 0.1);
  } else {
    EXPECT_NE(fewer.err.find("saturat"), std::string::npos);
  }
}

// A USL with sigma = kappa = 0 and a limit of 3 is an M/M/3 queue: the
// flow-equivalent server must reproduce Erlang C.
TEST(QueueCommandTest, FlowEquivalentOfLinearCurveIsErlangC) {
  const json j =
      QueueJson("fes --usl 0,0,1 --limit 3 --arrival-rate 2");
  EXPECT_NEAR(j["mean_wait"].get<double>(), 4.0 / 9.0, 1e-9);
  EXPECT_NEAR(j["queueing_probability"].get<double>(), 4.0 / 9.0, 1e-9);
  EXPECT_NEAR(j["throughput"].get<double>(), 2.0, 1e-9);
}

TEST(QueueCommandTest, MissingTargetAndBadArgumentsAreNamed) {
  CommandResult r = RunLoadlaw(
      "queue servers-for --arrival-rate 2 --service-time 1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("needs a target"), std::string::npos) << r.err;
  r = RunLoadlaw("queue mva --demands 1,2 --servers 1 --users 3");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--servers"), std::string::npos) << r.err;
  r = RunLoadlaw("queue erlang-c --arrival-rate -1 --service-time 1 "
                 "--servers 2");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("arrival"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace loadlaw::testing
