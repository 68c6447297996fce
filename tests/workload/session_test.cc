// Sessions: history grows turn by turn, tool results and pauses, synthetic
// prompt lengths, scenario weights.

#include "loadlaw/workload/session.h"

#include <gtest/gtest.h>

#include "workload/workload_internal.h"

namespace loadlaw::workload {
namespace {

Workload MultiTurn(double tool_probability) {
  Workload w = SyntheticWorkload(10, 5);
  Scenario& s = w.scenarios[0];
  s.system_prompt = "be brief";
  s.turns = Distribution::Constant(3);
  s.turn_think_time_s = Distribution::Constant(0.5);
  s.tool_call.probability = tool_probability;
  s.tool_call.delay_s = Distribution::Constant(2);
  s.tool_call.result_tokens = Distribution::Constant(8);
  return w;
}

TEST(SessionTest, HistoryGrowsTurnByTurn) {
  const Workload w = MultiTurn(0);
  std::mt19937_64 rng(3);
  Session session(w, 0, 42, rng);
  EXPECT_EQ(session.turns(), 3);
  Turn t1 = session.NextTurn(rng);
  EXPECT_EQ(t1.index, 0);
  EXPECT_FALSE(t1.last);
  ASSERT_EQ(t1.messages.size(), 2u);  // system + user
  EXPECT_EQ(t1.messages[0].role, "system");
  session.AddReply("first answer");
  EXPECT_EQ(session.PauseBeforeNextTurn(rng), std::chrono::milliseconds(500));
  Turn t2 = session.NextTurn(rng);
  ASSERT_EQ(t2.messages.size(), 4u);
  EXPECT_EQ(t2.messages[2].role, "assistant");
  EXPECT_EQ(t2.messages[2].content, "first answer");
  EXPECT_EQ(t2.messages[1].content, t1.messages[1].content);
  session.AddReply("second answer");
  Turn t3 = session.NextTurn(rng);
  EXPECT_EQ(t3.messages.size(), 6u);
  EXPECT_TRUE(t3.last);
  EXPECT_FALSE(session.HasNextTurn());
  EXPECT_EQ(t3.max_tokens, 5);
}

TEST(SessionTest, ToolCallsAddDelayAndResult) {
  const Workload w = MultiTurn(1.0);
  std::mt19937_64 rng(3);
  Session session(w, 0, 1, rng);
  session.NextTurn(rng);
  session.AddReply("calling a tool");
  EXPECT_EQ(session.PauseBeforeNextTurn(rng), std::chrono::milliseconds(2500));
  const Turn t2 = session.NextTurn(rng);
  const std::string& user = t2.messages.back().content;
  EXPECT_EQ(user.rfind("Tool result: ", 0), 0u) << user;
  EXPECT_EQ(user.find("\n\n"), std::string("Tool result: ").size() + 32);
}

TEST(SessionTest, CompletionsJoinTheConversation) {
  Workload w = MultiTurn(0);
  w.scenarios[0].api = Api::kCompletions;
  w.scenarios[0].system_prompt.clear();
  std::mt19937_64 rng(3);
  Session session(w, 0, 1, rng);
  const Turn t1 = session.NextTurn(rng);
  EXPECT_TRUE(t1.messages.empty());
  EXPECT_EQ(t1.prompt.size(), 40u);  // just the user text
  session.AddReply("ok");
  const Turn t2 = session.NextTurn(rng);
  EXPECT_EQ(t2.prompt.rfind("User: ", 0), 0u);
  EXPECT_NE(t2.prompt.find("\nAssistant: ok\nUser: "), std::string::npos);
  EXPECT_EQ(t2.prompt.substr(t2.prompt.size() - 10), "Assistant:");
}

TEST(SessionTest, SyntheticTextHasFourCharactersPerToken) {
  std::mt19937_64 rng(9);
  for (std::int64_t tokens : {1, 7, 128, 2000}) {
    const std::string text = internal::SyntheticText(tokens, rng);
    EXPECT_EQ(static_cast<std::int64_t>(text.size()), 4 * tokens);
    EXPECT_NE(text.back(), ' ');
  }
  EXPECT_NE(internal::SyntheticText(64, rng), internal::SyntheticText(64, rng));
}

TEST(SessionTest, TemplatesFillVariables) {
  std::mt19937_64 rng(1);
  const std::string out = internal::FillTemplate(
      "a {x} b {y} {unknown} {}", {{"x", {"1"}}, {"y", {"2"}}}, rng);
  EXPECT_EQ(out, "a 1 b 2 {unknown} {}");
}

TEST(ScenarioPickerTest, FollowsWeights) {
  Workload w = SyntheticWorkload(1, 1);
  w.scenarios.push_back(w.scenarios[0]);
  w.scenarios[0].weight = 3;
  w.scenarios[1].weight = 1;
  ScenarioPicker picker(w);
  std::mt19937_64 rng(2);
  int first = 0;
  for (int i = 0; i < 40000; ++i) first += picker.Pick(rng) == 0;
  EXPECT_NEAR(first / 40000.0, 0.75, 0.01);
}

}  // namespace
}  // namespace loadlaw::workload
