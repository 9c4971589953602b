import Testing
@testable import SurveyScoring

/// Cronbach's alpha as the scorecard computes it: `rows` (one per respondent, `nil` a missing
/// answer) added to the builder's pairwise sums, then alpha from their covariance matrix.
private func cronbachAlpha(_ rows: [[Double?]]) -> Statistics.Reliability? {
    guard let k = rows.first?.count else { return nil }
    var sums = ItemPairSums(itemCount: k)
    for row in rows { sums.add { row[$0] } }
    return sums.covarianceMatrix.flatMap(Statistics.cronbachAlpha(covariance:))
}

struct ReliabilityTests {
    @Test(arguments: ReferenceFixture.cases(\.reliability))
    func matchesPingouinAndPsych(_ reference: ReferenceFixture.Reliability) {
        let result = cronbachAlpha(reference.rows)
        expectClose(result?.alpha, reference.alpha, "alpha")
        expectClose(result?.standardizedAlpha, reference.standardizedAlpha, "standardised alpha")
        #expect((result?.items.count ?? 0) == reference.items.count)
        for (index, (item, expected)) in zip(result?.items ?? [], reference.items).enumerated() {
            expectClose(item.alphaIfDropped, expected.alphaIfDropped,
                        "alpha if item \(index) dropped")
            expectClose(item.itemRestCorrelation, expected.itemRestCorrelation,
                        "item \(index)-rest correlation")
        }
    }

    @Test func nonPositiveSemiDefiniteMatrixGivesNoAlpha() throws {
        // The fixture holds a pairwise-deleted data set where pingouin's alpha exceeds 1.
        let reference = try #require(
            ReferenceFixture.cases(\.reliability).first { ($0.pingouinRaw ?? 0) > 1 })
        #expect(cronbachAlpha(reference.rows) == nil)
    }

    @Test func needsTwoItemsAndVariance() {
        #expect(cronbachAlpha([[1], [2], [3]]) == nil)
        #expect(cronbachAlpha([[1, 2]]) == nil)
        #expect(cronbachAlpha([[3, 3], [3, 3], [3, 3]]) == nil)
        // Items never answered together by two respondents have no covariance.
        #expect(cronbachAlpha([[1, nil], [2, nil], [nil, 3], [nil, 4]]) == nil)
    }

    @Test func perfectlyConsistentItemsHaveAlphaOne() throws {
        let rows: [[Double?]] = [[1, 2, 3], [2, 3, 4], [4, 5, 6], [5, 6, 7]]
        let result = try #require(cronbachAlpha(rows))
        #expect(abs(result.alpha - 1) < 1e-12 && result.alpha <= 1)
        #expect(abs((result.standardizedAlpha ?? 0) - 1) < 1e-12)
    }
}
