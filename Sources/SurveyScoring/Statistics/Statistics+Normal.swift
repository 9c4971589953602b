import Foundation

extension Statistics {
    /// The standard normal cumulative distribution function `Φ(x) = P(Z ≤ x)`.
    ///
    /// Computed as `erfc(-x/√2) / 2`, which keeps full relative precision in the lower tail
    /// (about 1e-15) instead of cancelling in `1 - …`.
    /// - Parameter x: Any value; infinities give 0 and 1, NaN gives NaN.
    package static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The standard normal quantile `Φ⁻¹(p)`, the `x` with `P(Z ≤ x) = p`.
    ///
    /// Wichura's algorithm AS 241 (PPND16), accurate to about 1e-16 relative.
    /// - Parameter p: A probability; 0 gives `-infinity`, 1 gives `+infinity`, values outside
    ///   `0...1` and NaN give NaN.
    package static func normalQuantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            return q * polynomial(r, AS241.a) / polynomial(r, AS241.b)
        }
        // 1 - p is exact for p in [0.5, 1] (Sterbenz), so the upper tail loses nothing here.
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        let value: Double
        if r <= 5 {
            r -= 1.6
            value = polynomial(r, AS241.c) / polynomial(r, AS241.d)
        } else {
            r -= 5
            value = polynomial(r, AS241.e) / polynomial(r, AS241.f)
        }
        return q < 0 ? -value : value
    }

    /// Evaluates `c[0] + c[1]·x + … + c[n]·xⁿ` by Horner's rule.
    static func polynomial(_ x: Double, _ coefficients: [Double]) -> Double {
        coefficients.reversed().reduce(0) { $0 * x + $1 }
    }
}

/// Coefficients of Wichura (1988), Algorithm AS 241, Applied Statistics 37(3), 477–484.
private enum AS241 {
    static let a: [Double] = [
        3.3871328727963666080e0, 1.3314166789178437745e2, 1.9715909503065514427e3,
        1.3731693765509461125e4, 4.5921953931549871457e4, 6.7265770927008700853e4,
        3.3430575583588128105e4, 2.5090809287301226727e3,
    ]
    static let b: [Double] = [
        1.0, 4.2313330701600911252e1, 6.8718700749205790830e2, 5.3941960214247511077e3,
        2.1213794301586595867e4, 3.9307895800092710610e4, 2.8729085735721942674e4,
        5.2264952788528545610e3,
    ]
    static let c: [Double] = [
        1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
        3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
        2.27238449892691845833e-2, 7.74545014278341407640e-4,
    ]
    static let d: [Double] = [
        1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
        1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
        1.05075007164441684324e-9,
    ]
    static let e: [Double] = [
        6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
        2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
        2.71155556874348757815e-5, 2.01033439929228813265e-7,
    ]
    static let f: [Double] = [
        1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
        7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
        2.04426310338993978564e-15,
    ]
}
