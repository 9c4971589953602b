import Foundation
import SurveyCore
import SurveyDefinition
import SurveyKit
import SurveyTestSupport
import Testing

/// Rows of the pilot export whose Strategy score is `score` (a multiple of 0.5).
private func strategyRows(_ prefix: String, scores: [Double], at time: String, division: String = "Retail",
                          role: String = "PO", interviews: String = "4") -> [String] {
    scores.enumerated().map { index, score in
        let metric = Int(score.rounded(.up))
        let other = Int(2 * score) - metric
        return PilotCSV.row("\(prefix)\(index)", at: time, division: division, role: role, metric: String(metric),
                            noProblem: String(6 - other), interviews: interviews)
    }
}

/// The pilot survey as version 2, with some items reworded.
private func pilotVersion2(rewording items: [String: String], carryOver: [String] = []) throws -> Survey {
    var yaml = SurveyFixtures.minimalYAML.replacingOccurrences(of: "version: 1", with: "version: 2\nprevious_version: 1")
    if !carryOver.isEmpty { yaml = yaml.replacingOccurrences(of: "title: Pilot survey", with: "title: Pilot survey\ncarry_over: [\(carryOver.joined(separator: ", "))]") }
    let texts = ["metric": "I can name the metric my team is moving.", "interviews": "In the past 4 weeks I interviewed a user."]
    for (id, text) in items { yaml = yaml.replacingOccurrences(of: texts[id] ?? id, with: text) }
    return try loadSurvey(yaml: yaml, file: "pilot-v2.yaml")
}

