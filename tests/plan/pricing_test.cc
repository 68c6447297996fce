// The price list: the shipped models/pricing.json reads, and a bad entry is
// named by its JSON pointer.

#include "loadlaw/plan/pricing.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace loadlaw::plan {
namespace {

using nlohmann::json;

const std::string kShipped =
    std::string(LOADLAW_SOURCE_DIR) + "/models/pricing.json";

std::string ErrorOf(const std::string& text) {
  try {
    ParsePricingJson(text, "pricing.json");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(PricingTest, TheShippedListIsDatedAndReads) {
  const Pricing p = LoadPricing(kShipped);
  EXPECT_EQ(p.currency, "USD");
  EXPECT_FALSE(p.date.empty());
  EXPECT_NE(p.note.find("edit me"), std::string::npos);
  const HardwarePrice* h100 = p.FindHardware("H100");
  ASSERT_NE(h100, nullptr);
  EXPECT_GT(h100->per_gpu_hour, 0);
  EXPECT_FALSE(h100->date.empty());
  EXPECT_FALSE(h100->source.empty());
  EXPECT_EQ(p.FindHardware("tpu-v9"), nullptr);
  EXPECT_NE(p.HardwareNames().find("h100"), std::string::npos);
  ASSERT_FALSE(p.api.empty());
  for (const ApiPrice& a : p.api) {
    EXPECT_GT(a.output_per_million, a.input_per_million) << a.name;
    EXPECT_FALSE(a.date.empty()) << a.name;
  }
}

TEST(PricingTest, BadEntriesAreNamedByTheirJsonPointer) {
  const json good = json::parse(R"({
    "schema": "loadlaw.pricing/1", "currency": "EUR", "date": "2025-01-01",
    "hardware": {"x1": {"per_gpu_hour": 1.5, "date": "2025-01"}},
    "api": {"m": {"input_per_million": 1, "output_per_million": 2,
                  "date": "2025-01"}}})");
  EXPECT_EQ(ErrorOf(good.dump()), "no error");
  EXPECT_EQ(ParsePricingJson(good.dump()).FindHardware("x1")->per_gpu_hour,
            1.5);
  json no_price = good;
  no_price["hardware"]["x1"].erase("per_gpu_hour");
  EXPECT_EQ(ErrorOf(no_price.dump()),
            "pricing.json: missing field /hardware/x1/per_gpu_hour");
  json negative = good;
  negative["api"]["m"]["output_per_million"] = -2;
  EXPECT_EQ(ErrorOf(negative.dump()),
            "pricing.json: /api/m/output_per_million: must be >= 0, got -2");
  json text_price = good;
  text_price["hardware"]["x1"]["per_gpu_hour"] = "cheap";
  EXPECT_EQ(ErrorOf(text_price.dump()),
            "pricing.json: /hardware/x1/per_gpu_hour: expected a number, got "
            "string");
  json schema = good;
  schema["schema"] = "prices/2";
  EXPECT_EQ(ErrorOf(schema.dump()),
            "pricing.json: /schema: 'prices/2' is not a supported schema "
            "(expected loadlaw.pricing/1)");
  EXPECT_NE(ErrorOf("[1, 2").find("not valid JSON"), std::string::npos);
  EXPECT_THROW(LoadPricing("/nonexistent/pricing.json"), std::invalid_argument);
}

}  // namespace
}  // namespace loadlaw::plan
