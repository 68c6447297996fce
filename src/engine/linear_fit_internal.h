// Private to the engine module: weighted linear least squares through
// Ceres, with the parameters' unscaled covariance (J'J)^-1. The engine
// model's calibration is linear in its step costs once the batch
// composition is known (calibration.cc), so one solver serves every stage.
//
//   std::vector<LinearRow> rows = {{{{0, 1.0}, {1, n}}, y, w}, ...};
//   LinearSolution s = SolveLinear(/*num_params=*/2, rows);
//   double slope = s.theta[1];
//   double se = std::sqrt(s.sigma2 * s.covariance[1][1]);

#ifndef LOADLAW_ENGINE_LINEAR_FIT_INTERNAL_H_
#define LOADLAW_ENGINE_LINEAR_FIT_INTERNAL_H_

#include <string>
#include <utility>
#include <vector>

namespace loadlaw::engine::internal {

// weight * (y - sum of coefficient * theta[index]) is one residual.
struct LinearRow {
  std::vector<std::pair<int, double>> terms;  // (parameter index, coefficient)
  double y = 0;
  double weight = 1;
};

struct LinearSolution {
  bool ok = false;
  std::string why;  // when not ok: rank deficiency, no rows
  std::vector<double> theta;
  // (J'J)^-1 of the weighted problem; multiply by sigma2 for the estimates'
  // covariance when the weights are relative.
  std::vector<std::vector<double>> covariance;
  double sse = 0;    // weighted sum of squared residuals
  int dof = 0;       // rows - parameters
  double sigma2 = 0;  // sse / dof (NaN without degrees of freedom)
};

LinearSolution SolveLinear(int num_params, const std::vector<LinearRow>& rows);

}  // namespace loadlaw::engine::internal

#endif  // LOADLAW_ENGINE_LINEAR_FIT_INTERNAL_H_
