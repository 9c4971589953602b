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

    @Test(arguments: ReferenceFixture.cases(\.mannWhitney))
    func mannWhitneyMatchesScipy(_ reference: ReferenceFixture.MannWhitney) {
        let test = Statistics.mannWhitneyU(reference.x, reference.y)
        expectClose(test?.u, reference.u, "U")
        expectClose(test?.p, reference.p, "p")
        expectClose(test?.cliffsDelta, reference.cliffsDelta, "Cliff's delta")
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

    @Test func mannWhitneyEdgeCases() throws {
        #expect(Statistics.mannWhitneyU([], [1, 2]) == nil)
        let tied = try #require(Statistics.mannWhitneyU([3, 3, 3], [3, 3]))
        #expect(tied.p == 1 && tied.z == 0 && tied.cliffsDelta == 0)
        let separated = try #require(Statistics.mannWhitneyU([5, 6, 7], [1, 2]))
        #expect(separated.cliffsDelta == 1 && separated.z > 0)
        let reversed = try #require(Statistics.mannWhitneyU([1, 2], [5, 6, 7]))
        #expect(reversed.cliffsDelta == -1 && reversed.z == -separated.z)
        #expect(reversed.p == separated.p)
    }
}
