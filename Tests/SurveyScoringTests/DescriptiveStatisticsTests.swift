import SurveyScoring
import Testing

/// The count, sum and sum of squares of `values`, accumulated one value at a time as the
/// scorecard keeps them.
private func sums(_ values: [Double]) -> (count: Int, sum: Double, sumOfSquares: Double) {
    values.reduce((0, 0, 0)) { ($0.count + 1, $0.sum + $1, $0.sumOfSquares + $1 * $1) }
}

/// `values` as a histogram (value → count), as the scorecard keeps a flag's answers.
private func histogram(_ values: [Double]) -> [Double: Int] {
    values.reduce(into: [:]) { $0[$1, default: 0] += 1 }
}

struct DescriptiveStatisticsTests {
    @Test(arguments: ReferenceFixture.cases(\.descriptive))
    func matchesNumpy(_ reference: ReferenceFixture.Descriptive) {
        let sums = sums(reference.values)
        expectClose(Statistics.mean(count: sums.count, sum: sums.sum), reference.mean, "mean")
        expectClose(Statistics.median(counts: histogram(reference.values)), reference.median, "median")
        expectClose(Statistics.variance(reference.values), reference.variance, "variance")
    }

    @Test func undefinedForTooFewValues() {
        #expect(Statistics.mean(count: 0, sum: 0) == nil)
        #expect(Statistics.median(counts: [:]) == nil)
        #expect(Statistics.variance([7]) == nil)
        #expect(Statistics.variance([7, 7]) == 0)
    }

    @Test func medianIgnoresInputOrder() {
        let values = [5.0, 1, 4, 2, 3, 2.5]
        #expect(Statistics.median(counts: histogram(values)) == Statistics.median(counts: histogram(values.reversed())))
        #expect(Statistics.median(counts: histogram(values)) == Statistics.median(counts: histogram(values.sorted())))
    }
}
