// Prompt sources: synthetic text, templates and JSONL datasets.

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>

#include "workload/workload_internal.h"

namespace loadlaw::workload::internal {
namespace {

constexpr std::array<const char*, 48> kWords = {
    "the",    "system",  "request", "model",  "latency", "cache",  "server",
    "token",  "batch",   "queue",   "answer", "report",  "data",   "network",
    "memory", "compute", "user",    "time",   "value",   "result", "input",
    "output", "load",    "test",    "design", "plan",    "cost",   "rate",
    "error",  "metric",  "service", "level",  "window",  "stream", "chunk",
    "client", "an",      "of",      "to",     "and",     "in",     "for",
    "with",   "on",      "by",      "from",   "is",      "was",
};

// The identifier of a "{name}" placeholder starting at text[open], or "".
std::string PlaceholderAt(const std::string& text, std::size_t open,
                          std::size_t* close) {
  std::size_t i = open + 1;
  while (
      i < text.size() &&
      (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) {
    ++i;
  }
  if (i == open + 1 || i >= text.size() || text[i] != '}') return "";
  *close = i;
  return text.substr(open + 1, i - open - 1);
}

std::string ParseDatasetLine(const std::string& line, const std::string& field,
                             const std::string& where, const JsonNode& node) {
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception&) {
    node.Fail(where + ": not valid JSON");
  }
  if (value.is_string()) return value.get<std::string>();
  if (!value.is_object()) node.Fail(where + ": must be an object or a string");
  const auto it = value.find(field);
  if (it == value.end() || !it->is_string()) {
    node.Fail(where + ": needs a string field \"" + field + "\"");
  }
  return it->get<std::string>();
}

}  // namespace

std::string SyntheticText(std::int64_t tokens, std::mt19937_64& rng) {
  const std::size_t target =
      static_cast<std::size_t>(std::max<std::int64_t>(1, tokens)) *
      kCharsPerToken;
  std::string text;
  text.reserve(target + 16);
  std::uniform_int_distribution<std::size_t> pick(0, kWords.size() - 1);
  while (text.size() < target) {
    text += kWords[pick(rng)];
    text += ' ';
  }
  text.resize(target);
  if (text.back() == ' ') text.back() = '.';
  return text;
}

std::string FillTemplate(
    const std::string& text,
    const std::map<std::string, std::vector<std::string>>& variables,
    std::mt19937_64& rng) {
  std::string out;
  out.reserve(text.size() + 64);
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t close = 0;
    if (text[i] == '{') {
      const std::string name = PlaceholderAt(text, i, &close);
      const auto it = variables.find(name);
      if (!name.empty() && it != variables.end() && !it->second.empty()) {
        std::uniform_int_distribution<std::size_t> pick(0,
                                                        it->second.size() - 1);
        out += it->second[pick(rng)];
        i = close + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string DrawPrompt(const PromptSource& source, std::mt19937_64& rng) {
  switch (source.kind) {
    case PromptSource::Kind::kSynthetic:
      return SyntheticText(
          std::min(kMaxTokens, source.synthetic_tokens.SampleCount(rng)), rng);
    case PromptSource::Kind::kTemplates: {
      std::uniform_int_distribution<std::size_t> pick(
          0, source.templates.size() - 1);
      return FillTemplate(source.templates[pick(rng)], source.variables, rng);
    }
    case PromptSource::Kind::kDataset: {
      std::uniform_int_distribution<std::size_t> pick(
          0, source.dataset.size() - 1);
      return source.dataset[pick(rng)];
    }
  }
  return {};
}

std::map<std::string, std::vector<std::string>> ParseVariables(
    const std::optional<JsonNode>& node) {
  std::map<std::string, std::vector<std::string>> variables;
  if (!node) return variables;
  if (!node->IsObject()) node->Fail("must be an object of string arrays");
  for (auto it = node->value().begin(); it != node->value().end(); ++it) {
    const JsonNode values = (*node)[it.key()];
    if (values.Size() == 0) values.Fail("must not be empty");
    std::vector<std::string>& list = variables[it.key()];
    for (std::size_t i = 0; i < values.Size(); ++i) {
      list.push_back(values.At(i).String());
    }
  }
  return variables;
}

void CheckTemplates(const PromptSource& source, const JsonNode& templates) {
  for (std::size_t t = 0; t < source.templates.size(); ++t) {
    const std::string& text = source.templates[t];
    for (std::size_t i = 0; i < text.size(); ++i) {
      std::size_t close = 0;
      if (text[i] != '{') continue;
      const std::string name = PlaceholderAt(text, i, &close);
      if (!name.empty() && source.variables.count(name) == 0) {
        templates.At(t).Fail("placeholder {" + name +
                             "} has no entry in \"variables\"");
      }
    }
  }
}

std::vector<std::string> LoadDataset(const std::string& path,
                                     const std::string& field,
                                     const JsonNode& node) {
  std::ifstream in(path, std::ios::binary);
  if (!in) node.Fail("cannot read dataset " + path);
  std::vector<std::string> prompts;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const std::string where = path + " line " + std::to_string(number);
    prompts.push_back(ParseDatasetLine(line, field, where, node));
  }
  if (prompts.empty()) node.Fail("dataset " + path + " has no prompts");
  return prompts;
}

std::string DirectoryOf(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string StemOf(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.find_last_of('.');
  if (dot != std::string::npos && dot > 0) name.resize(dot);
  return name;
}

std::string ResolvePath(const std::string& base_dir, const std::string& path) {
  if (path.empty() || path[0] == '/' || base_dir.empty()) return path;
  return base_dir + "/" + path;
}

}  // namespace loadlaw::workload::internal
