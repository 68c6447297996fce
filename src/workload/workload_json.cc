// Reading workload models from JSON (format: models/workloads/README.md).

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "loadlaw/base/format.h"
#include "loadlaw/base/json.h"
#include "loadlaw/workload/workload.h"
#include "workload/workload_internal.h"

namespace loadlaw::workload {
namespace {

using base::JsonNode;

// A distribution: a number (constant) or {"dist": KIND, ...} with optional
// "min" / "max" clamps.
Distribution ParseDistribution(const JsonNode& node) {
  if (node.IsNumber()) return Distribution::Constant(node.NonNegative());
  node.CheckKeys({"dist", "value", "min", "max", "mean", "stddev"});
  const JsonNode kind_node = node["dist"];
  const std::string kind = kind_node.String();
  auto number = [&](std::string_view key) {
    return node[key].NonNegative();
  };
  Distribution d;
  try {
    if (kind == "constant") {
      d = Distribution::Constant(number("value"));
    } else if (kind == "uniform") {
      d = Distribution::Uniform(number("min"), number("max"));
      return d;
    } else if (kind == "exponential") {
      d = Distribution::Exponential(number("mean"));
    } else if (kind == "normal") {
      d = Distribution::Normal(number("mean"), number("stddev"));
    } else if (kind == "lognormal") {
      d = Distribution::LogNormal(number("mean"), number("stddev"));
    } else {
      kind_node.Fail("unknown distribution \"" + kind +
                     "\" (constant, uniform, exponential, normal, lognormal)");
    }
    const std::optional<JsonNode> min = node.Find("min");
    const std::optional<JsonNode> max = node.Find("max");
    if (min || max) {
      d = d.WithBounds(
          min ? min->NonNegative() : 0.0,
          max ? max->NonNegative() : std::numeric_limits<double>::infinity());
    }
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    if (what.rfind(node.Where(), 0) == 0) throw;
    node.Fail(what);
  }
  return d;
}

// A distribution whose mean is at most `limit` (what it counts named by
// `unit`), cut at `limit`.
Distribution ParseBounded(const JsonNode& node, double limit,
                          const std::string& unit) {
  const Distribution d = ParseDistribution(node);
  if (d.Mean() > limit) {
    node.Fail("a mean of " + base::FormatNumber(d.Mean()) + " " + unit +
              " is above the most a workload may ask for (" +
              std::to_string(static_cast<std::int64_t>(limit)) + ")");
  }
  return d.CappedAt(limit);
}

Distribution ParseTokens(const JsonNode& node) {
  return ParseBounded(node, static_cast<double>(kMaxTokens), "tokens");
}

Distribution ParseSeconds(const JsonNode& node) {
  return ParseBounded(node, kMaxDelaySeconds, "seconds");
}

PromptSource ParsePrompt(const JsonNode& node, const std::string& base_dir) {
  node.CheckKeys(
      {"synthetic_tokens", "templates", "variables", "dataset", "field"});
  PromptSource p;
  const std::optional<JsonNode> synthetic = node.Find("synthetic_tokens");
  const std::optional<JsonNode> templates = node.Find("templates");
  const std::optional<JsonNode> dataset = node.Find("dataset");
  if ((synthetic ? 1 : 0) + (templates ? 1 : 0) + (dataset ? 1 : 0) != 1) {
    node.Fail("needs exactly one of synthetic_tokens, templates, dataset");
  }
  if (synthetic) {
    p.kind = PromptSource::Kind::kSynthetic;
    p.synthetic_tokens = ParseTokens(*synthetic);
  } else if (templates) {
    p.kind = PromptSource::Kind::kTemplates;
    if (templates->Size() == 0) templates->Fail("must not be empty");
    for (std::size_t i = 0; i < templates->Size(); ++i) {
      p.templates.push_back(templates->At(i).String());
    }
    p.variables = internal::ParseVariables(node.Find("variables"));
    internal::CheckTemplates(p, *templates);
  } else {
    p.kind = PromptSource::Kind::kDataset;
    const std::optional<JsonNode> field = node.Find("field");
    p.dataset_path = internal::ResolvePath(base_dir, dataset->String());
    p.dataset = internal::LoadDataset(
        p.dataset_path, field ? field->String() : "prompt", *dataset);
  }
  return p;
}

ToolCallSpec ParseToolCall(const JsonNode& node) {
  node.CheckKeys({"probability", "delay_s", "result_tokens"});
  ToolCallSpec t;
  const JsonNode probability = node["probability"];
  t.probability = probability.NonNegative();
  if (t.probability > 1) probability.Fail("must be in [0, 1]");
  t.delay_s = ParseSeconds(node["delay_s"]);
  if (std::optional<JsonNode> r = node.Find("result_tokens")) {
    t.result_tokens = ParseTokens(*r);
  }
  return t;
}

Expectation ParseExpectation(const JsonNode& node) {
  node.CheckKeys({"contains", "regex", "json"});
  if (node.value().size() != 1) {
    node.Fail("needs exactly one of contains, regex, json");
  }
  if (std::optional<JsonNode> c = node.Find("contains")) {
    return Expectation::Contains(c->String());
  }
  if (std::optional<JsonNode> r = node.Find("regex")) {
    try {
      return Expectation::Regex(r->String());
    } catch (const std::invalid_argument& e) {
      r->Fail(e.what());
    }
  }
  const JsonNode json = node["json"];
  if (!json.Bool()) json.Fail("must be true when given");
  return Expectation::ValidJson();
}

HttpSpec ParseHttp(const JsonNode& node) {
  node.CheckKeys({"method", "path", "headers", "secret_headers", "body"});
  HttpSpec h;
  if (auto m = node.Find("method")) h.method = m->String();
  if (h.method.empty() ||
      h.method.find_first_of(" \r\n\t") != std::string::npos) {
    node["method"].Fail("must be an HTTP method such as GET or POST");
  }
  if (auto p = node.Find("path")) h.path = p->String();
  if (auto b = node.Find("body")) h.body = b->String();
  if (auto headers = node.Find("headers")) {
    if (!headers->IsObject()) headers->Fail("must be an object of strings");
    for (auto it = headers->value().begin(); it != headers->value().end();
         ++it) {
      const JsonNode header = (*headers)[it.key()];
      const std::string value = header.String();
      if (value.find_first_of("\r\n") != std::string::npos) {
        header.Fail("must not contain a line break");
      }
      for (const auto& [name, unused] : h.headers) {
        if (SameHeaderName(name, it.key())) {
          header.Fail("the header " + name +
                      " is given twice (header names ignore case)");
        }
      }
      h.headers.emplace_back(it.key(), value);
    }
  }
  if (auto secret = node.Find("secret_headers")) {
    h.secret_headers = secret->Strings();
    for (std::size_t i = 0; i < h.secret_headers.size(); ++i) {
      const bool named = std::any_of(
          h.headers.begin(), h.headers.end(), [&](const auto& header) {
            return SameHeaderName(header.first, h.secret_headers[i]);
          });
      if (!named) secret->At(i).Fail("names no header of \"headers\"");
    }
  }
  return h;
}

Api ParseApi(const JsonNode& node) {
  const std::string api = node.String();
  if (api == "chat") return Api::kChat;
  if (api == "completions") return Api::kCompletions;
  if (api == "http") return Api::kHttp;
  node.Fail("unknown api \"" + api + "\" (chat, completions, http)");
}

void ParseScenarioOptions(const JsonNode& node, Scenario* s) {
  if (auto v = node.Find("stream")) s->stream = v->Bool();
  if (auto v = node.Find("model")) s->model = v->String();
  if (auto v = node.Find("system_prompt")) s->system_prompt = v->String();
  if (auto v = node.Find("max_tokens")) s->max_tokens = ParseTokens(*v);
  if (auto v = node.Find("temperature")) s->temperature = v->NonNegative();
  if (auto v = node.Find("extra_body")) {
    if (!v->IsObject()) v->Fail("must be an object");
    s->extra_body_json = v->value().dump();
  }
  if (auto v = node.Find("turns")) s->turns = ParseDistribution(*v);
  if (auto v = node.Find("turn_think_time_s")) {
    s->turn_think_time_s = ParseSeconds(*v);
  }
  if (auto v = node.Find("tool_call")) s->tool_call = ParseToolCall(*v);
  if (auto v = node.Find("expect")) s->expect = ParseExpectation(*v);
}

Scenario ParseScenario(const JsonNode& node, const std::string& base_dir) {
  node.CheckKeys({"name", "weight", "api", "stream", "model", "system_prompt",
                  "prompt", "max_tokens", "temperature", "extra_body", "turns",
                  "turn_think_time_s", "tool_call", "expect", "http"});
  Scenario s;
  s.name = node["name"].String();
  if (auto w = node.Find("weight")) {
    s.weight = w->NonNegative();
    if (s.weight <= 0) w->Fail("must be > 0");
  }
  if (auto a = node.Find("api")) s.api = ParseApi(*a);
  ParseScenarioOptions(node, &s);
  if (s.api == Api::kHttp) {
    s.http = ParseHttp(node["http"]);
  } else {
    if (node.Find("http")) node["http"].Fail("only for \"api\": \"http\"");
    s.prompt = ParsePrompt(node["prompt"], base_dir);
  }
  return s;
}

Workload ParseWorkloadDocument(const JsonNode& root,
                               const std::string& base_dir) {
  root.CheckKeys(
      {"name", "description", "model", "think_time_s", "scenarios", "schema"});
  Workload w;
  w.name.clear();  // a file's workload is named by its "name" or file name
  if (auto v = root.Find("name")) w.name = v->String();
  if (auto v = root.Find("description")) w.description = v->String();
  if (auto v = root.Find("model")) w.model = v->String();
  if (auto v = root.Find("think_time_s"))
    w.think_time_s = ParseSeconds(*v);
  const JsonNode scenarios = root["scenarios"];
  if (scenarios.Size() == 0) scenarios.Fail("needs at least one scenario");
  for (std::size_t i = 0; i < scenarios.Size(); ++i) {
    w.scenarios.push_back(ParseScenario(scenarios.At(i), base_dir));
  }
  return w;
}

}  // namespace

Workload ParseWorkload(std::string_view json_text,
                       const std::string& base_dir) {
  const nlohmann::json doc = base::ParseJson(json_text, "workload");
  return ParseWorkloadDocument(base::JsonNode(doc), base_dir);
}

Workload LoadWorkloadFile(const std::string& path) {
  const std::string source = "workload file " + path;
  nlohmann::json doc;
  try {
    doc = base::ReadJsonFile(path, kMaxWorkloadFileBytes);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument("workload file " + std::string(e.what()));
  }
  Workload w =
      ParseWorkloadDocument(base::JsonNode(doc, source), internal::DirectoryOf(path));
  if (w.name.empty()) w.name = internal::StemOf(path);
  return w;
}

}  // namespace loadlaw::workload
