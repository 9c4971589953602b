import Foundation
import SurveyCore
import SurveyStore
import SurveyTestSupport
import Testing

/// Renaming units, and merging one into another that already has the new name.
struct UnitRenameTests {
    /// Acme with Retail (teams Blue, Red) and Payments (teams Blue, Green), one response per team.
    static func reorganised() throws -> StoreFixture {
        let fixture = try StoreFixture()
        try fixture.importRows([
            PilotRow.make("r1", division: "Retail", team: "Blue"),
            PilotRow.make("r2", division: "Retail", team: "Red"),
            PilotRow.make("p1", division: "Payments", team: "Blue"),
            PilotRow.make("p2", division: "Payments", team: "Green"),
        ])
        return fixture
    }

    @Test func mergingADivisionMovesItsResponsesAndMergesOrMovesItsTeams() throws {
        let fixture = try Self.reorganised()
        let message = try fixture.store.renameUnit(path: ["Acme", "Payments"], to: "retail")
        #expect(message == "merged 'Acme / Payments' into 'Acme / retail' (2 responses moved)")
        #expect(try fixture.store.units().map { "\($0.path) \($0.level) \($0.responses)" } == [
            "Acme organisation 4",
            "Acme / Retail division 4",
            "Acme / Retail / Blue team 2",
            "Acme / Retail / Green team 1",
            "Acme / Retail / Red team 1",
        ])
        #expect(try fixture.responses().map { $0.split(separator: "|").prefix(4).joined(separator: "|") } == [
            "p1|Acme|Retail|Blue", "p2|Acme|Retail|Green", "r1|Acme|Retail|Blue", "r2|Acme|Retail|Red",
        ])
        // Keys follow the unit's new place; the old path is remembered once.
        #expect(try fixture.rows("SELECT pathKey FROM unit ORDER BY pathKey") == ["acme", "acme/retail", "acme/retail/blue", "acme/retail/green", "acme/retail/red"])
        #expect(try fixture.rows("SELECT pathKey FROM unitAlias ORDER BY pathKey") == ["acme/payments"])
    }

    @Test func aLaterImportOfTheOldNameLandsOnTheMergedUnits() throws {
        let fixture = try Self.reorganised()
        _ = try fixture.store.renameUnit(path: ["Acme", "Payments"], to: "Retail")
        let units = try fixture.count("SELECT count(*) FROM unit")
        let later = try fixture.importRows([
            PilotRow.make("p3", division: "Payments", team: "Blue", wave: "2026-Q2"),
            PilotRow.make("p4", division: "PAYMENTS", team: "green", wave: "2026-Q2"),
        ])
        #expect(later.outcomes == [.inserted, .inserted])
        #expect(try fixture.count("SELECT count(*) FROM unit") == units)
        #expect(try fixture.responses().filter { $0.contains("2026-Q2") }.map { $0.split(separator: "|").prefix(4).joined(separator: "|") }
            == ["p3|Acme|Retail|Blue", "p4|Acme|Retail|Green"])
    }

    @Test func mergingAnOrganisationMovesEverythingBelowIt() throws {
        let fixture = try StoreFixture()
        try fixture.importRows([
            PilotRow.make("a1", org: "Acme", division: "Retail", team: "Blue"),
            PilotRow.make("b1", org: "Acme Group", division: "Retail", team: "Blue"),
            PilotRow.make("b2", org: "Acme Group", division: "Cards", team: ""),
        ])
        #expect(try fixture.store.renameUnit(path: ["Acme Group"], to: "Acme") == "merged 'Acme Group' into 'Acme' (2 responses moved)")
        #expect(try fixture.store.units().map { "\($0.path) \($0.responses)" } == ["Acme 3", "Acme / Cards 1", "Acme / Retail 2", "Acme / Retail / Blue 2"])
        #expect(try fixture.store.organisation(named: "Acme Group")?.name == "Acme")
        #expect(try fixture.store.organisations().map(\.name) == ["Acme"])
    }

    @Test func mergingKeepsAliasesOfTheMergedUnit() throws {
        let fixture = try Self.reorganised()
        #expect(try fixture.store.renameUnit(path: ["Acme", "Payments"], to: "Cards") == "renamed 'Acme / Payments' to 'Acme / Cards'")
        _ = try fixture.store.renameUnit(path: ["Acme", "Cards"], to: "Retail")
        #expect(try fixture.rows("SELECT a.pathKey || '>' || u.pathKey FROM unitAlias a JOIN unit u ON u.id = a.unitId ORDER BY 1")
            == ["acme/cards>acme/retail", "acme/payments>acme/retail"])
        try fixture.importRows([PilotRow.make("p9", division: "Payments", team: "Green", wave: "2026-Q2")])
        #expect(try fixture.store.units().map(\.path).contains("Acme / Payments") == false)
    }

    @Test func renamingMovesChildrenKeysAndRemembersTheOldPath() throws {
        let fixture = try Self.reorganised()
        #expect(try fixture.store.renameUnit(path: ["acme", "RETAIL"], to: "Retail Banking") == "renamed 'acme / RETAIL' to 'acme / Retail Banking'")
        #expect(try fixture.rows("SELECT pathKey FROM unit WHERE parentId = (SELECT id FROM unit WHERE name = 'Retail Banking') ORDER BY 1")
            == ["acme/retail banking/blue", "acme/retail banking/red"])
        let later = try fixture.importRows([PilotRow.make("r1"), PilotRow.make("r3", division: "Retail", team: "Red")])
        #expect(later.outcomes == [.duplicate, .inserted])
        #expect(try fixture.store.units().map(\.path).filter { $0.contains("Retail") }
            == ["Acme / Retail Banking", "Acme / Retail Banking / Blue", "Acme / Retail Banking / Red"])
    }

    @Test func renamingToTheSameNameDoesNothing() throws {
        let fixture = try Self.reorganised()
        let revision = try fixture.store.revision()
        #expect(try fixture.store.renameUnit(path: ["Acme", "Retail"], to: "Retail") == "nothing to rename")
        #expect(try fixture.store.revision() == revision)
        #expect(try fixture.count("SELECT count(*) FROM unitAlias") == 0)
    }

    @Test func renamingAnUnknownUnitIsNotFound() throws {
        let fixture = try Self.reorganised()
        let error = #expect(throws: StoreError.self) { try fixture.store.renameUnit(path: ["Acme", "Marketing"], to: "Sales") }
        #expect(error?.code == .notFound)
    }

    /// Exports number their responses per survey (LimeSurvey 1, 2, 3 …), so two organisations'
    /// responses often share keys in a wave; the identity index is (wave, organisation, key).
    @Test func mergingOrganisationsWhoseResponsesShareKeysIsNotADatabaseError() throws {
        let fixture = try StoreFixture()
        try fixture.importRows([PilotRow.make("1", org: "Acme"), PilotRow.make("1", org: "Acme Group", metric: 2)])
        let before = try fixture.responses()
        var failure: StoreError?
        do {
            _ = try fixture.store.renameUnit(path: ["Acme Group"], to: "Acme")
        } catch let error as StoreError {
            failure = error
        }
        // The merge is refused as a conflict that says why, not as SQLite's UNIQUE constraint.
        #expect(failure?.code == .conflict, "\(failure?.message ?? "")")
        #expect(failure?.message == "'Acme Group' and 'Acme' have 1 response id in common (first in wave 2026-Q1), so merging them would lose responses; nothing was merged (rename it to a name of its own instead)")
        if failure != nil {
            // Refused in one transaction: nothing moved.
            #expect(try fixture.responses() == before)
            #expect(try fixture.store.units().map(\.path).contains("Acme Group"))
        } else {
            #expect(try fixture.count("SELECT count(*) FROM response") == 2)
        }
    }
}
