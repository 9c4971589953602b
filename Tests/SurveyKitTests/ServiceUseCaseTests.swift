import Foundation
import SurveyCore
import SurveyKit
import SurveyTestSupport
import Testing

/// The use cases the server needs beyond the CLI's.
struct ServiceUseCaseTests {
    @Test func displayNamesReplaceSpoolPathsInDiagnosticsAndBatches() throws {
        let fixture = try ImportFixture()
        let path = try fixture.file("opmodel-upload-1234", PilotCSV.file([PilotCSV.row("r1"), PilotCSV.row("r2", metric: "seven")]))
        let failed = try fixture.importFiles([path]) { $0.displayNames = ["june.csv"] }
        #expect(failed.first?.file == "june.csv")
        #expect(failed.first?.diagnostics.first?.description.hasPrefix("june.csv:3:") == true)
        let good = try fixture.file("opmodel-upload-5678", PilotCSV.file([PilotCSV.row("r1")]))
        _ = try fixture.importFiles([good]) { $0.displayNames = ["july.csv"] }
        #expect(try listImportBatches(in: fixture.store).map(\.fileName) == ["july.csv"])
    }

    @Test func revisionChangesWithEveryImportUndoAndRename() throws {
        let fixture = try ImportFixture()
        let start = try storeRevision(of: fixture.store)
        _ = try fixture.importFiles([try fixture.file("a.csv", PilotCSV.file([PilotCSV.row("r1")]))])
        let imported = try storeRevision(of: fixture.store)
        #expect(imported > start)
        // A file that brings nothing new is rolled back and changes nothing.
        _ = try fixture.importFiles([try fixture.file("b.csv", PilotCSV.file([PilotCSV.row("r1")]))])
        #expect(try storeRevision(of: fixture.store) == imported)
        _ = try renameUnit(path: ["Acme", "Retail"], to: "Shops", in: fixture.store)
        let renamed = try storeRevision(of: fixture.store)
        #expect(renamed > imported)
        let batch = try #require(try listImportBatches(in: fixture.store).first)
        _ = try undoImportBatch(batch.id, in: fixture.store)
        #expect(try storeRevision(of: fixture.store) > renamed)
    }

    @Test func organisationsResolveByStoredKeyAndWavesCountOnlyTheirResponses() throws {
        let fixture = try ImportFixture()
        let results = try fixture.importFiles([
            try fixture.file("a.csv", PilotCSV.file([PilotCSV.row("r1", org: "Acme"), PilotCSV.row("r2", org: "Acme"), PilotCSV.row("r3", org: "Globex")])),
            try fixture.file("b.csv", PilotCSV.file([PilotCSV.row("r4", at: "2026-05-10T09:00:00Z", org: "Globex")])),
        ])
        #expect(results.map { $0.batchID != nil } == [true, true])
        let acme = try #require(try resolveOrganisation(named: "ACME", in: fixture.store))
        #expect(acme.name == "Acme")
        #expect(try resolveOrganisation(named: "Initech", in: fixture.store) == nil)
        #expect(try listOrganisations(in: fixture.store).map(\.name) == ["Acme", "Globex"])
        let only = try listOrganisations(in: fixture.store, only: [acme])
        #expect(only.map(\.name) == ["Acme"])
        #expect(only.map(\.waves) == [["2026-Q1"]])
        let waves = try listWaves(in: fixture.store, organisations: [acme])
        #expect(waves.map(\.label) == ["2026-Q1"])
        #expect(waves.map(\.responses) == [2])
    }

    @Test func reportFailuresSayWhetherTheOrganisationIsUnknown() throws {
        let fixture = try ImportFixture()
        _ = try fixture.importFiles([try fixture.file("a.csv", PilotCSV.file([PilotCSV.row("r1")]))])
        let unknown = #expect(throws: UserError.self) {
            try renderedScorecard(store: fixture.store, wave: "2026-Q1", organisation: "Initech", format: .json, minGroup: 5)
        }
        #expect(unknown?.code == .unknownOrganisation)
        let wave = #expect(throws: UserError.self) {
            try renderedScorecard(store: fixture.store, wave: "2030-Q1", organisation: "Acme", format: .json, minGroup: 5)
        }
        #expect(wave?.code == .notFound)
        #expect(wave?.description == "'Acme' has no responses in wave '2030-Q1' (its waves: 2026-Q1)")
    }
}
