// Sessions: the conversation of one task, turn by turn.

#include "loadlaw/workload/session.h"

#include <algorithm>
#include <stdexcept>

#include "workload/workload_internal.h"

namespace loadlaw::workload {
namespace {

constexpr std::int64_t kMaxTurns = 10'000;

std::vector<double> Weights(const Workload& workload) {
  if (workload.scenarios.empty()) {
    throw std::invalid_argument("workload: no scenario");
  }
  std::vector<double> weights;
  for (const Scenario& s : workload.scenarios) weights.push_back(s.weight);
  return weights;
}

// The conversation as one completions prompt.
std::string JoinConversation(const std::vector<Message>& messages) {
  if (messages.size() == 1) return messages[0].content;
  std::string text;
  for (const Message& m : messages) {
    if (m.role == "system") {
      text += m.content + "\n\n";
    } else {
      text += (m.role == "user" ? "User: " : "Assistant: ") + m.content + "\n";
    }
  }
  return text + "Assistant:";
}

}  // namespace

ScenarioPicker::ScenarioPicker(const Workload& workload) {
  const std::vector<double> weights = Weights(workload);
  pick_ = std::discrete_distribution<int>(weights.begin(), weights.end());
}

int ScenarioPicker::Pick(std::mt19937_64& rng) { return pick_(rng); }

Session::Session(const Workload& workload, int scenario, std::uint64_t id,
                 std::mt19937_64& rng)
    : workload_(&workload), scenario_(scenario), id_(id) {
  if (scenario < 0 ||
      static_cast<std::size_t>(scenario) >= workload.scenarios.size()) {
    throw std::invalid_argument("session: no scenario " +
                                std::to_string(scenario));
  }
  turns_ = static_cast<int>(
      std::min(kMaxTurns, this->scenario().turns.SampleCount(rng)));
  const std::string& system_prompt = this->scenario().system_prompt;
  if (!system_prompt.empty()) history_.push_back({"system", system_prompt});
}

const Scenario& Session::scenario() const {
  return workload_->scenarios[static_cast<std::size_t>(scenario_)];
}

Turn Session::NextTurn(std::mt19937_64& rng) {
  const Scenario& s = scenario();
  Turn turn;
  turn.index = next_turn_++;
  turn.last = next_turn_ >= turns_;
  turn.max_tokens = std::min(kMaxTokens, s.max_tokens.SampleCount(rng));
  if (s.api == Api::kHttp) return turn;
  std::string content;
  if (!pending_tool_result_.empty()) {
    content = "Tool result: " + pending_tool_result_ + "\n\n";
    pending_tool_result_.clear();
  }
  content += internal::DrawPrompt(s.prompt, rng);
  history_.push_back({"user", std::move(content)});
  if (s.api == Api::kChat) {
    turn.messages = history_;
  } else {
    turn.prompt = JoinConversation(history_);
  }
  return turn;
}

void Session::AddReply(std::string_view text) {
  if (scenario().api == Api::kHttp) return;
  history_.push_back({"assistant", std::string(text)});
}

std::chrono::nanoseconds Session::PauseBeforeNextTurn(std::mt19937_64& rng) {
  const Scenario& s = scenario();
  std::chrono::nanoseconds pause = s.turn_think_time_s.SampleDuration(rng);
  const ToolCallSpec& tool = s.tool_call;
  if (tool.probability > 0 &&
      std::uniform_real_distribution<double>(0, 1)(rng) < tool.probability) {
    pause += tool.delay_s.SampleDuration(rng);
    pending_tool_result_ = internal::SyntheticText(
        std::min(kMaxTokens, tool.result_tokens.SampleCount(rng)), rng);
  }
  return pause;
}

}  // namespace loadlaw::workload
