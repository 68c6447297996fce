// FitLatencyCurve: L(N) = a + b N + c N^2 with a, b, c >= 0, by bounded least
// squares (Ceres), with intervals from the covariance.

#include "loadlaw/fit/latency_curve.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "Eigen/Dense"
#include "fit/bounded_problem_internal.h"
#include "loadlaw/base/format.h"
#include "fit/interval_internal.h"

namespace loadlaw::fit {
namespace {

using internal::DeltaEstimate;
using base::FormatNumber;
using internal::kInfinity;
using internal::kNaN;
using internal::Matrix3;
using internal::Vector3;

constexpr int kCurvePoints = 3;

// The solver sees coefficients of order one: with x = N / n_unit,
// L = y_unit (a' + b' x + c' x^2).
struct CurveScale {
  double n_unit = 1;
  double y_unit = 1;
};

template <typename T>
T Quadratic(const T& a, const T& b, const T& c, double x) {
  return a + x * (b + x * c);
}

class QuadraticResidual {
 public:
  QuadraticResidual(const Observation& o, const CurveScale& scale)
      : x_(o.concurrency / scale.n_unit),
        value_(o.value / scale.y_unit),
        sqrt_weight_(std::sqrt(o.weight) * scale.y_unit) {}

  template <typename T>
  bool operator()(const T* a, const T* b, const T* c, T* residual) const {
    residual[0] = sqrt_weight_ * (value_ - Quadratic(a[0], b[0], c[0], x_));
    return true;
  }

  static ceres::CostFunction* Create(const Observation& o,
                                     const CurveScale& scale) {
    return new ceres::AutoDiffCostFunction<QuadraticResidual, 1, 1, 1, 1>(
        new QuadraticResidual(o, scale));
  }

