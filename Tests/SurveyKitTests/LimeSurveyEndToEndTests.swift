import Foundation
import SurveyKit
import SurveyTestSupport
import Testing

/// The issue's "done when": from a LimeSurvey `.lss` and its CSV export to a stored, reportable
/// wave with two commands and one edited file, run with the built tool as a user runs it.
struct LimeSurveyEndToEndTests {
    /// Runs the built `opmodel` in a folder, as ``MappingCommandTests`` does.
    func opmodel(_ arguments: [String], in directory: URL) throws -> MappingCommandTests.Run {
        try MappingCommandTests.run(arguments, in: directory)
    }

    /// `em-headings-code-answers` is the code-headings export with the Expression Manager's
    /// `G01Q01_SQ001` for `G01Q01[SQ001]`, read through the mapping the `.lss` gave.
    @Test(arguments: ["code-headings-code-answers", "code-headings-full-answers",
                      "full-headings-code-answers", "full-headings-full-answers", "em-headings-code-answers"])
    func twoCommandsAndOneEditedFileGiveAReportableWave(_ style: String) throws {
        let directory = try SurveyFixtures.makeTemporaryDirectory()
        defer { SurveyFixtures.removeDirectory(directory) }
        let fileManager = FileManager.default
        try fileManager.copyItem(at: PlatformFixtures.limeSurvey("acme.lss"), to: directory.appendingPathComponent("acme.lss"))
        let headings = style.hasPrefix("full") ? "full" : "code"
        if style.hasPrefix("em") {
            let text = try String(contentsOf: PlatformFixtures.limeSurvey("export-code-headings-code-answers.csv"), encoding: .utf8)
            // The header is the first line (CRLF or LF); the answers stay as they are.
            let end = try #require(text.range(of: "\n")).lowerBound
            let header = text[..<end].replacingOccurrences(of: #"\[([A-Za-z0-9]+)\]"#, with: "_$1", options: .regularExpression)
            #expect(header.contains("\"G01Q01_SQ001\"") && !header.contains("["))
            try (header + text[end...]).write(to: directory.appendingPathComponent("export.csv"), atomically: true, encoding: .utf8)
        } else {
            try fileManager.copyItem(at: PlatformFixtures.limeSurvey("export-\(style).csv"), to: directory.appendingPathComponent("export.csv"))
        }

        // 1. Draft the survey and the mapping.
        let draft = try opmodel(["survey", "from-lss", "acme.lss", "--out-dir", "Surveys", "--id", "acme", "--headings", headings], in: directory)
        #expect(draft.status == 0, "\(draft.errors)")
        #expect(draft.output == """
            survey:  Surveys/acme.yaml (acme@1: 2 dimensions, 11 items; assign the dimensions)
            mapping: Surveys/acme.mapping.yaml (18 columns, \(headings) headings)
            skipped: G02Q09 (text display, no answer)

            """)

        // 2. The one edit: assign the dimensions (rename both, move the meeting hours to discovery).
        let surveyFile = directory.appendingPathComponent("Surveys/acme.yaml")
        var yaml = try String(contentsOf: surveyFile, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "  - id: strategy_planning  # TODO: assign (LimeSurvey group \"Strategy & planning\")\n    title: \"Strategy & planning\"",
                                         with: "  - id: strategy\n    title: \"Product strategy\"")
        yaml = yaml.replacingOccurrences(of: "  - id: discovery_customer_contact  # TODO: assign (LimeSurvey group \"Discovery & customer contact\")\n    title: \"Discovery & customer contact\"",
                                         with: "  - id: discovery\n    title: \"Discovery\"")
        let hours = """
              - id: g01q03  # G01Q03
                kind: numeric
                text: "In a typical week last quarter, how many hours did you spend in recurring meetings?"
                unit: number  # TODO: the unit (hours, percent…)
                min: 0
                max: 60

        """
        #expect(yaml.contains(hours))
        yaml = yaml.replacingOccurrences(of: hours, with: "")
        let moved = hours.replacingOccurrences(of: "unit: number  # TODO: the unit (hours, percent…)", with: "unit: hours")
        yaml = yaml.replacingOccurrences(of: "      - id: g02q08  # G02Q08", with: moved + "      - id: g02q08  # G02Q08")
        try yaml.write(to: surveyFile, atomically: true, encoding: .utf8)
        let check = try opmodel(["survey", "validate", "Surveys/acme.yaml"], in: directory)
        #expect(check.output == "Surveys/acme.yaml: ok: acme@1, 2 dimensions, 11 items, 0 flags\n", "\(check.errors)")

        // 3. Import the export as LimeSurvey wrote it.
        let imported = try opmodel(["import", "export.csv", "--surveys", "Surveys", "--survey", "acme",
                                    "--mapping", "Surveys/acme.mapping.yaml", "--wave", "2026-Q3", "--org", "acme",
                                    "--db", "store.sqlite"], in: directory)
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output.hasPrefix("export.csv: 6 rows read, 6 imported, 0 already stored, 0 rejected; stored as batch 1 (waves 2026-Q3)"))
        #expect(imported.errors.contains("export.csv: note: skipped 1 unfinished response (--include-partial keeps them)"))
        #expect(!imported.errors.contains("warning"), "\(imported.errors)")
        #expect(imported.errors.contains("export.csv: note: dropped personal data: '\(headings == "code" ? "ipaddr" : "IP address")'"))

        // The wave is reportable: a scorecard with both dimensions scored from six respondents.
        let report = try opmodel(["report", "--wave", "2026-Q3", "--org", "acme", "--format", "json", "--out", "Reports",
                                  "--min-group", "3", "--db", "store.sqlite"], in: directory)
        #expect(report.status == 0, "\(report.errors)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("Reports/acme.json"))) as? [String: Any]
        let unit = try #require(json?["unit"] as? [String: Any])
        #expect(unit["respondents"] as? Int == 6)
        let dimensions = try #require(unit["dimensions"] as? [[String: Any]])
        #expect(dimensions.compactMap { $0["id"] as? String } == ["strategy", "discovery"])
        #expect(dimensions.compactMap { $0["title"] as? String } == ["Product strategy", "Discovery"])
        #expect(dimensions.compactMap { $0["n"] as? Int } == [6, 6])
        // Respondent means of the three statements (one "Don't know"), and of the 5-point ratings.
        let means = dimensions.compactMap { $0["mean"] as? Double }
        #expect(means.count == 2)
        #expect(abs(means[0] - 59.0 / 18) < 1e-9)
        #expect(abs(means[1] - 19.0 / 6) < 1e-9)
    }

    @Test func aBrokenStructureFileIsReportedWhereItBreaksAndNothingIsWritten() throws {
        let directory = try SurveyFixtures.makeTemporaryDirectory()
        defer { SurveyFixtures.removeDirectory(directory) }
        let text = "<?xml version=\"1.0\"?>\n<document>\n <LimeSurveyDocType>Survey</LimeSurveyDocType>\n <groups>\n</document>\n"
        try Data(text.utf8).write(to: directory.appendingPathComponent("broken.lss"))
        let run = try opmodel(["survey", "from-lss", "broken.lss", "--out-dir", "Surveys"], in: directory)
        #expect(run.status == 65)
        #expect(run.errors.hasPrefix("broken.lss:5:"))
        #expect(run.errors.hasSuffix(": error: the file is not well-formed XML (expected a LimeSurvey .lss survey structure)\n"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("Surveys").path))
    }
}
