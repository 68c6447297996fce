#include "loadlaw/queueing/sizing.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <string_view>

#include "loadlaw/queueing/erlang.h"
#include "queueing/checks_internal.h"

namespace loadlaw::queueing {
namespace {

// No M/M/c sizing answer may exceed this many servers (one Erlang C
// evaluation costs O(servers)).
constexpr int kMaxServers = 10000000;

// The fewest servers with a steady state: floor(A) + 1 > A.
int FewestStableServers(std::string_view where, double arrival_rate,
                        double service_time) {
  internal::CheckPositive(where, "arrival_rate", arrival_rate);
  internal::CheckPositive(where, "service_time", service_time);
  const double offered_load = arrival_rate * service_time;
  if (!(offered_load < kMaxServers)) {
    internal::ThrowInvalid(
        where, "offered load " + internal::FormatNumber(offered_load) +
                   " Erlangs needs more than " + std::to_string(kMaxServers) +
                   " servers");
  }
  return static_cast<int>(std::floor(offered_load)) + 1;
}

// Throws std::invalid_argument with the range and why nothing met.
[[noreturn]] void ThrowNotMet(int min_count, int max_count) {
  internal::ThrowInvalid("SmallestCount",
                         "the target is not met even at max_count " +
                             std::to_string(max_count) + " (searched [" +
                             std::to_string(min_count) + ", " +
                             std::to_string(max_count) + "])");
}

// The smallest count >= fewest that meets the (monotone) target: doubles the
// step above fewest until a count meets, then bisects the last step.
int SmallestMeeting(std::string_view where,
                    const std::function<bool(int)>& meets, int fewest) {
  int failed = fewest - 1;  // below fewest there is no steady state
  int candidate = fewest;
  int step = 1;
  while (!meets(candidate)) {
    if (candidate >= kMaxServers) {
      internal::ThrowInvalid(where, "the target is not met even with " +
                                        std::to_string(kMaxServers) +
                                        " servers");
    }
    failed = candidate;
    candidate = fewest + std::min(step, kMaxServers - fewest);
    step = std::min(step, kMaxServers) * 2;
  }
  return SmallestCount(meets, failed + 1, candidate);
}

}  // namespace

int SmallestCount(const std::function<bool(int)>& meets, int min_count,
                  int max_count) {
  if (!meets) internal::ThrowInvalid("SmallestCount", "meets is empty");
  if (min_count > max_count) {
    internal::ThrowInvalid("SmallestCount",
                           "empty range: min_count " +
                               std::to_string(min_count) + " > max_count " +
                               std::to_string(max_count));
  }
  if (!meets(max_count)) ThrowNotMet(min_count, max_count);
  // Invariant: meets(high); every count below low fails.
  int low = min_count;
  int high = max_count;
  while (low < high) {
    const int mid = low + (high - low) / 2;
    if (meets(mid)) {
      high = mid;
    } else {
      low = mid + 1;
    }
  }
  return high;
}

int ServersForMeanWait(double arrival_rate, double service_time,
                       double max_wait) {
  constexpr const char* kWhere = "ServersForMeanWait";
  const int fewest = FewestStableServers(kWhere, arrival_rate, service_time);
  internal::CheckPositive(kWhere, "max_wait", max_wait);
  return SmallestMeeting(
      kWhere,
      [&](int c) {
        return SolveMmc(arrival_rate, service_time, c).mean_wait <= max_wait;
      },
      fewest);
}

int ServersForMeanResponse(double arrival_rate, double service_time,
                           double max_response) {
  constexpr const char* kWhere = "ServersForMeanResponse";
  FewestStableServers(kWhere, arrival_rate, service_time);
  internal::CheckPositive(kWhere, "max_response", max_response);
  if (!(max_response > service_time)) {
    internal::ThrowInvalid(
        kWhere, "max_response " + internal::FormatNumber(max_response) +
                    " must exceed service_time " +
                    internal::FormatNumber(service_time) +
                    " (the response includes the service)");
  }
  return ServersForMeanWait(arrival_rate, service_time,
                            max_response - service_time);
}

int ServersForWaitProbability(double arrival_rate, double service_time,
                              double wait_time, double max_probability) {
  constexpr const char* kWhere = "ServersForWaitProbability";
  const int fewest = FewestStableServers(kWhere, arrival_rate, service_time);
  internal::CheckNonNegative(kWhere, "wait_time", wait_time);
  if (!(max_probability > 0 && max_probability <= 1)) {
    internal::ThrowInvalid(kWhere, "max_probability must be in (0, 1], got " +
                                       internal::FormatNumber(max_probability));
  }
  return SmallestMeeting(
      kWhere,
      [&](int c) {
        return SolveMmc(arrival_rate, service_time, c).WaitExceeds(wait_time) <=
               max_probability;
      },
      fewest);
}

}  // namespace loadlaw::queueing
