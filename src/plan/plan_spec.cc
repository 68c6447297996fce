// A plan as asked for -> PlanOptions (plan_spec.h).

#include "loadlaw/plan/plan_spec.h"

#include <cstdio>
#include <stdexcept>

#include "loadlaw/plan/demand.h"
#include "loadlaw/plan/slo.h"

namespace loadlaw::plan {
namespace {

// The price of `model`'s replicas from the price list.
void ApplyPriceList(const PlanSpec& spec, const fit::CapacityModel& model,
                    const std::string& model_name, PlanOptions* options) {
  const Pricing& pricing = *spec.pricing;
  const std::string list =
      spec.pricing_name.empty() ? "the price list" : spec.pricing_name;
  const std::string pricing_field = base::FieldName(spec.naming, "pricing");
  const std::string hardware =
      spec.hardware.empty() ? model.provenance.hardware : spec.hardware;
  if (hardware.empty()) {
    throw std::invalid_argument(
        pricing_field + ": model '" + model_name +
        "' records no hardware label; pass " +
        base::FieldName(spec.naming, "hardware"));
  }
  const HardwarePrice* price = pricing.FindHardware(hardware);
  if (price == nullptr) {
    throw std::invalid_argument(pricing_field + ": '" + list +
                                "' has no hardware '" + hardware +
                                "' (it has: " + pricing.HardwareNames() + ")");
  }
  options->price_per_replica_hour = price->per_gpu_hour * spec.gpus_per_replica;
  options->currency = pricing.currency;
  options->api_prices = pricing.api;
  char text[512];
  std::snprintf(text, sizeof text, "%s: %s at %g/GPU-h (%s) x %d GPU",
                list.c_str(), price->name.c_str(), price->per_gpu_hour,
                price->date.c_str(), spec.gpus_per_replica);
  options->price_source = text;
}

}  // namespace

PlanOptions BuildPlanOptions(const PlanSpec& spec,
                             const fit::CapacityModel& model,
                             const std::string& model_name) {
  const base::Naming n = spec.naming;
  const std::string slo_field =
      n == base::Naming::kFlag ? "--slo" : base::FieldName(n, "slos");
  if (spec.slos.empty()) {
    throw std::invalid_argument(slo_field + ": give at least one SLO");
  }
  if (spec.demand.empty()) {
    throw std::invalid_argument(base::FieldName(n, "demand") +
                                ": give a demand");
  }
  if (!spec.price.empty() && spec.pricing) {
    throw std::invalid_argument("give " + base::FieldName(n, "price") +
                                " or " + base::FieldName(n, "pricing") +
                                ", not both");
  }
  if (spec.gpus_per_replica < 1) {
    throw std::invalid_argument(base::FieldName(n, "gpus_per_replica") +
                                " must be >= 1, got " +
                                std::to_string(spec.gpus_per_replica));
  }
  PlanOptions options;
  for (const std::string& s : spec.slos) options.slos.push_back(ParseSlo(s));
  options.demand = ParseDemand(spec.demand);
  options.headroom = ParseHeadroom(spec.headroom);
  options.current_replicas = spec.replicas;
  options.concurrency_limit = spec.concurrency_limit;
  if (!spec.price.empty()) {
    options.price_per_replica_hour = ParsePricePerHour(spec.price);
    options.price_source = base::FieldName(n, "price") + " " + spec.price;
  } else if (spec.pricing) {
    ApplyPriceList(spec, model, model_name, &options);
  }
  std::string why;
  if (!options.IsValid(&why)) throw std::invalid_argument(why);
  return options;
}

std::optional<PlanOptions> BuildOptionalPlanOptions(
    const PlanSpec& spec, const fit::CapacityModel& model,
    const std::string& model_name) {
  if (spec.Requested()) return BuildPlanOptions(spec, model, model_name);
  if (!spec.price.empty() || spec.pricing || spec.replicas > 0) {
    const base::Naming n = spec.naming;
    throw std::invalid_argument(
        base::FieldName(n, "price") + ", " + base::FieldName(n, "pricing") +
        " and " + base::FieldName(n, "replicas") + " need " +
        base::FieldName(n, "demand") + " and " +
        (n == base::Naming::kFlag ? "--slo" : base::FieldName(n, "slos")));
  }
  return std::nullopt;
}

std::string PlanLabel(const std::string& label,
                      const fit::CapacityModel& model) {
  if (!label.empty()) return label;
  return model.provenance.hardware.empty() ? "model"
                                           : model.provenance.hardware;
}

}  // namespace loadlaw::plan
