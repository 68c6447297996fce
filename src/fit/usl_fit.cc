// FitUsl: bounded least squares for the USL and its special cases, with
// parameter intervals from the covariance and delta-method intervals for
// everything derived from the parameters.

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "fit/bounded_problem_internal.h"
#include "loadlaw/base/format.h"
#include "fit/interval_internal.h"
#include "fit/usl_internal.h"
#include "loadlaw/fit/usl.h"

namespace loadlaw::fit {
namespace internal {

int MinPoints(Law law) {
  switch (law) {
    case Law::kUsl:
      return 3;
    case Law::kAmdahl:
      return 2;
    case Law::kLinear:
      return 1;
  }
  return 3;
}

}  // namespace internal

namespace {

using internal::BoundedProblem;
using internal::DeltaEstimate;
using base::FormatNumber;
using internal::kInfinity;
using internal::kKappa;
using internal::kLambda;
using internal::kNaN;
using internal::kSigma;
using internal::Matrix3;
using internal::UslScale;
using internal::Vector3;

// Starting grid (raw units); lambda for each pair is the least-squares value
// given sigma and kappa, so every start begins on the data's scale.
constexpr double kSigmaStarts[] = {0.0, 0.01, 0.1, 0.5};
constexpr double kKappaStarts[] = {0.0, 1e-4, 1e-2};
// Weighted residuals below this fraction of the data count as an exact fit in
// the AIC, so that exact fits compare by their number of parameters alone.
constexpr double kAicRelativeFloor = 1e-10;

UslScale ChooseScale(const std::vector<Observation>& observations) {
  UslScale scale;
  scale.kappa_unit = 1;
  scale.lambda_unit = 0;
  for (const Observation& o : observations) {
    if (o.weight <= 0) continue;
    scale.kappa_unit = std::max(scale.kappa_unit, o.concurrency);
    scale.lambda_unit = std::max(scale.lambda_unit, o.value / o.concurrency);
  }
  return scale;
}

// X(N) is linear in lambda, so for fixed sigma and kappa the best lambda is
// sum w y g / sum w g^2 with g = N / D(N).
double BestLambda(const std::vector<Observation>& observations, double sigma,
                  double kappa) {
  double numerator = 0;
  double denominator = 0;
  for (const Observation& o : observations) {
    const double g = internal::UslThroughput(sigma, kappa, 1.0, o.concurrency);
    numerator += o.weight * o.value * g;
    denominator += o.weight * g * g;
  }
  return numerator / denominator;
}

std::vector<Vector3> StartingPoints(
    const std::vector<Observation>& observations, Law law,
    const UslScale& scale) {
  std::vector<Vector3> starts;
  for (double sigma : kSigmaStarts) {
    if (law == Law::kLinear && sigma != 0) continue;
    for (double kappa : kKappaStarts) {
      if (law != Law::kUsl && kappa != 0) continue;
      const double lambda = BestLambda(observations, sigma, kappa);
      starts.push_back(
          {sigma, kappa * scale.kappa_unit, lambda / scale.lambda_unit});
    }
  }
  // The start of the R package usl: lambda = max(X/N).
  if (law != Law::kLinear) {
    starts.push_back(
        {0.01, law == Law::kUsl ? 1e-4 * scale.kappa_unit : 0, 1.0});
  }
  return starts;
}

std::array<internal::ParameterSpec, 3> Specs(Law law) {
  std::array<internal::ParameterSpec, 3> specs;
  specs[kSigma] = {0.0, 1.0, law == Law::kLinear};
  specs[kKappa] = {0.0, kInfinity, law != Law::kUsl};
  specs[kLambda] = {0.0, kInfinity, false};
  return specs;
}

void FillStatistics(const std::vector<Observation>& observations, UslFit* fit) {
  const UslParams& p = fit->params;
  double sum_w = 0, sum_wy = 0, sum_wyy = 0;
  fit->sse = 0;
  fit->num_points = 0;
  fit->residuals.clear();
  for (const Observation& o : observations) {
    const double r = o.value - internal::UslThroughput(p.sigma, p.kappa,
                                                       p.lambda, o.concurrency);
    fit->residuals.push_back(r);
    fit->sse += o.weight * r * r;
    fit->num_points += o.weight > 0 ? 1 : 0;
    sum_w += o.weight;
    sum_wy += o.weight * o.value;
    sum_wyy += o.weight * o.value * o.value;
  }
  const int n = fit->num_points;
  const int df = n - fit->num_parameters;
  const double tss = sum_wyy - sum_wy * sum_wy / sum_w;
  fit->r_squared = tss > 0 ? 1.0 - fit->sse / tss : kNaN;
  fit->residual_std_error = df > 0 ? std::sqrt(fit->sse / df) : kNaN;
  const double floor = kAicRelativeFloor * kAicRelativeFloor * sum_wyy;
  fit->aic =
      n * std::log(std::max(fit->sse, floor) / n) + 2.0 * fit->num_parameters;
}

// Scales (J'J)^-1 of the scaled parameters to the covariance of the raw
// ones: s^2 D C D, with s^2 = 2 cost / (n - p) (the weighted SSR over the
// degrees of freedom when there is no robust loss).
Matrix3 RawCovariance(const Matrix3& unscaled, double cost,
                      const UslScale& scale, int df, Law law) {
  const double s2 = df > 0 ? 2.0 * cost / df : kNaN;
  const Vector3 d = {1.0, 1.0 / scale.kappa_unit, scale.lambda_unit};
  const std::array<bool, 3> free = {law != Law::kLinear, law == Law::kUsl,
                                    true};
  Matrix3 raw{};
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      if (free[i] && free[j]) raw[i][j] = s2 * d[i] * d[j] * unscaled[i][j];
    }
  }
  return raw;
}

