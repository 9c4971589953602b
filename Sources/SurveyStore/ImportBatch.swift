import Foundation
import GRDB
import SurveyCore
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// What is recorded about one imported file.
package struct BatchDescription: Sendable {
    /// The file name as given.
    package var fileName: String
    /// SHA-256 of the file's bytes, hex.
    package var sha256: String
    /// The export format read.
    package var format: String
    /// The tool version that imported it.
    package var toolVersion: String
    /// Item id → the header text it was read from, recorded with the batch.
    package var itemWordings: [String: String]

    /// Creates a description.
    package init(fileName: String, sha256: String, format: String, toolVersion: String, itemWordings: [String: String] = [:]) {
        self.fileName = fileName
        self.sha256 = sha256
        self.format = format
        self.toolVersion = toolVersion
        self.itemWordings = itemWordings
    }
}

/// How the items were worded in an earlier wave's export.
package struct StoredWording: Sendable, Equatable {
    /// The wave it was imported for (the latest, when the batch held several).
    package var wave: String
    /// The survey version the batch was read with.
    package var surveyVersion: Int
    /// Item id → header text.
    package var texts: [String: String]
}

/// Counts of what happened to a file's rows.
public struct BatchTotals: Sendable, Equatable {
    /// Data rows read.
    public var rowsRead = 0
    /// New responses stored.
    public var imported = 0
    /// Responses already stored with the same answers.
    public var duplicates = 0
    /// Responses already stored with other answers (not overwritten unless replacing).
    public var conflicts = 0
    /// Stored responses overwritten because of `replace`.
    public var replaced = 0
    /// Rows rejected as invalid.
    public var rejected = 0

    /// All zero.
    public init() {}
}

/// What happened to one response handed to the writer.
package enum InsertOutcome: Sendable, Equatable {
    case inserted, duplicate, conflict, replaced
}

/// The end of an import: keep what was written, or drop all of it.
package enum BatchDecision: Sendable {
    case commit, rollback
}

/// The outcome of ``OpModelStore/importBatch(_:survey:replace:body:)``.
package struct BatchResult: Sendable {
    /// The batch id, when committed.
    package var batchID: Int64?
    /// The waves the batch's responses belong to.
    package var waves: [String]
    /// The wording of the most recent earlier wave of the same survey (and organisation, when
    /// the batch has one), if one was recorded.
    package var previousWording: StoredWording?
}

extension OpModelStore {
    /// Writes one file's responses in one transaction.
    ///
    /// `body` hands each valid row to the writer and decides at the end whether to commit; a
    /// thrown error or `.rollback` leaves the store exactly as it was. The batch is recorded with
    /// the totals `body` reports through the writer.
    package func importBatch(_ description: BatchDescription, survey: Survey, replace: Bool,
                            body: (ResponseWriter) throws -> BatchDecision) throws -> BatchResult {
        var result = BatchResult(batchID: nil, waves: [])
        try wrap("importing \(description.fileName)") {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = -32000")
                try db.inTransaction(.immediate) {
                    let surveyVersionID = try Self.registerSurvey(survey, in: db)
                    try db.execute(sql: """
                        INSERT INTO importBatch (fileName, sha256, format, surveyVersionId, waves, startedAt, toolVersion)
                        VALUES (?, ?, ?, ?, '', ?, ?)
                        """, arguments: [description.fileName, description.sha256, description.format, surveyVersionID,
                                         Self.timestamp(), description.toolVersion])
                    let batchID = db.lastInsertedRowID
                    for (item, text) in description.itemWordings.sorted(by: { $0.key < $1.key }) {
                        try db.execute(sql: "INSERT INTO itemWording (batchId, itemId, headerText) VALUES (?, ?, ?)",
                                       arguments: [batchID, item, text])
                    }
                    let writer = try ResponseWriter(db: db, surveyID: survey.id, surveyVersionID: surveyVersionID,
                                                    batchID: batchID, replace: replace)
                    let decision = try body(writer)
                    try writer.finish()
                    let totals = writer.totals
                    result.waves = writer.waveLabels
                    result.previousWording = try Self.previousWording(surveyID: survey.id, batchID: batchID, waves: writer.waveLabels,
                                                                      organisations: writer.organisationIDs, in: db)
                    if let digest = writer.fileSHA256 {
                        try db.execute(sql: "UPDATE importBatch SET sha256 = ? WHERE id = ?", arguments: [digest, batchID])
                    }
                    try db.execute(sql: """
                        UPDATE importBatch SET waves = ?, rowsRead = ?, imported = ?, duplicates = ?, conflicts = ?,
                               rejected = ?, finishedAt = ? WHERE id = ?
                        """, arguments: [writer.waveLabels.joined(separator: ","), totals.rowsRead, totals.imported + totals.replaced,
                                         totals.duplicates, totals.conflicts, totals.rejected, Self.timestamp(), batchID])
                    if decision == .commit {
                        result.batchID = batchID
                        return .commit
                    }
                    return .rollback
                }
            }
        }
        return result
    }

    /// The wording recorded with the batch of the latest wave before `waves`, among batches of
    /// the same survey id (with responses of the same organisation, when there is one).
    ///
    /// Waves are ordered by their first response, then by label.
    static func previousWording(surveyID: String, batchID: Int64, waves: [String], organisations: Set<Int64>,
                                in db: Database) throws -> StoredWording? {
        var order: [String: (Int64, String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT label, firstResponseAt FROM wave WHERE surveyId = ?", arguments: [surveyID]) {
            let label: String = row["label"]
            order[label] = ((row["firstResponseAt"] as Int64?) ?? .max, label)
        }
        guard let current = waves.compactMap({ order[$0] }).min(by: <) else { return nil }
        var sql = """
            SELECT b.id, b.waves, s.version FROM importBatch b JOIN surveyVersion s ON s.id = b.surveyVersionId
            WHERE s.surveyId = ? AND b.id <> ? AND EXISTS (SELECT 1 FROM itemWording w WHERE w.batchId = b.id)
            """
        var arguments: StatementArguments = [surveyID, batchID]
        if organisations.count == 1, let organisation = organisations.first {
            sql += " AND EXISTS (SELECT 1 FROM response r WHERE r.batchId = b.id AND r.organisationId = ?)"
            arguments += [organisation]
        }
        var best: (key: (Int64, String), batch: Int64, version: Int)?
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            let labels = (row["waves"] as String).split(separator: ",").map(String.init)
            guard let latest = labels.compactMap({ order[$0] }).max(by: <), latest < current else { continue }
            let id: Int64 = row["id"]
            if best.map({ latest > $0.key || (latest == $0.key && id > $0.batch) }) ?? true { best = (latest, id, row["version"]) }
        }
        guard let best else { return nil }
        var texts: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT itemId, headerText FROM itemWording WHERE batchId = ?", arguments: [best.batch]) {
            texts[row["itemId"]] = row["headerText"]
        }
        return StoredWording(wave: best.key.1, surveyVersion: best.version, texts: texts)
    }

    static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}

