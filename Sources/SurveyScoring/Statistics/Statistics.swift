import Foundation
import SurveyCore

/// Pure statistical functions behind the scorecard, as `SCORING.md` specifies them.
///
/// Every function is deterministic and free of side effects. Each one returns `nil` (or a case
/// that says so) when its statistic is undefined for the input, rather than dividing by zero or
/// producing NaN. The expected values in the tests come from scipy, statsmodels and pingouin via
/// `Scripts/reference_statistics.py`.
package enum Statistics {
    /// A point estimate with a two-sided confidence interval `lower...upper`.
    package struct Estimate: Sendable, Hashable, Codable {
        /// The point estimate: a mean, a proportion or a difference.
        package var value: Double
        /// The lower end of the confidence interval.
        package var lower: Double
        /// The upper end of the confidence interval.
        package var upper: Double

        /// Creates an estimate from its value and interval ends.
        package init(value: Double, lower: Double, upper: Double) {
            self.value = value
            self.lower = lower
            self.upper = upper
        }

        /// The interval `lower...upper`.
        package var interval: Interval { Interval(lower: lower, upper: upper) }
    }

    /// The two-sided quantile for a confidence level, e.g. 0.975 for 0.95.
    static func upperQuantileProbability(forLevel level: Double) -> Double {
        precondition(level > 0 && level < 1, "confidence level must be in (0, 1), got \(level)")
        return 0.5 + level / 2
    }
}
