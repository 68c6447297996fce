// Private to the fit module: the Ceres plumbing every fitted curve shares. A
// least-squares problem over three scalar parameter blocks with box bounds,
// solved from several starting points, polished on the active face of the box,
// and its parameter covariance.
//
//   BoundedProblem problem({sigma_spec, kappa_spec, lambda_spec},
//                          MakeLoss(options, observations),
//                          options.max_iterations);
//   for (...) problem.AddResidual(MyResidual::Create(...));
//   SolveResult result = problem.SolveFromStarts(starts);
//   Matrix3 unscaled;  // (J'J)^-1
//   std::string why;
//   bool ok = problem.Covariance(&unscaled, &why);

#ifndef LOADLAW_FIT_BOUNDED_PROBLEM_INTERNAL_H_
#define LOADLAW_FIT_BOUNDED_PROBLEM_INTERNAL_H_

#include <memory>
#include <string>
#include <vector>

#include "ceres/ceres.h"
#include "fit/interval_internal.h"
#include "loadlaw/fit/observation.h"
#include "loadlaw/fit/usl.h"

namespace loadlaw::fit::internal {

inline constexpr int kNumParameters = 3;

struct ParameterSpec {
  double lower = 0;
  double upper = kInfinity;
  bool fixed = false;  // held constant at its starting value
};

struct SolveResult {
  double cost = kInfinity;  // Ceres cost: half the sum of robustified squares
  bool converged = false;   // Ceres reported CONVERGENCE
  std::string message;      // Ceres' own account of how it stopped
};

// The robust loss `options` ask for (nullptr for RobustLoss::kNone), with
// options.loss_scale, or when that is 0 with 5 % of the median weighted value
// sqrt(w) y of the observations (which must hold a positive weight).
std::unique_ptr<ceres::LossFunction> MakeLoss(
    const FitOptions& options, const std::vector<Observation>& observations);

class BoundedProblem {
 public:
  BoundedProblem(const std::array<ParameterSpec, kNumParameters>& specs,
                 std::unique_ptr<ceres::LossFunction> loss, int max_iterations);
  BoundedProblem(const BoundedProblem&) = delete;
  BoundedProblem& operator=(const BoundedProblem&) = delete;

  // Takes ownership. The cost function must take the three parameter blocks
  // in order, each of size 1.
  void AddResidual(ceres::CostFunction* cost_function);

  // Lowest-cost solution over `starts` (each clipped into the box), then
  // Polish()ed. Starts are tried in order of their initial cost and the rest
  // skipped once two of them reach the same minimum. Leaves values() at the
  // returned solution.
  SolveResult SolveFromStarts(const std::vector<Vector3>& starts);

  const Vector3& values() const { return values_; }
  // True when free parameter i lies on (within rounding of) a bound.
  bool OnBound(int i) const;

  // The unscaled covariance (J'J)^-1 of the free parameters at values(),
  // with the robust loss applied; rows and columns of fixed parameters are
  // zero. False, with the reason in *why, when J is rank-deficient.
  bool Covariance(Matrix3* covariance, std::string* why);

 private:
  SolveResult Run();
  // True when the Jacobian of the residuals with respect to `blocks` (at
  // values(), loss applied) has full column rank, by Ceres' own criterion.
  bool HasFullRank(const std::vector<double*>& blocks);
  // `starts` sorted by the cost at each (lowest first).
  std::vector<Vector3> OrderByCost(const std::vector<Vector3>& starts);
  void SetValues(const Vector3& values);
  // A projected trust-region step can stall next to a bound it should rest
  // on (the full raytracer data stops at SSR 707.6 instead of 697.2). When
  // free parameters end on a bound, solve again with them held there (the
  // active face), then release them from that point; keep the lowest cost.
  SolveResult Polish(const SolveResult& current);

  std::array<ParameterSpec, kNumParameters> specs_;
  Vector3 values_{};
  std::unique_ptr<ceres::LossFunction> loss_;  // outlives problem_
  ceres::Problem problem_;
  ceres::Solver::Options solver_options_;
};

}  // namespace loadlaw::fit::internal

#endif  // LOADLAW_FIT_BOUNDED_PROBLEM_INTERNAL_H_
