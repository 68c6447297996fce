// `loadlaw queue ...`: the queueing closed forms a planner needs, from the
// command line (Erlang B/C, Allen-Cunneen, exact MVA, the flow-equivalent
// server of a USL curve, and server sizing).

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "loadlaw/queueing/allen_cunneen.h"
#include "loadlaw/queueing/erlang.h"
#include "loadlaw/queueing/flow_equivalent.h"
#include "loadlaw/queueing/mva.h"
#include "loadlaw/queueing/sizing.h"

namespace loadlaw::cli {
namespace {

using nlohmann::json;

struct QueueArgs {
  double arrival_rate = 0;
  double service_time = 0;
  int servers = 0;
  double wait_time = -1;
  double arrival_scv = 1;
  double service_scv = 1;
  double think_time = 0;
  std::vector<double> demands;
  std::vector<int> station_servers;
  int users = 0;
  double max_wait = -1;
  double max_response = -1;
  double max_probability = -1;
  std::vector<double> usl;  // sigma, kappa, lambda
  int limit = 0;
  int queue_limit = -1;
  bool json = false;
};

void Emit(const QueueArgs& args, const json& out, const std::string& text) {
  if (args.json) {
    std::cout << out.dump(2) << std::endl;
  } else {
    std::cout << text;
  }
}

std::string Format(const char* fmt, double a) {
  char buf[128];
  std::snprintf(buf, sizeof buf, fmt, a);
  return buf;
}

json MmcJson(const queueing::MmcResult& q) {
  return {{"servers", q.servers},
          {"arrival_rate", q.arrival_rate},
          {"service_time", q.service_time},
          {"offered_load", q.offered_load},
          {"utilization", q.utilization},
          {"wait_probability", q.wait_probability},
          {"mean_wait", q.mean_wait},
          {"mean_response", q.mean_response},
          {"mean_queue_length", q.mean_queue_length},
          {"mean_in_system", q.mean_in_system}};
}

std::string MmcText(const char* title, const queueing::MmcResult& q) {
  std::string s = std::string(title) + ": " + std::to_string(q.servers) +
                  " servers, offered load " +
                  Format("%.6g Erlangs\n", q.offered_load);
  s += Format("  utilization        %.6g\n", q.utilization);
  s += Format("  wait probability   %.6g\n", q.wait_probability);
  s += Format("  mean wait          %.6g s\n", q.mean_wait);
  s += Format("  mean response      %.6g s\n", q.mean_response);
  s += Format("  mean queue length  %.6g\n", q.mean_queue_length);
  s += Format("  mean in system     %.6g\n", q.mean_in_system);
  return s;
}

void RunErlangC(const QueueArgs& a) {
  const queueing::MmcResult q =
      queueing::SolveMmc(a.arrival_rate, a.service_time, a.servers);
  json out = MmcJson(q);
  std::string text = MmcText("M/M/c (Erlang C)", q);
  if (a.wait_time >= 0) {
    out["wait_time"] = a.wait_time;
    out["wait_exceeds_probability"] = q.WaitExceeds(a.wait_time);
    text += Format("  P(wait > %.6g s)", a.wait_time) +
            Format(" = %.6g\n", q.WaitExceeds(a.wait_time));
  }
  Emit(a, out, text);
}

void RunErlangB(const QueueArgs& a) {
  const double load = a.arrival_rate * a.service_time;
  const double b = queueing::ErlangB(a.servers, load);
  json out = {{"servers", a.servers},
              {"offered_load", load},
              {"blocking_probability", b},
              {"carried_load", load * (1 - b)}};
  Emit(a, out,
       "Erlang B: " + std::to_string(a.servers) + " servers, offered load " +
           Format("%.6g Erlangs\n", load) +
           Format("  blocking probability %.6g\n", b));
}

void RunAllenCunneen(const QueueArgs& a) {
  const queueing::MmcResult q = queueing::SolveAllenCunneen(
      a.arrival_rate, a.service_time, a.servers, a.arrival_scv,
      a.service_scv);
  json out = MmcJson(q);
  out["arrival_scv"] = a.arrival_scv;
  out["service_scv"] = a.service_scv;
  Emit(a, out, MmcText("G/G/c (Allen-Cunneen)", q));
}

void RunMva(const QueueArgs& a) {
  std::vector<queueing::Station> stations;
  for (size_t k = 0; k < a.demands.size(); ++k) {
    queueing::Station s;
    s.name = "station" + std::to_string(k + 1);
    s.demand_s = a.demands[k];
    if (!a.station_servers.empty()) {
      if (a.station_servers.size() != a.demands.size()) {
        throw std::invalid_argument(
            "--servers: " + std::to_string(a.station_servers.size()) +
            " counts for " + std::to_string(a.demands.size()) + " demands");
      }
      s.servers = a.station_servers[k];
    }
    stations.push_back(s);
  }
  const queueing::MvaResult r =
      queueing::SolveMva(stations, a.think_time, a.users);
  json out = {{"users", r.users},
              {"think_time", a.think_time},
              {"throughput", r.throughput},
              {"response_time", r.response_time},
              {"residence_times", r.residence_times},
              {"queue_lengths", r.queue_lengths},
              {"utilizations", r.utilizations}};
  std::string text = "exact MVA: " + std::to_string(r.users) + " users, " +
                     Format("think time %.6g s\n", a.think_time);
  text += Format("  throughput     %.6g /s\n", r.throughput);
  text += Format("  response time  %.6g s\n", r.response_time);
  for (size_t k = 0; k < stations.size(); ++k) {
    text += "  " + stations[k].name +
            Format(": queue length %.6g", r.queue_lengths[k]) +
            Format(", residence %.6g s", r.residence_times[k]) +
            Format(", utilization %.6g\n", r.utilizations[k]);
  }
  Emit(a, out, text);
}

void RunServersFor(const QueueArgs& a) {
  int servers = 0;
  std::string target;
  if (a.max_wait >= 0) {
    servers = queueing::ServersForMeanWait(a.arrival_rate, a.service_time,
                                           a.max_wait);
    target = Format("mean wait <= %.6g s", a.max_wait);
  } else if (a.max_response >= 0) {
    servers = queueing::ServersForMeanResponse(a.arrival_rate, a.service_time,
                                               a.max_response);
    target = Format("mean response <= %.6g s", a.max_response);
  } else if (a.wait_time >= 0 && a.max_probability >= 0) {
    servers = queueing::ServersForWaitProbability(
        a.arrival_rate, a.service_time, a.wait_time, a.max_probability);
    target = Format("P(wait > %.6g s)", a.wait_time) +
             Format(" <= %.6g", a.max_probability);
  } else {
    throw std::invalid_argument(
        "servers-for needs a target: --max-wait W, --max-response R, or "
        "--wait-time T with --max-probability P");
  }
  const queueing::MmcResult q =
      queueing::SolveMmc(a.arrival_rate, a.service_time, servers);
  json out = {{"servers", servers}, {"target", target}, {"at", MmcJson(q)}};
  Emit(a, out,
       "servers for " + target + ": " + std::to_string(servers) + "\n" +
           MmcText("at that size", q));
}

void RunFlowEquivalent(const QueueArgs& a) {
  if (a.usl.size() != 3) {
    throw std::invalid_argument("--usl takes sigma,kappa,lambda");
  }
  if (a.limit < 1) throw std::invalid_argument("--limit must be >= 1");
  std::vector<double> x;
  for (int n = 1; n <= a.limit; ++n) {
    x.push_back(a.usl[2] * n /
                (1 + a.usl[0] * (n - 1) + a.usl[1] * n * (n - 1.0)));
  }
  queueing::FlowEquivalentOptions options;
  options.concurrency_limit = a.limit;
  options.queue_limit = a.queue_limit;
  const queueing::FlowEquivalentResult r =
      queueing::SolveFlowEquivalent(x, a.arrival_rate, options);
  json out = {{"arrival_rate", r.arrival_rate},
              {"throughput", r.throughput},
              {"mean_in_system", r.mean_in_system},
              {"mean_in_service", r.mean_in_service},
              {"mean_queue_length", r.mean_queue_length},
              {"mean_response_time", r.mean_response_time},
              {"mean_wait", r.mean_wait},
              {"queueing_probability", r.queueing_probability},
              {"loss_probability", r.loss_probability},
              {"utilization", r.utilization}};
  std::string text = "flow-equivalent server: USL curve, limit " +
                     std::to_string(a.limit) +
                     Format(", arrivals %.6g /s\n", a.arrival_rate);
  text += Format("  throughput          %.6g /s\n", r.throughput);
  text += Format("  mean in system      %.6g\n", r.mean_in_system);
  text += Format("  mean response time  %.6g s\n", r.mean_response_time);
  text += Format("  mean wait           %.6g s\n", r.mean_wait);
  text += Format("  P(queueing)         %.6g\n", r.queueing_probability);
  text += Format("  P(loss)             %.6g\n", r.loss_probability);
  Emit(a, out, text);
}

void AddRateOptions(CLI::App* cmd, QueueArgs* a, bool need_servers) {
  cmd->add_option("--arrival-rate", a->arrival_rate, "arrivals per second")
      ->required();
  cmd->add_option("--service-time", a->service_time,
                  "mean service time, seconds")
      ->required();
  if (need_servers) {
    cmd->add_option("--servers", a->servers, "number of servers")->required();
  }
  cmd->add_flag("--json", a->json, "print one JSON object");
}

}  // namespace

void AddQueueCommand(CLI::App& app) {
  auto a = std::make_shared<QueueArgs>();
  CLI::App* queue = app.add_subcommand(
      "queue", "Queueing closed forms: Erlang, Allen-Cunneen, MVA, sizing");
  queue->require_subcommand(1);

  CLI::App* c = queue->add_subcommand("erlang-c", "M/M/c by Erlang C");
  AddRateOptions(c, a.get(), true);
  c->add_option("--wait-time", a->wait_time, "also give P(wait > T), seconds");
  c->callback([a] { RunErlangC(*a); });

  CLI::App* b = queue->add_subcommand("erlang-b", "M/M/c/c loss by Erlang B");
  AddRateOptions(b, a.get(), true);
  b->callback([a] { RunErlangB(*a); });

  CLI::App* ac = queue->add_subcommand(
      "allen-cunneen", "G/G/c mean wait by the Allen-Cunneen approximation");
  AddRateOptions(ac, a.get(), true);
  ac->add_option("--arrival-scv", a->arrival_scv,
                 "squared coefficient of variation of inter-arrival times")
      ->capture_default_str();
  ac->add_option("--service-scv", a->service_scv,
                 "squared coefficient of variation of service times")
      ->capture_default_str();
  ac->callback([a] { RunAllenCunneen(*a); });

  CLI::App* m = queue->add_subcommand("mva", "exact mean value analysis");
  m->add_option("--think-time", a->think_time, "think time Z, seconds")
      ->capture_default_str();
  m->add_option("--demands", a->demands, "service demands D1,D2,..., seconds")
      ->delimiter(',')
      ->required();
  m->add_option("--servers", a->station_servers,
                "servers per station m1,m2,... (default 1 each)")
      ->delimiter(',');
  m->add_option("--users", a->users, "population N")->required();
  m->add_flag("--json", a->json, "print one JSON object");
  m->callback([a] { RunMva(*a); });

  CLI::App* s = queue->add_subcommand(
      "servers-for", "the fewest M/M/c servers meeting a target");
  AddRateOptions(s, a.get(), false);
  s->add_option("--max-wait", a->max_wait, "mean wait target, seconds");
  s->add_option("--max-response", a->max_response,
                "mean response target, seconds");
  s->add_option("--wait-time", a->wait_time,
                "with --max-probability: P(wait > T) target");
  s->add_option("--max-probability", a->max_probability,
                "largest acceptable P(wait > T)");
  s->callback([a] { RunServersFor(*a); });

  CLI::App* f = queue->add_subcommand(
      "fes", "flow-equivalent server of a USL curve under Poisson arrivals");
  f->add_option("--usl", a->usl, "sigma,kappa,lambda")
      ->delimiter(',')
      ->required();
  f->add_option("--limit", a->limit, "concurrency limit K")->required();
  f->add_option("--queue-limit", a->queue_limit,
                "waiting places beyond K (-1 unbounded, 0 pure loss)")
      ->capture_default_str();
  f->add_option("--arrival-rate", a->arrival_rate, "arrivals per second")
      ->required();
  f->add_flag("--json", a->json, "print one JSON object");
  f->callback([a] { RunFlowEquivalent(*a); });
}

}  // namespace loadlaw::cli
