import Foundation
import SurveyCore
import SurveyStore
import SurveyTestSupport
import Testing

/// A store made by the first released schema (migration "v1" as it shipped in 027283e), opened
/// by today's store: every later migration runs and the old data reads back as it was.
///
/// The fixture is `Fixtures/pilot.v1store`, made by `Scripts/make-v1-store-fixture.sh`.
final class V1StoreFixture {
    let directory: URL
    let path: String

    /// The v1 file as committed, unopened.
    static func original() throws -> Data {
        guard let url = Bundle.module.url(forResource: "pilot", withExtension: "v1store", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/pilot.v1store"])
        }
        return try Data(contentsOf: url)
    }

    /// A copy in a temporary directory (opening migrates it, and turns on WAL).
    init() throws {
        directory = try SurveyFixtures.makeTemporaryDirectory()
        path = directory.appendingPathComponent("old.sqlite").path
        try Self.original().write(to: URL(fileURLWithPath: path))
    }

    deinit { SurveyFixtures.removeDirectory(directory) }

    func open() throws -> OpModelStore {
        try OpModelStore(path: path)
    }
}

struct MigrationTests {
    @Test func theFixtureIsAV1StoreWithoutTheLaterTables() throws {
        // SQLite keeps each table's CREATE statement as text in the file.
        let data = try V1StoreFixture.original()
        let text = String(decoding: data, as: UTF8.self)
        #expect(data.starts(with: Data("SQLite format 3\u{0}".utf8)))
        #expect(text.contains("CREATE TABLE importBatch"))
        #expect(text.contains("CREATE VIEW answer_long"))
        #expect(!text.contains("CREATE TABLE itemWording"))
        #expect(!text.contains("CREATE TABLE revision"))
    }

    @Test func openingAV1StoreRunsEveryLaterMigration() throws {
        let fixture = try V1StoreFixture()
        let store = try fixture.open()
        #expect(try store.appliedMigrations() == ["v1", "v2-itemWording", "v2-revision"])
        #expect(try store.revision() == 0)
        #expect(try store.scalar("SELECT count(*) FROM itemWording") == 0)
        #expect(try store.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'revision_%'") == 15)
        // Opening again migrates nothing more.
        #expect(try OpModelStore(path: fixture.path).appliedMigrations() == ["v1", "v2-itemWording", "v2-revision"])
    }

