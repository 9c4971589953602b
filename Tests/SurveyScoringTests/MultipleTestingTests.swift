import SurveyScoring
import Testing

struct MultipleTestingTests {
    @Test(arguments: ReferenceFixture.cases(\.pAdjust))
    func matchesStatsmodels(_ reference: ReferenceFixture.PAdjust) {
        let bh = Statistics.benjaminiHochberg(reference.p)
        #expect(bh.count == reference.p.count)
        for index in reference.p.indices where index < bh.count {
            expectClose(bh[index], reference.benjaminiHochberg[index], "BH[\(index)]")
        }
    }

    @Test(arguments: ReferenceFixture.cases(\.pAdjust))
    func adjustedValuesAreMonotoneCappedAndOrderFree(_ reference: ReferenceFixture.PAdjust) {
        let p = reference.p
        let adjusted = Statistics.benjaminiHochberg(p)
        for i in p.indices {
            #expect(adjusted[i] >= p[i] && adjusted[i] <= 1)
            for j in p.indices where p[i] <= p[j] {
                #expect(adjusted[i] <= adjusted[j], "not monotone at \(i), \(j)")
            }
        }
        // Reordering the family reorders the result and changes nothing else.
        let permutation = Array(p.indices.reversed())
        let shuffled = Statistics.benjaminiHochberg(permutation.map { p[$0] })
        #expect(permutation.map { adjusted[$0] } == shuffled)
    }

    @Test func tiedPValuesGetEqualAdjustedValues() {
        let p = [0.04, 0.01, 0.04, 0.2, 0.01]
        let bh = Statistics.benjaminiHochberg(p)
        #expect(bh[0] == bh[2] && bh[1] == bh[4])
    }

    @Test func emptyFamily() {
        #expect(Statistics.benjaminiHochberg([]).isEmpty)
    }
}
