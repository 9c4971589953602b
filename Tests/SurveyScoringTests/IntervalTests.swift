import SurveyScoring
import Testing

/// ``Statistics/meanInterval(count:sum:sumOfSquares:level:)`` on the sums of `values`, as
/// the scorecard keeps them.
private func meanInterval(_ values: [Double], level: Double = 0.95) -> Statistics.Estimate? {
    Statistics.meanInterval(count: values.count, sum: values.reduce(0, +),
                            sumOfSquares: values.reduce(0) { $0 + $1 * $1 }, level: level)
}

/// ``Statistics/clusteredProportionInterval(clusters:favourable:valid:favourableSquares:favourableValid:validSquares:level:)``
/// on the sums of the respondents who have a valid answer, as the scorecard keeps them.
private func clusteredProportionInterval(_ respondents: [(favourable: Int, valid: Int)], level: Double = 0.95)
    -> Statistics.Estimate?
{
    let clusters = respondents.filter { $0.valid > 0 }
    func total(_ term: ((favourable: Int, valid: Int)) -> Int) -> Double { Double(clusters.reduce(0) { $0 + term($1) }) }
    return Statistics.clusteredProportionInterval(
        clusters: clusters.count, favourable: total { $0.favourable }, valid: total { $0.valid },
        favourableSquares: total { $0.favourable * $0.favourable }, favourableValid: total { $0.favourable * $0.valid },
        validSquares: total { $0.valid * $0.valid }, level: level)
}

struct IntervalTests {
    @Test(arguments: ReferenceFixture.cases(\.meanInterval))
    func meanIntervalMatchesScipy(_ reference: ReferenceFixture.MeanInterval) {
        let estimate = meanInterval(reference.values, level: reference.level)
        expectClose(estimate?.value, reference.mean, "mean")
        expectClose(estimate?.lower, reference.lower, "lower")
        expectClose(estimate?.upper, reference.upper, "upper")
    }

    @Test(arguments: ReferenceFixture.cases(\.wilson))
    func wilsonMatchesStatsmodels(_ reference: ReferenceFixture.Wilson) {
        let estimate = Statistics.wilsonInterval(
            successes: reference.successes, trials: reference.trials, level: reference.level)
        expectClose(estimate?.value, Double(reference.successes) / Double(reference.trials),
                    "proportion")
        expectClose(estimate?.lower, reference.lower, "lower")
        expectClose(estimate?.upper, reference.upper, "upper")
    }

    @Test(arguments: ReferenceFixture.cases(\.clusteredProportion))
    func clusteredProportionMatchesTheReference(
        _ reference: ReferenceFixture.ClusteredProportion
    ) {
        let estimate = clusteredProportionInterval(
            reference.respondents, level: reference.level)
        expectClose(estimate?.value, reference.proportion, "proportion")
        expectClose(estimate?.lower, reference.lower, "lower")
        expectClose(estimate?.upper, reference.upper, "upper")
    }

    @Test func meanIntervalNeedsTwoValues() {
        #expect(meanInterval([]) == nil)
        #expect(meanInterval([4.2]) == nil)
        #expect(meanInterval([4.2, 4.2])
            == Statistics.Estimate(value: 4.2, lower: 4.2, upper: 4.2))
    }

    @Test(arguments: [1, 2, 7, 50, 1000])
    func wilsonReachesTheBoundsAtZeroAndAll(_ trials: Int) throws {
        let none = try #require(Statistics.wilsonInterval(successes: 0, trials: trials))
        #expect(none.value == 0 && none.lower == 0)
        #expect(none.upper > 0 && none.upper < 1)
        let all = try #require(Statistics.wilsonInterval(successes: trials, trials: trials))
        #expect(all.value == 1 && all.upper == 1)
        #expect(all.lower > 0 && all.lower < 1)
        // The two are mirror images.
        #expect(abs(none.upper - (1 - all.lower)) < 1e-15)
    }

    @Test func proportionIntervalsNeedData() {
        #expect(Statistics.wilsonInterval(successes: 0, trials: 0) == nil)
        #expect(clusteredProportionInterval([(favourable: 2, valid: 3)]) == nil)
        // A respondent without valid answers is not a cluster.
        #expect(clusteredProportionInterval(
            [(favourable: 2, valid: 3), (favourable: 0, valid: 0)]) == nil)
    }

    @Test func clusteredIntervalIsWiderThanTreatingAnswersAsIndependent() throws {
        // Respondents who answer all their items alike: clustering must widen the interval.
        let respondents = [(5, 5), (0, 5), (5, 5), (0, 5), (5, 5), (5, 5), (0, 5), (5, 5)]
            .map { (favourable: $0.0, valid: $0.1) }
        let clustered = try #require(clusteredProportionInterval(respondents))
        let naive = try #require(Statistics.wilsonInterval(successes: 25, trials: 40))
        #expect(clustered.value == naive.value)
        #expect(clustered.upper - clustered.lower > 1.5 * (naive.upper - naive.lower))
    }
}
