import Foundation
import SurveyCore
import SurveyStore
import SurveyTestSupport

/// A fresh store file in a temporary directory, removed at the end of each test, written to
/// through the store's own batch API with rows built here (no collector in between).
final class StoreFixture: TemporaryStore {
    /// What one call of ``importRows(_:file:replace:decision:)`` did.
    struct Imported {
        var result: BatchResult
        var totals: BatchTotals
        var outcomes: [InsertOutcome]
    }

    /// Writes `rows` as one batch, reporting every row as read.
    @discardableResult
    func importRows(_ rows: [ResponseRow], file: String = "export.csv", replace: Bool = false,
                    wordings: [String: String] = [:], decision: BatchDecision = .commit) throws -> Imported {
        var totals = BatchTotals()
        var outcomes: [InsertOutcome] = []
        let description = BatchDescription(fileName: file, sha256: String(repeating: "ab", count: 32), format: "csv",
                                           toolVersion: "test", itemWordings: wordings)
        let result = try store.importBatch(description, survey: survey, replace: replace) { writer in
            for row in rows { outcomes.append(try writer.insert(row)) }
            writer.totals.rowsRead = rows.count
            totals = writer.totals
            return decision
        }
        return Imported(result: result, totals: totals, outcomes: outcomes)
    }

    /// The first column of a read-only query, every row, as text.
    func rows(_ sql: String) throws -> [String] {
        try store.rows(sql)
    }

    /// A read-only query's single integer.
    func count(_ sql: String) throws -> Int {
        try store.scalar(sql)
    }

    /// Every stored response as `key|organisation|division|team|wave|batch|hex answers`, by key.
    func responses() throws -> [String] {
        try rows("""
            SELECT r.responseKey || '|' || o.name || '|' || coalesce(d.name, '') || '|' || coalesce(t.name, '') || '|' ||
                   w.label || '|' || r.batchId || '|' || hex(r.answers)
            FROM response r JOIN unit o ON o.id = r.organisationId LEFT JOIN unit d ON d.id = r.divisionId
            LEFT JOIN unit t ON t.id = r.teamId JOIN wave w ON w.id = r.waveId
            ORDER BY r.responseKey, o.name, w.label
            """)
    }
}

/// Rows of the minimal (pilot) survey, packed as the collector packs them.
///
/// The pilot's layout: metric, no_problem, contact, interviews (1 byte each), training (a flag
/// byte and a byte of option bits), meetings (4 bytes), remarks (text, no slot): 10 bytes.
enum PilotRow {
    /// 2026-02-10T09:00:00Z, in 2026-Q1.
    static let february: Int64 = 1_770_714_000

    static func make(_ key: String, org: String = "Acme", division: String = "Retail", team: String = "Blue",
                     wave: String = "2026-Q1", at submittedAt: Int64? = february, role: Role? = .engineering,
                     metric: UInt8 = 4, meetings: Double = 6.5, comment: String? = nil) -> ResponseRow {
        var row = ResponseRow()
        row.responseKey = key
        row.submittedAt = submittedAt
        row.wave = wave
        row.organisation = org
        row.division = division
        row.team = team
        row.role = role
        var answers: [UInt8] = [metric, 2, 3, 0xFF, 1, 0b10, 0, 0, 0, 0]
        answers.withUnsafeMutableBytes { bytes in
            AnswerLayout.writeNumeric(meetings, minimum: 0, scale: 1000, into: bytes, at: 6)
        }
        row.answers = answers
        if let comment { row.comments = [(item: "remarks", text: comment)] }
        var hasher = StableHasher()
        answers.withUnsafeBytes { hasher.combine($0) }
        hasher.combine(division)
        hasher.combine(team)
        hasher.combine(role?.rawValue ?? "")
        hasher.combine(comment ?? "")
        row.contentHash = hasher.value
        return row
    }
}

/// A failure thrown from inside a batch on purpose.
struct Interrupted: Error, Equatable {}
