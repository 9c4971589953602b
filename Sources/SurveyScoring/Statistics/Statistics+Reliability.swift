import Foundation

extension Statistics {
    /// Cronbach's alpha of a set of items, with the figures that help authors fix a survey.
    package struct Reliability: Sendable, Hashable {
        /// Cronbach's alpha from the pairwise covariance matrix, at most 1.
        package var alpha: Double
        /// Standardised alpha `k·r̄ / (1 + (k-1)·r̄)` from the mean inter-item correlation, or
        /// `nil` when an item has no variance or the value is undefined.
        package var standardizedAlpha: Double?
        /// One entry per item, in the order of the columns.
        package var items: [Item]

        /// Creates a reliability result.
        package init(alpha: Double, standardizedAlpha: Double?, items: [Item]) {
            self.alpha = alpha
            self.standardizedAlpha = standardizedAlpha
            self.items = items
        }

        /// What one item contributes to a dimension's reliability.
        package struct Item: Sendable, Hashable {
            /// Alpha of the other items, or `nil` when fewer than 2 remain or it is undefined.
            package var alphaIfDropped: Double?
            /// Corrected item-rest correlation: the item's correlation with the sum of the
            /// other items, or `nil` when either has no variance.
            package var itemRestCorrelation: Double?

            /// Creates an item's figures.
            package init(alphaIfDropped: Double?, itemRestCorrelation: Double?) {
                self.alphaIfDropped = alphaIfDropped
                self.itemRestCorrelation = itemRestCorrelation
            }
        }
    }

    /// Cronbach's alpha, `k/(k-1) · (1 - trace(C) / sum(C))`, and its companions from a k×k
    /// item covariance matrix with pairwise deletion, such as one accumulated pairwise while
    /// streaming over a million responses.
    ///
    /// Each covariance in `C` is taken over the rows where both items are present, with the
    /// means recomputed on those rows (as R's psych and pingouin do); `k` stays the full item
    /// count. The standardised alpha uses `r_ij = C_ij / √(C_ii·C_jj)` (psych's `cov2cor`),
    /// "alpha if item dropped" the submatrix without the item, and the item-rest correlation
    /// `Σ_{j≠i} C_ij / √(C_ii · Σ_{j,l≠i} C_jl)` (psych's `r.drop`); for complete data these
    /// equal the values computed on the raw scores.
    ///
    /// Guards, which apply to each alpha here:
    /// - a total variance `sum(C)` that is not positive (within 1e-12 of the trace) gives no
    ///   alpha;
    /// - a pairwise matrix need not be positive semi-definite, and then alpha can exceed 1,
    ///   which no real set of items can reach: such a value is reported as undefined (`nil`)
    ///   rather than clamped, since clamping would show an artefact as perfect reliability.
    ///   Values within 1e-12 above 1 are rounding and become 1.
    /// - Parameter c: The symmetric covariance matrix (pairwise deletion), one row and column
    ///   per item (after reverse-keying).
    /// - Returns: `nil` for fewer than 2 items, or when alpha is undefined by the guards above.
    package static func cronbachAlpha(covariance c: [[Double]]) -> Reliability? {
        let k = c.count
        guard k >= 2 else { return nil }
        let all = Array(0..<k)
        guard let alpha = cronbachAlpha(covariance: c, items: all) else { return nil }

        var standardized: Double?
        if all.allSatisfy({ c[$0][$0] > 0 }) {
            var sum = 0.0
            for i in 0..<k {
                for j in 0..<k where j != i {
                    sum += c[i][j] / (c[i][i] * c[j][j]).squareRoot()
                }
            }
            let meanCorrelation = sum / Double(k * (k - 1))
            let denominator = 1 + Double(k - 1) * meanCorrelation
            if denominator > 1e-12 {
                standardized = acceptedAlpha(Double(k) * meanCorrelation / denominator)
            }
        }

        let items = all.map { i -> Reliability.Item in
            let rest = all.filter { $0 != i }
            let dropped = rest.count >= 2 ? cronbachAlpha(covariance: c, items: rest) : nil
            var restVariance = 0.0
            var restTrace = 0.0
            var covarianceWithRest = 0.0
            for j in rest {
                covarianceWithRest += c[i][j]
                restTrace += c[j][j]
                for l in rest { restVariance += c[j][l] }
            }
            var correlation: Double?
            if c[i][i] > 0, restVariance > 1e-12 * restTrace {
                let r = covarianceWithRest / (c[i][i] * restVariance).squareRoot()
                if abs(r) <= 1 + 1e-12 { correlation = min(1, max(-1, r)) }
            }
            return Reliability.Item(alphaIfDropped: dropped, itemRestCorrelation: correlation)
        }
        return Reliability(alpha: alpha, standardizedAlpha: standardized, items: items)
    }

    /// Alpha of the listed items from a covariance matrix, under the guards of
    /// ``cronbachAlpha(covariance:)``.
    static func cronbachAlpha(covariance c: [[Double]], items: [Int]) -> Double? {
        var trace = 0.0
        var total = 0.0
        for i in items {
            trace += c[i][i]
            for j in items { total += c[i][j] }
        }
        guard total > 1e-12 * trace, total > 0 else { return nil }
        let k = Double(items.count)
        return acceptedAlpha(k / (k - 1) * (1 - trace / total))
    }

    /// Applies the "not above 1" guard: rounding just above 1 becomes 1, more is undefined.
    private static func acceptedAlpha(_ alpha: Double) -> Double? {
        guard alpha.isFinite, alpha <= 1 + 1e-12 else { return nil }
        return min(alpha, 1)
    }
}
