import SurveyCore
import SurveyTestSupport
import Testing
@testable import SurveyScoring

/// Feeds the pilot survey's builder respondents with given Strategy scores.
private struct ComparisonPopulation {
    let pilot: PilotAnswers
    let builder: ScorecardBuilder

    init(divisions: [String], minGroup: Int = 5) throws {
        pilot = try PilotAnswers()
        var population = Population()
        for (offset, name) in divisions.enumerated() { population.division(Int64(offset + 2), name) }
        builder = ScorecardBuilder(survey: pilot.survey, wave: "W", units: population.units, minGroup: minGroup)
    }

    /// Adds respondents to division `index` (0-based) whose Strategy score is each of `scores`
    /// (multiples of 0.5 in 1...5); `interviews` sets the Discovery score of Product Owners.
    func add(division index: Int, scores: [Double], role: Role = .engineering, interviews: Int? = nil) {
        for score in scores {
            let metric = Int(score.rounded(.up))
            let other = Int(2 * score) - metric
            let bytes = pilot.bytes(metric: metric, noProblem: 6 - other, interviews: interviews, role: role)
            bytes.withUnsafeBytes { builder.add(division: Int64(index + 2), team: nil, role: role, answers: $0) }
        }
    }
}

struct GroupComparisonRuleTests {
    @Test func welchFromSummariesHasNoTestWithoutVarianceAndNeedsTwoValues() {
        #expect(Statistics.welchTTest(mean1: 3, variance1: 0, n1: 3, mean2: 4, variance2: 0, n2: 2) == .zeroVariance(difference: -1))
        #expect(Statistics.welchTTest(mean1: 3, variance1: 1, n1: 1, mean2: 4, variance2: 1, n2: 5) == .tooFewObservations)
    }

    @Test(arguments: [
        (20.0, 0.001, true), (-5.0, 0.049, true), (4.0, 1e-12, false), (4.999, 1e-6, false), (30.0, 0.05, false), (30.0, 0.3, false),
    ])
    func calloutNeedsBothSignificanceAndFivePoints(_ difference: Double, pAdjusted: Double, expected: Bool) {
        #expect(CalloutRule.isCalledOut(difference: difference, pAdjusted: pAdjusted) == expected)
        #expect(!CalloutRule.isCalledOut(difference: difference, pAdjusted: nil))
    }

    @Test func aLargeDifferenceOnManyRespondentsIsCalledOut() throws {
        let groups = try ComparisonPopulation(divisions: ["High", "Low"])
        groups.add(division: 0, scores: Array(repeating: [4, 4.5, 3.5, 4], count: 20).flatMap { $0 })
        groups.add(division: 1, scores: Array(repeating: [2, 2.5, 3, 2], count: 20).flatMap { $0 })
        let comparison = groups.builder.comparison(by: .division, pairs: false)
        let high = try #require(comparison.comparisons.first { $0.group == "High" && $0.dimension == "strategy" })
        #expect(high.against == ScorecardBuilder.restOfOrganisation)
        #expect(isClose(high.test.difference, (4.0 - 2.375) * 25, tolerance: 1e-9))
        #expect(high.test.calledOut)
        #expect((high.test.pAdjusted ?? 1) < 1e-10)
        #expect(comparison.rule == CalloutRule.sentence)
    }

    @Test func aFourPointDifferenceIsNotCalledOutEvenWithATinyP() throws {
        let groups = try ComparisonPopulation(divisions: ["A", "B"])
        // 32% of A score 3.5, the rest 3: A's mean is 0.16 above B's, i.e. 4 points on 0–100.
        groups.add(division: 0, scores: Array(repeating: 3.5, count: 640) + Array(repeating: 3, count: 1360))
        groups.add(division: 1, scores: Array(repeating: 3, count: 1000))
        groups.add(division: 1, scores: [2.5, 3.5])
        let comparison = groups.builder.comparison(by: .division, pairs: true)
        let test = try #require(comparison.comparisons.first { $0.dimension == "strategy" }?.test)
        #expect(abs(test.difference - 4) < 0.1)
        #expect((test.pAdjusted ?? 1) < 1e-20)
        #expect(!test.calledOut)
    }

    @Test func aLargeDifferenceOnAFewRespondentsIsNotCalledOut() throws {
        let groups = try ComparisonPopulation(divisions: ["A", "B"])
        groups.add(division: 0, scores: [3, 4, 5, 2, 4.5])
        groups.add(division: 1, scores: [3.5, 2, 4, 3, 2.5])
        let comparison = groups.builder.comparison(by: .division, pairs: true)
        let test = try #require(comparison.comparisons.first { $0.dimension == "strategy" }?.test)
        #expect(test.difference >= 15)
        #expect((test.pAdjusted ?? 0) > 0.05)
        #expect(!test.calledOut)
    }

