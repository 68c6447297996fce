// runner_bench: the load runner's own cost, as ratios.
//   1. Streamed requests against `loadlaw sim` (a subprocess): client CPU
//      seconds per 1,000 requests, and the streamed request rate one client
//      core sustains (requests per client CPU-second).
//   2. Plain HTTP against a static server (nginx on loopback): requests per
//      client CPU-second for loadlaw's generic HTTP mode and for wrk, same
//      connections and duration, and their ratio.
// Each loadlaw case runs on both transports: native (the default for http://
// targets) and libcurl.
// Usage: runner_bench [--loadlaw PATH] [--seconds S] [--streams N]
//                     [--nginx URL] [--wrk PATH] [--connections C]

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "loadlaw/runner/runner.h"

namespace {

using loadlaw::runner::RunOptions;
using loadlaw::runner::RunResult;
using loadlaw::runner::Transport;

constexpr Transport kTransports[] = {Transport::kNative, Transport::kCurl};

struct Args {
  std::string loadlaw = "build/bin/loadlaw";
  double seconds = 5;
  int streams = 200;
  std::string nginx;
  std::string wrk = "wrk";
  int connections = 64;
};

double CpuSeconds(int who) {
  rusage u{};
  getrusage(who, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec +
         (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// `loadlaw sim` on a free port; its URL from the ready line.
pid_t StartSim(const Args& a, const std::vector<std::string>& flags,
               std::string* url) {
  int out[2];
  if (pipe(out) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    std::vector<const char*> argv = {"loadlaw", "sim", "--port", "0"};
    for (const std::string& f : flags) argv.push_back(f.c_str());
    argv.push_back(nullptr);
    execv(a.loadlaw.c_str(), const_cast<char* const*>(argv.data()));
    _exit(127);
  }
  close(out[1]);
  FILE* f = fdopen(out[0], "r");
  char line[256] = {};
  if (std::fgets(line, sizeof(line), f) != nullptr) {
    const std::string text = line;
    const std::size_t at = text.find("http://");
    if (at != std::string::npos)
      *url = text.substr(at, text.find_first_of("\r\n", at) - at);
  }
  std::fclose(f);
  return pid;
}

void StopChild(pid_t pid) {
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
}

RunOptions Options(const std::string& url, int concurrency, double seconds,
                   Transport transport) {
  RunOptions o;
  o.target_url = url;
  o.transport = transport;
  o.api_key_env = "";
  loadlaw::runner::LoadLevel level;
  level.concurrency = concurrency;
  level.warmup = std::chrono::milliseconds(500);
  level.duration =
      std::chrono::nanoseconds(static_cast<std::int64_t>(seconds * 1e9));
  o.levels = {level};
  return o;
}

// Runs `o` and returns completions and the client CPU seconds they took.
void Measure(const RunOptions& o, double* requests, double* cpu_s,
             double* rps) {
  const double cpu0 = CpuSeconds(RUSAGE_SELF);
  const RunResult r = loadlaw::runner::Run(o);
  *cpu_s = CpuSeconds(RUSAGE_SELF) - cpu0;
  const auto& s = r.levels[0].summary;
  *requests = static_cast<double>(r.levels[0].summary.completed);
  *rps = s.requests_per_s;
  if (s.failed > 0)
    std::printf("  (%llu failed)\n", static_cast<unsigned long long>(s.failed));
  // The CPU of the warm-up counts too: scale the completions to match.
  *requests *= (s.window_s + 0.5) / s.window_s;
}

void Streamed(const Args& a) {
  std::string url;
  const pid_t sim = StartSim(a,
                             {"--max-num-seqs", "4096", "--step-base-ms", "5",
                              "--step-per-seq-ms", "0.001"},
                             &url);
  for (const Transport t : kTransports) {
    const char* name = loadlaw::runner::TransportName(t).data();
    RunOptions o = Options(url, a.streams, a.seconds, t);
    o.workload = loadlaw::workload::SyntheticWorkload(128, 64);
    double n = 0, cpu = 0, rps = 0;
    Measure(o, &n, &cpu, &rps);
    std::printf(
        "[%s] streamed, %d streams x 64 tokens: %.0f req/s, client CPU %.3f s "
        "per 1,000 requests (%.0f requests per CPU-second)\n",
        name, a.streams, rps, 1000 * cpu / n, n / cpu);
    // Short answers at high concurrency: the request rate one core sustains.
    o = Options(url, 4 * a.streams, a.seconds, t);
    o.workload = loadlaw::workload::SyntheticWorkload(16, 4);
    Measure(o, &n, &cpu, &rps);
    std::printf(
        "[%s] streamed, %d streams x 4 tokens: %.0f req/s at %.0f %% of a "
        "client core -> %.0f streamed requests per client CPU-second\n",
        name, 4 * a.streams, rps, 100 * cpu / (a.seconds + 0.5), n / cpu);
  }
  StopChild(sim);
}

// wrk's requests/s and CPU seconds (its own process, from RUSAGE_CHILDREN).
void RunWrk(const Args& a, double* rps, double* cpu_s) {
  const double cpu0 = CpuSeconds(RUSAGE_CHILDREN);
  const std::string cmd = a.wrk + " -t1 -c" + std::to_string(a.connections) +
                          " -d" + std::to_string(static_cast<int>(a.seconds)) +
                          "s " + a.nginx;
  FILE* p = popen(cmd.c_str(), "r");
  char line[512];
  *rps = 0;
  while (p != nullptr && std::fgets(line, sizeof(line), p) != nullptr) {
    std::sscanf(line, "Requests/sec: %lf", rps);
  }
  if (p != nullptr) pclose(p);
  *cpu_s = CpuSeconds(RUSAGE_CHILDREN) - cpu0;
}

void PlainHttp(const Args& a) {
  loadlaw::workload::Workload w;
  w.name = "plain-http";
  loadlaw::workload::Scenario s;
  s.name = "get";
  s.api = loadlaw::workload::Api::kHttp;
  w.scenarios.push_back(s);
  // wrk between the two loadlaw runs, so that a drift in the machine's load
  // does not favour one side.
  double ours[2] = {0, 0};
  double ours_rps[2] = {0, 0};
  double wrk_rps = 0, wrk_cpu = 0;
  for (int i = 0; i < 2; ++i) {
    RunOptions o = Options(a.nginx, a.connections, a.seconds, kTransports[i]);
    o.workload = w;
    double n = 0, cpu = 0;
    Measure(o, &n, &cpu, &ours_rps[i]);
    ours[i] = n / cpu;
    if (i == 0) RunWrk(a, &wrk_rps, &wrk_cpu);
  }
  const double theirs = wrk_rps * a.seconds / wrk_cpu;
  std::printf(
      "plain HTTP, %d connections (requests per client CPU-second):\n"
      "  loadlaw native %.0f (%.0f req/s), loadlaw curl %.0f (%.0f req/s), "
      "wrk %.0f (%.0f req/s)\n"
      "  wrk / native = %.2f, wrk / curl = %.2f\n",
      a.connections, ours[0], ours_rps[0], ours[1], ours_rps[1], theirs,
      wrk_rps, theirs / ours[0], theirs / ours[1]);
}

Args Parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--loadlaw")
      a.loadlaw = value;
    else if (flag == "--seconds")
      a.seconds = std::atof(value.c_str());
    else if (flag == "--streams")
      a.streams = std::atoi(value.c_str());
    else if (flag == "--nginx")
      a.nginx = value;
    else if (flag == "--wrk")
      a.wrk = value;
    else if (flag == "--connections")
      a.connections = std::atoi(value.c_str());
  }
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = Parse(argc, argv);
  Streamed(a);
  if (!a.nginx.empty()) PlainHttp(a);
  return 0;
}