base::Estimate Exact(double value) { return base::Estimate{value, 0.0, value, value}; }

double TQuantile(const UslFit& fit) {
  return internal::StudentTQuantile(fit.confidence,
                                    fit.num_points - fit.num_parameters);
}

void FillParameterEstimates(UslFit* fit) {
  const double t = TQuantile(*fit);
  const Matrix3& c = fit->covariance;
  const UslParams& p = fit->params;
  fit->sigma =
      fit->law == Law::kLinear
          ? Exact(0)
          : internal::MakeEstimate(p.sigma, c[kSigma][kSigma], t, 0.0, 1.0);
  fit->kappa = fit->law != Law::kUsl
                   ? Exact(0)
                   : internal::MakeEstimate(p.kappa, c[kKappa][kKappa], t, 0.0,
                                            kInfinity);
  fit->lambda =
      internal::MakeEstimate(p.lambda, c[kLambda][kLambda], t, 0.0, kInfinity);
}

// Quantities with sigma or kappa in the denominator are infinite when that
// parameter is 0. If the law fixes it at 0 the infinity is exact; if the fit
// put it on its bound, the quantity is at least its value at the upper end of
// the parameter's interval (it decreases in the parameter), NaN without one.
base::Estimate Unbounded(bool fixed_by_law, double value_at_high) {
  return base::Estimate{kInfinity, kNaN, fixed_by_law ? kInfinity : value_at_high,
                  kInfinity};
}

void FillDerivedEstimates(UslFit* fit) {
  const double t = TQuantile(*fit);
  const Vector3 theta = {fit->params.sigma, fit->params.kappa,
                         fit->params.lambda};
  const Matrix3& c = fit->covariance;
  const auto ceiling = [](const auto* p) { return p[kLambda] / p[kSigma]; };
  const auto inverse = [](const auto* p) { return 1.0 / p[kSigma]; };
  const auto n_star = [](const auto* p) {
    return sqrt((1.0 - p[kSigma]) / p[kKappa]);
  };
  const auto x_star = [&n_star](const auto* p) {
    const auto n = n_star(p);
    return p[kLambda] * n /
           (1.0 + p[kSigma] * (n - 1.0) + p[kKappa] * n * (n - 1.0));
  };
  if (theta[kSigma] > 0) {
    fit->amdahl_ceiling = DeltaEstimate(ceiling, theta, c, t, 0, kInfinity);
    fit->inverse_sigma = DeltaEstimate(inverse, theta, c, t, 0, kInfinity);
  } else {
    const bool fixed = fit->law == Law::kLinear;
    fit->amdahl_ceiling = Unbounded(fixed, theta[kLambda] / fit->sigma.high);
    fit->inverse_sigma = Unbounded(fixed, 1.0 / fit->sigma.high);
  }
  if (theta[kKappa] > 0) {
    fit->peak_concurrency = DeltaEstimate(n_star, theta, c, t, 0, kInfinity);
    fit->peak_throughput = DeltaEstimate(x_star, theta, c, t, 0, kInfinity);
  } else {
    fit->peak_concurrency =
        Unbounded(fit->law != Law::kUsl,
                  std::sqrt((1.0 - theta[kSigma]) / fit->kappa.high));
    fit->peak_throughput = fit->amdahl_ceiling;
  }
}

std::string SolveMessage(Law law, const internal::SolveResult& solved) {
  const std::string name = LawName(law);
  if (!std::isfinite(solved.cost)) {
    return name + " fit failed: " + solved.message;
  }
  if (!solved.converged) {
    return name + " fit did not converge: " + solved.message;
  }
  return name + " fit converged: " + solved.message;
}

