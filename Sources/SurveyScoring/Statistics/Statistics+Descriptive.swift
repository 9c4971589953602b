import Foundation

extension Statistics {
    /// The arithmetic mean, or `nil` for no values.
    ///
    /// - Parameter values: Finite numbers.
    package static func mean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let first = values.reduce(0, +) / Double(values.count)
        // One correction pass removes most of the rounding of the plain sum.
        let correction = values.reduce(0) { $0 + ($1 - first) } / Double(values.count)
        return first + correction
    }

    /// The mean from the count and sum of the values, `Σx / n`, or `nil` for no values.
    ///
    /// - Parameters:
    ///   - count: The number of values, `n`.
    ///   - sum: `Σx`.
    package static func mean(count: Int, sum: Double) -> Double? {
        guard count > 0 else { return nil }
        return sum / Double(count)
    }

    /// The sample variance with `n - 1` in the denominator, or `nil` for fewer than 2 values.
    ///
    /// Uses the corrected two-pass algorithm, so values with a large common offset keep their
    /// precision.
    /// - Parameter values: Finite numbers.
    package static func variance(_ values: [Double]) -> Double? {
        guard values.count >= 2, let m = mean(values) else { return nil }
        var squares = 0.0
        var residual = 0.0
        for x in values {
            let d = x - m
            squares += d * d
            residual += d
        }
        let n = Double(values.count)
        return max(0, (squares - residual * residual / n) / (n - 1))
    }

    /// The sample variance from the count, sum and sum of squares of the values, or `nil` for
    /// fewer than 2 values.
    ///
    /// `(Σx² - Σx·x̄) / (n - 1)`. From sums the variance of identical values comes out as
    /// rounding noise instead of 0; anything at or below `1e-10 · max(1, x̄²)` (far below a
    /// real spread of survey scores) is 0, so "no spread" is recognised as such.
    /// - Parameters:
    ///   - count: The number of values, `n`.
    ///   - sum: `Σx`.
    ///   - sumOfSquares: `Σx²`.
    package static func variance(count: Int, sum: Double, sumOfSquares: Double) -> Double? {
        guard count >= 2 else { return nil }
        let mean = sum / Double(count)
        let variance = (sumOfSquares - sum * mean) / Double(count - 1)
        return variance <= 1e-10 * max(1, mean * mean) ? 0 : variance
    }

    /// The sample covariance of paired values from their count and sums, or `nil` for fewer
    /// than 2 pairs.
    ///
    /// `(Σxy - Σx·Σy/n) / (n - 1)`: what Cronbach's alpha needs from the pairwise sums the
    /// scorecard keeps (each pair of items over the respondents who answered both).
    /// - Parameters:
    ///   - count: The number of pairs, `n`.
    ///   - sumX: `Σx`.
    ///   - sumY: `Σy`.
    ///   - sumXY: `Σxy`.
    package static func covariance(count: Int, sumX: Double, sumY: Double, sumXY: Double) -> Double? {
        guard count >= 2 else { return nil }
        let n = Double(count)
        return (sumXY - sumX * sumY / n) / (n - 1)
    }

    /// The median of values given as counts (value → how many times it occurs): the middle
    /// value, or the mean of the two middle values for an even total; `nil` when the counts
    /// total 0.
    ///
    /// This is how the scorecard keeps a flag's answers: a histogram per group, additive
    /// over groups.
    /// - Parameter counts: Each distinct finite value and its count, at least 0.
    package static func median(counts: [Double: Int]) -> Double? {
        let total = counts.values.reduce(0, +)
        guard total > 0 else { return nil }
        let sorted = counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        func value(at rank: Int) -> Double {
            var seen = 0
            for (value, n) in sorted {
                seen += n
                if rank < seen { return value }
            }
            return sorted[sorted.count - 1].key
        }
        if total.isMultiple(of: 2) {
            return value(at: total / 2 - 1) / 2 + value(at: total / 2) / 2
        }
        return value(at: total / 2)
    }
}
