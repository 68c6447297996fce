// File: loadlaw/compare/change.h
// Changes, thresholds and verdicts: the rules shared by every comparison of a
// candidate against a baseline (two sweeps, two capacity models). Each
// compared quantity is a Change with an interval; it is classified against
// its threshold, and a comparison's verdict is that of its worst change.
// docs/compare.md states the rules in full.
//
//   loadlaw::compare::Change c;
//   c.quantity = "e2e.p99";
//   c.higher_is_better = false;
//   c.relative = 0.12;  c.low = 0.08;  c.high = 0.16;
//   c.threshold = 0.05;
//   c.status = loadlaw::compare::Classify(c);   // kRegression
//   loadlaw::compare::Judge judge;
//   judge.Consider(c, "at 8 users");
//   judge.verdict();  // kRegression; judge.worst() names the change

#ifndef LOADLAW_COMPARE_CHANGE_H_
#define LOADLAW_COMPARE_CHANGE_H_

#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace loadlaw::compare {

// How one change relates to its threshold t. The worsening w is the change
// signed so that positive is worse (a throughput fall, a latency rise);
// [w_low, w_high] is its interval.
enum class ChangeStatus {
  kOk,                  // none of the below: no evidence of a regression
  kImproved,            // w_high < -t: better by more than t, confidently
  kPossibleRegression,  // w > t and w_low > 0: worse for sure, beyond t
                        // only perhaps; or w > t with no interval at all
  kRegression,          // w_low > t: the whole interval is worse than t
};
// (A change whose interval holds 0 is kOk even when its point estimate is
// beyond t: the data are consistent with no change; the interval's width says
// how large a regression they could hide.)

// kPass: no change is a possible regression or a regression.
// kInconclusive: at least one possible regression, no regression.
// kRegression: at least one regression.
enum class Verdict { kPass, kInconclusive, kRegression };

// "ok", "improved", "possible_regression", "regression".
const char* ChangeStatusName(ChangeStatus status);
// "pass", "inconclusive", "regression".
const char* VerdictName(Verdict verdict);

// One compared quantity.
struct Change {
  // What is compared: "requests_per_s", "e2e.p99" (seconds), "error_rate"
  // (a fraction of the requests), "requests.peak_throughput", ...
  std::string quantity;
  bool higher_is_better = false;
  double baseline = std::numeric_limits<double>::quiet_NaN();
  double candidate = std::numeric_limits<double>::quiet_NaN();
  // candidate / baseline - 1; for an `absolute` change (a rate such as the
  // error rate) candidate - baseline.
  double relative = std::numeric_limits<double>::quiet_NaN();
  double low = std::numeric_limits<double>::quiet_NaN();  // its interval
  double high = std::numeric_limits<double>::quiet_NaN();
  bool absolute = false;
  // The largest tolerated worsening, in the unit of `relative`.
  double threshold = 0.05;
  ChangeStatus status = ChangeStatus::kOk;
  // How the interval was obtained: "welch-batch-means", "bootstrap",
  // "newcombe-score", "delta-method"; "point-only" without an interval.
  std::string method;

  // `relative` under the name the JSON gives it: RelativeChange() of a
  // relative change ("relative_change"), Difference() of an absolute one
  // ("difference"); nullopt for the other kind.
  std::optional<double> RelativeChange() const;
  std::optional<double> Difference() const;
};

// The status of `change` against its threshold (the rules above); NaN low or
// high means "no interval".
ChangeStatus Classify(const Change& change);

// The worsening in units of the change's threshold (positive is worse), so
// that an absolute difference ranks against relative changes.
double Worsening(const Change& change);

// `value` (the change or an end of its interval) in words: "+15.2%" for a
// relative change, "+2.10 pp" (percentage points) for an absolute one; "-"
// when not finite.
std::string FormatChange(const Change& change, double value);

// "e2e.p99 at 8 users: +15.2% [+12.1%, +18.4%], regression".
std::string DescribeChange(const Change& change, std::string_view where);

// The confidence of each of `count` intervals so that all of them hold
// together with `confidence` (Bonferroni) when `simultaneous`, else
// `confidence` itself.
double IntervalConfidence(double confidence, int count, bool simultaneous);

// Collects the changes of a comparison: the verdict, and the worst change
// (the most severe status, then the largest worsening) in words.
class Judge {
 public:
  void Consider(const Change& change, std::string_view where);
  Verdict verdict() const;
  // DescribeChange of the worst change; empty when none was considered.
  const std::string& worst() const { return worst_; }

 private:
  int worst_severity_ = -1;
  double worst_worsening_ = 0;
  std::string worst_;
};

}  // namespace loadlaw::compare

#endif  // LOADLAW_COMPARE_CHANGE_H_
