import Foundation

extension Statistics {
    /// The outcome of comparing two groups' means with Welch's t-test.
    package enum WelchOutcome: Sendable, Hashable {
        /// The test ran.
        case test(WelchTest)
        /// Both groups have zero variance, so there is no test (the standard error is 0);
        /// `difference` is the first mean minus the second.
        case zeroVariance(difference: Double)
        /// A group has fewer than 2 values, so its variance is undefined.
        case tooFewObservations
    }

    /// Welch's t-test of two independent means, with Hedges' g.
    package struct WelchTest: Sendable, Hashable {
        /// The first mean minus the second.
        package var difference: Double
        /// `√(s₁²/n₁ + s₂²/n₂)`.
        package var standardError: Double
        /// `difference / standardError`.
        package var t: Double
        /// The Welch–Satterthwaite degrees of freedom, generally not an integer.
        package var degreesOfFreedom: Double
        /// The two-sided p-value.
        package var p: Double
        /// The lower end of the confidence interval of the difference.
        package var lower: Double
        /// The upper end of the confidence interval of the difference.
        package var upper: Double
        /// Hedges' g: Cohen's d on the pooled SD times `J = 1 - 3/(4·(n₁+n₂-2) - 1)`.
        package var hedgesG: Double

        /// Creates a test result.
        package init(difference: Double, standardError: Double, t: Double,
                    degreesOfFreedom: Double, p: Double, lower: Double, upper: Double,
                    hedgesG: Double) {
            self.difference = difference
            self.standardError = standardError
            self.t = t
            self.degreesOfFreedom = degreesOfFreedom
            self.p = p
            self.lower = lower
            self.upper = upper
            self.hedgesG = hedgesG
        }
    }

    /// Welch's unequal-variance t-test of `mean1 - mean2` from each group's mean, sample
    /// variance and size, its confidence interval and Hedges' g.
    ///
    /// `se = √(s₁²/n₁ + s₂²/n₂)`, `t = (m₁ - m₂)/se`,
    /// `df = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁-1) + (s₂²/n₂)²/(n₂-1))`, the p-value is
    /// two-sided from Student's t with that (non-integer) df, and the interval is
    /// `difference ± t(½ + level/2, df) · se`.
    ///
    /// For figures kept as additive sums (`n`, `Σx`, `Σx²`), where the values themselves are
    /// gone. Variances are taken as given, so the caller decides when rounding makes a
    /// variance zero.
    /// - Parameters:
    ///   - mean1: The first group's mean.
    ///   - variance1: Its sample variance (`n - 1` in the denominator), at least 0.
    ///   - n1: Its size.
    ///   - mean2: The second group's mean.
    ///   - variance2: Its sample variance, at least 0.
    ///   - n2: Its size.
    ///   - level: The confidence level of the interval, 0.95 by default.
    package static func welchTTest(mean1: Double, variance1: Double, n1: Int,
                                  mean2: Double, variance2: Double, n2: Int,
                                  level: Double = 0.95) -> WelchOutcome {
        guard n1 >= 2, n2 >= 2 else { return .tooFewObservations }
        let difference = mean1 - mean2
        let v1 = max(0, variance1)
        let v2 = max(0, variance2)
        guard v1 > 0 || v2 > 0 else { return .zeroVariance(difference: difference) }
        let count1 = Double(n1)
        let count2 = Double(n2)
        let a = v1 / count1
        let b = v2 / count2
        let standardError = (a + b).squareRoot()
        let t = difference / standardError
        let df = (a + b) * (a + b) / (a * a / (count1 - 1) + b * b / (count2 - 1))
        let p = min(1, studentTTwoSidedTail(abs(t), degreesOfFreedom: df))
        let quantile = studentTQuantile(
            upperQuantileProbability(forLevel: level), degreesOfFreedom: df)
        let pooledDF = count1 + count2 - 2
        let pooledSD = (((count1 - 1) * v1 + (count2 - 1) * v2) / pooledDF).squareRoot()
        let g = difference / pooledSD * (1 - 3 / (4 * pooledDF - 1))
        return .test(WelchTest(
            difference: difference, standardError: standardError, t: t,
            degreesOfFreedom: df, p: p,
            lower: difference - quantile * standardError,
            upper: difference + quantile * standardError,
            hedgesG: g))
    }
}
