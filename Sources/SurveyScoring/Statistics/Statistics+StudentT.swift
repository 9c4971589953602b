import Foundation

extension Statistics {
    /// The quantile of Student's t, the `t` with `P(T ≤ t) = p`, for any positive (also
    /// non-integer) degrees of freedom.
    ///
    /// Starts from the better of a Cornish–Fisher expansion and the power-law tail, then runs a
    /// Newton iteration on the logarithm of the tail probability, guarded by bisection, until
    /// `t` changes by less than 1e-13 relative.
    /// - Parameters:
    ///   - p: A probability; 0 gives `-infinity` and 1 gives `+infinity`.
    ///   - degreesOfFreedom: ν, greater than 0; `infinity` gives the normal quantile.
    /// - Returns: The quantile, or NaN when `p` is outside `0...1` or ν is not positive.
    package static func studentTQuantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        let nu = degreesOfFreedom
        guard p >= 0, p <= 1, nu > 0 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if nu.isInfinite { return normalQuantile(p) }
        // Solve P(T > s) = q for s > 0 on the smaller tail; 1 - p is exact for p ≥ 0.5.
        let q = p < 0.5 ? p : 1 - p
        let s = studentTUpperQuantile(tail: q, degreesOfFreedom: nu)
        return p < 0.5 ? -s : s
    }

    // MARK: - Internals

    /// `P(|T| > s)` for `s ≥ 0`, computed without cancellation in either tail: the two-sided
    /// p-value of a t statistic, for any positive (also non-integer) degrees of freedom.
    ///
    /// Uses `P(|T| > s) = I_{ν/(ν+s²)}(ν/2, 1/2)`, so a far tail keeps its relative precision
    /// (about 1e-13); above ν = 10⁷, where that continued fraction loses digits, the normal
    /// approximation of Abramowitz & Stegun 26.7.8 takes over (R's `pt` does the same above
    /// 4·10⁵), within about 1e-10 relative.
    static func studentTTwoSidedTail(_ s: Double, degreesOfFreedom nu: Double) -> Double {
        if s.isInfinite { return 0 }
        if nu > 1e7 {
            // The continued fraction cancels for huge ν near the centre; like R's pt, use
            // Φ(s(1 - 1/4ν)/√(1 + s²/2ν)) (Abramowitz & Stegun 26.7.8), off by O(1/ν²):
            // measured against scipy, both are within 5e-10 relative around the switch.
            let z = s * (1 - 0.25 / nu) / (1 + s * s * 0.5 / nu).squareRoot()
            return erfc(z / 2.0.squareRoot())
        }
        // x = ν/(ν+s²) and 1-x = s²/(ν+s²), each formed as a ratio so neither cancels, and
        // their logarithms through log1p: with ν large, (ν/2)·log x would otherwise amplify
        // the rounding of x by ν.
        let x, complement, logX, logComplement: Double
        if s * s >= nu {
            // log u rather than log(u): u underflows for s beyond 1e154, its logarithm does not.
            let logU = log(nu) - 2 * log(s)
            let u = exp(logU)
            x = u / (1 + u)
            complement = 1 / (1 + u)
            logComplement = -log1p(u)
            logX = logU + logComplement
        } else {
            let w = (s / nu.squareRoot()) * (s / nu.squareRoot())
            x = 1 / (1 + w)
            complement = w / (1 + w)
            logX = -log1p(w)
            logComplement = log(w) + logX
        }
        if complement <= 0 { return 1 }
        return incompleteBeta(x: x, complement: complement, logX: logX,
                              logComplement: logComplement, a: nu / 2, b: 0.5)
    }

    /// The logarithm of Student's t density at `s`.
    static func studentTLogDensity(_ s: Double, degreesOfFreedom nu: Double) -> Double {
        // log Γ((ν+1)/2) - log Γ(ν/2) = log Γ(½) - log B(ν/2, ½), without cancellation.
        let ratio = s / nu.squareRoot()
        return -logBeta(nu / 2, 0.5) - 0.5 * log(nu) - (nu + 1) / 2 * log1p(ratio * ratio)
    }

    /// The `s > 0` with `P(T > s) = q`, for `0 < q < 0.5`.
    static func studentTUpperQuantile(tail q: Double, degreesOfFreedom nu: Double) -> Double {
        let logQ = log(q)
        func upperTail(_ s: Double) -> Double {
            studentTTwoSidedTail(s, degreesOfFreedom: nu) / 2
        }

        // Two starting points: Cornish–Fisher (Abramowitz & Stegun 26.7.5), good for moderate
        // tails and large ν, and the power-law tail P(T > s) ≈ K·s^(-ν)/ν for small ν and far
        // tails. Keep the one whose tail is closer to q on the log scale.
        let z = -normalQuantile(q)
        let z2 = z * z
        let g1 = (z2 + 1) * z / 4
        let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
        let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
        let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
        let cornishFisher = z + g1 / nu + g2 / (nu * nu) + g3 / (nu * nu * nu)
            + g4 / (nu * nu * nu * nu)
        let logK = -logBeta(nu / 2, 0.5) + nu / 2 * log(nu)
        let powerLaw = exp((logK - log(nu) - logQ) / nu)

        var best = Double.nan
        var bestDistance = Double.infinity
        for candidate in [cornishFisher, powerLaw] where candidate.isFinite && candidate > 0 {
            let distance = abs(log(upperTail(candidate)) - logQ)
            if distance < bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        if !best.isFinite { best = 1 }

        // Bracket: tail(lo) > q > tail(hi), with lo = 0 always valid (tail 0.5).
        var lo = 0.0
        var hi = Double.infinity
        var s = best
        for _ in 0..<400 {
            let tail = upperTail(s)
            if tail > q { lo = s } else if tail < q { hi = s } else { return s }
            // The quantile lies beyond the largest double.
            if lo == .greatestFiniteMagnitude { return .infinity }
            // Newton on h(u) = log tail(e^u) - log q, u = log s:
            // h'(u) = -s·f(s)/tail(s), so u_next = u + (log tail - log q)·tail/(s·f(s)).
            let logSlope = studentTLogDensity(s, degreesOfFreedom: nu) + log(s) - log(tail)
            var next = s * exp((log(tail) - logQ) * exp(-logSlope))
            if !(next.isFinite && next > lo && next < hi) {
                if hi.isInfinite {
                    // Grow fast (squaring) towards an upper bracket, stopping at the largest
                    // double rather than at infinity, where the tail is 0 for every ν.
                    next = s < 2 ? 2 * s + 1 : min(s * s, .greatestFiniteMagnitude)
                } else if lo > 0 && hi / lo > 2 {
                    next = lo.squareRoot() * hi.squareRoot()
                } else {
                    next = lo / 2 + hi / 2
                }
            }
            if abs(next - s) <= 1e-13 * s { return next }
            if hi.isFinite, hi - lo <= 1e-15 * hi { return next }
            s = next
        }
        return s
    }

    /// The regularised incomplete beta function `I_x(a, b)`, given `x`, `y = 1 - x` and their
    /// logarithms, so callers that know them precisely keep that precision.
    ///
    /// Evaluated by the continued fraction of Numerical Recipes §6.4 with the modified Lentz
    /// method, on whichever of `I_x(a, b)` and `1 - I_{1-x}(b, a)` converges faster; `a` and
    /// `b` are greater than 0.
    static func incompleteBeta(x: Double, complement y: Double, logX: Double,
                               logComplement logY: Double, a: Double, b: Double) -> Double {
        let logFront = a * logX + b * logY - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(x: x, y: y, a: a, b: b) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(x: y, y: x, a: b, b: a) / b
    }

    /// `log Γ(x)` through the reentrant `lgamma_r`, which, unlike C's `lgamma`, writes no
    /// global sign variable, so concurrent callers do not race.
    static func logGamma(_ x: Double) -> Double {
        let (value, _) = lgamma(x)
        return value
    }

    /// `log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a+b)`, without the cancellation of the
    /// plain sum when an argument is large.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let large = max(a, b)
        let small = min(a, b)
        guard large >= 10 else { return logGamma(a) + logGamma(b) - logGamma(a + b) }
        // Stirling: log Γ(L) - log Γ(L+S) = -(L-½)·log1p(S/L) - S·log(L+S) + S + δ(L) - δ(L+S).
        return logGamma(small) - (large - 0.5) * log1p(small / large) - small * log(large + small)
            + small + stirlingCorrection(large) - stirlingCorrection(large + small)
    }

    /// `δ(x) = log Γ(x) - ((x-½)·log x - x + ½·log 2π)` for `x ≥ 10`, to about 1e-16.
    private static func stirlingCorrection(_ x: Double) -> Double {
        let r = 1 / x
        let r2 = r * r
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680
            - r2 * (1.0 / 1188 - r2 * 691.0 / 360360)))))
    }

    /// The continued fraction for `I_x(a, b)` by the modified Lentz method.
    private static func betaContinuedFraction(x: Double, y: Double, a: Double, b: Double)
        -> Double
    {
        let tiny = 1e-300
        let epsilon = 2 * Double.ulpOfOne
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        func guarded(_ v: Double) -> Double { abs(v) < tiny ? tiny : v }
        var c = 1.0
        // 1 - (a+b)x/(a+1) cancels for x near 1; for b ≤ 1 the form in y = 1 - x adds two
        // non-negative terms instead.
        var d = 1 / guarded(b <= 1 ? ((1 - b) + qab * y) / qap : 1 - qab * x / qap)
        var h = d
        for m in 1...20_000 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 / guarded(1 + aa * d)
            c = guarded(1 + aa / c)
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 / guarded(1 + aa * d)
            c = guarded(1 + aa / c)
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= epsilon { break }
        }
        return h
    }
}