/// Stores responses inside an import transaction. Made by ``OpModelStore/importBatch(_:survey:replace:body:)``.
///
/// The hot loop of the import: one prepared INSERT reused for every row, bound through the
/// SQLite C API (GRDB's `StatementArguments` would build an array of values per row), with
/// units and waves resolved from in-memory caches.
package final class ResponseWriter {
    private let db: Database
    private let surveyID: String
    private let surveyVersionID: Int64
    private let batchID: Int64
    private let replace: Bool
    private let insert: Statement
    private let findExisting: Statement
    private let insertComment: Statement
    private struct UnitKey: Hashable {
        var organisation: String
        var division: String?
        var team: String?
    }

    private var units: [UnitKey: Int64] = [:]
    /// The organisations written to.
    private(set) var organisationIDs = Set<Int64>()
    private var waves: [String: Int64] = [:]
    private var firstResponse: [Int64: Int64] = [:]
    /// What happened so far; the caller adds rows read and rejected.
    package var totals = BatchTotals()
    /// The file's SHA-256, when it is known only at the end (computed alongside the import).
    package var fileSHA256: String?

    init(db: Database, surveyID: String, surveyVersionID: Int64, batchID: Int64, replace: Bool) throws {
        self.db = db
        self.surveyID = surveyID
        self.surveyVersionID = surveyVersionID
        self.batchID = batchID
        self.replace = replace
        insert = try db.makeStatement(sql: """
            INSERT INTO response (batchId, surveyVersionId, waveId, organisationId, divisionId, teamId, role, tenure,
                                  responseKey, contentHash, submittedAt, answers)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (waveId, organisationId, responseKey) DO NOTHING
            """)
        findExisting = try db.makeStatement(sql: "SELECT id, contentHash FROM response WHERE waveId = ? AND organisationId = ? AND responseKey = ?")
        insertComment = try db.makeStatement(sql: "INSERT OR REPLACE INTO comment (responseId, itemId, text) VALUES (?, ?, ?)")
        // Constant for the whole file: bound once, kept across resets.
        sqlite3_bind_int64(insert.sqliteStatement, 1, batchID)
        sqlite3_bind_int64(insert.sqliteStatement, 2, surveyVersionID)
    }

    /// The waves written to, in first-seen order.
    package private(set) var waveLabels: [String] = []

    /// Stores one response, or says why it was not stored.
    package func insert(_ row: ResponseRow) throws -> InsertOutcome {
        let waveID = try wave(row.wave)
        let organisationID = try unit(organisation: row.organisation)
        let divisionID = row.division.isEmpty ? nil : try unit(organisation: row.organisation, division: row.division)
        let teamID = row.team.isEmpty ? nil : try unit(organisation: row.organisation, division: row.division, team: row.team)
        if let submitted = row.submittedAt {
            if let first = firstResponse[waveID] { firstResponse[waveID] = min(first, submitted) } else { firstResponse[waveID] = submitted }
        }
        let statement = insert.sqliteStatement
        sqlite3_bind_int64(statement, 3, waveID)
        sqlite3_bind_int64(statement, 4, organisationID)
        bind(statement, 5, divisionID)
        bind(statement, 6, teamID)
        bindText(statement, 7, row.role?.rawValue)
        bindText(statement, 8, row.tenure.isEmpty ? nil : row.tenure)
        bindText(statement, 9, row.responseKey)
        sqlite3_bind_int64(statement, 10, row.contentHash)
        bind(statement, 11, row.submittedAt)
        let code = row.answers.withUnsafeBytes { bytes -> Int32 in
            sqlite3_bind_blob(statement, 12, bytes.baseAddress, Int32(bytes.count), nil)
            let code = sqlite3_step(statement)
            sqlite3_reset(statement)
            return code
        }
        guard code == SQLITE_DONE else { throw lastError("storing the response on line \(row.line)") }
        if sqlite3_changes(db.sqliteConnection) == 1 {
            totals.imported += 1
            try storeComments(row, responseID: db.lastInsertedRowID)
            return .inserted
        }
        return try resolveExisting(row, waveID: waveID, organisationID: organisationID, divisionID: divisionID, teamID: teamID)
    }

    private func resolveExisting(_ row: ResponseRow, waveID: Int64, organisationID: Int64, divisionID: Int64?, teamID: Int64?) throws -> InsertOutcome {
        guard let existing = try Row.fetchOne(findExisting, arguments: [waveID, organisationID, row.responseKey]) else {
            throw StoreError(.database, "a response on line \(row.line) was neither stored nor found")
        }
        let existingHash: Int64 = existing["contentHash"]
        if existingHash == row.contentHash {
            totals.duplicates += 1
            return .duplicate
        }
        guard replace else {
            totals.conflicts += 1
            return .conflict
        }
        let id: Int64 = existing["id"]
        try db.execute(sql: """
            UPDATE response SET batchId = ?, surveyVersionId = ?, divisionId = ?, teamId = ?, role = ?, tenure = ?,
                   contentHash = ?, submittedAt = ?, answers = ? WHERE id = ?
            """, arguments: [batchID, surveyVersionID, divisionID, teamID, row.role?.rawValue, row.tenure.isEmpty ? nil : row.tenure,
                             row.contentHash, row.submittedAt, Data(row.answers), id])
        try db.execute(sql: "DELETE FROM comment WHERE responseId = ?", arguments: [id])
        try storeComments(row, responseID: id)
        totals.replaced += 1
        return .replaced
    }

    private func storeComments(_ row: ResponseRow, responseID: Int64) throws {
        for comment in row.comments {
            try insertComment.execute(arguments: [responseID, comment.item, comment.text])
        }
    }

    func finish() throws {
        for (waveID, first) in firstResponse {
            try db.execute(sql: "UPDATE wave SET firstResponseAt = min(coalesce(firstResponseAt, ?), ?) WHERE id = ?",
                           arguments: [first, first, waveID])
        }
    }

    // MARK: Units and waves

    private func wave(_ label: String) throws -> Int64 {
        if let id = waves[label] { return id }
        let id: Int64
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM wave WHERE surveyId = ? AND label = ?", arguments: [surveyID, label]) {
            id = existing
        } else {
            try db.execute(sql: "INSERT INTO wave (surveyId, label) VALUES (?, ?)", arguments: [surveyID, label])
            id = db.lastInsertedRowID
        }
        waves[label] = id
        waveLabels.append(label)
        return id
    }

    private func unit(organisation: String, division: String? = nil, team: String? = nil) throws -> Int64 {
        let raw = UnitKey(organisation: organisation, division: division, team: team)
        if let id = units[raw] { return id }
        let id = try UnitPath.resolve(organisation: organisation, division: division, team: team, in: db)
        units[raw] = id
        if division == nil, team == nil { organisationIDs.insert(id) }
        return id
    }

    // MARK: Binding

    private func bind(_ statement: SQLiteStatement, _ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    private func bindText(_ statement: SQLiteStatement, _ index: Int32, _ value: String?) {
        guard let value else {
            sqlite3_bind_null(statement, index)
            return
        }
        var copy = value
        copy.withUTF8 { text in
            _ = sqlite3_bind_text(statement, index, UnsafeRawPointer(text.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                  Int32(text.count), sqliteTransient)
        }
    }

    private func lastError(_ doing: String) -> StoreError {
        let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
        return StoreError(.database, "database error while \(doing): \(message)")
    }
}

/// SQLite's "copy this value now" destructor.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
