import Foundation
import SurveyCore
import SurveyScoring
import Testing

/// The expected values written by `Scripts/reference_sums.py` (numpy, scipy) for the
/// sum-based statistics the scorecard builder calls, decoded from
/// `Fixtures/reference-sums.json`.
struct SumReferenceFixture: Decodable, Sendable {
    struct Meta: Decodable, Sendable {
        var generator: String
        var seed: Int
        var numpy: String
        var scipy: String
    }

    struct Mean: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var count: Int
        var sum: Double
        var sumOfSquares: Double
        var level: Double
        var variance: Double?
        var mean: Double?
        var lower: Double?
        var upper: Double?
        var testDescription: String { name }
    }

    struct Covariance: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var count: Int
        var sumX: Double
        var sumY: Double
        var sumXY: Double
        var covariance: Double?
        var testDescription: String { name }
    }

    struct Median: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var values: [Double]
        var counts: [Int]
        var median: Double?
        var testDescription: String { name }
    }

    struct ClusteredProportion: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var clusters: Int
        var favourable: Double
        var valid: Double
        var favourableSquares: Double
        var favourableValid: Double
        var validSquares: Double
        var level: Double
        var proportion: Double?
        var lower: Double?
        var upper: Double?
        var testDescription: String { name }
    }

    var meta: Meta
    var mean: [Mean]
    var covariance: [Covariance]
    var median: [Median]
    var clusteredProportion: [ClusteredProportion]

    /// The decoded fixture, or why it could not be read.
    static let loaded: Result<SumReferenceFixture, any Error> = Result { try decodedFixture("reference-sums") }

    /// One section's cases as test arguments (empty when the file did not load).
    static func cases<Case>(_ section: KeyPath<SumReferenceFixture, [Case]>) -> [Case] {
        (try? loaded.get())?[keyPath: section] ?? []
    }
}

struct SumStatisticsTests {
    @Test func loadsEverySection() throws {
        let fixture = try SumReferenceFixture.loaded.get()
        #expect(fixture.meta.generator == "Scripts/reference_sums.py")
        #expect(fixture.mean.count >= 5 && fixture.covariance.count >= 5 && fixture.median.count >= 5 && fixture.clusteredProportion.count >= 5)
    }

    @Test(arguments: SumReferenceFixture.cases(\.mean))
    func varianceFromSumsMatchesNumpy(_ reference: SumReferenceFixture.Mean) {
        let variance = Statistics.variance(
            count: reference.count, sum: reference.sum, sumOfSquares: reference.sumOfSquares)
        expectClose(variance, reference.variance, "variance")
    }

    @Test(arguments: SumReferenceFixture.cases(\.mean))
    func meanIntervalFromSumsMatchesScipy(_ reference: SumReferenceFixture.Mean) {
        let estimate = Statistics.meanInterval(
            count: reference.count, sum: reference.sum, sumOfSquares: reference.sumOfSquares,
            level: reference.level)
        expectClose(estimate?.value, reference.mean, "mean")
        expectClose(estimate?.lower, reference.lower, "lower")
        expectClose(estimate?.upper, reference.upper, "upper")
    }

    @Test(arguments: SumReferenceFixture.cases(\.covariance))
    func covarianceFromSumsMatchesNumpy(_ reference: SumReferenceFixture.Covariance) {
        let covariance = Statistics.covariance(
            count: reference.count, sumX: reference.sumX, sumY: reference.sumY, sumXY: reference.sumXY)
        expectClose(covariance, reference.covariance, "covariance")
    }

    @Test(arguments: SumReferenceFixture.cases(\.median))
    func medianFromCountsMatchesNumpy(_ reference: SumReferenceFixture.Median) {
        let counts = Dictionary(uniqueKeysWithValues: zip(reference.values, reference.counts))
        expectClose(Statistics.median(counts: counts), reference.median, "median")
    }

    @Test(arguments: SumReferenceFixture.cases(\.clusteredProportion))
    func clusteredProportionFromSumsMatchesTheReference(
        _ reference: SumReferenceFixture.ClusteredProportion
    ) {
        let estimate = Statistics.clusteredProportionInterval(
            clusters: reference.clusters, favourable: reference.favourable, valid: reference.valid,
            favourableSquares: reference.favourableSquares, favourableValid: reference.favourableValid,
            validSquares: reference.validSquares, level: reference.level)
        expectClose(estimate?.value, reference.proportion, "proportion")
        expectClose(estimate?.lower, reference.lower, "lower")
        expectClose(estimate?.upper, reference.upper, "upper")
    }

    @Test func constantValuesHaveAPointInterval() throws {
        // 2.2 seven times: Σx² - Σx·x̄ is rounding noise, not a spread.
        let estimate = try #require(Statistics.meanInterval(
            count: 7, sum: 15.400000000000002, sumOfSquares: 33.88))
        #expect(estimate.lower == estimate.value && estimate.upper == estimate.value)
    }

    @Test func intervalIsTheEstimatesBounds() {
        let estimate = Statistics.Estimate(value: 0.5, lower: 0.25, upper: 0.75)
        #expect(estimate.interval.lower == 0.25 && estimate.interval.upper == 0.75)
    }
}
