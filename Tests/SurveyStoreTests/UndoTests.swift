import Foundation
import SurveyCore
import SurveyStore
import SurveyTestSupport
import Testing

/// Undoing a batch: everything it stored goes, nothing else does.
struct UndoTests {
    /// Every row of the tables a batch writes to, as text, for before/after comparisons.
    static func snapshot(_ fixture: StoreFixture) throws -> [String] {
        try fixture.responses()
            + fixture.rows("SELECT 'comment|' || responseId || '|' || itemId || '|' || text FROM comment ORDER BY 1")
            + fixture.rows("SELECT 'wording|' || batchId || '|' || itemId || '|' || headerText FROM itemWording ORDER BY 1")
            + fixture.rows("SELECT 'wave|' || id || '|' || label || '|' || coalesce(firstResponseAt, '') FROM wave ORDER BY 1")
            + fixture.rows("SELECT 'batch|' || id || '|' || fileName || '|' || imported FROM importBatch ORDER BY 1")
            + fixture.rows("SELECT 'unit|' || id || '|' || pathKey FROM unit ORDER BY 1")
            + fixture.rows("SELECT 'headcount|' || waveId || '|' || unitId || '|' || headcount FROM headcount ORDER BY 1")
    }

    @Test func undoRemovesEverythingOfTheBatchAndNothingElse() throws {
        let fixture = try StoreFixture()
        try fixture.importRows([PilotRow.make("r1", comment: "first"), PilotRow.make("r2")], file: "q1.csv", wordings: ["metric": "Metric?"])
        _ = try fixture.store.storeHeadcounts([(organisation: "Acme", division: "", team: "", wave: "2026-Q1", headcount: 40)], surveyID: "pilot")
        let before = try Self.snapshot(fixture)
        let second = try fixture.importRows([
            PilotRow.make("r3", comment: "second"),
            PilotRow.make("r4", wave: "2026-Q2", at: PilotRow.february + 7_776_000, comment: "second"),
            PilotRow.make("r5", org: "Beta", wave: "2026-Q2", at: PilotRow.february + 7_776_000),
        ], file: "q2.csv", wordings: ["metric": "The metric?", "contact": "Contact"])
        let batch = try #require(second.result.batchID)
        _ = try fixture.store.storeHeadcounts([(organisation: "Beta", division: "", team: "", wave: "2026-Q2", headcount: 12)], surveyID: "pilot")
        #expect(try fixture.store.undoBatch(batch) == 3)
        var after = try Self.snapshot(fixture)
        // Units stay (a later import or a token may name them); they hold no responses.
        let kept = after.filter { $0.hasPrefix("unit|") && $0.contains("|beta") }
        #expect(kept.count == 3)
        after.removeAll { kept.contains($0) }
        #expect(after == before)
        #expect(try fixture.store.importBatches().map(\.fileName) == ["q1.csv"])
        #expect(try fixture.store.organisations().map(\.name) == ["Acme"])
        #expect(try fixture.store.waves().map(\.label) == ["2026-Q1"])
    }

    @Test func undoGivesASharedWaveBackItsEarlierFirstResponse() throws {
        let fixture = try StoreFixture()
        try fixture.importRows([PilotRow.make("r1", at: PilotRow.february + 100)])
        let earlier = try fixture.importRows([PilotRow.make("r2", at: PilotRow.february)])
        #expect(try fixture.store.waves().map(\.firstResponseAt) == [PilotRow.february])
        try fixture.store.undoBatch(try #require(earlier.result.batchID))
        #expect(try fixture.store.waves().map(describe) == ["pilot 2026-Q1 \(PilotRow.february + 100) 1"])
    }

    @Test func undoingAReplacingBatchRemovesTheResponsesItReplaced() throws {
        let fixture = try StoreFixture()
        try fixture.importRows([PilotRow.make("r1"), PilotRow.make("r2")])
        let replacing = try fixture.importRows([PilotRow.make("r1", metric: 1), PilotRow.make("r3")], replace: true)
        #expect(try fixture.store.undoBatch(try #require(replacing.result.batchID)) == 2)
        // The replaced answers are not restored: r1 belonged to the undone batch.
        #expect(try fixture.rows("SELECT responseKey FROM response ORDER BY 1") == ["r2"])
    }

    @Test func undoingAnUnknownBatchIsNotFoundAndChangesNothing() throws {
        let fixture = try StoreFixture()
        try fixture.importRows([PilotRow.make("r1")])
        let before = try Self.snapshot(fixture)
        let revision = try fixture.store.revision()
        let error = #expect(throws: StoreError.self) { try fixture.store.undoBatch(99) }
        #expect(error?.code == .notFound)
        #expect(try Self.snapshot(fixture) == before)
        #expect(try fixture.store.revision() == revision)
    }

    @Test func undoingTheSameBatchTwiceFailsTheSecondTime() throws {
        let fixture = try StoreFixture()
        let batch = try #require(try fixture.importRows([PilotRow.make("r1")]).result.batchID)
        #expect(try fixture.store.undoBatch(batch) == 1)
        #expect(throws: StoreError.self) { try fixture.store.undoBatch(batch) }
        #expect(try fixture.count("SELECT count(*) FROM response") == 0)
    }
}
