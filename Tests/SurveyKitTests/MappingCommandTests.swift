import Foundation
import SurveyCore
import SurveyKit
import SurveyTestSupport
import Testing

/// `opmodel import --mapping` and `opmodel mapping suggest` as a user runs them.
struct MappingCommandTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs the built tool in `directory` (where `Surveys/pilot.yaml` is) and collects its output.
    static func run(_ arguments: [String], in directory: URL) throws -> Run {
        let process = Process()
        process.executableURL = try EndToEndTests.executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }

    static func makeProject() throws -> URL {
        let directory = try SurveyFixtures.makeTemporaryDirectory()
        let surveys = directory.appendingPathComponent("Surveys")
        try FileManager.default.createDirectory(at: surveys, withIntermediateDirectories: true)
        try Data(SurveyFixtures.minimalYAML.utf8).write(to: surveys.appendingPathComponent("pilot.yaml"))
        try Data(MappedCSV.file(MappedCSV.rows).utf8).write(to: directory.appendingPathComponent("export.csv"))
        return directory
    }

    @Test func importsThroughAMappingAndRejectsABadOneWithoutStoring() throws {
        let directory = try Self.makeProject()
        defer { SurveyFixtures.removeDirectory(directory) }
        let bad = SurveyFixtures.pilotMappingYAML.replacingOccurrences(of: "    item: metric", with: "    item: metrc")
        try Data(bad.utf8).write(to: directory.appendingPathComponent("bad.yaml"))
        let failed = try Self.run(["import", "export.csv", "--mapping", "bad.yaml", "--org", "Acme", "--db", "s.sqlite"], in: directory)
        #expect(failed.status == 65)
        #expect(failed.errors == """
            bad.yaml:3:1: error: item 'metric' has no column; map it to a column or list it under not_asked
            bad.yaml:5:11: error: unknown item 'metrc' in survey pilot@1 (did you mean 'metric'?)

            """)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("s.sqlite").path))

        try Data(SurveyFixtures.pilotMappingYAML.utf8).write(to: directory.appendingPathComponent("good.yaml"))
        let stored = try Self.run(["import", "export.csv", "--mapping", "good.yaml", "--org", "Acme", "--db", "s.sqlite"], in: directory)
        #expect(stored.status == 0, "\(stored.errors)")
        #expect(stored.output.hasPrefix("export.csv: 2 rows read, 2 imported, 0 already stored, 0 rejected; stored as batch 1 (waves 2026-Q1)"))
        let mismatch = try Self.run(["import", "export.csv", "--mapping", "good.yaml", "--survey", "product_operating_model", "--org", "Acme",
                                     "--db", "s.sqlite"], in: directory)
        #expect(mismatch.status == 65)
        #expect(mismatch.errors == "error: 'good.yaml' maps survey 'pilot', not 'product_operating_model' (drop --survey or give the mapping for this survey)\n")
    }

    @Test func suggestsAMappingThatImportsAsItIs() throws {
        let directory = try Self.makeProject()
        defer { SurveyFixtures.removeDirectory(directory) }
        let csv = """
            id,submitdate,Division,Role,Q1. I can name the metric my team is moving,2 - This quarter my team was handed features with no problem stated,<p>When did you <b>last</b> talk to a customer?</p>,Which training did you have? [Certification],Which training did you have? [Customer research],Hours a week spent in recurring meetings,Anything else to add?
            1,2026-02-10 09:00:00,Retail,Engineer,Agree,Disagree,This week,Y,,5,
            2,2026-02-11 09:00:00,Retail,PO,Totally agree,Agree,Never,,Y,8,More time with customers

            """
        try Data(csv.utf8).write(to: directory.appendingPathComponent("lime.csv"))
        let suggested = try Self.run(["mapping", "suggest", "lime.csv", "--survey", "pilot", "--out", "lime.yaml"], in: directory)
        #expect(suggested.status == 0, "\(suggested.errors)")
        let lines = suggested.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "column                                    maps to                               method      confidence")
        #expect(lines.contains("Hours a week spent in recurring meetings  meetings                              fuzzy       0.92"))
        #expect(lines.suffix(2) == ["items without a column (listed under not_asked): interviews",
                                    "wrote lime.yaml: check it, then run 'opmodel import lime.csv --mapping lime.yaml'"])
        let yaml = try String(contentsOf: directory.appendingPathComponent("lime.yaml"), encoding: .utf8)
        #expect(yaml.contains("""
              - column: "<p>When did you <b>last</b> talk to a customer?</p>"
                item: contact  # normalised 0.95
            """))
        #expect(yaml.contains("""
                item: metric  # normalised 0.95
                answers:
                  "Totally agree": 5  # like 'Strongly agree'
            """))
        let checked = try Self.run(["mapping", "validate", "lime.yaml"], in: directory)
        #expect(checked.output == "lime.yaml: ok: 11 columns for pilot@1, 1 item not asked\n")
        let imported = try Self.run(["import", "lime.csv", "--mapping", "lime.yaml", "--org", "Acme", "--db", "s.sqlite"], in: directory)
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output.hasPrefix("lime.csv: 2 rows read, 2 imported"))
        let again = try Self.run(["mapping", "suggest", "lime.csv", "--survey", "pilot", "--out", "lime.yaml"], in: directory)
        #expect(again.status == 73)
        #expect(again.errors == "error: 'lime.yaml' exists (give --force to overwrite it)\n")
    }

    @Test func theImportPrintsWordingDrift() throws {
        let directory = try Self.makeProject()
        defer { SurveyFixtures.removeDirectory(directory) }
        try Data(SurveyFixtures.pilotMappingYAML.utf8).write(to: directory.appendingPathComponent("q1.yaml"))
        let first = try Self.run(["import", "export.csv", "--mapping", "q1.yaml", "--org", "Acme", "--db", "s.sqlite"], in: directory)
        #expect(first.status == 0, "\(first.errors)")
        let reworded = SurveyFixtures.pilotMappingYAML.replacingOccurrences(of: "\"Metric?\"", with: "\"Which metric do you move?\"")
        try Data(reworded.utf8).write(to: directory.appendingPathComponent("q2.yaml"))
        let csv = MappedCSV.file(MappedCSV.rows).replacingOccurrences(of: "Metric?", with: "Which metric do you move?")
            .replacingOccurrences(of: "2026-02-1", with: "2026-05-1")
        try Data(csv.utf8).write(to: directory.appendingPathComponent("q2.csv"))
        let second = try Self.run(["import", "q2.csv", "--mapping", "q2.yaml", "--org", "Acme", "--db", "s.sqlite"], in: directory)
        #expect(second.status == 0, "\(second.errors)")
        #expect(second.errors.split(separator: "\n").contains("""
            q2.csv:1:32: warning: item 'metric' is worded differently from wave 2026-Q1: was "Metric?", now "Which metric do you move?"; \
            if it means the same, list it under carry_over in the survey's next version, otherwise give it a new item id
            """))
    }
}
