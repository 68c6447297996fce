// File: loadlaw/fit/usl.h
// The Universal Scalability Law (Gunther): evaluation, Little's-law inversions
// and a bounded least-squares fit with parameter intervals.
//
//   X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))
//
//   std::vector<loadlaw::fit::Observation> obs = {{1, 955.16}, {2, 1878.91}, ...};
//   loadlaw::fit::UslFit fit = loadlaw::fit::FitUsl(obs);
//   if (!fit.IsUsable()) std::cerr << fit.message;
//   loadlaw::base::Estimate x48 = fit.PredictThroughput(48);  // with its band
//   double n_star = fit.peak_concurrency.value;

#ifndef LOADLAW_FIT_USL_H_
#define LOADLAW_FIT_USL_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "loadlaw/base/estimate.h"
#include "loadlaw/base/field_name.h"
#include "loadlaw/fit/observation.h"

namespace loadlaw::fit {

struct UslParams {
  double sigma = 0;   // contention (serial fraction), in [0, 1]
  double kappa = 0;   // coherency (crosstalk), >= 0
  double lambda = 0;  // throughput at concurrency 1, in the data's units, > 0
};

// What bounds the scaling of a USL: contention (the serial fraction sigma)
// when sigma > kappa, else coherency (the crosstalk kappa). The plan, the
// model file and the CLI all say it with this one rule.
enum class LimitedBy { kContention, kCoherency };
// "contention", "coherency".
const char* LimitedByName(LimitedBy limited_by);
// kContention when params.sigma > params.kappa, else kCoherency (also for
// parameters UslModel would reject, e.g. of a fit that did not converge).
LimitedBy LimitingFactor(const UslParams& params);

// The law for fixed parameters. Pure functions of the parameters; throughput in
// the units of lambda, times in the reciprocal units (seconds when lambda is
// per second), think time Z in the same time units.
class UslModel {
 public:
  // Throws std::invalid_argument when sigma is outside [0, 1], kappa < 0,
  // lambda <= 0, or any of them is not finite.
  explicit UslModel(const UslParams& params);

  const UslParams& params() const { return params_; }

  // X(N) for N >= 0 (X(0) = 0).
  double Throughput(double concurrency) const;
  // Little's law: R(N) = N / X(N) - Z, for N > 0.
  double ResponseTime(double concurrency, double think_time = 0) const;
  // N(R): the concurrency whose response time is R (the largest root of
  // R(N) = R, possibly below 1). +infinity when R(N) is constant and R is at
  // or above it (sigma = kappa = 0); 0 when R is below every R(N), N > 0 (for
  // sigma >= kappa: below the limit (1 - sigma) / lambda - Z as N goes to 0).
  // Throws std::invalid_argument when think_time is negative or
  // response_time + think_time is not positive.
  double ConcurrencyAtResponseTime(double response_time,
                                   double think_time = 0) const;
  // X(R) = N(R) / (R + Z); the kappa != 0 form (not the Amdahl shortcut).
  double ThroughputAtResponseTime(double response_time,
                                  double think_time = 0) const;
  // N(X) on the rising branch (N <= N*). Throws std::invalid_argument when x
  // exceeds the peak throughput or is not positive.
  double ConcurrencyAtThroughput(double throughput) const;
  // R(X) = N(X) / X - Z on the rising branch, with kappa; same errors as above.
  double ResponseTimeAtThroughput(double throughput,
                                  double think_time = 0) const;

  // N* = sqrt((1 - sigma) / kappa); +infinity when kappa = 0.
  double PeakConcurrency() const;
  // X(N*); the Amdahl ceiling lambda / sigma when kappa = 0; +infinity when
  // sigma = kappa = 0.
  double PeakThroughput() const;
  // lambda / sigma (+infinity when sigma = 0).
  double AmdahlCeiling() const;
  // True when contention dominates coherency: LimitingFactor(params()) is
  // kContention.
  bool IsContentionLimited() const;

