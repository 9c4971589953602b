import Foundation
import SurveyCore
import SurveyStore
import SurveyTestSupport
import Testing

/// The import's insert loop: one transaction per file, identity per wave, organisation and key.
struct ImportBatchTests {
    /// Row `index` of a large file: two organisations, five divisions, three teams, two waves.
    static func bulkRow(_ index: Int) -> ResponseRow {
        let organisation = index % 2 == 0 ? "Acme" : "Beta"
        let wave = index < 4_000 ? "2026-Q1" : "2026-Q2"
        let comment: String? = index % 1_000 == 0 ? "comment \(index)" : nil
        return PilotRow.make("r\(index)", org: organisation, division: "D\(index % 5)", team: "T\(index % 3)", wave: wave,
                             at: PilotRow.february + Int64(index), metric: UInt8(1 + index % 5), comment: comment)
    }

    @Test func storesManyRowsInOneBatchWithTheirUnitsWavesAndTotals() throws {
        let fixture = try StoreFixture()
        let rows = (0..<5_000).map(Self.bulkRow)
        let imported = try fixture.importRows(rows, file: "big.csv")
        let batch = try #require(imported.result.batchID)
        #expect(imported.outcomes.count == 5_000 && imported.outcomes.allSatisfy { $0 == .inserted })
        #expect(imported.result.waves == ["2026-Q1", "2026-Q2"])
        #expect(try fixture.count("SELECT count(*) FROM response WHERE batchId = \(batch)") == 5_000)
        #expect(try fixture.count("SELECT count(DISTINCT responseKey) FROM response") == 5_000)
        // 2 organisations × 5 divisions × 3 teams, each created once.
        #expect(try fixture.count("SELECT count(*) FROM unit WHERE level = 'organisation'") == 2)
        #expect(try fixture.count("SELECT count(*) FROM unit WHERE level = 'division'") == 10)
        #expect(try fixture.count("SELECT count(*) FROM unit WHERE level = 'team'") == 30)
        #expect(try fixture.rows("SELECT text FROM comment ORDER BY text") == (0..<5).map { "comment \($0 * 1_000)" })
        let records = try fixture.store.importBatches()
        #expect(records.map { [$0.rowsRead, $0.imported, $0.duplicates, $0.conflicts, $0.storedResponses] } == [[5_000, 5_000, 0, 0, 5_000]])
        #expect(records.map(\.waves) == ["2026-Q1,2026-Q2"])
        #expect(records.first?.finishedAt != nil)
        #expect(try fixture.store.waves().map(describe) == [
            "pilot 2026-Q1 \(PilotRow.february) 4000",
            "pilot 2026-Q2 \(PilotRow.february + 4_000) 1000",
        ])
        // Every row's answers and attributes went to its own row, not the previous one's.
        let stored = try fixture.rows("""
            SELECT r.responseKey || '|' || d.name || '|' || t.name || '|' || hex(r.answers) FROM response r
            JOIN unit d ON d.id = r.divisionId JOIN unit t ON t.id = r.teamId ORDER BY r.id
            """)
        #expect(stored == rows.map { "\($0.responseKey)|\($0.division)|\($0.team)|\(hex($0.answers))" })
    }

    @Test func aRepeatedResponseIsADuplicateAndAChangedOneAConflictThatKeepsTheStoredAnswers() throws {
        let fixture = try StoreFixture()
        try fixture.importRows([PilotRow.make("r1"), PilotRow.make("r2")], file: "first.csv")
        let before = try fixture.responses()
        let again = try fixture.importRows([PilotRow.make("r1"), PilotRow.make("r2", metric: 1), PilotRow.make("r3")], file: "second.csv")
        #expect(again.outcomes == [.duplicate, .conflict, .inserted])
        #expect((again.totals.imported, again.totals.duplicates, again.totals.conflicts, again.totals.replaced) == (1, 1, 1, 0))
        #expect(try fixture.store.importBatches().map { [$0.rowsRead, $0.imported, $0.duplicates, $0.conflicts, $0.storedResponses] }
            == [[2, 2, 0, 0, 2], [3, 1, 1, 1, 1]])
        // r1 and r2 are still the first file's, with its answers.
        #expect(try Array(fixture.responses().prefix(2)) == before)
    }

    @Test func duplicatesAndConflictsAreFoundInsideOneFileToo() throws {
        let fixture = try StoreFixture()
        let imported = try fixture.importRows([PilotRow.make("r1"), PilotRow.make("r1"), PilotRow.make("r1", metric: 2)])
        #expect(imported.outcomes == [.inserted, .duplicate, .conflict])
        #expect(try fixture.count("SELECT count(*) FROM response") == 1)
        #expect(try fixture.rows("SELECT hex(answers) FROM response") == [hex(PilotRow.make("r1").answers)])
    }

    @Test func theSameKeyInAnotherOrganisationOrWaveIsAnotherResponse() throws {
        let fixture = try StoreFixture()
        let imported = try fixture.importRows([
            PilotRow.make("1"), PilotRow.make("1", org: "Beta"), PilotRow.make("1", wave: "2026-Q2", metric: 5),
            // Spelled differently, the same organisation: the same response.
            PilotRow.make("1", org: "  acme "),
        ])
        #expect(imported.outcomes == [.inserted, .inserted, .inserted, .duplicate])
        #expect(try fixture.count("SELECT count(*) FROM response") == 3)
    }

    @Test func aThrownErrorLeavesNothingOfTheBatch() throws {
        let fixture = try StoreFixture()
        try fixture.importRows([PilotRow.make("kept")], file: "kept.csv")
        let revision = try fixture.store.revision()
        let before = try fixture.responses()
        let description = BatchDescription(fileName: "bad.csv", sha256: "00", format: "csv", toolVersion: "test",
                                           itemWordings: ["metric": "Metric?"])
        var survey = fixture.survey
        survey.version = 2
        #expect(throws: Interrupted.self) {
            try fixture.store.importBatch(description, survey: survey, replace: true) { writer in
                for index in 0..<1_000 {
                    _ = try writer.insert(PilotRow.make("r\(index)", org: "New org", division: "New division", wave: "2027-Q1",
                                                        comment: "lost"))
                }
                _ = try writer.insert(PilotRow.make("kept", metric: 1))
                throw Interrupted()
            }
        }
        #expect(try fixture.responses() == before)
        #expect(try fixture.store.importBatches().map(\.fileName) == ["kept.csv"])
        #expect(try fixture.store.surveyVersions().map(\.version) == [1])
        #expect(try fixture.store.waves().map(\.label) == ["2026-Q1"])
        #expect(try fixture.store.units().map(\.path) == ["Acme", "Acme / Retail", "Acme / Retail / Blue"])
        #expect(try fixture.count("SELECT count(*) FROM comment") == 0)
        #expect(try fixture.count("SELECT count(*) FROM itemWording") == 0)
        #expect(try fixture.store.revision() == revision)
        // The writer's connection is usable again.
        #expect(try fixture.importRows([PilotRow.make("after")]).result.batchID != nil)
        #expect(try fixture.count("SELECT count(*) FROM response") == 2)
    }

    @Test func rollingBackKeepsNothingButSaysWhichWavesItRead() throws {
        let fixture = try StoreFixture()
        let imported = try fixture.importRows([PilotRow.make("r1"), PilotRow.make("r2", wave: "2026-Q2")], decision: .rollback)
        #expect(imported.result.batchID == nil)
        #expect(imported.result.waves == ["2026-Q1", "2026-Q2"])
        #expect(imported.totals.imported == 2)
        for table in ["response", "importBatch", "unit", "wave", "surveyVersion", "item", "itemOption"] {
            #expect(try fixture.count("SELECT count(*) FROM \(table)") == 0, "\(table)")
        }
        #expect(try fixture.store.revision() == 0)
    }

    @Test func theFirstResponseOfAWaveIsTheEarliestAcrossBatches() throws {
        let fixture = try StoreFixture()
        try fixture.importRows([PilotRow.make("r1", at: PilotRow.february + 100), PilotRow.make("r2", at: nil)])
        #expect(try fixture.store.waves().map(\.firstResponseAt) == [PilotRow.february + 100])
        try fixture.importRows([PilotRow.make("r3", at: PilotRow.february)])
        try fixture.importRows([PilotRow.make("r4", at: PilotRow.february + 500)])
        #expect(try fixture.store.waves().map(\.firstResponseAt) == [PilotRow.february])
    }
}