struct CompareAndTrendTests {
    @Test func compareReadsTheStoreAndStatesTheRule() throws {
        let fixture = try ImportFixture()
        let rows = strategyRows("a", scores: Array(repeating: [4, 4.5, 3.5], count: 10).flatMap { $0 }, at: "2026-02-10T09:00:00Z", division: "Retail")
            + strategyRows("b", scores: Array(repeating: [2, 2.5, 3], count: 10).flatMap { $0 }, at: "2026-02-10T09:00:00Z", division: "Payments")
            + strategyRows("c", scores: [3, 4], at: "2026-02-10T09:00:00Z", division: "Tiny")
        _ = try fixture.importFiles([try fixture.file("q1.csv", PilotCSV.file(rows))])
        let comparison = try makeComparison(store: fixture.store, wave: "2026-Q1", organisation: "Acme", by: .division, pairs: false)
        // Tiny is hidden, and with it the first of its equally large siblings.
        #expect(comparison.groups.map { "\($0.name):\($0.suppressed)" } == ["Payments:true", "Retail:false", "Tiny:true"])
        #expect(!comparison.comparisons.contains { $0.group != "Retail" })
        let text = try renderedComparison(comparison, as: .text)
        #expect(text.contains(comparison.rule))
        let hiddenLines = text.split(separator: "\n").filter { $0.hasPrefix("Payments") || $0.hasPrefix("Tiny") }
        #expect(hiddenLines.count == 4)
        #expect(hiddenLines.allSatisfy { $0.hasSuffix("hidden") && !$0.contains { $0.isNumber } })
        for format in AnalysisFormat.allCases {
            #expect(try !renderedComparison(comparison, as: format).isEmpty)
        }
        #expect(throws: (any Error).self) {
            try makeComparison(store: fixture.store, wave: "2030-Q1", organisation: "Acme", by: .division, pairs: false)
        }
    }

    @Test func htmlMarksCalledOutCellsWithTextAndEscapesNames() throws {
        let fixture = try ImportFixture()
        let rows = strategyRows("a", scores: Array(repeating: [4, 4.5, 3.5], count: 10).flatMap { $0 }, at: "2026-02-10T09:00:00Z", division: "<Retail & Co>")
            + strategyRows("b", scores: Array(repeating: [2, 2.5, 3], count: 10).flatMap { $0 }, at: "2026-02-10T09:00:00Z", division: "Payments")
        _ = try fixture.importFiles([try fixture.file("q1.csv", PilotCSV.file(rows))])
        let comparison = try makeComparison(store: fixture.store, wave: "2026-Q1", organisation: "Acme", by: .division, pairs: false)
        #expect(comparison.comparisons.filter(\.test.calledOut).count >= 2)
        let html = try renderedComparison(comparison, as: .html)
        #expect(html.contains("&lt;Retail &amp; Co&gt;"))
        #expect(!html.contains("<Retail"))
        #expect(html.contains("▲") && html.contains("▼"))
        #expect(html.contains("Where each flag fires"))
    }

    @Test func aRewordedItemBreaksTheTrendLine() throws {
        let fixture = try ImportFixture()
        let q1 = strategyRows("a", scores: Array(repeating: [3, 3.5, 4], count: 4).flatMap { $0 }, at: "2026-02-10T09:00:00Z")
        _ = try fixture.importFiles([try fixture.file("q1.csv", PilotCSV.file(q1))])
        let v2 = try pilotVersion2(rewording: ["metric": "I can name the outcome my team is moving.",
                                               "interviews": "In the past month I interviewed a customer."])
        let q2 = strategyRows("b", scores: Array(repeating: [3, 3.5, 4], count: 4).flatMap { $0 }, at: "2026-05-10T09:00:00Z")
        let imported = try importExports(ImportRequest(files: [try fixture.file("q2.csv", PilotCSV.file(q2))], survey: v2,
                                                       settings: ImportSettings(organisation: nil)), into: fixture.store)
        #expect(imported.first?.failed == false)
        let trend = try makeTrend(store: fixture.store, organisation: "Acme")
        #expect(trend.waves.map(\.label) == ["2026-Q1", "2026-Q2"])
        #expect(trend.waves.map(\.surveyVersion) == [1, 2])
        let organisation = try #require(trend.units.first)
        let strategy = try #require(organisation.lines.first { $0.dimension == "strategy" }?.points.last?.delta)
        #expect(strategy.sharedItems == ["no_problem"])
        let discovery = try #require(organisation.lines.first { $0.dimension == "discovery" }?.points.last?.delta)
        #expect(discovery.status == .lineBroken)
        #expect(discovery.test == nil)
        #expect(trend.notes.contains { $0.contains("'metric' was reworded in pilot@2 without carry_over") })
        #expect(trend.notes.contains { $0.contains("Discovery: no item continues") })
        let text = try renderedTrend(trend, as: .text)
        #expect(text.contains("line breaks"))
    }

    @Test func aSignificantImprovementIsMarkedImprovedAndSmallGroupsShowNothing() throws {
        let fixture = try ImportFixture()
        let q1 = strategyRows("a", scores: Array(repeating: [2, 2.5, 3, 2], count: 10).flatMap { $0 }, at: "2026-02-10T09:00:00Z")
            + strategyRows("t", scores: [3, 3.5, 4], at: "2026-02-10T09:00:00Z", division: "Tiny")
            + strategyRows("o", scores: [3, 3.5, 4, 3, 2, 2.5], at: "2026-02-10T09:00:00Z", division: "Other")
        let q2 = strategyRows("b", scores: Array(repeating: [4, 3.5, 4.5, 4], count: 10).flatMap { $0 }, at: "2026-05-10T09:00:00Z")
            + strategyRows("u", scores: [1, 1.5, 2], at: "2026-05-10T09:00:00Z", division: "Tiny")
            + strategyRows("p", scores: [3, 3.5, 4, 3, 2, 2.5], at: "2026-05-10T09:00:00Z", division: "Other")
        let results = try fixture.importFiles([try fixture.file("q1.csv", PilotCSV.file(q1)), try fixture.file("q2.csv", PilotCSV.file(q2))])
        #expect(results.map(\.failed) == [false, false])
        let trend = try makeTrend(store: fixture.store, organisation: "Acme", unit: "Retail")
        let retail = try #require(trend.units.first)
        #expect(retail.name == "Retail")
        let points = try #require(retail.lines.first { $0.dimension == "strategy" }?.points)
        #expect(points.map(\.n) == [40, 40])
        let delta = try #require(points.last?.delta)
        #expect(delta.status == .improved)
        #expect(isClose(delta.test?.difference ?? 0, (4.0 - 2.375) * 25))
        #expect(try renderedTrend(trend, as: .text).contains("▲ improved"))

        // Tiny (3 respondents a wave) is hidden in every wave, and Other (6) with it.
        let organisation = try makeTrend(store: fixture.store, organisation: "Acme")
        let hidden = organisation.units.filter { ["Tiny", "Other"].contains($0.name) }
        #expect(hidden.count == 2)
        for point in hidden.flatMap(\.lines).flatMap(\.points) {
            #expect(point.suppressed && point.n == nil && point.score100 == nil && point.ci95 == nil)
            #expect(point.delta.map { $0.status == .suppressed && $0.test == nil } ?? true)
        }
        #expect(throws: (any Error).self) { try makeTrend(store: fixture.store, organisation: "Acme", unit: "Nowhere") }
    }
}

private func isClose(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }
