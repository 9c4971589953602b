import SurveyCore

/// When a difference is "called out" (SCORING.md, Comparing groups).
///
/// A difference is called out only when its Benjamini–Hochberg adjusted p-value, over every
/// test of one output, is below 0.05 and it is at least 5 points on the 0–100 scale: a tiny
/// but certain difference is not worth a reader's attention, and a large one on a handful of
/// people may be noise.
package enum CalloutRule {
    /// The adjusted p-value must be below this.
    package static let maximumAdjustedP = 0.05
    /// The difference must be at least this many points on the 0–100 scale.
    package static let minimumPoints = 5.0

    /// The rule as one sentence, for every output that marks differences.
    package static let sentence = "A difference is called out (▲ higher, ▼ lower) only when its Benjamini–Hochberg adjusted p-value over every test in this output is below 0.05 and it is at least 5 points on the 0–100 scale."

    /// Whether a difference with this adjusted p is called out.
    ///
    /// - Parameters:
    ///   - difference: Points on the 0–100 scale, either sign.
    ///   - pAdjusted: The adjusted p-value, or nil when there was no test.
    package static func isCalledOut(difference: Double, pAdjusted: Double?) -> Bool {
        guard let pAdjusted, difference.isFinite else { return false }
        // 5 points computed through a scale conversion may land a rounding error below 5.
        return pAdjusted < maximumAdjustedP && abs(difference) >= minimumPoints - 1e-9
    }

    /// Adjusts the p-values of a family of tests with Benjamini–Hochberg and sets each
    /// test's verdict; tests without a p-value are not part of the family.
    ///
    /// - Parameter tests: Every test of one output.
    package static func apply(to tests: inout [DifferenceTest]) {
        let tested = tests.indices.filter { tests[$0].p != nil }
        let adjusted = Statistics.benjaminiHochberg(tested.map { min(1, max(0, tests[$0].p ?? 1)) })
        for (position, index) in tested.enumerated() {
            tests[index].pAdjusted = adjusted[position]
        }
        for index in tests.indices {
            tests[index].calledOut = isCalledOut(difference: tests[index].difference, pAdjusted: tests[index].pAdjusted)
        }
    }
}

/// Count, sum and sum of squares of respondent dimension scores: enough for a mean, a
/// variance and a Welch test, and subtractable ("the rest of the organisation").
struct ScoreSums: Hashable {
    var n = 0
    var sum = 0.0
    var sumSquares = 0.0

    init(n: Int = 0, sum: Double = 0, sumSquares: Double = 0) {
        self.n = n
        self.sum = sum
        self.sumSquares = sumSquares
    }

    init(_ sums: DimensionSums) {
        self.init(n: sums.scored, sum: sums.sum, sumSquares: sums.sumSquares)
    }

    mutating func add(_ value: Double) {
        n += 1
        sum += value
        sumSquares += value * value
    }

    static func - (lhs: ScoreSums, rhs: ScoreSums) -> ScoreSums {
        ScoreSums(n: lhs.n - rhs.n, sum: lhs.sum - rhs.sum, sumSquares: lhs.sumSquares - rhs.sumSquares)
    }

    /// The mean, or nil for no values.
    var mean: Double? { Statistics.mean(count: n, sum: sum) }

    /// The sample variance (rounding noise counts as 0, so "no test" is recognised), or nil
    /// below 2 values.
    var variance: Double? { Statistics.variance(count: n, sum: sum, sumOfSquares: sumSquares) }

    /// The mean and its 95% t-interval on the 0–100 score of `scale`, or nil for no values.
    func score100(on scale: ScaleRange) -> (score: Double, ci95: Interval?)? {
        guard let mean else { return nil }
        let interval = Statistics.meanInterval(count: n, sum: sum, sumOfSquares: sumSquares)?.interval
        return (scale.score100(forMean: mean), interval?.map(scale.score100(forMean:)))
    }

    /// Welch's test of `self` minus `other` on the answer scale, from each side's mean and
    /// variance; nil when either side has fewer than 2 values.
    func welchTest(against other: ScoreSums, level: Double = 0.95) -> Statistics.WelchOutcome? {
        guard let m1 = mean, let v1 = variance, let m2 = other.mean, let v2 = other.variance else { return nil }
        return Statistics.welchTTest(mean1: m1, variance1: v1, n1: n, mean2: m2, variance2: v2, n2: other.n, level: level)
    }

    /// Welch's test of `self` minus `other`, in points on the 0–100 scale of a scale `width`
    /// wide; nil when either side has fewer than 2 values.
    func difference(from other: ScoreSums, scaleWidth width: Double) -> DifferenceTest? {
        let factor = 100 / width
        switch welchTest(against: other) {
        case .test(let test)?:
            return DifferenceTest(status: .tested, difference: test.difference * factor,
                                  ci95: Interval(lower: test.lower * factor, upper: test.upper * factor), hedgesG: test.hedgesG,
                                  degreesOfFreedom: test.degreesOfFreedom, p: test.p, pAdjusted: nil, calledOut: false,
                                  n1: n, n2: other.n)
        case .zeroVariance(let difference)?:
            return DifferenceTest(status: .noTest, difference: difference * factor, ci95: nil, hedgesG: nil,
                                  degreesOfFreedom: nil, p: nil, pAdjusted: nil, calledOut: false, n1: n, n2: other.n)
        case .tooFewObservations?, nil:
            return nil
        }
    }
}
