// Prompt generation and the pieces of the workload reader that touch files.

#ifndef LOADLAW_WORKLOAD_WORKLOAD_INTERNAL_H_
#define LOADLAW_WORKLOAD_WORKLOAD_INTERNAL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "loadlaw/base/json.h"
#include "loadlaw/workload/tokens.h"
#include "loadlaw/workload/workload.h"

namespace loadlaw::workload::internal {

using base::JsonNode;

// English-like words, exactly kCharsPerToken * tokens characters.
std::string SyntheticText(std::int64_t tokens, std::mt19937_64& rng);

// Replaces each "{name}" of `text` by a random value of variables[name];
// placeholders with no variable are left as they are.
std::string FillTemplate(
    const std::string& text,
    const std::map<std::string, std::vector<std::string>>& variables,
    std::mt19937_64& rng);

// One user message drawn from the scenario's prompt source.
std::string DrawPrompt(const PromptSource& source, std::mt19937_64& rng);

std::map<std::string, std::vector<std::string>> ParseVariables(
    const std::optional<JsonNode>& node);
// Fails on a "{name}" placeholder that names no variable.
void CheckTemplates(const PromptSource& source, const JsonNode& templates);

// Prompts of a JSONL file: each line an object whose `field` is a string, or
// a JSON string. Errors name `node` (the "dataset" key), the file and line.
std::vector<std::string> LoadDataset(const std::string& path,
                                     const std::string& field,
                                     const JsonNode& node);

std::string DirectoryOf(const std::string& path);
// The file name without folder and extension ("a/chat_mix.json" -> "chat_mix").
std::string StemOf(const std::string& path);
std::string ResolvePath(const std::string& base_dir, const std::string& path);

}  // namespace loadlaw::workload::internal

#endif  // LOADLAW_WORKLOAD_WORKLOAD_INTERNAL_H_
