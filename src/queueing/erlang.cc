#include "loadlaw/queueing/erlang.h"

#include <cmath>
#include <string>
#include <string_view>

#include "queueing/checks_internal.h"
#include "queueing/erlang_internal.h"

namespace loadlaw::queueing {
namespace {

using internal::CheckAtLeast;
using internal::CheckNonNegative;
using internal::CheckPositive;
using internal::FormatNumber;
using internal::ThrowInvalid;

// Refuses offered_load >= servers: an M/M/c queue without a steady state.
void CheckNotSaturated(std::string_view where, int servers,
                       double offered_load) {
  if (offered_load >= servers) {
    ThrowInvalid(where, "offered load " + FormatNumber(offered_load) +
                            " Erlangs saturates " + std::to_string(servers) +
                            " servers (offered_load must be < servers)");
  }
}

// B(c) by B(m) = A B(m-1) / (m + A B(m-1)), B(0) = 1. Every step stays in
// [0, 1], so the recursion neither overflows nor loses precision, whatever c.
double ErlangBUnchecked(int servers, double offered_load) {
  double blocking = 1.0;
  for (int m = 1; m <= servers; ++m) {
    const double carried = offered_load * blocking;
    blocking = carried / (m + carried);
  }
  return blocking;
}

// C = B / (1 - rho + rho B), rho = A / c < 1.
double ErlangCUnchecked(int servers, double offered_load) {
  const double blocking = ErlangBUnchecked(servers, offered_load);
  const double rho = offered_load / servers;
  return blocking / (1.0 - rho + rho * blocking);
}

}  // namespace

double ErlangB(int servers, double offered_load) {
  CheckAtLeast("ErlangB", "servers", servers, 1);
  CheckNonNegative("ErlangB", "offered_load", offered_load);
  return ErlangBUnchecked(servers, offered_load);
}

double ErlangC(int servers, double offered_load) {
  CheckAtLeast("ErlangC", "servers", servers, 1);
  CheckNonNegative("ErlangC", "offered_load", offered_load);
  CheckNotSaturated("ErlangC", servers, offered_load);
  return ErlangCUnchecked(servers, offered_load);
}

double MmcResult::WaitExceeds(double t) const {
  if (!(service_time > 0) || servers < 1) {
    ThrowInvalid("MmcResult::WaitExceeds",
                 "the result is empty (use SolveMmc to fill it)");
  }
  CheckNonNegative("MmcResult::WaitExceeds", "t", t);
  return wait_probability *
         std::exp(-(servers - offered_load) * t / service_time);
}

namespace internal {

MmcResult SolveMmcFor(std::string_view where, double arrival_rate,
                      double service_time, int servers) {
  CheckPositive(where, "arrival_rate", arrival_rate);
  CheckPositive(where, "service_time", service_time);
  CheckAtLeast(where, "servers", servers, 1);
  const double offered_load = arrival_rate * service_time;
  if (!std::isfinite(offered_load)) {
    ThrowInvalid(where, "offered load arrival_rate * service_time overflows");
  }
  CheckNotSaturated(where, servers, offered_load);

  MmcResult r;
  r.servers = servers;
  r.arrival_rate = arrival_rate;
  r.service_time = service_time;
  r.offered_load = offered_load;
  r.utilization = offered_load / servers;
  r.wait_probability = ErlangCUnchecked(servers, offered_load);
  r.mean_wait = r.wait_probability * service_time /
                (servers * (1.0 - r.utilization));
  r.mean_response = service_time + r.mean_wait;
  r.mean_queue_length = arrival_rate * r.mean_wait;
  r.mean_in_system = arrival_rate * r.mean_response;
  return r;
}

}  // namespace internal

MmcResult SolveMmc(double arrival_rate, double service_time, int servers) {
  return internal::SolveMmcFor("SolveMmc", arrival_rate, service_time, servers);
}

}  // namespace loadlaw::queueing
