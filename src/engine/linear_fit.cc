// Weighted linear least squares through Ceres (linear_fit_internal.h).

#include <cmath>
#include <limits>
#include <memory>

#include "ceres/ceres.h"
#include "engine/linear_fit_internal.h"

namespace loadlaw::engine::internal {
namespace {

// One residual over the parameter blocks it names, each of size 1.
class LinearResidual final : public ceres::CostFunction {
 public:
  explicit LinearResidual(const LinearRow& row) : row_(row) {
    set_num_residuals(1);
    for (std::size_t i = 0; i < row_.terms.size(); ++i) {
      mutable_parameter_block_sizes()->push_back(1);
    }
  }
  bool Evaluate(double const* const* parameters, double* residuals,
                double** jacobians) const override {
    double fitted = 0;
    for (std::size_t i = 0; i < row_.terms.size(); ++i) {
      fitted += row_.terms[i].second * parameters[i][0];
    }
    residuals[0] = row_.weight * (row_.y - fitted);
    if (jacobians != nullptr) {
      for (std::size_t i = 0; i < row_.terms.size(); ++i) {
        if (jacobians[i] != nullptr) {
          jacobians[i][0] = -row_.weight * row_.terms[i].second;
        }
      }
    }
    return true;
  }

 private:
  LinearRow row_;
};

}  // namespace

LinearSolution SolveLinear(int num_params, const std::vector<LinearRow>& rows) {
  LinearSolution out;
  out.theta.assign(static_cast<std::size_t>(num_params), 0.0);
  out.dof = static_cast<int>(rows.size()) - num_params;
  if (rows.empty() || num_params < 1) {
    out.why = "no data";
    return out;
  }
  ceres::Problem::Options problem_options;
  ceres::Problem problem(problem_options);
  std::vector<bool> used(static_cast<std::size_t>(num_params), false);
  for (const LinearRow& row : rows) {
    std::vector<double*> blocks;
    for (const auto& [index, coefficient] : row.terms) {
      blocks.push_back(&out.theta[static_cast<std::size_t>(index)]);
      used[static_cast<std::size_t>(index)] = true;
    }
    if (blocks.empty()) continue;
    problem.AddResidualBlock(new LinearResidual(row), nullptr, blocks);
  }
  for (int i = 0; i < num_params; ++i) {
    if (!used[static_cast<std::size_t>(i)]) {
      out.why = "parameter " + std::to_string(i) + " appears in no row";
      return out;
    }
  }
  ceres::Solver::Options options;
  options.linear_solver_type = ceres::DENSE_QR;
  options.max_num_iterations = 10;
  options.logging_type = ceres::SILENT;
  options.function_tolerance = 1e-14;
  options.gradient_tolerance = 1e-14;
  options.parameter_tolerance = 1e-14;
  ceres::Solver::Summary summary;
  ceres::Solve(options, &problem, &summary);
  out.sse = 2 * summary.final_cost;
  out.sigma2 = out.dof > 0 ? out.sse / out.dof
                           : std::numeric_limits<double>::quiet_NaN();

  ceres::Covariance::Options cov_options;
  cov_options.algorithm_type = ceres::DENSE_SVD;
  cov_options.null_space_rank = 0;
  cov_options.min_reciprocal_condition_number = 1e-14;
  ceres::Covariance covariance(cov_options);
  std::vector<const double*> blocks;
  for (double& t : out.theta) blocks.push_back(&t);
  std::vector<std::pair<const double*, const double*>> pairs;
  for (const double* a : blocks) {
    for (const double* b : blocks) pairs.emplace_back(a, b);
  }
  if (!covariance.Compute(pairs, &problem)) {
    out.why = "the data do not separate the parameters (rank deficient)";
    return out;
  }
  out.covariance.assign(static_cast<std::size_t>(num_params),
                        std::vector<double>(num_params, 0.0));
  for (int i = 0; i < num_params; ++i) {
    for (int j = 0; j < num_params; ++j) {
      covariance.GetCovarianceBlock(blocks[static_cast<std::size_t>(i)],
                                    blocks[static_cast<std::size_t>(j)],
                                    &out.covariance[i][j]);
    }
  }
  out.ok = true;
  return out;
}

}  // namespace loadlaw::engine::internal
