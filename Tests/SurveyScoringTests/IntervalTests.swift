import SurveyScoring
import Testing

struct IntervalTests {
    @Test(arguments: ReferenceFixture.cases(\.meanInterval))
    func meanIntervalMatchesScipy(_ reference: ReferenceFixture.MeanInterval) {
        let estimate = Statistics.meanInterval(reference.values, level: reference.level)
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

    @Test(arguments: ReferenceFixture.cases(\.newcombe))
    func newcombeMatchesStatsmodels(_ reference: ReferenceFixture.Newcombe) {
        let estimate = Statistics.newcombeInterval(
            successes1: reference.successes1, trials1: reference.trials1,
            successes2: reference.successes2, trials2: reference.trials2,
            level: reference.level)
        expectClose(estimate?.value, reference.difference, "difference")
        expectClose(estimate?.lower, reference.lower, "lower")
        expectClose(estimate?.upper, reference.upper, "upper")
    }

    @Test(arguments: ReferenceFixture.cases(\.clusteredProportion))
    func clusteredProportionMatchesTheReference(
        _ reference: ReferenceFixture.ClusteredProportion
    ) {
        let estimate = Statistics.clusteredProportionInterval(
            reference.respondents, level: reference.level)
        expectClose(estimate?.value, reference.proportion, "proportion")
        expectClose(estimate?.lower, reference.lower, "lower")
        expectClose(estimate?.upper, reference.upper, "upper")
    }

    @Test func meanIntervalNeedsTwoValues() {
        #expect(Statistics.meanInterval([]) == nil)
        #expect(Statistics.meanInterval([4.2]) == nil)
        #expect(Statistics.meanInterval([4.2, 4.2])
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
        #expect(Statistics.newcombeInterval(
            successes1: 1, trials1: 2, successes2: 0, trials2: 0) == nil)
        #expect(Statistics.clusteredProportionInterval([(favourable: 2, valid: 3)]) == nil)
        // A respondent without valid answers is not a cluster.
        #expect(Statistics.clusteredProportionInterval(
            [(favourable: 2, valid: 3), (favourable: 0, valid: 0)]) == nil)
    }

    @Test func clusteredIntervalIsWiderThanTreatingAnswersAsIndependent() throws {
        // Respondents who answer all their items alike: clustering must widen the interval.
        let respondents = [(5, 5), (0, 5), (5, 5), (0, 5), (5, 5), (5, 5), (0, 5), (5, 5)]
            .map { (favourable: $0.0, valid: $0.1) }
        let clustered = try #require(Statistics.clusteredProportionInterval(respondents))
        let naive = try #require(Statistics.wilsonInterval(successes: 25, trials: 40))
        #expect(clustered.value == naive.value)
        #expect(clustered.upper - clustered.lower > 1.5 * (naive.upper - naive.lower))
    }
}