    @Test func benjaminiHochbergRunsOverEveryTestInTheOutput() throws {
        let groups = try ComparisonPopulation(divisions: ["A", "B", "C"])
        groups.add(division: 0, scores: [3, 4, 4.5, 3.5, 4, 3, 4, 4.5], role: .productOwner, interviews: 4)
        groups.add(division: 0, scores: [3, 3.5], role: .productOwner, interviews: 5)
        groups.add(division: 1, scores: [2, 3, 2.5, 3.5, 3, 2, 3, 2.5], role: .productOwner, interviews: 2)
        groups.add(division: 1, scores: [3, 1.5], role: .productOwner, interviews: 3)
        groups.add(division: 2, scores: [3, 3.5, 2.5, 4, 3, 2, 3.5, 3], role: .productOwner, interviews: 3)
        groups.add(division: 2, scores: [2, 4], role: .productOwner, interviews: 4)
        let comparison = groups.builder.comparison(by: .division, pairs: false)
        // Three groups × two dimensions, one family.
        #expect(comparison.comparisons.count == 6)
        #expect(Set(comparison.comparisons.map(\.dimension)) == ["strategy", "discovery"])
        let raw = comparison.comparisons.compactMap(\.test.p)
        #expect(raw.count == 6)
        let expected = Statistics.benjaminiHochberg(raw)
        #expect(comparison.comparisons.compactMap(\.test.pAdjusted) == expected)
        for comparison in comparison.comparisons {
            #expect(comparison.test.calledOut == CalloutRule.isCalledOut(difference: comparison.test.difference, pAdjusted: comparison.test.pAdjusted))
        }
    }

    @Test func bothGroupsWithoutVarianceHaveNoTest() throws {
        let groups = try ComparisonPopulation(divisions: ["A", "B"])
        groups.add(division: 0, scores: Array(repeating: 4, count: 10))
        groups.add(division: 1, scores: Array(repeating: 2, count: 10))
        let comparison = groups.builder.comparison(by: .division, pairs: false)
        let tests = comparison.comparisons.filter { $0.dimension == "strategy" }.map(\.test)
        #expect(tests.count == 2)
        for test in tests {
            #expect(test.status == .noTest)
            #expect(test.p == nil && test.pAdjusted == nil && test.ci95 == nil && test.hedgesG == nil)
            #expect(!test.calledOut)
            #expect(abs(test.difference) == 50)
        }
        #expect(comparison.notes.contains { $0.contains("no test") })
    }

    @Test func hiddenGroupsAreNeverComparedAndTheirSmallestSiblingIsHiddenToo() throws {
        let groups = try ComparisonPopulation(divisions: ["Tiny", "Mid", "Large"])
        groups.add(division: 0, scores: [1, 1.5, 2])
        groups.add(division: 1, scores: Array(repeating: [3, 3.5], count: 4).flatMap { $0 })
        groups.add(division: 2, scores: Array(repeating: [4, 4.5], count: 10).flatMap { $0 })
        for pairs in [false, true] {
            let comparison = groups.builder.comparison(by: .division, pairs: pairs)
            #expect(comparison.groups.map { "\($0.name):\($0.suppressed)" } == ["Large:false", "Mid:true", "Tiny:true"])
            for hidden in comparison.groups where hidden.suppressed {
                #expect(hidden.respondents == nil && hidden.scores.isEmpty)
            }
            #expect(!comparison.comparisons.contains { ["Tiny", "Mid"].contains($0.group) || ["Tiny", "Mid"].contains($0.against) })
        }
        // Large against the rest: the rest (Tiny and Mid, 11 people) is large enough.
        let rest = groups.builder.comparison(by: .division, pairs: false)
        #expect(rest.comparisons.map(\.group) == ["Large"])
    }

    @Test func aGroupWhoseRestIsTooSmallIsHiddenAndNotCompared() throws {
        let groups = try ComparisonPopulation(divisions: ["Small", "Large"])
        groups.add(division: 0, scores: [1, 2, 3])
        groups.add(division: 1, scores: Array(repeating: [4, 4.5, 3], count: 10).flatMap { $0 })
        let comparison = groups.builder.comparison(by: .division, pairs: false)
        // Large minus the organisation would reveal Small's three people: both are hidden.
        #expect(comparison.groups.allSatisfy { $0.suppressed })
        #expect(comparison.comparisons.isEmpty)
        #expect(comparison.organisation.scores.first?.score100 != nil)
    }

    @Test func roleGroupsAreSuppressedComplementarilyInComparisons() throws {
        let groups = try ComparisonPopulation(divisions: ["D"])
        groups.add(division: 0, scores: [2, 3, 2.5], role: .productOwner)
        groups.add(division: 0, scores: Array(repeating: [3, 4], count: 10).flatMap { $0 }, role: .productManager)
        groups.add(division: 0, scores: Array(repeating: [3.5, 4.5, 2], count: 10).flatMap { $0 }, role: .engineering)
        let comparison = groups.builder.comparison(by: .role, pairs: false)
        #expect(comparison.groups.map { "\($0.name):\($0.suppressed)" } == ["Product Owner:true", "Product Manager:true", "Others:false"])
        #expect(Set(comparison.comparisons.map(\.group)) == ["Others"])
    }
}

struct TrendContinuityTests {
    @Test func rewordedItemsBreakUnlessCarriedOver() throws {
        let v1 = try SurveyFixtures.minimal()
        var v2 = v1
        v2.version = 2
        v2.dimensions[0].items[0].text = "I can name the outcome my team is moving."
        let broken = TrendAnalysis.continuity(from: v1, to: v2)
        #expect(broken["strategy"]?.shared == ["no_problem"])
        #expect(broken["strategy"]?.reworded == ["metric"])
        v2.carryOver = ["metric"]
        #expect(TrendAnalysis.continuity(from: v1, to: v2)["strategy"]?.shared == ["metric", "no_problem"])
        // Whitespace alone is not a rewording.
        v2.carryOver = []
        v2.dimensions[0].items[0].text = "I can  name the metric my team\nis moving."
        #expect(TrendAnalysis.continuity(from: v1, to: v2)["strategy"]?.reworded == [])
    }
}
