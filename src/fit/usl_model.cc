// The Universal Scalability Law for fixed parameters, with its Little's-law
// inversions in their full kappa != 0 forms.
//
// Both inversions solve a quadratic in N. Where the textbook root
// (-b + sqrt(b^2 - 4ac)) / 2a would cancel (kappa small), they use the
// equivalent 2c / (-b - sqrt(b^2 - 4ac)), which stays accurate as kappa -> 0
// and reduces exactly to the Amdahl form at kappa = 0.

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "loadlaw/base/format.h"
#include "fit/interval_internal.h"
#include "fit/usl_internal.h"
#include "loadlaw/fit/usl.h"

namespace loadlaw::fit {
namespace {

using base::FormatNumber;
using internal::kInfinity;

// Throughput within this relative distance above the peak counts as the peak.
constexpr double kPeakSlack = 1e-12;

void Require(bool ok, const std::string& context, const char* field,
             double value, const char* rule) {
  if (ok) return;
  throw std::invalid_argument(context + ": " + field + " must be " + rule +
                              ", got " + FormatNumber(value));
}

void RequireThinkTime(double think_time, const char* context) {
  Require(std::isfinite(think_time) && think_time >= 0, context, "think_time",
          think_time, "finite and >= 0");
}

}  // namespace

const char* LawName(Law law) {
  switch (law) {
    case Law::kUsl:
      return "usl";
    case Law::kAmdahl:
      return "amdahl";
    case Law::kLinear:
      return "linear";
  }
  return "unknown";
}

const char* RobustLossName(RobustLoss loss) {
  switch (loss) {
    case RobustLoss::kHuber:
      return "huber";
    case RobustLoss::kCauchy:
      return "cauchy";
    case RobustLoss::kNone:
      break;
  }
  return "none";
}

Law ParseLaw(std::string_view text, std::string_view field) {
  for (Law law : {Law::kUsl, Law::kAmdahl, Law::kLinear}) {
    if (text == LawName(law)) return law;
  }
  throw std::invalid_argument(std::string(field) + ": '" + std::string(text) +
                              "' is not one of usl, amdahl, linear");
}

RobustLoss ParseRobustLoss(std::string_view text, std::string_view field) {
  for (RobustLoss loss :
       {RobustLoss::kNone, RobustLoss::kHuber, RobustLoss::kCauchy}) {
    if (text == RobustLossName(loss)) return loss;
  }
  throw std::invalid_argument(std::string(field) + ": '" + std::string(text) +
                              "' is not one of none, huber, cauchy");
}

FitOptions MakeFitOptions(std::string_view law, std::string_view loss,
                          double loss_scale, double confidence,
                          base::Naming naming) {
  FitOptions options;
  options.law = ParseLaw(law, base::FieldName(naming, "law"));
  options.loss = ParseRobustLoss(loss, base::FieldName(naming, "loss"));
  options.loss_scale = loss_scale;
  options.confidence = confidence;
  std::string why;
  if (!options.IsValid(&why)) throw std::invalid_argument(why);
  return options;
}

UslModel::UslModel(const UslParams& params) : params_(params) {
  const double sigma = params.sigma;
  Require(std::isfinite(sigma) && sigma >= 0 && sigma <= 1, "UslModel", "sigma",
          sigma, "in [0, 1]");
  Require(std::isfinite(params.kappa) && params.kappa >= 0, "UslModel", "kappa",
          params.kappa, "finite and >= 0");
  Require(std::isfinite(params.lambda) && params.lambda > 0, "UslModel",
          "lambda", params.lambda, "finite and > 0");
}

double UslModel::Throughput(double concurrency) const {
  Require(std::isfinite(concurrency) && concurrency >= 0,
          "UslModel::Throughput", "concurrency", concurrency,
          "finite and >= 0");
  if (concurrency == 0) return 0;
  return internal::UslThroughput(params_.sigma, params_.kappa, params_.lambda,
                                 concurrency);
}

double UslModel::ResponseTime(double concurrency, double think_time) const {
  Require(std::isfinite(concurrency) && concurrency > 0,
          "UslModel::ResponseTime", "concurrency", concurrency,
          "finite and > 0");
  RequireThinkTime(think_time, "UslModel::ResponseTime");
  const double d =
      internal::UslDenominator(params_.sigma, params_.kappa, concurrency);
  return d / params_.lambda - think_time;
}

double UslModel::ConcurrencyAtResponseTime(double response_time,
                                           double think_time) const {
  const char* context = "UslModel::ConcurrencyAtResponseTime";
  RequireThinkTime(think_time, context);
  const double cycle = response_time + think_time;
  Require(std::isfinite(cycle) && cycle > 0, context,
          "response_time + think_time", cycle, "finite and > 0");
  const double sigma = params_.sigma;
  const double kappa = params_.kappa;
  // R(N) + Z = D(N) / lambda = cycle  <=>
  // kappa N^2 + b N - excess = 0, b = sigma - kappa; N(R) is the larger root.
  const double excess = params_.lambda * cycle + sigma - 1.0;
  if (sigma == 0 && kappa == 0) return excess >= 0 ? kInfinity : 0.0;
  const double b = sigma - kappa;
  const double disc = b * b + 4.0 * kappa * excess;
  if (disc < 0) return 0;  // faster than R(N) at any N
  if (b > 0) {
    // Both roots have the sign of excess (their sum -b / kappa is negative).
    return excess > 0 ? 2.0 * excess / (b + std::sqrt(disc)) : 0.0;
  }
  return (std::sqrt(disc) - b) / (2.0 * kappa);
}

double UslModel::ThroughputAtResponseTime(double response_time,
                                          double think_time) const {
  const double concurrency =
      ConcurrencyAtResponseTime(response_time, think_time);
  return concurrency / (response_time + think_time);
}

double UslModel::ConcurrencyAtThroughput(double throughput) const {
  const char* context = "UslModel::ConcurrencyAtThroughput";
  Require(std::isfinite(throughput) && throughput > 0, context, "throughput",
          throughput, "finite and > 0");
  const double peak = PeakThroughput();
  if (throughput > peak * (1.0 + kPeakSlack)) {
    throw std::invalid_argument(
        std::string(context) + ": throughput " + base::FormatSignificant(throughput, 6) +
        " exceeds the peak throughput " + base::FormatSignificant(peak, 6));
  }
  const double sigma = params_.sigma;
  const double kappa = params_.kappa;
  // X D(N) = lambda N  <=>  X kappa N^2 - b N + X (1 - sigma) = 0, with
  // b = lambda - X (sigma - kappa); the smaller root is the rising branch.
  const double b = params_.lambda - throughput * (sigma - kappa);
  const double disc =
      b * b - 4.0 * throughput * throughput * kappa * (1.0 - sigma);
  return 2.0 * throughput * (1.0 - sigma) /
         (b + std::sqrt(std::max(disc, 0.0)));
}

double UslModel::ResponseTimeAtThroughput(double throughput,
                                          double think_time) const {
  RequireThinkTime(think_time, "UslModel::ResponseTimeAtThroughput");
  return ConcurrencyAtThroughput(throughput) / throughput - think_time;
}

double UslModel::PeakConcurrency() const {
  if (params_.kappa == 0) return kInfinity;
  return std::sqrt((1.0 - params_.sigma) / params_.kappa);
}

double UslModel::PeakThroughput() const {
  if (params_.kappa == 0) return AmdahlCeiling();
  return Throughput(PeakConcurrency());
}

double UslModel::AmdahlCeiling() const {
  if (params_.sigma == 0) return kInfinity;
  return params_.lambda / params_.sigma;
}

bool UslModel::IsContentionLimited() const {
  return LimitingFactor(params_) == LimitedBy::kContention;
}

const char* LimitedByName(LimitedBy limited_by) {
  return limited_by == LimitedBy::kContention ? "contention" : "coherency";
}

LimitedBy LimitingFactor(const UslParams& params) {
  return params.sigma > params.kappa ? LimitedBy::kContention
                                     : LimitedBy::kCoherency;
}

}  // namespace loadlaw::fit
