// File: loadlaw/plan/pricing.h
// The price list a plan is costed with (`models/pricing.json`, documented in
// models/README.md): dated, user-editable prices of an accelerator-hour per
// hardware label, and of hosted APIs per million input and output tokens.
//
//   loadlaw::plan::Pricing prices =
//       loadlaw::plan::LoadPricing("models/pricing.json");
//   const loadlaw::plan::HardwarePrice* h100 = prices.FindHardware("h100");
//   double per_replica_hour = h100->per_gpu_hour * 8;  // 8 GPUs a replica

#ifndef LOADLAW_PLAN_PRICING_H_
#define LOADLAW_PLAN_PRICING_H_

#include <string>
#include <vector>

namespace loadlaw::plan {

inline constexpr char kPricingSchema[] = "loadlaw.pricing/1";

struct HardwarePrice {
  std::string name;         // the hardware label of a capacity model
  double per_gpu_hour = 0;  // currency per accelerator-hour, >= 0
  std::string date;         // when the price was read
  std::string source;       // where it was read
};

struct ApiPrice {
  std::string name;               // e.g. a hosted model
  double input_per_million = 0;   // currency per 1M input tokens, >= 0
  double output_per_million = 0;  // currency per 1M output tokens, >= 0
  std::string date;
  std::string source;
};

struct Pricing {
  std::string currency = "USD";
  std::string date;  // of the list as a whole
  std::string note;
  std::vector<HardwarePrice> hardware;
  std::vector<ApiPrice> api;

  // The hardware entry whose name equals `name` ignoring case; nullptr if none.
  const HardwarePrice* FindHardware(const std::string& name) const;
  // "a100-80gb, h100, l4": the hardware names, for messages.
  std::string HardwareNames() const;
};

// Parses the pricing JSON. Throws std::invalid_argument starting with
// `source` and naming the JSON pointer of a missing, mistyped or negative
// field, or a schema other than kPricingSchema.
Pricing ParsePricingJson(const std::string& text,
                         const std::string& source = "pricing");
// Reads a pricing file; throws std::invalid_argument naming the path.
Pricing LoadPricing(const std::string& path);

}  // namespace loadlaw::plan

#endif  // LOADLAW_PLAN_PRICING_H_
