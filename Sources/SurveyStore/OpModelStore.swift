import Foundation
import GRDB
import SurveyCore

/// The SQLite store of survey versions, units, waves, import batches and responses.
///
/// WAL mode, so reports and the server read while an import writes; foreign keys on; every
/// import in one transaction, so an interrupted import leaves the store as it was.
public final class OpModelStore: Sendable {
    let pool: DatabasePool
    /// The database file.
    package let path: String

    /// Opens (creating if needed) and migrates the store at `path`.
    /// - Throws: ``StoreError`` with code `cannotOpen` when the file cannot be used.
    package init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Schema.migrator().migrate(pool)
        } catch {
            throw StoreError(.cannotOpen, "cannot open the store '\(path)' (expected an OpModel SQLite database or a new file path)", underlying: error)
        }
        self.path = path
    }

    /// The migrations applied, oldest first: the schema version.
    package func appliedMigrations() throws -> [String] {
        try wrap("reading the schema version") {
            try pool.read { db in try Schema.migrator().appliedIdentifiers(db).sorted() }
        }
    }

    /// A number that grows with every import, undo, rename, headcount or survey change.
    ///
    /// Equal revisions mean equal reports; one indexed read, cheap enough to check per request.
    package func revision() throws -> Int64 {
        try wrap("reading the store revision") {
            try pool.read { db in try Int64.fetchOne(db, sql: "SELECT value FROM revision WHERE id = 1") ?? 0 }
        }
    }

    func wrap<T>(_ doing: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(.database, "database error while \(doing): \(error.message ?? "unknown")", underlying: error)
        }
    }
}

// MARK: - Survey versions

extension OpModelStore {
    /// Records a survey version (and its item layout) if new, and returns its row id.
    ///
    /// - Throws: ``StoreError`` `surveyVersionChanged` when the same id and version is stored
    ///   with other content and responses already use it.
    package func registerSurvey(_ survey: Survey) throws -> Int64 {
        try wrap("registering survey \(survey.reference)") {
            try pool.write { db in try Self.registerSurvey(survey, in: db) }
        }
    }

    static func registerSurvey(_ survey: Survey, in db: Database) throws -> Int64 {
        if let row = try Row.fetchOne(db, sql: "SELECT id, contentHash FROM surveyVersion WHERE surveyId = ? AND version = ?",
                                      arguments: [survey.id, survey.version]) {
            let id: Int64 = row["id"]
            let hash: String = row["contentHash"]
            if hash == survey.contentHash { return id }
            let used = try Int.fetchOne(db, sql: "SELECT count(*) FROM response WHERE surveyVersionId = ?", arguments: [id]) ?? 0
            guard used == 0 else {
                throw StoreError(.surveyVersionChanged, "survey \(survey.reference) has changed since \(used) stored responses used it (stored content \(hash.prefix(12)), now \(survey.contentHash.prefix(12))); give the changed definition a new version number")
            }
            try db.execute(sql: "DELETE FROM surveyVersion WHERE id = ?", arguments: [id])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let definition = String(decoding: try encoder.encode(survey), as: UTF8.self)
        try db.execute(sql: "INSERT INTO surveyVersion (surveyId, version, contentHash, title, definition) VALUES (?, ?, ?, ?, ?)",
                       arguments: [survey.id, survey.version, survey.contentHash, survey.title, definition])
        let id = db.lastInsertedRowID
        let layout = AnswerLayout(survey: survey)
        for (slot, item) in zip(layout.slots, survey.items) {
            var scaleMin: Double?, scaleMax: Double?, numericScale: Double?, favorable: String?
            switch slot.kind {
            case .agreement(let minimum, let maximum):
                scaleMin = Double(minimum)
                scaleMax = Double(maximum)
                if case .agreement(let scaleID) = item.kind, let scale = survey.scale(scaleID) {
                    favorable = "," + scale.favorable.map(String.init).joined(separator: ",") + ","
                }
            case .numeric(let minimum, let scale):
                scaleMin = minimum
                numericScale = scale
            default:
                break
            }
            try db.execute(sql: """
                INSERT INTO item (surveyVersionId, itemId, position, dimensionId, kind, text, byteOffset, byteWidth,
                                  scaleMin, scaleMax, numericScale, reverse, favorableValues)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, item.id, slot.itemIndex, item.dimension, item.kind.name, item.text, slot.offset,
                                 slot.width, scaleMin, scaleMax, numericScale, item.reverse, favorable])
            for (position, option) in item.kind.options.enumerated() {
                try db.execute(sql: "INSERT INTO itemOption (surveyVersionId, itemId, position, optionId, label) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, item.id, position, option.id, option.label])
            }
        }
        return id
    }

    /// The stored survey versions with their content hashes.
    package func surveyVersions() throws -> [(survey: String, version: Int, contentHash: String)] {
        try wrap("listing survey versions") {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT surveyId, version, contentHash FROM surveyVersion ORDER BY surveyId, version")
                    .map { ($0["surveyId"], $0["version"], $0["contentHash"]) }
            }
        }
    }

    /// A stored survey definition.
    package func survey(id: String, version: Int) throws -> Survey {
        try wrap("reading survey \(id)@\(version)") {
            guard let json = try pool.read({ db in
                try String.fetchOne(db, sql: "SELECT definition FROM surveyVersion WHERE surveyId = ? AND version = ?", arguments: [id, version])
            }) else {
                throw StoreError(.notFound, "survey \(id)@\(version) is not in the store")
            }
            return try JSONDecoder().decode(Survey.self, from: Data(json.utf8))
        }
    }
}

// MARK: - Inspection (tests and diagnostics inside the package)

extension OpModelStore {
    /// The first column of the first row of a read-only query, as an integer.
    package func scalar(_ sql: String) throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    /// The first column of every row of a read-only query, as text.
    package func rows(_ sql: String) throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: sql) }
    }
}
