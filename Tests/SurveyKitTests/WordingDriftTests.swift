import Foundation
import SurveyCore
import SurveyKit
import SurveyTestSupport
import Testing

/// Wording drift: a wave whose headers word an item differently from the last earlier wave.
struct WordingDriftTests {
    /// Imports `rows` under `header`, reading it through the pilot mapping with `renamed`
    /// column headings (old → new) applied to both.
    func importWave(_ fixture: ImportFixture, name: String, renamed: [(String, String)], rows: [String],
                    organisation: String = "Acme") throws -> FileImportResult {
        var header = MappedCSV.header
        var yaml = SurveyFixtures.pilotMappingYAML
        for (old, new) in renamed {
            header = header.replacingOccurrences(of: old, with: new)
            yaml = yaml.replacingOccurrences(of: "\"\(old)\"", with: "\"\(new)\"")
        }
        let mappingPath = try fixture.file(name + ".yaml", yaml)
        let mapping = try SurveyCatalog(directory: fixture.directory.path, includeEmbedded: false).loadMapping(path: mappingPath)
        let path = try fixture.file(name + ".csv", ([header] + rows).joined(separator: "\n"))
        return try fixture.importFiles([path], settings: ImportSettings(organisation: organisation, mapping: mapping.mapping)) {
            $0.survey = mapping.survey
        }[0]
    }

    static let q1 = MappedCSV.rows
    static let q2 = MappedCSV.rows.map { $0.replacingOccurrences(of: "2026-02-1", with: "2026-05-1") }
    static let q3 = MappedCSV.rows.map { $0.replacingOccurrences(of: "2026-02-1", with: "2026-08-1") }

    func makeFixture() throws -> ImportFixture {
        let fixture = try ImportFixture()
        try Data(SurveyFixtures.minimalYAML.utf8).write(to: fixture.directory.appendingPathComponent("pilot.yaml"))
        return fixture
    }

    @Test func aRewordedItemIsReportedAndTrivialChangesAreNot() throws {
        let fixture = try makeFixture()
        let first = try importWave(fixture, name: "q1", renamed: [("Metric?", "Which metric are you moving?")], rows: Self.q1)
        #expect(first.wordingChanges == [])
        #expect(try fixture.store.rows("SELECT itemId || '=' || headerText FROM itemWording ORDER BY itemId") == [
            "contact=Contact", "meetings=Meetings", "metric=Which metric are you moving?", "no_problem=Problem",
            "training=Training [Certification]",
        ])
        let second = try importWave(fixture, name: "q2", renamed: [("Metric?", "Can you name the metric your team moves?"),
                                                                   ("Contact", "Q3. <b>contact</b>"), ("Problem", "4 - problem")],
                                    rows: Self.q2)
        let path = fixture.directory.appendingPathComponent("q2.csv").path
        #expect(second.wordingChanges.map(\.item) == ["metric"])
        #expect(second.diagnostics.map(\.description).filter { $0.contains("worded differently") } == [
            "\(path):1:32: warning: item 'metric' is worded differently from wave 2026-Q1: was \"Which metric are you moving?\", now \"Can you name the metric your team moves?\"; if it means the same, list it under carry_over in the survey's next version, otherwise give it a new item id",
        ])
        #expect(second.batchID != nil)
    }

    @Test func theComparisonIsWithTheLatestEarlierWaveOfTheSameOrganisation() throws {
        let fixture = try makeFixture()
        _ = try importWave(fixture, name: "q1", renamed: [("Metric?", "Wording A")], rows: Self.q1)
        _ = try importWave(fixture, name: "q3", renamed: [("Metric?", "Wording C")], rows: Self.q3)
        // Q2 arrives late: it is compared with Q1, the latest wave before it, not with Q3.
        let late = try importWave(fixture, name: "q2", renamed: [("Metric?", "Wording B")], rows: Self.q2)
        #expect(late.wordingChanges.map { "\($0.previousWave): \($0.previousText) -> \($0.text)" } == ["2026-Q1: Wording A -> Wording B"])
        // Another organisation's earlier wave is not this one's wording.
        let other = try importWave(fixture, name: "other", renamed: [("Metric?", "Wording D")],
                                   rows: Self.q3, organisation: "Globex")
        #expect(other.wordingChanges == [])
    }

    @Test func anItemTheNewVersionCarriesOverIsNotReportedAgain() throws {
        let fixture = try makeFixture()
        _ = try importWave(fixture, name: "q1", renamed: [], rows: Self.q1)
        let second = SurveyFixtures.minimalYAML.replacingOccurrences(of: "version: 1", with: "version: 2\nprevious_version: 1\ncarry_over: [metric]")
        try Data(second.utf8).write(to: fixture.directory.appendingPathComponent("pilot-2.yaml"))
        let result = try importWave(fixture, name: "q2", renamed: [("Metric?", "Which metric?"), ("Problem", "Features without a problem")],
                                    rows: Self.q2)
        #expect(result.batchID != nil)
        #expect(result.wordingChanges.map(\.item) == ["no_problem"])
    }

    @Test func undoingABatchRemovesItsWording() throws {
        let fixture = try makeFixture()
        let first = try importWave(fixture, name: "q1", renamed: [], rows: Self.q1)
        #expect(try fixture.count("SELECT count(*) FROM itemWording") == 5)
        try fixture.store.undoBatch(try #require(first.batchID))
        #expect(try fixture.count("SELECT count(*) FROM itemWording") == 0)
    }
}
