#include "loadlaw/compare/change.h"

#include <gtest/gtest.h>

#include <cmath>

namespace loadlaw::compare {
namespace {

ChangeStatus StatusOf(double relative, double low, double high,
                      bool higher_is_better, double threshold = 0.05,
                      bool absolute = false) {
  Change c;
  c.relative = relative;
  c.low = low;
  c.high = high;
  c.higher_is_better = higher_is_better;
  c.threshold = threshold;
  c.absolute = absolute;
  return Classify(c);
}

TEST(ClassifyTest, FollowsTheDocumentedRules) {
  // Latency (lower is better): worsening = relative change.
  EXPECT_EQ(StatusOf(0.15, 0.10, 0.20, false), ChangeStatus::kRegression);
  EXPECT_EQ(StatusOf(0.08, 0.01, 0.15, false),
            ChangeStatus::kPossibleRegression);
  EXPECT_EQ(StatusOf(0.08, -0.01, 0.15, false), ChangeStatus::kOk);
  EXPECT_EQ(StatusOf(0.08, NAN, NAN, false), ChangeStatus::kPossibleRegression);
  EXPECT_EQ(StatusOf(0.03, 0.06, 0.07, false), ChangeStatus::kRegression);
  EXPECT_EQ(StatusOf(0.01, -0.02, 0.04, false), ChangeStatus::kOk);
  EXPECT_EQ(StatusOf(-0.2, -0.3, -0.1, false), ChangeStatus::kImproved);
  // Throughput (higher is better): a fall is worse.
  EXPECT_EQ(StatusOf(-0.13, -0.16, -0.10, true), ChangeStatus::kRegression);
  EXPECT_EQ(StatusOf(0.13, 0.10, 0.16, true), ChangeStatus::kImproved);
  EXPECT_EQ(StatusOf(-0.06, -0.12, -0.01, true),
            ChangeStatus::kPossibleRegression);
  EXPECT_EQ(StatusOf(NAN, NAN, NAN, true), ChangeStatus::kOk);
  // An absolute change is judged against its own threshold.
  EXPECT_EQ(StatusOf(0.02, 0.015, 0.03, false, 0.01, true),
            ChangeStatus::kRegression);
  EXPECT_EQ(StatusOf(0.002, -0.001, 0.006, false, 0.01, true),
            ChangeStatus::kOk);
}

TEST(JudgeTest, TheWorstChangeDecidesTheVerdict) {
  Change ok;
  ok.quantity = "requests_per_s";
  ok.higher_is_better = true;
  ok.relative = -0.01;
  ok.low = -0.03;
  ok.high = 0.01;
  ok.status = Classify(ok);
  Change possible;
  possible.quantity = "e2e.p99";
  possible.relative = 0.09;
  possible.low = 0.01;
  possible.high = 0.17;
  possible.status = Classify(possible);
  Change errors;  // 3 points worse against a 1-point threshold: ranks first
  errors.quantity = "error_rate";
  errors.absolute = true;
  errors.threshold = 0.01;
  errors.relative = 0.03;
  errors.low = 0.02;
  errors.high = 0.04;
  errors.status = Classify(errors);

  Judge judge;
  EXPECT_EQ(judge.verdict(), Verdict::kPass);
  EXPECT_EQ(judge.worst(), "");
  judge.Consider(ok, "at 4 users");
  EXPECT_EQ(judge.verdict(), Verdict::kPass);
  judge.Consider(possible, "at 8 users");
  EXPECT_EQ(judge.verdict(), Verdict::kInconclusive);
  EXPECT_EQ(judge.worst(),
            "e2e.p99 at 8 users: +9.0% [+1.0%, +17.0%], possible_regression");
  judge.Consider(errors, "at 8 users");
  EXPECT_EQ(judge.verdict(), Verdict::kRegression);
  EXPECT_EQ(judge.worst(),
            "error_rate at 8 users: +3.00 pp [+2.00 pp, +4.00 pp], regression");
}

TEST(IntervalConfidenceTest, Bonferroni) {
  EXPECT_DOUBLE_EQ(IntervalConfidence(0.95, 10, true), 0.995);
  EXPECT_DOUBLE_EQ(IntervalConfidence(0.95, 10, false), 0.95);
  EXPECT_DOUBLE_EQ(IntervalConfidence(0.9, 1, true), 0.9);
}

TEST(NamesTest, TheValueIsARelativeChangeOrADifference) {
  Change c;
  c.relative = 0.12;
  EXPECT_EQ(c.RelativeChange(), 0.12);
  EXPECT_FALSE(c.Difference().has_value());
  c.absolute = true;  // e.g. the error rate, in percentage points
  EXPECT_FALSE(c.RelativeChange().has_value());
  EXPECT_EQ(c.Difference(), 0.12);
}

TEST(NamesTest, AsInTheJson) {
  EXPECT_STREQ(ChangeStatusName(ChangeStatus::kPossibleRegression),
               "possible_regression");
  EXPECT_STREQ(VerdictName(Verdict::kInconclusive), "inconclusive");
}

}  // namespace
}  // namespace loadlaw::compare
