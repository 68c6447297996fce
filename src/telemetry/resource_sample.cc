#include "loadlaw/telemetry/resource_sample.h"

#include <unistd.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace loadlaw::telemetry {
namespace {

bool ParseDouble(const std::string& text, double* out) {
  if (text == "+Inf" || text == "Inf") {
    *out = INFINITY;
    return true;
  }
  if (text == "-Inf") {
    *out = -INFINITY;
    return true;
  }
  if (text == "NaN" || text == "[N/A]" || text == "N/A") {
    *out = NAN;
    return true;
  }
  char* end = nullptr;
  *out = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size();
}

// A GPU index: a whole number in [0, kMaxGpuIndex]. (Read as a double and
// cast, "1e57" or "[N/A]" made an int out of range: undefined behaviour.)
constexpr int kMaxGpuIndex = 65535;

bool ParseIndex(const std::string& text, int* out) {
  if (text.empty() || text.size() > 5) return false;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  if (value > kMaxGpuIndex) return false;
  *out = value;
  return true;
}

// Parses `{a="x",b="y"}` starting at text[*pos] == '{'; leaves *pos after '}'.
bool ParseLabels(const std::string& text, size_t* pos,
                 std::map<std::string, std::string>* labels) {
  size_t i = *pos + 1;
  while (i < text.size() && text[i] != '}') {
    const size_t eq = text.find('=', i);
    if (eq == std::string::npos || eq + 1 >= text.size() ||
        text[eq + 1] != '"') {
      return false;
    }
    std::string key = text.substr(i, eq - i);
    std::string value;
    size_t j = eq + 2;
    for (; j < text.size() && text[j] != '"'; ++j) {
      if (text[j] == '\\' && j + 1 < text.size()) {
        ++j;
        value += text[j] == 'n' ? '\n' : text[j];
      } else {
        value += text[j];
      }
    }
    if (j >= text.size()) return false;
    (*labels)[key] = value;
    i = j + 1;
    if (i < text.size() && text[i] == ',') ++i;
  }
  if (i >= text.size()) return false;
  *pos = i + 1;
  return true;
}

bool ParseSampleLine(const std::string& line, MetricSample* sample) {
  size_t i = 0;
  while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])) &&
         line[i] != '{') {
    ++i;
  }
  sample->name = line.substr(0, i);
  if (sample->name.empty()) return false;
  if (i < line.size() && line[i] == '{' &&
      !ParseLabels(line, &i, &sample->labels)) {
    return false;
  }
  std::istringstream rest(line.substr(i));
  std::string value;
  if (!(rest >> value)) return false;
  return ParseDouble(value, &sample->value);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return "";
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream s(line);
  std::string field;
  while (std::getline(s, field, ',')) {
    const size_t b = field.find_first_not_of(" \t\r");
    const size_t e = field.find_last_not_of(" \t\r");
    out.push_back(b == std::string::npos ? "" : field.substr(b, e - b + 1));
  }
  return out;
}

}  // namespace

std::vector<MetricSample> ParsePrometheusText(const std::string& text,
                                              int* skipped) {
  std::vector<MetricSample> out;
  int bad = 0;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    MetricSample sample;
    if (ParseSampleLine(line.substr(start), &sample)) {
      out.push_back(std::move(sample));
    } else {
      ++bad;
    }
  }
  if (skipped != nullptr) *skipped = bad;
  return out;
}

std::optional<double> SumMetric(const std::vector<MetricSample>& samples,
                                const std::string& name) {
  std::optional<double> sum;
  for (const MetricSample& s : samples) {
    if (s.name == name) sum = sum.value_or(0) + s.value;
  }
  return sum;
}

ProcessStat ReadProcessStat(int pid, const std::string& proc_root) {
  const std::string dir = proc_root + "/" + std::to_string(pid);
  const std::string stat = ReadFile(dir + "/stat");
  const size_t paren = stat.rfind(')');
  if (stat.empty() || paren == std::string::npos) {
    throw std::invalid_argument("pid " + std::to_string(pid) +
                                ": no such process (cannot read " + dir +
                                "/stat)");
  }
  // Fields after the command name: state is field 3; utime 14, stime 15.
  std::istringstream rest(stat.substr(paren + 2));
  std::vector<std::string> fields;
  std::string f;
  while (rest >> f) fields.push_back(f);
  if (fields.size() < 13) {
    throw std::invalid_argument("pid " + std::to_string(pid) + ": " + dir +
                                "/stat has too few fields");
  }
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  ProcessStat s;
  s.pid = pid;
  s.cpu_s = (std::atof(fields[11].c_str()) + std::atof(fields[12].c_str())) /
            ticks;
  std::istringstream status(ReadFile(dir + "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      s.rss_bytes = std::atof(line.c_str() + 6) * 1024.0;  // reported in kB
    }
  }
  return s;
}

std::vector<GpuStat> ParseNvidiaSmiCsv(const std::string& csv) {
  std::vector<GpuStat> out;
  std::istringstream in(csv);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::vector<std::string> f = SplitCsv(line);
    GpuStat g;
    if (f.size() != 4 || !ParseIndex(f[0], &g.index) ||
        !ParseDouble(f[1], &g.utilization_pct) ||
        !ParseDouble(f[2], &g.memory_used_mib) ||
        !ParseDouble(f[3], &g.memory_total_mib)) {
      throw std::invalid_argument("nvidia-smi line " + std::to_string(number) +
                                  " does not parse: '" + line + "'");
    }
    out.push_back(g);
  }
  return out;
}

const char* NvidiaSmiQueryCommand() {
  return "nvidia-smi --query-gpu=index,utilization.gpu,memory.used,"
         "memory.total --format=csv,noheader,nounits";
}

}  // namespace loadlaw::telemetry
