import Testing
@testable import SurveyScoring

/// Welch's test as the scorecard runs it: each group's count, Σx and Σx² accumulated one value
/// at a time, then its mean and variance from those sums; a group below 2 values has no test.
private func welchTTest(_ x: [Double], _ y: [Double], level: Double = 0.95) -> Statistics.WelchOutcome {
    func sums(_ values: [Double]) -> ScoreSums {
        var sums = ScoreSums()
        for value in values { sums.add(value) }
        return sums
    }
    return sums(x).welchTest(against: sums(y), level: level) ?? .tooFewObservations
}

struct GroupComparisonTests {
    @Test(arguments: ReferenceFixture.cases(\.welch))
    func welchMatchesScipyAndPingouin(_ reference: ReferenceFixture.Welch) {
        let outcome = welchTTest(reference.x, reference.y, level: reference.level)
        switch (outcome, reference.outcome) {
        case let (.test(test), "test"):
            expectClose(test.difference, reference.difference, "difference")
            expectClose(test.t, reference.t, "t")
            expectClose(test.degreesOfFreedom, reference.df, "df")
            expectClose(test.p, reference.p, "p")
            expectClose(test.lower, reference.lower, "lower")
            expectClose(test.upper, reference.upper, "upper")
            expectClose(test.hedgesG, reference.hedgesG, "Hedges' g")
        case let (.zeroVariance(difference), "zeroVariance"):
            expectClose(difference, reference.difference, "difference")
        case (.tooFewObservations, "tooFewObservations"):
            break
        default:
            Issue.record("got \(outcome), expected \(reference.outcome)")
        }
    }

    @Test func bothVariancesZeroIsNoTest() {
        #expect(welchTTest([3, 3, 3], [4, 4]) == .zeroVariance(difference: -1))
        #expect(welchTTest([2, 2], [2, 2, 2]) == .zeroVariance(difference: 0))
    }

    @Test func welchNeedsTwoValuesPerGroup() {
        #expect(welchTTest([3], [1, 2, 3]) == .tooFewObservations)
        #expect(welchTTest([1, 2, 3], []) == .tooFewObservations)
    }

    @Test func welchIsAntisymmetric() throws {
        let x = [3.1, 3.4, 2.9, 4.0, 3.6]
        let y = [2.4, 2.9, 3.1, 2.2, 2.6, 2.8]
        guard case let .test(forward) = welchTTest(x, y),
              case let .test(backward) = welchTTest(y, x) else {
            Issue.record("expected both tests to run")
            return
        }
        #expect(forward.t == -backward.t)
        #expect(forward.p == backward.p)
        #expect(forward.hedgesG == -backward.hedgesG)
        #expect(isClose(forward.lower, -backward.upper, tolerance: 1e-14))
    }
}
