import SurveyScoring
import Testing

struct DescriptiveStatisticsTests {
    @Test(arguments: ReferenceFixture.cases(\.descriptive))
    func matchesNumpy(_ reference: ReferenceFixture.Descriptive) {
        expectClose(Statistics.mean(reference.values), reference.mean, "mean")
        expectClose(Statistics.median(reference.values), reference.median, "median")
        expectClose(Statistics.variance(reference.values), reference.variance, "variance")
    }

    @Test func undefinedForTooFewValues() {
        #expect(Statistics.mean([]) == nil)
        #expect(Statistics.median([]) == nil)
        #expect(Statistics.variance([7]) == nil)
        #expect(Statistics.variance([7, 7]) == 0)
    }

    @Test func medianIgnoresInputOrder() {
        let values = [5.0, 1, 4, 2, 3, 2.5]
        #expect(Statistics.median(values) == Statistics.median(values.reversed()))
        #expect(Statistics.median(values) == Statistics.median(values.sorted()))
    }
}