void FillCovariance(BoundedProblem* problem, double cost, const UslScale& scale,
                    UslFit* fit) {
  const int df = fit->num_points - fit->num_parameters;
  Matrix3 unscaled{};
  std::string why;
  if (df < 1) {
    why = "no degrees of freedom left (" + std::to_string(fit->num_points) +
          " points, " + std::to_string(fit->num_parameters) + " parameters)";
  } else if (!problem->Covariance(&unscaled, &why)) {
    for (auto& row : unscaled) row.fill(kNaN);
  }
  fit->covariance = RawCovariance(unscaled, cost, scale, df, fit->law);
  if (!why.empty()) {
    fit->message += "; no intervals: " + why;
    fit->warnings.push_back("throughput: no intervals: " + why);
  }
}

}  // namespace

bool FitOptions::IsValid(std::string* why) const {
  std::string reason;
  if (law != Law::kUsl && law != Law::kAmdahl && law != Law::kLinear) {
    reason = "law is not one of usl, amdahl, linear";
  } else if (loss != RobustLoss::kNone && loss != RobustLoss::kHuber &&
             loss != RobustLoss::kCauchy) {
    reason = "loss is not one of none, huber, cauchy";
  } else if (!std::isfinite(loss_scale) || loss_scale < 0) {
    reason =
        "loss_scale must be finite and >= 0, got " + FormatNumber(loss_scale);
  } else if (!(confidence > 0 && confidence < 1)) {
    reason = "confidence must be in (0, 1), got " + FormatNumber(confidence);
  } else if (max_iterations < 1) {
    reason =
        "max_iterations must be >= 1, got " + std::to_string(max_iterations);
  }
  if (why != nullptr) *why = reason;
  return reason.empty();
}

bool UslFit::IsUsable() const {
  return converged && std::isfinite(params.sigma) &&
         std::isfinite(params.kappa) && std::isfinite(params.lambda) &&
         params.lambda > 0;
}

base::Estimate UslFit::PredictThroughput(double concurrency) const {
  if (!std::isfinite(concurrency) || concurrency < 0) {
    throw std::invalid_argument(
        "PredictThroughput: concurrency must be finite and >= 0, got " +
        FormatNumber(concurrency));
  }
  const Vector3 theta = {params.sigma, params.kappa, params.lambda};
  const auto x = [concurrency](const auto* p) {
    return internal::UslThroughput(p[kSigma], p[kKappa], p[kLambda],
                                   concurrency);
  };
  return DeltaEstimate(x, theta, covariance, TQuantile(*this), 0, kInfinity);
}

base::Estimate UslFit::PredictResponseTime(double concurrency,
                                     double think_time) const {
  if (!std::isfinite(concurrency) || concurrency <= 0) {
    throw std::invalid_argument(
        "PredictResponseTime: concurrency must be finite and > 0, got " +
        FormatNumber(concurrency));
  }
  if (!std::isfinite(think_time) || think_time < 0) {
    throw std::invalid_argument(
        "PredictResponseTime: think_time must be finite and >= 0, got " +
        FormatNumber(think_time));
  }
  const Vector3 theta = {params.sigma, params.kappa, params.lambda};
  const auto r = [concurrency, think_time](const auto* p) {
    return internal::UslDenominator(p[kSigma], p[kKappa], concurrency) /
               p[kLambda] -
           think_time;
  };
  return DeltaEstimate(r, theta, covariance, TQuantile(*this), -kInfinity,
                       kInfinity);
}

UslFit FitUsl(const std::vector<Observation>& observations,
              const FitOptions& options) {
  std::string why;
  if (!options.IsValid(&why)) {
    throw std::invalid_argument("FitOptions: " + why);
  }
  UslFit fit;
  fit.law = options.law;
  fit.confidence = options.confidence;
  fit.num_parameters = internal::MinPoints(options.law);
  fit.warnings =
      CheckObservations(observations, "throughput", fit.num_parameters);
  const UslScale scale = ChooseScale(observations);
  BoundedProblem problem(Specs(options.law),
                         internal::MakeLoss(options, observations),
                         options.max_iterations);
  for (const Observation& o : observations) {
    if (o.weight > 0) {
      problem.AddResidual(internal::UslResidual::Create(o, scale));
    }
  }
  const internal::SolveResult solved =
      problem.SolveFromStarts(StartingPoints(observations, options.law, scale));
  fit.converged = solved.converged;
  fit.message = SolveMessage(options.law, solved);
  if (!std::isfinite(solved.cost)) return fit;
  const Vector3& v = problem.values();
  fit.params = {v[kSigma], v[kKappa] / scale.kappa_unit,
                v[kLambda] * scale.lambda_unit};
  fit.kappa_at_bound = options.law == Law::kUsl && problem.OnBound(kKappa);
  fit.sigma_at_bound = options.law != Law::kLinear && problem.OnBound(kSigma);
  FillStatistics(observations, &fit);
  FillCovariance(&problem, solved.cost, scale, &fit);
  FillParameterEstimates(&fit);
  FillDerivedEstimates(&fit);
  return fit;
}

}  // namespace loadlaw::fit
