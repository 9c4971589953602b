import Foundation
import Testing
@testable import SurveyScoring

/// `P(T ≤ t)` from the two-sided tail the t-test p-values use: `tail/2` below 0, `1 - tail/2`
/// from 0 up.
private func studentTCDF(_ t: Double, degreesOfFreedom nu: Double) -> Double {
    let half = Statistics.studentTTwoSidedTail(abs(t), degreesOfFreedom: nu) / 2
    return t < 0 ? half : 1 - half
}

/// `I_x(a, b)` from the arguments the tail passes: `x`, `1 - x` and their logarithms.
private func incompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    Statistics.incompleteBeta(x: x, complement: 1 - x, logX: log(x), logComplement: log1p(-x), a: a, b: b)
}

struct DistributionTests {
    @Test(arguments: ReferenceFixture.cases(\.normalCDF))
    func normalCDFMatchesScipy(_ reference: ReferenceFixture.NormalCDF) {
        expectClose(Statistics.normalCDF(reference.x), reference.p,
                    tolerance: Tolerance.distribution, "Φ(\(reference.x))")
    }

    @Test(arguments: ReferenceFixture.cases(\.normalQuantile))
    func normalQuantileMatchesScipy(_ reference: ReferenceFixture.NormalQuantile) {
        expectClose(Statistics.normalQuantile(reference.p), reference.x,
                    tolerance: Tolerance.distribution, "Φ⁻¹(\(reference.p))")
    }

    @Test(arguments: ReferenceFixture.cases(\.incompleteBeta))
    func incompleteBetaMatchesScipy(_ reference: ReferenceFixture.IncompleteBeta) {
        expectClose(
            incompleteBeta(reference.x, a: reference.a, b: reference.b),
            reference.value, tolerance: Tolerance.distribution, "I_x(a, b)")
    }

    @Test(arguments: ReferenceFixture.cases(\.studentTCDF))
    func studentTCDFMatchesScipy(_ reference: ReferenceFixture.StudentTCDF) {
        expectClose(studentTCDF(reference.t, degreesOfFreedom: reference.df),
                    reference.p, tolerance: Tolerance.distribution,
                    "F(\(reference.t); \(reference.df))")
    }

    @Test(arguments: ReferenceFixture.cases(\.studentTQuantile))
    func studentTQuantileMatchesScipy(_ reference: ReferenceFixture.StudentTQuantile) {
        let t = Statistics.studentTQuantile(reference.p, degreesOfFreedom: reference.df)
        expectClose(t, reference.t, tolerance: Tolerance.distribution,
                    "F⁻¹(\(reference.p); \(reference.df))")
        // The quantile inverts the CDF to far better than the reference tolerance (in the far
        // tail a relative change of t moves p about ν times as much, hence 1e-10 on p).
        let back = studentTCDF(t, degreesOfFreedom: reference.df)
        #expect(isClose(back, reference.p, tolerance: 1e-10), "F(F⁻¹(p)) = \(back)")
    }

    @Test(arguments: [1e-10, 0.01, 0.3, 0.5, 0.77, 0.999])
    func normalQuantileInvertsTheCDF(_ p: Double) {
        #expect(isClose(Statistics.normalCDF(Statistics.normalQuantile(p)), p, tolerance: 1e-14))
    }

    @Test(arguments: [-50.0, -3, -0.4, 0, 1.2, 9])
    func studentTMatchesClosedFormsForOneAndTwoDegrees(_ t: Double) {
        // df = 1 is the Cauchy distribution, F(t) = atan2(1, -t)/π; df = 2 has
        // F(t) = (1 + t/√(2+t²))/2, written for t < 0 as 1/(√(2+t²)·(√(2+t²) - t)) so that
        // neither form cancels in the lower tail.
        let cauchy = atan2(1, -t) / Double.pi
        let root = (2 + t * t).squareRoot()
        let two = t < 0 ? 1 / (root * (root - t)) : (1 + t / root) / 2
        #expect(isClose(studentTCDF(t, degreesOfFreedom: 1), cauchy, tolerance: 1e-13))
        #expect(isClose(studentTCDF(t, degreesOfFreedom: 2), two, tolerance: 1e-13))
    }

    @Test func studentTApproachesTheNormalForLargeDegrees() {
        for x in [-2.5, -1.0, 0.5, 1.96] {
            let t = studentTCDF(x, degreesOfFreedom: 1e9)
            #expect(abs(t - Statistics.normalCDF(x)) < 1e-8)
        }
    }

    @Test func edgeArguments() {
        #expect(Statistics.normalQuantile(0) == -.infinity)
        #expect(Statistics.normalQuantile(1) == .infinity)
        #expect(Statistics.normalQuantile(1.5).isNaN)
        #expect(Statistics.studentTQuantile(0, degreesOfFreedom: 3.7) == -.infinity)
        #expect(Statistics.studentTQuantile(1, degreesOfFreedom: 3.7) == .infinity)
        #expect(Statistics.studentTQuantile(0.5, degreesOfFreedom: 3.7) == 0)
        #expect(Statistics.studentTQuantile(0.2, degreesOfFreedom: 0).isNaN)
        #expect(studentTCDF(.infinity, degreesOfFreedom: 3.7) == 1)
        #expect(studentTCDF(-.infinity, degreesOfFreedom: 3.7) == 0)
    }

    @Test(arguments: [0.5, 3.7, 17.25, 400])
    func studentTIsSymmetric(_ df: Double) {
        for p in [0x1p-20, 0.025, 0.4] {  // 1 - p is exact for these
            let lower = Statistics.studentTQuantile(p, degreesOfFreedom: df)
            let upper = Statistics.studentTQuantile(1 - p, degreesOfFreedom: df)
            #expect(isClose(-lower, upper, tolerance: 1e-9))
        }
    }
}
