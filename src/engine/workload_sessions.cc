// Sessions of token counts from a workload model (workload_sessions.h).

#include "loadlaw/engine/workload_sessions.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include "loadlaw/base/format.h"
#include "loadlaw/workload/session.h"
#include "loadlaw/workload/tokens.h"

namespace loadlaw::engine {
namespace {

// Loadlaw's estimate of a turn's prompt: the characters of every message
// (chat) or of the joined prompt (completions), then the token rule once.
std::int64_t EstimatePromptTokens(const workload::Turn& turn) {
  if (turn.messages.empty()) return workload::CountTokens(turn.prompt);
  std::int64_t chars = 0;
  for (const workload::Message& m : turn.messages) {
    chars += workload::CountCharacters(m.content);
  }
  return workload::TokensForCharacters(chars);
}

std::int64_t Scaled(std::int64_t tokens, double factor) {
  return std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::llround(tokens * factor)));
}

SessionShape DrawSession(const workload::Workload& w,
                         workload::ScenarioPicker& picker, TokenScale scale,
                         std::uint64_t id, std::mt19937_64& rng) {
  const int scenario = picker.Pick(rng);
  workload::Session session(w, scenario, id, rng);
  SessionShape shape;
  shape.scenario = scenario;
  while (session.HasNextTurn()) {
    const workload::Turn turn = session.NextTurn(rng);
    TurnShape t;
    t.prompt_tokens = Scaled(EstimatePromptTokens(turn), scale.prompt);
    t.output_tokens = Scaled(turn.max_tokens, scale.output);
    // The answer joins the conversation: as many tokens as were generated.
    session.AddReply(std::string(
        static_cast<std::size_t>(t.output_tokens * workload::kCharsPerToken),
        'x'));
    if (session.HasNextTurn()) {
      t.pause_after_ms =
          std::chrono::duration<double, std::milli>(
              session.PauseBeforeNextTurn(rng))
              .count();
    }
    shape.turns.push_back(t);
  }
  shape.think_after_ms = 1e3 * w.think_time_s.Sample(rng);
  return shape;
}

}  // namespace

WorkloadSessions::WorkloadSessions(const workload::Workload& workload,
                                   TokenScale scale, int pool,
                                   std::uint64_t seed) {
  if (pool < 1 || pool > 1000000) {
    throw std::invalid_argument("sessions: pool must be in [1, 1000000], got " +
                                std::to_string(pool));
  }
  if (!(scale.prompt > 0 && scale.prompt < 100) ||
      !(scale.output > 0 && scale.output <= 100)) {
    throw std::invalid_argument(
        "sessions: token scales must be in (0, 100], got prompt " +
        base::FormatNumber(scale.prompt) + ", output " +
        base::FormatNumber(scale.output));
  }
  for (const workload::Scenario& s : workload.scenarios) {
    if (s.api == workload::Api::kHttp) {
      throw std::invalid_argument(
          "workload " + workload.name + ": scenario '" + s.name +
          "' is generic HTTP; the engine model forecasts LLM requests");
    }
  }
  workload::ScenarioPicker picker(workload);
  std::mt19937_64 rng(seed);
  pool_.reserve(static_cast<std::size_t>(pool));
  for (int i = 0; i < pool; ++i) {
    pool_.push_back(DrawSession(workload, picker, scale,
                                static_cast<std::uint64_t>(i), rng));
  }
}

SessionShape WorkloadSessions::Next(std::mt19937_64& rng) {
  return pool_[std::uniform_int_distribution<std::size_t>(0, pool_.size() -
                                                                 1)(rng)];
}

double WorkloadSessions::MeanPromptTokens() const {
  double sum = 0, n = 0;
  for (const SessionShape& s : pool_) {
    for (const TurnShape& t : s.turns) {
      sum += static_cast<double>(t.prompt_tokens);
      ++n;
    }
  }
  return n > 0 ? sum / n : 0;
}

double WorkloadSessions::MeanOutputTokens() const {
  double sum = 0, n = 0;
  for (const SessionShape& s : pool_) {
    for (const TurnShape& t : s.turns) {
      sum += static_cast<double>(t.output_tokens);
      ++n;
    }
  }
  return n > 0 ? sum / n : 0;
}

double WorkloadSessions::MeanTurns() const {
  double turns = 0;
  for (const SessionShape& s : pool_) turns += s.turns.size();
  return pool_.empty() ? 0 : turns / static_cast<double>(pool_.size());
}

}  // namespace loadlaw::engine
