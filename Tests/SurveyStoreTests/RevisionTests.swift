import Foundation
import SurveyCore
import SurveyStore
import SurveyTestSupport
import Testing

/// The store revision: grows with every change a report could show, and only then.
struct RevisionTests {
    /// Every read the store offers, once.
    static func readEverything(_ store: OpModelStore) throws {
        _ = try store.appliedMigrations()
        _ = try store.surveyVersions()
        _ = try store.survey(id: "pilot", version: 1)
        _ = try store.importBatches()
        _ = try store.waves()
        _ = try store.units()
        for organisation in try store.organisations() {
            _ = try store.waves(organisationIDs: [organisation.id])
            _ = try store.organisation(named: organisation.name)
            for wave in try store.waves(of: organisation) {
                let slice = try store.slice(wave: wave, organisation: organisation)
                try store.forEachResponse(in: slice) { _, _, _, _ in }
                _ = try store.comments(in: slice)
                _ = try store.headcounts(wave: wave, surveyID: "pilot")
                _ = try store.organisations(inWave: wave)
            }
        }
        _ = try store.revision()
    }

    @Test func growsWithEveryWriteAndNotWithReads() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        var seen = [try store.revision()]
        #expect(seen == [0])
        /// Runs a write and checks that it raised the revision, and that reading after it did not.
        func expectBump(_ what: String, _ write: () throws -> Void) throws {
            try write()
            let now = try store.revision()
            #expect(now > seen.last ?? 0, "\(what) did not raise the revision")
            try Self.readEverything(store)
            #expect(try store.revision() == now, "reading after \(what) changed the revision")
            seen.append(now)
        }
        try expectBump("registering a survey") { _ = try store.registerSurvey(fixture.survey) }
        try expectBump("an import") { try fixture.importRows([PilotRow.make("r1", comment: "c"), PilotRow.make("r2", division: "Payments")]) }
        try expectBump("an import of one new response") { try fixture.importRows([PilotRow.make("r1", comment: "c"), PilotRow.make("r3")]) }
        try expectBump("a replacing import") { try fixture.importRows([PilotRow.make("r3", metric: 1)], replace: true) }
        try expectBump("headcounts") {
            _ = try store.storeHeadcounts([(organisation: "Acme", division: "Retail", team: "", wave: "2026-Q1", headcount: 9)], surveyID: "pilot")
        }
        try expectBump("a rename") { _ = try store.renameUnit(path: ["Acme", "Retail"], to: "Retail Banking") }
        try expectBump("a merge") { _ = try store.renameUnit(path: ["Acme", "Payments"], to: "Retail Banking") }
        try expectBump("an undo") { try store.undoBatch(3) }
        try expectBump("another undo") { try store.undoBatch(1) }
        #expect(seen.count == 10)
    }

    @Test func staysPutWhenNothingIsWritten() throws {
        let fixture = try StoreFixture()
        try fixture.importRows([PilotRow.make("r1")])
        let revision = try fixture.store.revision()
        // The same survey again, a rolled-back batch, a failed one, a no-op rename, an unknown batch.
        _ = try fixture.store.registerSurvey(fixture.survey)
        try fixture.importRows([PilotRow.make("r2")], decision: .rollback)
        _ = try? fixture.store.importBatch(BatchDescription(fileName: "x", sha256: "", format: "csv", toolVersion: "t"),
                                           survey: fixture.survey, replace: false) { writer in
            _ = try writer.insert(PilotRow.make("r3"))
            throw Interrupted()
        }
        _ = try fixture.store.renameUnit(path: ["Acme"], to: "Acme")
        _ = try? fixture.store.undoBatch(42)
        _ = try? fixture.store.renameUnit(path: ["Nobody"], to: "Somebody")
        #expect(try fixture.store.revision() == revision)
    }

    @Test func aSecondStoreObjectOnTheSameFileSeesTheNewRevision() throws {
        let fixture = try StoreFixture()
        let reader = try OpModelStore(path: fixture.store.path)
        #expect(try reader.revision() == 0)
        try fixture.importRows([PilotRow.make("r1")])
        let written = try fixture.store.revision()
        #expect(written > 0)
        #expect(try reader.revision() == written)
        try fixture.store.undoBatch(1)
        #expect(try reader.revision() > written)
    }
}