 private:
  UslParams params_;
};

// The laws fitted: the full USL, Amdahl (kappa fixed at 0) and linear
// (sigma = kappa = 0).
enum class Law { kUsl, kAmdahl, kLinear };
// "usl", "amdahl", "linear".
const char* LawName(Law law);

enum class RobustLoss { kNone, kHuber, kCauchy };
// "none", "huber", "cauchy".
const char* RobustLossName(RobustLoss loss);

// The law or loss named `text`; throw std::invalid_argument naming `field`
// and the choices otherwise.
Law ParseLaw(std::string_view text, std::string_view field);
RobustLoss ParseRobustLoss(std::string_view text, std::string_view field);

struct FitOptions {
  Law law = Law::kUsl;
  RobustLoss loss = RobustLoss::kNone;
  // Scale of the robust loss in the units of the weighted residual; 0 picks
  // 5 % of the median weighted value.
  double loss_scale = 0;
  // Two-sided confidence level of every interval, in (0, 1).
  double confidence = 0.95;
  int max_iterations = 200;

  // False (with the reason in *why) when a field is out of range.
  bool IsValid(std::string* why) const;
};

// The options as the CLI and Python write them ("usl", "huber", ...),
// validated; errors name the option as `naming` spells it.
FitOptions MakeFitOptions(std::string_view law, std::string_view loss,
                          double loss_scale, double confidence,
                          base::Naming naming);

// Result of a fit. Parameter order in `covariance`: sigma, kappa, lambda; the
// rows and columns of parameters the law fixes are zero. The covariance is
// s^2 (J'J)^-1 with s^2 = SSE / (n - p) (with a robust loss: twice the
// robustified cost over n - p), and NaN when it is not determined (no degrees
// of freedom left, or a rank-deficient Jacobian: `message` says which).
// Intervals use the two-sided Student-t quantile with n - p degrees of
// freedom, n counting the points with a positive weight. In `aic`, sse is
// floored at 1e-20 sum(w y^2) so that exact fits compare by k alone.
struct UslFit {
  Law law = Law::kUsl;
  UslParams params;
  base::Estimate sigma, kappa, lambda;
  std::array<std::array<double, 3>, 3> covariance{};

  // Derived quantities, each with a delta-method interval from `covariance`.
  base::Estimate peak_concurrency;  // N*; value +inf when kappa = 0 (then low is
                              // N* at the top of kappa's interval)
  base::Estimate peak_throughput;   // X(N*), or lambda/sigma when kappa = 0
  base::Estimate amdahl_ceiling;    // lambda / sigma
  base::Estimate inverse_sigma;     // 1 / sigma, the concurrency where the Amdahl
                              // ceiling meets linear scaling

  int num_points = 0;
  int num_parameters = 0;       // free parameters of the law
  double sse = 0;               // weighted sum of squared residuals
  double residual_std_error = 0;  // sqrt(sse / (num_points - num_parameters))
  double aic = 0;               // n ln(sse / n) + 2 k
  double r_squared = 0;         // 1 - sse / total sum of squares (weighted)
  double confidence = 0.95;
  std::vector<double> residuals;  // measured - fitted, unweighted, input order
  bool kappa_at_bound = false;    // the fit ended with kappa on its bound 0
  bool sigma_at_bound = false;    // sigma ended on 0 or 1

  bool converged = false;
  std::string message;                // the solver's report, or why it failed
  std::vector<std::string> warnings;  // from CheckObservations and the fit

  // True when the solver converged to finite parameters.
  bool IsUsable() const;
  UslModel Model() const { return UslModel(params); }
  // X(N) with its confidence band (delta method).
  base::Estimate PredictThroughput(double concurrency) const;
  // R(N) = N/X(N) - Z with its confidence band.
  base::Estimate PredictResponseTime(double concurrency, double think_time = 0) const;
};

// Fits `options.law` by bounded least squares (Ceres, several starting points,
// optional weights and robust loss). Throws std::invalid_argument for bad input
// (see CheckObservations; at least 3 points for the USL, 2 for Amdahl, 1 for
// linear) or invalid options. A fit that does not converge is returned with
// converged = false and the reason in `message`.
UslFit FitUsl(const std::vector<Observation>& observations,
              const FitOptions& options = {});

}  // namespace loadlaw::fit

#endif  // LOADLAW_FIT_USL_H_
