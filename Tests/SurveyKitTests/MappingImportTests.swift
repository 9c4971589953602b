import Foundation
import SurveyCore
import SurveyKit
import SurveyTestSupport
import Testing

/// An export in the user's own words, read through `SurveyFixtures.pilotMappingYAML`.
enum MappedCSV {
    static let header = "Response ID,Submitted,Division,Metric?,Problem,Contact,Training [Certification],Training [Research],Meetings,ipaddr,Anything else?"

    static func file(_ rows: [String]) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }

    static let rows = [
        "r1,2026-02-10T09:00:00Z,Retail Banking,Yes,Disagree,Weekly,Y,,6,10.0.0.1,",
        "r2,2026-02-11T09:00:00Z,Retail Banking,No,4,Nope,N,Yes,12,,hello",
    ]
}

struct MappingImportTests {
    func load(_ fixture: ImportFixture, _ yaml: String = SurveyFixtures.pilotMappingYAML) throws -> LoadedMapping {
        let path = try fixture.file("m.yaml", yaml)
        return try SurveyCatalog(directory: fixture.directory.path, includeEmbedded: false).loadMapping(path: path)
    }

    @Test func readsTheExportThroughTheMapping() throws {
        let fixture = try ImportFixture()
        try Data(SurveyFixtures.minimalYAML.utf8).write(to: fixture.directory.appendingPathComponent("pilot.yaml"))
        let loaded = try load(fixture)
        #expect(loaded.survey.reference == "pilot@1")
        let path = try fixture.file("export.csv", MappedCSV.file(MappedCSV.rows))
        let results = try fixture.importFiles([path], settings: ImportSettings(organisation: "Acme", mapping: loaded.mapping))
        #expect(results[0].diagnostics.map(\.description) == [
            "\(path):1:117: warning: column 'Anything else?' matches item 'remarks', which the mapping lists under not_asked, and is ignored",
        ])
        #expect(results[0].totals.imported == 2)
        let answers = try fixture.store.rows("""
            SELECT responseId || ':' || item || '=' || coalesce(CAST(value AS TEXT), status) || coalesce(':' || answer, '')
            FROM answer_long ORDER BY responseId, item, answer
            """)
        #expect(answers == [
            "1:contact=2:This week",
            "1:interviews=missing",
            "1:meetings=6.0",
            "1:metric=5.0",
            "1:no_problem=2.0",
            "1:training=0:Certification",
            "2:contact=missing",
            "2:interviews=missing",
            "2:meetings=12.0",
            "2:metric=1.0",
            "2:no_problem=4.0",
            "2:training=1:Customer research",
        ])
        #expect(try fixture.store.rows("SELECT DISTINCT name FROM unit WHERE level = 'division'") == ["retail"])
        #expect(try fixture.count("SELECT count(*) FROM comment") == 0)
    }

    @Test func aColumnMissingFromTheExportStoresNothing() throws {
        let fixture = try ImportFixture()
        try Data(SurveyFixtures.minimalYAML.utf8).write(to: fixture.directory.appendingPathComponent("pilot.yaml"))
        let loaded = try load(fixture)
        let header = MappedCSV.header.replacingOccurrences(of: "Metric?", with: "Metric")
        let path = try fixture.file("export.csv", ([header] + MappedCSV.rows).joined(separator: "\n"))
        let results = try fixture.importFiles([path], settings: ImportSettings(organisation: "Acme", mapping: loaded.mapping))
        #expect(results[0].failed)
        #expect(results[0].diagnostics.filter { $0.severity == .error }.map(\.description) == [
            "\(fixture.directory.path)/m.yaml:4:13: error: column 'Metric?' is not in \(path) (did you mean 'Metric'?)",
        ])
        #expect(try fixture.count("SELECT count(*) FROM response") == 0)
        #expect(try fixture.count("SELECT count(*) FROM importBatch") == 0)
    }

    @Test func anUnknownFormatInTheMappingIsReportedWhereItIs() throws {
        let fixture = try ImportFixture()
        try Data(SurveyFixtures.minimalYAML.utf8).write(to: fixture.directory.appendingPathComponent("pilot.yaml"))
        let error = #expect(throws: DiagnosticList.self) {
            try load(fixture, SurveyFixtures.pilotMappingYAML.replacingOccurrences(of: "survey: pilot", with: "survey: pilot\nformat: limesurvy"))
        }
        #expect(error?.diagnostics.map(\.description) == [
            "\(fixture.directory.path)/m.yaml:3:9: error: unknown format 'limesurvy' (expected one of auto, \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")))",
        ])
    }
}

struct MappingTextTests {
    @Test func aMappingGivenAsTextIsCheckedLikeAFile() throws {
        let catalog = SurveyCatalog(directory: "/nonexistent", includeEmbedded: false)
        let error = #expect(throws: DiagnosticList.self) { try catalog.loadMapping(yaml: SurveyFixtures.pilotMappingYAML, file: "upload.yaml") }
        #expect(error?.diagnostics.map(\.description) == ["upload.yaml:2:9: error: unknown survey 'pilot'"])
        let huge = #expect(throws: DiagnosticList.self) {
            try catalog.loadMapping(yaml: String(repeating: "#", count: 4 * 1024 * 1024 + 1), file: "upload.yaml")
        }
        #expect(huge?.diagnostics.map(\.description) == ["upload.yaml:1:1: error: mapping is 4194305 bytes, over the 4194304-byte limit"])
    }
}
