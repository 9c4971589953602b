import Foundation
import SurveyCore
import Testing
@testable import SurveyCollector

/// A valid row's response key and content hash.
struct RespondentIdentityTests {
    func row(organisation: String = "Acme", tenure: String = "", answers: [UInt8] = [4, 0], comment: String? = nil) -> ResponseRow {
        var row = ResponseRow()
        row.organisation = organisation
        row.tenure = tenure
        row.answers = answers
        row.comments = comment.map { [("comment", $0)] } ?? []
        return row
    }

    @Test func theResponseIdColumnIsTheKey() throws {
        let export = try PlannedExport("id,organisation\n R7 ,Acme\n,Acme\n", survey: PartsSurvey.load())
        var identity = RespondentIdentity(idColumn: export.plan.responseID)
        var keys: [String] = []
        for record in try export.records() {
            var row = row()
            identity.identify(&row, from: record)
            keys.append(row.responseKey)
        }
        #expect(keys.first == "R7")
        // A row whose id is blank is keyed by its content.
        #expect(keys.last?.hasPrefix("content:") == true)
    }

    @Test func identicalRowsWithoutIdsAreNumbered() throws {
        let export = try PlannedExport("organisation\nAcme\nAcme\n", survey: PartsSurvey.load())
        var identity = RespondentIdentity(idColumn: nil)
        var rows: [ResponseRow] = []
        for record in try export.records() {
            var row = row()
            identity.identify(&row, from: record)
            rows.append(row)
        }
        let hex = String(UInt64(bitPattern: rows[0].contentHash), radix: 16)
        #expect(rows.map(\.responseKey) == ["content:\(hex):1", "content:\(hex):2"])
        #expect(rows[0].contentHash == rows[1].contentHash)
    }

    @Test func theHashReadsUnitNamesAsTheyCompare() {
        var identity = RespondentIdentity(idColumn: nil)
        #expect(identity.contentHash(of: row(organisation: "Acme")) == identity.contentHash(of: row(organisation: " ACME ")))
    }

    @Test func theHashChangesWithAnswersAttributesAndComments() {
        var identity = RespondentIdentity(idColumn: nil)
        let base = identity.contentHash(of: row())
        #expect(identity.contentHash(of: row(answers: [5, 0])) != base)
        #expect(identity.contentHash(of: row(organisation: "Globex")) != base)
        #expect(identity.contentHash(of: row(tenure: "2 years")) != base)
        #expect(identity.contentHash(of: row(comment: "more")) != base)
        #expect(identity.contentHash(of: row()) == base)
    }

    @Test func notesAnExportWithoutIds() {
        #expect(RespondentIdentity.headerNote(idColumn: nil) == "no response id column: responses are identified by their content")
        #expect(RespondentIdentity.headerNote(idColumn: 0) == nil)
    }
}