 private:
  double x_;
  double value_;
  double sqrt_weight_;
};

CurveScale ChooseScale(const std::vector<Observation>& observations) {
  CurveScale scale{0, 0};
  for (const Observation& o : observations) {
    if (o.weight <= 0) continue;
    scale.n_unit = std::max(scale.n_unit, o.concurrency);
    scale.y_unit = std::max(scale.y_unit, o.value);
  }
  return scale;
}

// The unconstrained weighted least-squares coefficients (scaled), clipped
// at 0, and two plain starts: a flat line at the smallest value, and zero.
std::vector<Vector3> StartingPoints(
    const std::vector<Observation>& observations, const CurveScale& scale) {
  Eigen::MatrixXd design(observations.size(), kCurvePoints);
  Eigen::VectorXd rhs(observations.size());
  double smallest = kInfinity;
  for (size_t i = 0; i < observations.size(); ++i) {
    const Observation& o = observations[i];
    const double w = std::sqrt(o.weight);
    const double x = o.concurrency / scale.n_unit;
    design.row(i) << w, w * x, w * x * x;
    rhs(i) = w * o.value / scale.y_unit;
    if (o.weight > 0) smallest = std::min(smallest, o.value / scale.y_unit);
  }
  const Eigen::Vector3d unconstrained = design.colPivHouseholderQr().solve(rhs);
  Vector3 clipped;
  for (int i = 0; i < kCurvePoints; ++i) {
    clipped[i] =
        std::isfinite(unconstrained(i)) ? std::max(unconstrained(i), 0.0) : 0.0;
  }
  return {clipped, {smallest, 0.0, 0.0}, {0.0, 0.0, 0.0}};
}

void FillStatistics(const std::vector<Observation>& observations,
                    LatencyCurveFit* fit) {
  double sum_w = 0, sum_wy = 0, sum_wyy = 0;
  for (const Observation& o : observations) {
    const double r = o.value - fit->Evaluate(o.concurrency);
    fit->residuals.push_back(r);
    fit->sse += o.weight * r * r;
    fit->num_points += o.weight > 0 ? 1 : 0;
    sum_w += o.weight;
    sum_wy += o.weight * o.value;
    sum_wyy += o.weight * o.value * o.value;
  }
  const int df = fit->num_points - kCurvePoints;
  const double tss = sum_wyy - sum_wy * sum_wy / sum_w;
  fit->r_squared = tss > 0 ? 1.0 - fit->sse / tss : kNaN;
  fit->residual_std_error = df > 0 ? std::sqrt(fit->sse / df) : kNaN;
}

double TQuantile(const LatencyCurveFit& fit) {
  return internal::StudentTQuantile(fit.confidence,
                                    fit.num_points - kCurvePoints);
}

// s^2 D C D: the covariance of the raw coefficients (see usl_fit.cc).
void FillCovariance(internal::BoundedProblem* problem, double cost,
                    const CurveScale& scale, LatencyCurveFit* fit) {
  const int df = fit->num_points - kCurvePoints;
  Matrix3 unscaled{};
  std::string why;
  if (df < 1) {
    why = "no degrees of freedom left (" + std::to_string(fit->num_points) +
          " points, 3 coefficients)";
  } else if (!problem->Covariance(&unscaled, &why)) {
    for (auto& row : unscaled) row.fill(kNaN);
  }
  const double s2 = df > 0 ? 2.0 * cost / df : kNaN;
  const Vector3 d = {scale.y_unit, scale.y_unit / scale.n_unit,
                     scale.y_unit / (scale.n_unit * scale.n_unit)};
  for (int i = 0; i < kCurvePoints; ++i) {
    for (int j = 0; j < kCurvePoints; ++j) {
      fit->covariance[i][j] = s2 * d[i] * d[j] * unscaled[i][j];
    }
  }
  if (!why.empty()) {
    fit->message += "; no intervals: " + why;
    fit->warnings.push_back("latency: no intervals: " + why);
  }
}

}  // namespace

bool LatencyCurveFit::IsUsable() const {
  return converged && std::isfinite(a.value) && std::isfinite(b.value) &&
         std::isfinite(c.value);
}

double LatencyCurveFit::Evaluate(double concurrency) const {
  return Quadratic(a.value, b.value, c.value, concurrency);
}

base::Estimate LatencyCurveFit::Predict(double concurrency) const {
  if (!std::isfinite(concurrency) || concurrency < 0) {
    throw std::invalid_argument(
        "LatencyCurveFit::Predict: concurrency must be finite and >= 0, got " +
        FormatNumber(concurrency));
  }
  const auto curve = [concurrency](const auto* p) {
    return Quadratic(p[0], p[1], p[2], concurrency);
  };
  return DeltaEstimate(curve, {a.value, b.value, c.value}, covariance,
                       TQuantile(*this), 0.0, kInfinity);
}

double LatencyCurveFit::ConcurrencyAtLatency(double latency) const {
  if (!std::isfinite(latency) || latency < 0) {
    throw std::invalid_argument(
        "LatencyCurveFit::ConcurrencyAtLatency: latency must be finite and "
        ">= 0, got " +
        FormatNumber(latency));
  }
  const double headroom = latency - a.value;
  if (headroom < 0) return 0;
  if (b.value == 0 && c.value == 0) return kInfinity;
  // The positive root of c N^2 + b N - headroom = 0, in the form that stays
  // accurate as c -> 0 (and is exactly headroom / b at c = 0).
  return 2.0 * headroom /
         (b.value + std::sqrt(b.value * b.value + 4.0 * c.value * headroom));
}

LatencyCurveFit FitLatencyCurve(const std::vector<Observation>& observations,
                                const FitOptions& options) {
  std::string why;
  if (!options.IsValid(&why)) {
    throw std::invalid_argument("FitOptions: " + why);
  }
  LatencyCurveFit fit;
  fit.confidence = options.confidence;
  fit.warnings = CheckObservations(observations, "latency", kCurvePoints);
  const CurveScale scale = ChooseScale(observations);
  internal::BoundedProblem problem(
      {}, internal::MakeLoss(options, observations), options.max_iterations);
  for (const Observation& o : observations) {
    if (o.weight > 0) problem.AddResidual(QuadraticResidual::Create(o, scale));
  }
  const internal::SolveResult solved =
      problem.SolveFromStarts(StartingPoints(observations, scale));
  fit.converged = solved.converged;
  const char* outcome = !std::isfinite(solved.cost) ? "failed"
                        : solved.converged          ? "converged"
                                                    : "did not converge";
  fit.message = std::string("latency fit ") + outcome + ": " + solved.message;
  if (!std::isfinite(solved.cost)) return fit;
  const Vector3& v = problem.values();
  fit.a.value = v[0] * scale.y_unit;
  fit.b.value = v[1] * scale.y_unit / scale.n_unit;
  fit.c.value = v[2] * scale.y_unit / (scale.n_unit * scale.n_unit);
  FillStatistics(observations, &fit);
  FillCovariance(&problem, solved.cost, scale, &fit);
  const double t = TQuantile(fit);
  fit.a = internal::MakeEstimate(fit.a.value, fit.covariance[0][0], t, 0,
                                 kInfinity);
  fit.b = internal::MakeEstimate(fit.b.value, fit.covariance[1][1], t, 0,
                                 kInfinity);
  fit.c = internal::MakeEstimate(fit.c.value, fit.covariance[2][2], t, 0,
                                 kInfinity);
  return fit;
}

}  // namespace loadlaw::fit