    @Test func theOldSurveyBatchesWavesAndUnitsReadBackIntact() throws {
        let fixture = try V1StoreFixture()
        let store = try fixture.open()
        let pilot = try SurveyFixtures.minimal()
        #expect(try store.surveyVersions().map { "\($0.survey)@\($0.version) \($0.contentHash)" } == ["pilot@1 \(pilot.contentHash)"])
        #expect(try store.survey(id: "pilot", version: 1) == pilot)
        // The same definition today is the same stored version, not a changed one.
        #expect(try store.registerSurvey(pilot) == 1)
        #expect(try store.importBatches().map(describe) == [
            "1|q1.csv|\(String(repeating: "1", count: 64))|csv|pilot@1|2026-Q1|3|3|0|0|0|2026-03-01T10:00:00Z|2026-03-01T10:00:01Z|0.1.0|3",
            "2|q2.csv|\(String(repeating: "2", count: 64))|csv|pilot@1|2026-Q2|3|2|0|0|1|2026-06-01T10:00:00Z|2026-06-01T10:00:01Z|0.1.0|2",
        ])
        #expect(try store.waves().map(describe) == ["pilot 2026-Q1 1770714000 3", "pilot 2026-Q2 1776070800 2"])
        #expect(try store.units().map { "\($0.path) \($0.level) \($0.responses)" } == [
            "Acme organisation 3", "Acme / Retail Banking division 3", "Acme / Retail Banking / Blue team 3",
            "Beta organisation 2", "Beta / Cards division 2",
        ])
        #expect(try store.organisations().map(\.name) == ["Acme", "Beta"])
        #expect(try store.organisations(inWave: "2026-Q2").map(\.name) == ["Acme", "Beta"])
        #expect(try store.headcounts(wave: "2026-Q1", surveyID: "pilot") == [1: 40, 4: 12])
        #expect(try store.headcounts(wave: "2026-Q2", surveyID: "pilot") == [1: 38])
    }

    @Test func theOldResponsesReadBackIntact() throws {
        let fixture = try V1StoreFixture()
        let store = try fixture.open()
        let acme = try #require(try store.organisation(named: "acme"))
        #expect(try store.waves(of: acme) == ["2026-Q1", "2026-Q2"])
        let slice = try store.slice(wave: "2026-Q1", organisation: acme)
        #expect(slice.surveyVersionID == 1)
        #expect(slice.units.map(\.name) == ["Acme", "Retail Banking", "Blue"])
        var read: [String] = []
        try store.forEachResponse(in: slice) { division, team, role, answers in
            read.append("\(division ?? 0) \(team ?? 0) \(role?.rawValue ?? "-") \(hex(Array(answers)))")
        }
        #expect(read.sorted() == ["2 3 engineering 040203FF010200001965", "2 3 product_owner 05010104010100002EE1"])
        #expect(try store.comments(in: slice).map { "\($0.division ?? 0) \($0.team ?? 0) \($0.item) \($0.text)" }
            == ["2 3 remarks More customer time, please"])
        #expect(try store.rows("SELECT responseKey || ' ' || coalesce(tenure, '-') || ' ' || contentHash FROM response ORDER BY id")
            == ["r1 - 1001", "r2 1-2 years 1002", "r3 - 1003", "r1 - 1004", "r4 - 1005"])
    }

    @Test func theV1ViewsStillUnpackTheOldAnswers() throws {
        let fixture = try V1StoreFixture()
        let store = try fixture.open()
        let answers = try store.rows("""
            SELECT responseId || ':' || item || '=' || coalesce(CAST(value AS TEXT), status) || ':' || coalesce(CAST(scored AS TEXT), '') || ':' || coalesce(answer, '')
            FROM answer_long ORDER BY responseId, item, answer
            """)
        #expect(answers == [
            "1:contact=2:2:This week", "1:interviews=not_applicable::", "1:meetings=6.5:6.5:", "1:metric=4.0:4.0:",
            "1:no_problem=2.0:4.0:", "1:training=1:1:Customer research",
            "2:contact=0:0:Never", "2:interviews=4.0:4.0:", "2:meetings=12.0:12.0:", "2:metric=5.0:5.0:",
            "2:no_problem=1.0:5.0:", "2:training=0:0:Certification",
            "3:contact=1:1:This quarter", "3:interviews=3.0:3.0:", "3:meetings=0.0:0.0:", "3:metric=3.0:3.0:",
            "3:no_problem=3.0:3.0:", "3:training=2:2:None",
            "4:contact=2:2:This week", "4:interviews=not_applicable::", "4:meetings=5.0:5.0:", "4:metric=5.0:5.0:",
            "4:no_problem=1.0:5.0:", "4:training=0:0:Certification", "4:training=1:1:Customer research",
            "5:contact=1:1:This quarter", "5:interviews=not_applicable::", "5:meetings=missing::", "5:metric=2.0:2.0:",
            "5:no_problem=4.0:2.0:",
        ])
        // Groups under the (v1) minimum of 5 stay out of the shared view.
        #expect(try store.scalar("SELECT count(*) FROM unit_item_summary") == 0)
        #expect(try store.rows("SELECT value FROM setting WHERE key = 'min_group'") == ["5"])
    }

    @Test func aMigratedStoreTakesNewImportsUndoAndRenamesWithTheRevisionCounting() throws {
        let fixture = try V1StoreFixture()
        let store = try fixture.open()
        let survey = try SurveyFixtures.minimal()
        var same = PilotRow.make("r1", division: "Retail Banking", team: "Blue")
        same.contentHash = 1001
        var changed = PilotRow.make("r2", division: "Retail Banking", team: "Blue")
        changed.contentHash = 9999
        // "Retail" was renamed under v1: its old name still leads to "Retail Banking".
        let new = PilotRow.make("r9", division: "Retail", team: "blue")
        var outcomes: [InsertOutcome] = []
        let result = try store.importBatch(BatchDescription(fileName: "q1-late.csv", sha256: "33", format: "csv", toolVersion: "test",
                                                            itemWordings: ["metric": "Metric?"]),
                                           survey: survey, replace: false) { writer in
            outcomes = try [same, changed, new].map { try writer.insert($0) }
            return .commit
        }
        #expect(outcomes == [.duplicate, .conflict, .inserted])
        #expect(result.batchID == 3)
        #expect(try store.scalar("SELECT count(*) FROM unit") == 5)
        #expect(try store.scalar("SELECT divisionId * 10 + teamId FROM response WHERE responseKey = 'r9'") == 23)
        #expect(try store.rows("SELECT batchId || ' ' || itemId || ' ' || headerText FROM itemWording") == ["3 metric Metric?"])
        let afterImport = try store.revision()
        #expect(afterImport > 0)
        #expect(try store.undoBatch(2) == 2)
        #expect(try store.waves().map(\.label) == ["2026-Q1"])
        #expect(try store.headcounts(wave: "2026-Q1", surveyID: "pilot") == [1: 40, 4: 12])
        let afterUndo = try store.revision()
        #expect(afterUndo > afterImport)
        _ = try store.renameUnit(path: ["Beta", "Cards"], to: "Card Services")
        #expect(try store.revision() > afterUndo)
        #expect(try store.rows("SELECT responseKey FROM response ORDER BY id") == ["r1", "r2", "r3", "r9"])
    }
}
