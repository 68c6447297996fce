// File: loadlaw/workload/session.h
// Sessions (tasks) of a workload: a scenario drawn by weight, a number of
// turns, and a conversation whose history grows turn by turn; between turns
// a simulated tool call and think time. The runner asks a session for its
// next request and hands back the answer's text.
//
//   loadlaw::workload::ScenarioPicker picker(workload);
//   std::mt19937_64 rng(7);
//   loadlaw::workload::Session session(workload, picker.Pick(rng), /*id=*/1,
//   rng); while (session.HasNextTurn()) {
//     loadlaw::workload::Turn turn = session.NextTurn(rng);
//     std::string answer = Send(turn);            // the runner's job
//     session.AddReply(answer);
//     std::chrono::nanoseconds pause = session.PauseBeforeNextTurn(rng);
//   }

#ifndef LOADLAW_WORKLOAD_SESSION_H_
#define LOADLAW_WORKLOAD_SESSION_H_

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "loadlaw/workload/workload.h"

namespace loadlaw::workload {

struct Message {
  std::string role;  // "system", "user" or "assistant"
  std::string content;
};

// One request of a session.
struct Turn {
  int index = 0;  // 0-based
  bool last = true;
  // Chat: the whole conversation so far, ending with the new user message.
  std::vector<Message> messages;
  // Completions: the same conversation as one text.
  std::string prompt;
  std::int64_t max_tokens = 0;
};

// Draws scenarios by weight.
class ScenarioPicker {
 public:
  // Throws std::invalid_argument when the workload has no scenario.
  explicit ScenarioPicker(const Workload& workload);
  int Pick(std::mt19937_64& rng);

 private:
  std::discrete_distribution<int> pick_;
};

class Session {
 public:
  // Keeps a reference to `workload`, which must outlive the session; draws
  // the number of turns.
  Session(const Workload& workload, int scenario, std::uint64_t id,
          std::mt19937_64& rng);

  std::uint64_t id() const { return id_; }
  int scenario_index() const { return scenario_; }
  const Scenario& scenario() const;
  int turns() const { return turns_; }
  int turns_sent() const { return next_turn_; }
  bool HasNextTurn() const { return next_turn_ < turns_; }

  // The next request: appends a new user message (with the pending tool
  // result, if any) to the history and returns the conversation.
  Turn NextTurn(std::mt19937_64& rng);
  // Appends the assistant's answer to the history.
  void AddReply(std::string_view text);
  // The client-side pause before the next turn: a tool call's run time (with
  // the scenario's probability; its result goes into the next user message)
  // plus the think time between turns.
  std::chrono::nanoseconds PauseBeforeNextTurn(std::mt19937_64& rng);

  const std::vector<Message>& history() const { return history_; }

 private:
  const Workload* workload_;
  int scenario_;
  std::uint64_t id_;
  int turns_ = 1;
  int next_turn_ = 0;
  std::string pending_tool_result_;
  std::vector<Message> history_;
};

}  // namespace loadlaw::workload

#endif  // LOADLAW_WORKLOAD_SESSION_H_
