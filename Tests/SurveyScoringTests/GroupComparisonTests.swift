import SurveyScoring
import Testing

struct GroupComparisonTests {
    @Test(arguments: ReferenceFixture.cases(\.welch))
    func welchMatchesScipyAndPingouin(_ reference: ReferenceFixture.Welch) {
        let outcome = Statistics.welchTTest(reference.x, reference.y, level: reference.level)
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
        #expect(Statistics.welchTTest([3, 3, 3], [4, 4]) == .zeroVariance(difference: -1))
        #expect(Statistics.welchTTest([2, 2], [2, 2, 2]) == .zeroVariance(difference: 0))
    }

    @Test func welchNeedsTwoValuesPerGroup() {
        #expect(Statistics.welchTTest([3], [1, 2, 3]) == .tooFewObservations)
        #expect(Statistics.welchTTest([1, 2, 3], []) == .tooFewObservations)
    }

    @Test func welchIsAntisymmetric() throws {
        let x = [3.1, 3.4, 2.9, 4.0, 3.6]
        let y = [2.4, 2.9, 3.1, 2.2, 2.6, 2.8]
        guard case let .test(forward) = Statistics.welchTTest(x, y),
              case let .test(backward) = Statistics.welchTTest(y, x) else {
            Issue.record("expected both tests to run")
            return
        }
        #expect(forward.t == -backward.t)
        #expect(forward.p == backward.p)
        #expect(forward.hedgesG == -backward.hedgesG)
        #expect(isClose(forward.lower, -backward.upper, tolerance: 1e-14))
    }
}
