import Foundation
import SurveyCore
import SurveyKit
import SurveyTestSupport
import Testing

/// A temporary directory with a store, removed at the end of each test.
final class ImportFixture: TemporaryStore {
    /// Writes `text` to a file and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func importFiles(_ files: [String], settings: ImportSettings = ImportSettings(organisation: nil),
                     configure: (inout ImportRequest) -> Void = { _ in }) throws -> [FileImportResult] {
        var request = ImportRequest(files: files, survey: survey, settings: settings)
        configure(&request)
        return try importExports(request, into: store)
    }

    func count(_ sql: String) throws -> Int {
        try store.scalar(sql)
    }
}

/// The minimal survey's header, and a row builder.
enum PilotCSV {
    static let header = "response_id,submitted_at,organisation,division,team,role,metric,no_problem,contact,interviews,training,meetings,remarks"

    static func row(_ id: String, at time: String = "2026-02-10T09:00:00Z", org: String = "Acme", division: String = "Retail",
                    team: String = "Blue", role: String = "Engineer", metric: String = "Agree", noProblem: String = "2",
                    contact: String = "This week", interviews: String = "", training: String = "Customer research",
                    meetings: String = "6.5", remarks: String = "") -> String {
        [id, time, org, division, team, role, metric, noProblem, contact, interviews, training, meetings, remarks].map { CSVWriter.escape($0) }.joined(separator: ",")
    }

    static func file(_ rows: [String]) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }
}