extension ImportBatchTests {
    /// An export with a team column and no division (or a blank division) names a team.
    @Test func aTeamWithoutADivisionIsStoredAsATeam() throws {
        let fixture = try StoreFixture()
        try fixture.importRows([PilotRow.make("t", division: "", team: "Blue"), PilotRow.make("d", division: "Blue", team: "")])
        let team = try fixture.rows("SELECT u.level FROM response r JOIN unit u ON u.id = r.teamId WHERE r.responseKey = 't'")
        let sameUnit = try fixture.count("""
            SELECT count(*) FROM response t JOIN response d ON d.responseKey = 'd' AND d.divisionId = t.teamId WHERE t.responseKey = 't'
            """)
        // Today the team is made a division-level unit under the organisation, so a team "Blue"
        // and a division "Blue" are one unit, and 'opmodel units' lists the team as a division.
        withKnownIssue("a team without a division is stored as a division-level unit (UnitPath.resolve levels by depth)") {
            #expect(team == ["team"])
            #expect(sameUnit == 0)
        }
        #expect(try fixture.count("SELECT count(*) FROM response WHERE responseKey = 't' AND divisionId IS NULL AND teamId IS NOT NULL") == 1)
    }
}

/// `replace`: changed responses are overwritten in place and counted, unchanged ones are not.
struct ReplaceTests {
    @Test func replacingOverwritesChangedResponsesAndCountsThem() throws {
        let fixture = try StoreFixture()
        let first = try fixture.importRows([PilotRow.make("r1", comment: "old"), PilotRow.make("r2", comment: "old"), PilotRow.make("r3")],
                                           file: "first.csv")
        let firstBatch = try #require(first.result.batchID)
        let changed = PilotRow.make("r2", division: "Payments", team: "Green", role: .productOwner, metric: 1, comment: "new")
        let second = try fixture.importRows([PilotRow.make("r1", comment: "old"), changed, PilotRow.make("r4")], file: "second.csv", replace: true)
        let secondBatch = try #require(second.result.batchID)
        #expect(second.outcomes == [.duplicate, .replaced, .inserted])
        #expect((second.totals.imported, second.totals.duplicates, second.totals.conflicts, second.totals.replaced) == (1, 1, 0, 1))
        // The batch record counts replaced responses as imported.
        #expect(try fixture.store.importBatches().map { [$0.imported, $0.duplicates, $0.conflicts, $0.storedResponses] }
            == [[3, 0, 0, 2], [2, 1, 0, 2]])
        #expect(try fixture.responses() == [
            "r1|Acme|Retail|Blue|2026-Q1|\(firstBatch)|\(hex(PilotRow.make("r1").answers))",
            "r2|Acme|Payments|Green|2026-Q1|\(secondBatch)|\(hex(changed.answers))",
            "r3|Acme|Retail|Blue|2026-Q1|\(firstBatch)|\(hex(PilotRow.make("r3").answers))",
            "r4|Acme|Retail|Blue|2026-Q1|\(secondBatch)|\(hex(PilotRow.make("r4").answers))",
        ])
        #expect(try fixture.rows("SELECT role FROM response WHERE responseKey = 'r2'") == ["product_owner"])
        #expect(try fixture.rows("SELECT r.responseKey || ':' || c.text FROM comment c JOIN response r ON r.id = c.responseId ORDER BY 1")
            == ["r1:old", "r2:new"])
        // Replaced in place: the same row, so nothing else that points at it breaks.
        #expect(try fixture.count("SELECT count(*) FROM response") == 4)
        #expect(try fixture.count("SELECT max(id) FROM response") == 4)
    }

    @Test func replacingWithNothingChangedReplacesNothing() throws {
        let fixture = try StoreFixture()
        let rows = [PilotRow.make("r1"), PilotRow.make("r2")]
        try fixture.importRows(rows)
        let again = try fixture.importRows(rows, replace: true)
        #expect(again.outcomes == [.duplicate, .duplicate])
        #expect(again.totals.replaced == 0)
        #expect(try fixture.count("SELECT count(*) FROM response WHERE batchId = 1") == 2)
    }
}

/// A wave as `survey label firstResponseAt responses`.
func describe(_ wave: WaveRecord) -> String {
    "\(wave.survey) \(wave.label) \(wave.firstResponseAt.map(String.init) ?? "-") \(wave.responses)"
}

/// A batch with every field, `|`-separated.
func describe(_ batch: ImportBatchRecord) -> String {
    [String(batch.id), batch.fileName, batch.sha256, batch.format, batch.survey, batch.waves, String(batch.rowsRead),
     String(batch.imported), String(batch.duplicates), String(batch.conflicts), String(batch.rejected), batch.startedAt,
     batch.finishedAt ?? "-", batch.toolVersion, String(batch.storedResponses)].joined(separator: "|")
}

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02X", $0) }.joined()
}
