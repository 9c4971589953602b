import Foundation

extension Statistics {
    /// The mean with its t-interval, `mean ± t(½ + level/2, n-1) · s / √n`, from the count,
    /// sum and sum of squares of the values.
    ///
    /// This is the interval of a group's dimension score (`n` the respondents who have a score)
    /// and of a flag's mean: the scorecard keeps those figures as additive sums. `s²` is
    /// ``variance(count:sum:sumOfSquares:)``, so when every value is the same the interval is
    /// the single point.
    /// - Parameters:
    ///   - count: The number of values, `n`.
    ///   - sum: `Σx`.
    ///   - sumOfSquares: `Σx²`.
    ///   - level: The confidence level, 0.95 by default.
    /// - Returns: `nil` for fewer than 2 values.
    package static func meanInterval(count: Int, sum: Double, sumOfSquares: Double, level: Double = 0.95)
        -> Estimate?
    {
        guard let variance = variance(count: count, sum: sum, sumOfSquares: sumOfSquares) else { return nil }
        let n = Double(count)
        let m = sum / n
        let quantile = studentTQuantile(
            upperQuantileProbability(forLevel: level), degreesOfFreedom: n - 1)
        let half = quantile * (variance / n).squareRoot()
        return Estimate(value: m, lower: m - half, upper: m + half)
    }

    /// A proportion with its Wilson score interval (never the Wald interval).
    ///
    /// `p̂ = x/n`; the interval is `(p̂ + z²/2n ± z·√(p̂(1-p̂)/n + z²/4n²)) / (1 + z²/n)`, with
    /// `z` the normal quantile of `½ + level/2`. It stays inside `0...1`, and is `0...upper` for
    /// no successes and `lower...1` when all are successes.
    /// - Parameters:
    ///   - successes: The favourable answers, in `0...trials`.
    ///   - trials: The valid answers.
    ///   - level: The confidence level, 0.95 by default.
    /// - Returns: `nil` when `trials` is 0.
    package static func wilsonInterval(successes: Int, trials: Int, level: Double = 0.95)
        -> Estimate?
    {
        precondition(successes >= 0 && successes <= trials,
                     "successes must be in 0...trials, got \(successes) of \(trials)")
        guard trials > 0 else { return nil }
        let z = normalQuantile(upperQuantileProbability(forLevel: level))
        let n = Double(trials)
        let p = Double(successes) / n
        let z2n = z * z / n
        let centre = (p + z2n / 2) / (1 + z2n)
        let half = z * (p * (1 - p) / n + z2n / (4 * n)).squareRoot() / (1 + z2n)
        let lower = successes == 0 ? 0 : max(0, centre - half)
        let upper = successes == trials ? 1 : min(1, centre + half)
        return Estimate(value: p, lower: lower, upper: upper)
    }

    /// A pooled proportion over respondents who each give several answers, with an interval
    /// that treats respondents as clusters, from the respondents' additive sums.
    ///
    /// With `fᵢ` favourable and `vᵢ` valid answers of respondent `i` and `n` respondents:
    /// `p = Σf / Σv`, `SE = √(n/(n-1) · Σ(fᵢ - p·vᵢ)²) / Σv`, interval
    /// `p ± t(½ + level/2, n-1) · SE` clipped to `0...1`. This is the cluster-robust standard
    /// error of a ratio estimator (statsmodels' `cov_type="cluster"` on a constant gives the
    /// same). The sum of squared residuals is expanded as `Σf² - 2p·Σfv + p²·Σv²`, so the
    /// scorecard needs only sums; rounding below 0 counts as 0. Respondents without a valid
    /// answer are not clusters and do not count in `n`.
    /// - Parameters:
    ///   - clusters: `n`, the respondents with at least one valid answer.
    ///   - favourable: `Σfᵢ`.
    ///   - valid: `Σvᵢ`.
    ///   - favourableSquares: `Σfᵢ²`.
    ///   - favourableValid: `Σfᵢvᵢ`.
    ///   - validSquares: `Σvᵢ²`.
    ///   - level: The confidence level, 0.95 by default.
    /// - Returns: `nil` when fewer than 2 respondents have a valid answer.
    package static func clusteredProportionInterval(
        clusters: Int, favourable: Double, valid: Double, favourableSquares: Double,
        favourableValid: Double, validSquares: Double, level: Double = 0.95
    ) -> Estimate? {
        precondition(favourable >= 0 && favourable <= valid, "sums need 0 ≤ Σf ≤ Σv")
        guard clusters >= 2, valid > 0 else { return nil }
        let p = favourable / valid
        let squares = max(0, favourableSquares - 2 * p * favourableValid + p * p * validSquares)
        let n = Double(clusters)
        let standardError = (n / (n - 1) * squares).squareRoot() / valid
        let quantile = studentTQuantile(
            upperQuantileProbability(forLevel: level), degreesOfFreedom: n - 1)
        return Estimate(value: p,
                        lower: max(0, p - quantile * standardError),
                        upper: min(1, p + quantile * standardError))
    }
}