struct ImportTests {
    @Test func storesEveryAnswerAndReadsItBackThroughTheLongView() throws {
        let fixture = try ImportFixture()
        let path = try fixture.file("a.csv", PilotCSV.file([
            PilotCSV.row("r1", role: "PO", metric: "4 - Agree", noProblem: "Strongly disagree", interviews: "agree", training: "Certification; Customer research", remarks: "More customer time, please"),
            PilotCSV.row("r2", metric: "N/A", contact: "Never", training: "None", meetings: "12"),
        ]))
        let results = try fixture.importFiles([path])
        #expect(results.map(\.totals.imported) == [2])
        #expect(results[0].waves == ["2026-Q1"])
        let answers = try fixture.store.rows("""
            SELECT responseId || ':' || item || '=' || coalesce(CAST(value AS TEXT), status) || ':' || coalesce(CAST(scored AS TEXT), '') || ':' || coalesce(answer, '')
            FROM answer_long ORDER BY responseId, item, answer
            """)
        #expect(answers == [
            "1:contact=2:2:This week",
            "1:interviews=4.0:4.0:",
            "1:meetings=6.5:6.5:",
            "1:metric=4.0:4.0:",
            "1:no_problem=1.0:5.0:",
            "1:training=0:0:Certification",
            "1:training=1:1:Customer research",
            "2:contact=0:0:Never",
            "2:interviews=not_applicable::",
            "2:meetings=12.0:12.0:",
            "2:metric=missing::",
            "2:no_problem=2.0:4.0:",
            "2:training=2:2:None",
        ])
        #expect(try fixture.store.rows("SELECT text FROM comment") == ["More customer time, please"])
        #expect(try fixture.count("SELECT count(*) FROM response WHERE role = 'product_owner'") == 1)
    }

    @Test func aBadLastRowLeavesNothingStored() throws {
        let fixture = try ImportFixture()
        let path = try fixture.file("bad.csv", PilotCSV.file([PilotCSV.row("r1"), PilotCSV.row("r2"), PilotCSV.row("r3", metric: "Agreee")]))
        let results = try fixture.importFiles([path])
        #expect(results[0].batchID == nil)
        #expect(results[0].failed)
        #expect(results[0].diagnostics.map(\.description) == [
            "\(path):4:51: error: column 'metric': 'Agreee' is not on the scale (expected 1–5 or Strongly disagree, Disagree, Neither agree nor disagree, Agree, Strongly agree; N/A, Don't know for no answer)",
        ])
        #expect(try fixture.count("SELECT count(*) FROM response") == 0)
        #expect(try fixture.count("SELECT count(*) FROM importBatch") == 0)
        #expect(try fixture.count("SELECT count(*) FROM unit") == 0)
    }

    @Test func reimportingAddsNothingAndChangedAnswersAreConflicts() throws {
        let fixture = try ImportFixture()
        let first = try fixture.file("q1.csv", PilotCSV.file([PilotCSV.row("r1"), PilotCSV.row("r2")]))
        #expect(try fixture.importFiles([first])[0].totals.imported == 2)
        let again = try fixture.importFiles([first])[0]
        #expect(again.totals.imported == 0)
        #expect(again.totals.duplicates == 2)
        #expect(again.batchID == nil)
        let later = try fixture.file("q1-later.csv", PilotCSV.file([PilotCSV.row("r1"), PilotCSV.row("r2", metric: "Disagree"), PilotCSV.row("r3")]))
        let result = try fixture.importFiles([later])[0]
        #expect((result.totals.imported, result.totals.duplicates, result.totals.conflicts) == (1, 1, 1))
        #expect(try fixture.count("SELECT count(*) FROM answer_long WHERE item = 'metric' AND value = 4") == 3)
        let replaced = try fixture.importFiles([later]) { $0.replace = true }[0]
        #expect(replaced.totals.replaced == 1)
        #expect(try fixture.count("SELECT count(*) FROM answer_long WHERE item = 'metric' AND value = 2") == 1)
        #expect(try fixture.count("SELECT count(*) FROM response") == 3)
    }

    @Test func rowsWithoutIdsAreIdentifiedByContentAndOccurrence() throws {
        let fixture = try ImportFixture()
        let header = PilotCSV.header.replacingOccurrences(of: "response_id,", with: "")
        let row = PilotCSV.row("x").split(separator: ",", maxSplits: 1)[1]
        let path = try fixture.file("noid.csv", ([header, String(row), String(row), String(row)]).joined(separator: "\n"))
        let first = try fixture.importFiles([path])[0]
        #expect(first.totals.imported == 3)
        #expect(first.notes.contains("no response id column: responses are identified by their content"))
        #expect(try fixture.importFiles([path])[0].totals.duplicates == 3)
        #expect(try fixture.count("SELECT count(*) FROM response") == 3)
    }

    @Test func undoRemovesOneBatchCompletely() throws {
        let fixture = try ImportFixture()
        let q1 = try fixture.file("q1.csv", PilotCSV.file([PilotCSV.row("r1", remarks: "hello")]))
        let q2 = try fixture.file("q2.csv", PilotCSV.file([PilotCSV.row("r2", at: "2026-05-01T10:00:00Z", remarks: "again")]))
        let results = try fixture.importFiles([q1, q2])
        let second = try #require(results[1].batchID)
        #expect(try listImportBatches(in: fixture.store).map(\.imported) == [1, 1])
        #expect(try undoImportBatch(second, in: fixture.store) == 1)
        #expect(try fixture.count("SELECT count(*) FROM response") == 1)
        #expect(try fixture.count("SELECT count(*) FROM comment") == 1)
        #expect(try listWaves(in: fixture.store).map(\.label) == ["2026-Q1"])
        #expect(try listImportBatches(in: fixture.store).count == 1)
        #expect(throws: (any Error).self) { try undoImportBatch(second, in: fixture.store) }
    }

    @Test func skipInvalidStoresValidRowsAndWritesRejectsReadyToReimport() throws {
        let fixture = try ImportFixture()
        let path = try fixture.file("mixed.csv", PilotCSV.file([PilotCSV.row("r1"), PilotCSV.row("r2", contact: "Sometimes"), PilotCSV.row("r3", meetings: "=1+1")]))
        let rejects = fixture.directory.appendingPathComponent("rejects.csv").path
        let result = try fixture.importFiles([path]) { $0.skipInvalid = true; $0.rejectsPath = rejects }[0]
        #expect((result.totals.imported, result.totals.rejected) == (1, 2))
        let text = try String(contentsOfFile: rejects, encoding: .utf8)
        let lines = text.split(separator: "\r\n").map(String.init)
        #expect(lines.first == PilotCSV.header + ",reason")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix(PilotCSV.row("r2", contact: "Sometimes") + ",\"line 3, column"))
        #expect(lines[2].contains("'=1+1' is not a number"))
        // Fixed and re-imported, the rejected rows go in.
        let fixed = try fixture.file("fixed.csv", PilotCSV.file([PilotCSV.row("r2"), PilotCSV.row("r3")]))
        #expect(try fixture.importFiles([fixed])[0].totals.imported == 2)
    }

    @Test func wavesComeFromFlagColumnOrQuarter() throws {
        let fixture = try ImportFixture()
        let spanning = try fixture.file("span.csv", PilotCSV.file([PilotCSV.row("r1", at: "2025-12-30T10:00:00Z"), PilotCSV.row("r2", at: "2026-01-05T10:00:00Z")]))
        let refused = try fixture.importFiles([spanning])[0]
        #expect(refused.failed)
        #expect(refused.diagnostics.first?.message == "the file spans 2025-Q4 (line 2) and 2026-Q1 (line 3) but has no wave column; give \(Parameter.wave, "LABEL"), add a wave column, or split the file by quarter")
        let flagged = try fixture.importFiles([spanning], settings: ImportSettings(wave: "2026-Q1"))[0]
        #expect(flagged.waves == ["2026-Q1"])
        // Quarters are calendar quarters in the import's zone: 2026-01-01T03:00Z is still 2025 in New York.
        let newYork = try fixture.file("ny.csv", PilotCSV.file([PilotCSV.row("r9", at: "2026-01-01T03:00:00Z")]))
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        #expect(try fixture.importFiles([newYork], settings: ImportSettings(timeZone: zone))[0].waves == ["2025-Q4"])
        #expect(try fixture.importFiles([newYork])[0].waves == ["2026-Q1"])
        let waveColumn = try fixture.file("col.csv", "wave," + PilotCSV.header + "\n" + "Spring pulse," + PilotCSV.row("r7") + "\n")
        #expect(try fixture.importFiles([waveColumn])[0].waves == ["Spring pulse"])
    }

    @Test func ambiguousDatesNeedAnOrderAndUnambiguousOnesAreDetected() throws {
        let fixture = try ImportFixture()
        let ambiguous = try fixture.file("amb.csv", PilotCSV.file([PilotCSV.row("r1", at: "2/1/2026 11:27"), PilotCSV.row("r2", at: "3/2/2026 09:00")]))
        let refused = try fixture.importFiles([ambiguous])[0]
        #expect(refused.failed)
        #expect(refused.diagnostics.first?.message == "column 'submitted_at': '2/1/2026 11:27' could be month/day or day/month (pass \(Parameter.dateOrder, "mdy") or \(Parameter.dateOrder, "dmy"))")
        let dayFirst = try fixture.importFiles([ambiguous], settings: ImportSettings(dateOrder: .dmy))[0]
        #expect(dayFirst.waves == ["2026-Q1"])
        let detected = try fixture.file("us.csv", PilotCSV.file([PilotCSV.row("r3", at: "2/13/2026 11:27"), PilotCSV.row("r4", at: "2/1/2026 09:00")]))
        let result = try fixture.importFiles([detected])[0]
        #expect(result.totals.imported == 2)
        #expect(result.notes.contains("dates read as month/day/year (detected)"))
    }

    @Test func headerTyposAreErrorsAndUnknownColumnsWarnings() throws {
        let fixture = try ImportFixture()
        let header = PilotCSV.header.replacingOccurrences(of: ",remarks", with: ",Anything els?,Favourite colour")
        let path = try fixture.file("typo.csv", header + "\n" + PilotCSV.row("r1") + ",blue\n")
        let result = try fixture.importFiles([path])[0]
        #expect(result.diagnostics.map(\.description) == [
            "\(path):1:113: error: column 'Anything els?' matches no item; did you mean 'Anything else?' (item remarks)?",
            "\(path):1:127: warning: column 'Favourite colour' is not an item or attribute of survey pilot@1 and is ignored",
        ])
        #expect(try fixture.count("SELECT count(*) FROM response") == 0)
    }

    @Test func organisationComesFromColumnOrFlag() throws {
        let fixture = try ImportFixture()
        let header = PilotCSV.header.replacingOccurrences(of: "organisation,", with: "")
        let row = PilotCSV.row("r1").replacingOccurrences(of: "Acme,", with: "")
        let path = try fixture.file("noorg.csv", header + "\n" + row + "\n")
        let refused = try fixture.importFiles([path])[0]
        #expect(refused.diagnostics.first?.message == "the export has no organisation column (expected a column named 'organisation'); give \(Parameter.organisation, "NAME")")
        let stored = try fixture.importFiles([path], settings: ImportSettings(organisation: "  Acme   Corp "))[0]
        #expect(stored.totals.imported == 1)
        #expect(try fixture.store.rows("SELECT name || '|' || pathKey FROM unit WHERE level = 'organisation'") == ["Acme Corp|acme corp"])
    }

    @Test func unitsAreKeyedByNormalisedPathAndKeepTheirFirstSpelling() throws {
        let fixture = try ImportFixture()
        let path = try fixture.file("units.csv", PilotCSV.file([
            PilotCSV.row("r1", org: "Acme Bank", division: "Retail  Banking", team: "Blue"),
            PilotCSV.row("r2", org: " acme bank", division: "RETAIL BANKING", team: "blue "),
            PilotCSV.row("r3", org: "Acme Bank", division: "Payments", team: "Blue"),
        ]))
        #expect(try fixture.importFiles([path])[0].totals.imported == 3)
        #expect(try fixture.store.rows("SELECT level || ':' || name FROM unit ORDER BY id") == [
            "organisation:Acme Bank", "division:Retail Banking", "team:Blue", "division:Payments", "team:Blue",
        ])
        #expect(try renameUnit(path: ["Acme Bank", "Payments"], to: "Retail Banking", in: fixture.store)
            == "merged 'Acme Bank / Payments' into 'Acme Bank / Retail Banking' (1 responses moved)")
        #expect(try fixture.count("SELECT count(*) FROM unit") == 3)
        let later = try fixture.file("later.csv", PilotCSV.file([PilotCSV.row("r4", org: "Acme Bank", division: "Payments", team: "Blue")]))
        #expect(try fixture.importFiles([later])[0].totals.imported == 1)
        #expect(try fixture.count("SELECT count(*) FROM unit") == 3)
    }

    @Test func aFormerNameOfAnotherOrganisationIsNotGivenAway() throws {
        let fixture = try ImportFixture()
        let path = try fixture.file("a.csv", PilotCSV.file([PilotCSV.row("r1", org: "Acme"), PilotCSV.row("r2", org: "Beta")]))
        _ = try fixture.importFiles([path])
        #expect(try renameUnit(path: ["Acme"], to: "Acme Group", in: fixture.store) == "renamed 'Acme' to 'Acme Group'")
        // "Acme" still leads to Acme Group (a viewer token for Acme, a later import): Beta may not take it.
        let error = #expect(throws: UserError.self) { try renameUnit(path: ["Beta"], to: "Acme", in: fixture.store) }
        #expect(error?.code == .conflict)
        if let error {
            #expect(error.message == "'Acme' is a former name of 'Acme Group', which imports and access tokens using it still reach; choose another name, or merge into 'Acme Group'")
        }
        #expect(try fixture.store.organisation(named: "Acme")?.name == "Acme Group")
        #expect(try fixture.store.organisation(named: "Beta")?.name == "Beta")
    }

    @Test func aChangedSurveyVersionIsRefusedOnceResponsesUseIt() throws {
        let fixture = try ImportFixture()
        let path = try fixture.file("a.csv", PilotCSV.file([PilotCSV.row("r1")]))
        _ = try fixture.importFiles([path])
        var changed = fixture.survey
        changed.title = "Pilot survey, edited"
        changed.contentHash = "different"
        #expect(throws: (any Error).self) { try fixture.store.registerSurvey(changed) }
    }
}
