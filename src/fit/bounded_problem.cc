// The bounded least-squares machinery shared by the fits (Ceres stays here).

#include <algorithm>
#include <cmath>
#include <utility>

#include "Eigen/SVD"
#include "fit/bounded_problem_internal.h"

namespace loadlaw::fit::internal {
namespace {

// Tolerances small enough that the published digits of the reference fits
// are reproduced, loose enough that a fit on 10 points takes microseconds.
constexpr double kFunctionTolerance = 1e-12;
constexpr double kParameterTolerance = 1e-10;
constexpr double kGradientTolerance = 1e-14;
// Parameters are scaled to order one, so this is a relative distance.
constexpr double kBoundTolerance = 1e-9;
// Starts are tried from the lowest initial cost up; once this many of them
// end at the same cost (within kSameCost, relative) the rest are skipped.
constexpr int kAgreeingStarts = 2;
constexpr double kSameCost = 1e-9;
// ceres::Covariance calls a Jacobian rank-deficient when its smallest singular
// value is below sqrt(1e-14) of its largest. It then logs an error to stderr,
// and library code must not print, so the rank is checked here first, with a
// slightly stricter threshold so that Ceres never meets such a Jacobian.
constexpr double kMinSingularValueRatio = 2e-7;
// A robust loss with no scale given uses this fraction of the median value.
constexpr double kDefaultLossFraction = 0.05;

ceres::Problem::Options ProblemOptions() {
  ceres::Problem::Options options;
  options.loss_function_ownership = ceres::DO_NOT_TAKE_OWNERSHIP;
  return options;
}

ceres::Solver::Options SolverOptions(int max_iterations) {
  ceres::Solver::Options options;
  options.minimizer_type = ceres::TRUST_REGION;
  options.trust_region_strategy_type = ceres::LEVENBERG_MARQUARDT;
  options.linear_solver_type = ceres::DENSE_QR;
  options.max_num_iterations = max_iterations;
  options.function_tolerance = kFunctionTolerance;
  options.parameter_tolerance = kParameterTolerance;
  options.gradient_tolerance = kGradientTolerance;
  options.logging_type = ceres::SILENT;
  options.minimizer_progress_to_stdout = false;
  options.num_threads = 1;
  return options;
}

}  // namespace

std::unique_ptr<ceres::LossFunction> MakeLoss(
    const FitOptions& options, const std::vector<Observation>& observations) {
  if (options.loss == RobustLoss::kNone) return nullptr;
  double scale = options.loss_scale;
  if (scale == 0) {
    std::vector<double> weighted;
    for (const Observation& o : observations) {
      if (o.weight > 0) weighted.push_back(std::sqrt(o.weight) * o.value);
    }
    const auto middle = weighted.begin() + weighted.size() / 2;
    std::nth_element(weighted.begin(), middle, weighted.end());
    scale = kDefaultLossFraction * *middle;
  }
  if (options.loss == RobustLoss::kHuber) {
    return std::make_unique<ceres::HuberLoss>(scale);
  }
  return std::make_unique<ceres::CauchyLoss>(scale);
}

BoundedProblem::BoundedProblem(
    const std::array<ParameterSpec, kNumParameters>& specs,
    std::unique_ptr<ceres::LossFunction> loss, int max_iterations)
    : specs_(specs),
      loss_(std::move(loss)),
      problem_(ProblemOptions()),
      solver_options_(SolverOptions(max_iterations)) {
  for (int i = 0; i < kNumParameters; ++i) {
    problem_.AddParameterBlock(&values_[i], 1);
    if (std::isfinite(specs_[i].lower)) {
      problem_.SetParameterLowerBound(&values_[i], 0, specs_[i].lower);
    }
    if (std::isfinite(specs_[i].upper)) {
      problem_.SetParameterUpperBound(&values_[i], 0, specs_[i].upper);
    }
    if (specs_[i].fixed) problem_.SetParameterBlockConstant(&values_[i]);
  }
}

void BoundedProblem::AddResidual(ceres::CostFunction* cost_function) {
  problem_.AddResidualBlock(cost_function, loss_.get(), &values_[0],
                            &values_[1], &values_[2]);
}

void BoundedProblem::SetValues(const Vector3& values) {
  for (int i = 0; i < kNumParameters; ++i) {
    values_[i] = std::clamp(values[i], specs_[i].lower, specs_[i].upper);
  }
}

bool BoundedProblem::OnBound(int i) const {
  if (specs_[i].fixed) return false;
  const double v = values_[i];
  return std::abs(v - specs_[i].lower) <= kBoundTolerance ||
         std::abs(v - specs_[i].upper) <= kBoundTolerance;
}

SolveResult BoundedProblem::Run() {
  ceres::Solver::Summary summary;
  ceres::Solve(solver_options_, &problem_, &summary);
  SolveResult result;
  result.message = summary.message;
  if (!summary.IsSolutionUsable() || !std::isfinite(summary.final_cost)) {
    return result;
  }
  result.cost = summary.final_cost;
  result.converged = summary.termination_type == ceres::CONVERGENCE;
  return result;
}

std::vector<Vector3> BoundedProblem::OrderByCost(
    const std::vector<Vector3>& starts) {
  std::vector<std::pair<double, size_t>> costs;
  for (size_t i = 0; i < starts.size(); ++i) {
    SetValues(starts[i]);
    double cost = kInfinity;
    problem_.Evaluate(ceres::Problem::EvaluateOptions(), &cost, nullptr,
                      nullptr, nullptr);
    costs.push_back({std::isfinite(cost) ? cost : kInfinity, i});
  }
  std::stable_sort(costs.begin(), costs.end());
  std::vector<Vector3> ordered;
  for (const auto& [cost, i] : costs) ordered.push_back(starts[i]);
  return ordered;
}

SolveResult BoundedProblem::SolveFromStarts(
    const std::vector<Vector3>& starts) {
  SolveResult best;
  Vector3 best_values = values_;
  int agreeing = 0;
  for (const Vector3& start : OrderByCost(starts)) {
    SetValues(start);
    const SolveResult result = Run();
    const double slack = std::isfinite(best.cost) ? kSameCost * best.cost : 0.0;
    if (result.cost < best.cost - slack) {
      best = result;
      best_values = values_;
      agreeing = 1;
    } else if (std::isfinite(result.cost) && result.cost <= best.cost + slack) {
      if (++agreeing >= kAgreeingStarts) break;
    } else if (!std::isfinite(best.cost)) {
      best.message = result.message;
    }
  }
  values_ = best_values;
  if (!std::isfinite(best.cost)) return best;
  return Polish(best);
}

SolveResult BoundedProblem::Polish(const SolveResult& current) {
  std::vector<double*> pinned;
  for (int i = 0; i < kNumParameters; ++i) {
    if (!OnBound(i)) continue;
    const bool at_lower = std::abs(values_[i] - specs_[i].lower) <=
                          std::abs(values_[i] - specs_[i].upper);
    values_[i] = at_lower ? specs_[i].lower : specs_[i].upper;
    pinned.push_back(&values_[i]);
  }
  if (pinned.empty()) return current;
  const Vector3 current_values = values_;
  for (double* block : pinned) problem_.SetParameterBlockConstant(block);
  SolveResult best = Run();
  for (double* block : pinned) problem_.SetParameterBlockVariable(block);
  Vector3 best_values = values_;
  const SolveResult released = Run();
  if (released.cost < best.cost) {
    best = released;
    best_values = values_;
  }
  if (!(best.cost <= current.cost)) {
    values_ = current_values;
    return current;
  }
  values_ = best_values;
  return best;
}

bool BoundedProblem::HasFullRank(const std::vector<double*>& blocks) {
  ceres::Problem::EvaluateOptions options;
  options.parameter_blocks = blocks;
  ceres::CRSMatrix jacobian;
  if (!problem_.Evaluate(options, nullptr, nullptr, nullptr, &jacobian)) {
    return false;
  }
  Eigen::MatrixXd dense =
      Eigen::MatrixXd::Zero(jacobian.num_rows, jacobian.num_cols);
  for (int r = 0; r < jacobian.num_rows; ++r) {
    for (int k = jacobian.rows[r]; k < jacobian.rows[r + 1]; ++k) {
      dense(r, jacobian.cols[k]) = jacobian.values[k];
    }
  }
  if (dense.rows() < dense.cols() || !dense.allFinite()) return false;
  const Eigen::VectorXd singular = dense.jacobiSvd().singularValues();
  return singular(0) > 0 &&
         singular(singular.size() - 1) >= kMinSingularValueRatio * singular(0);
}

bool BoundedProblem::Covariance(Matrix3* covariance, std::string* why) {
  std::vector<double*> mutable_blocks;
  std::vector<const double*> free_blocks;
  std::vector<int> free_index;
  for (int i = 0; i < kNumParameters; ++i) {
    if (specs_[i].fixed) continue;
    mutable_blocks.push_back(&values_[i]);
    free_blocks.push_back(&values_[i]);
    free_index.push_back(i);
  }
  *covariance = Matrix3{};
  if (!HasFullRank(mutable_blocks)) {
    *why = "the Jacobian is rank-deficient at the solution";
    return false;
  }
  ceres::Covariance::Options options;
  options.algorithm_type = ceres::DENSE_SVD;
  options.num_threads = 1;
  options.apply_loss_function = true;
  ceres::Covariance estimator(options);
  if (!estimator.Compute(free_blocks, &problem_)) {
    *why = "the Jacobian is rank-deficient at the solution";
    return false;
  }
  const size_t k = free_blocks.size();
  std::vector<double> dense(k * k);
  if (!estimator.GetCovarianceMatrix(free_blocks, dense.data())) {
    *why = "the covariance could not be read back";
    return false;
  }
  for (size_t r = 0; r < k; ++r) {
    for (size_t c = 0; c < k; ++c) {
      (*covariance)[free_index[r]][free_index[c]] = dense[r * k + c];
    }
  }
  return true;
}

}  // namespace loadlaw::fit::internal
