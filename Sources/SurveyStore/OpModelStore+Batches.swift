import Foundation
import GRDB
import SurveyCore

/// A recorded import batch.
public struct ImportBatchRecord: Sendable, Equatable {
    public var id: Int64
    public var fileName: String
    public var sha256: String
    public var format: String
    public var survey: String
    public var waves: String
    public var rowsRead: Int
    public var imported: Int
    public var duplicates: Int
    public var conflicts: Int
    public var rejected: Int
    public var startedAt: String
    public var finishedAt: String?
    public var toolVersion: String
    /// Responses of this batch still stored.
    public var storedResponses: Int
}

/// A wave with its response count.
public struct WaveRecord: Sendable, Equatable {
    public var survey: String
    public var label: String
    public var firstResponseAt: Int64?
    public var responses: Int
}

extension OpModelStore {
    /// Every import batch, oldest first.
    package func importBatches() throws -> [ImportBatchRecord] {
        try wrap("listing import batches") {
            try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT b.*, s.surveyId || '@' || s.version AS survey,
                           (SELECT count(*) FROM response r WHERE r.batchId = b.id) AS stored
                    FROM importBatch b JOIN surveyVersion s ON s.id = b.surveyVersionId ORDER BY b.id
                    """).map { row in
                    ImportBatchRecord(id: row["id"], fileName: row["fileName"], sha256: row["sha256"], format: row["format"],
                                      survey: row["survey"], waves: row["waves"], rowsRead: row["rowsRead"], imported: row["imported"],
                                      duplicates: row["duplicates"], conflicts: row["conflicts"], rejected: row["rejected"],
                                      startedAt: row["startedAt"], finishedAt: row["finishedAt"], toolVersion: row["toolVersion"],
                                      storedResponses: row["stored"])
                }
            }
        }
    }

    /// Removes one batch and every response it stored, in one transaction.
    /// - Returns: The number of responses removed.
    /// - Throws: ``StoreError`` `notFound` for an unknown batch.
    @discardableResult
    package func undoBatch(_ id: Int64) throws -> Int {
        try wrap("undoing batch \(id)") {
            try pool.write { db in
                guard try Int.fetchOne(db, sql: "SELECT count(*) FROM importBatch WHERE id = ?", arguments: [id]) == 1 else {
                    throw StoreError(.notFound, "no import batch \(id) (see \(Listing.imports))")
                }
                let responses = try Int.fetchOne(db, sql: "SELECT count(*) FROM response WHERE batchId = ?", arguments: [id]) ?? 0
                try db.execute(sql: "DELETE FROM importBatch WHERE id = ?", arguments: [id])
                // Waves left without responses go too, so they do not linger in reports.
                try db.execute(sql: "DELETE FROM wave WHERE NOT EXISTS (SELECT 1 FROM response r WHERE r.waveId = wave.id)")
                try db.execute(sql: """
                    UPDATE wave SET firstResponseAt = (SELECT min(submittedAt) FROM response r WHERE r.waveId = wave.id)
                    """)
                return responses
            }
        }
    }

    /// Waves, ordered by their first response.
    package func waves() throws -> [WaveRecord] {
        try wrap("listing waves") {
            try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT w.surveyId, w.label, w.firstResponseAt, (SELECT count(*) FROM response r WHERE r.waveId = w.id) AS n
                    FROM wave w ORDER BY w.firstResponseAt IS NULL, w.firstResponseAt, w.label
                    """).map { WaveRecord(survey: $0["surveyId"], label: $0["label"], firstResponseAt: $0["firstResponseAt"], responses: $0["n"]) }
            }
        }
    }

    /// The waves the given organisations took part in, with their responses only, ordered by
    /// their first response among those organisations.
    package func waves(organisationIDs: [Int64]) throws -> [WaveRecord] {
        guard !organisationIDs.isEmpty else { return [] }
        return try wrap("listing waves") {
            try pool.read { db in
                let marks = Array(repeating: "?", count: organisationIDs.count).joined(separator: ", ")
                return try Row.fetchAll(db, sql: """
                    SELECT w.surveyId, w.label, min(r.submittedAt) AS firstAt, count(*) AS n
                    FROM response r JOIN wave w ON w.id = r.waveId WHERE r.organisationId IN (\(marks))
                    GROUP BY w.id ORDER BY firstAt IS NULL, firstAt, w.label
                    """, arguments: StatementArguments(organisationIDs)).map {
                    WaveRecord(survey: $0["surveyId"], label: $0["label"], firstResponseAt: $0["firstAt"], responses: $0["n"])
                }
            }
        }
    }

    /// Response counts per organisation, division and team (for `opmodel units`), by path.
    package func units() throws -> [(path: String, level: String, responses: Int)] {
        try wrap("listing units") {
            try pool.read { db in
                try Row.fetchAll(db, sql: """
                    WITH RECURSIVE named(id, path, level) AS (
                        SELECT id, name, level FROM unit WHERE parentId IS NULL
                        UNION ALL
                        SELECT u.id, named.path || ' / ' || u.name, u.level FROM unit u JOIN named ON u.parentId = named.id
                    )
                    SELECT path, level, (SELECT count(*) FROM response r
                        WHERE r.organisationId = named.id OR r.divisionId = named.id OR r.teamId = named.id) AS n
                    FROM named ORDER BY path
                    """).map { ($0["path"], $0["level"], $0["n"]) }
            }
        }
    }

    /// Renames a division (or an organisation or team) given by its path, e.g. after a
    /// reorganisation between waves: responses of the old name move to the new one, and later
    /// imports that still use the old name land on the new unit.
    ///
    /// - Parameters:
    ///   - path: The unit's current path components (organisation, division[, team]).
    ///   - newName: The new last component.
    /// - Returns: A sentence saying what happened.
    package func renameUnit(path: [String], to newName: String) throws -> String {
        try wrap("renaming a unit") {
            try pool.write { db in
                let oldKey = UnitPath.key(path)
                guard let row = try Row.fetchOne(db, sql: "SELECT id, parentId, level, name FROM unit WHERE pathKey = ?", arguments: [oldKey]) else {
                    throw StoreError(.notFound, "there is no unit '\(path.joined(separator: " / "))' (see \(Listing.units))")
                }
                let id: Int64 = row["id"]
                let newPath = Array(path.dropLast()) + [newName]
                let newKey = UnitPath.key(newPath)
                guard newKey != oldKey || row["name"] != newName else { return "nothing to rename" }
                if newKey != oldKey, let target = try Int64.fetchOne(db, sql: "SELECT id FROM unit WHERE pathKey = ?", arguments: [newKey]) {
                    // Merge into the existing unit: move responses and children, remember the old path.
                    let column = (row["level"] as String) == "organisation" ? "organisationId" : (row["level"] as String) == "division" ? "divisionId" : "teamId"
                    if column == "organisationId", let clash = try Row.fetchOne(db, sql: """
                        SELECT count(*) AS shared, min(w.label) AS wave FROM response a
                        JOIN response b ON b.waveId = a.waveId AND b.responseKey = a.responseKey AND b.organisationId = ?
                        JOIN wave w ON w.id = a.waveId
                        WHERE a.organisationId = ?
                        """, arguments: [target, id]), let wave = clash["wave"] as String? {
                        // A response is one (wave, organisation, response id): two organisations
                        // that numbered their responses alike cannot become one without losing some.
                        let shared: Int = clash["shared"]
                        throw StoreError(.conflict, "'\(path.joined(separator: " / "))' and '\(newPath.joined(separator: " / "))' have \(shared) response \(shared == 1 ? "id" : "ids") in common (first in wave \(wave)), so merging them would lose responses; nothing was merged (rename it to a name of its own instead)")
                    }
                    let moved = try Int.fetchOne(db, sql: "SELECT count(*) FROM response WHERE \(column) = ?", arguments: [id]) ?? 0
                    try db.execute(sql: "UPDATE response SET \(column) = ? WHERE \(column) = ?", arguments: [target, id])
                    try Self.reparentChildren(of: id, to: target, in: db)
                    try db.execute(sql: "UPDATE unitAlias SET unitId = ? WHERE unitId = ?", arguments: [target, id])
                    try db.execute(sql: "DELETE FROM unit WHERE id = ?", arguments: [id])
                    try db.execute(sql: "INSERT OR REPLACE INTO unitAlias (pathKey, unitId) VALUES (?, ?)", arguments: [oldKey, target])
                    return "merged '\(path.joined(separator: " / "))' into '\(newPath.joined(separator: " / "))' (\(moved) responses moved)"
                }
                // A former name of another unit still leads to that unit (tokens scoped by name,
                // imports that use it): giving it to this one would make it lead to two.
                if newKey != oldKey, let ownerName = try String.fetchOne(db, sql: """
                    SELECT u.name FROM unitAlias a JOIN unit u ON u.id = a.unitId WHERE a.pathKey = ? AND a.unitId <> ?
                    """, arguments: [newKey, id]) {
                    throw StoreError(.conflict, "'\(newPath.joined(separator: " / "))' is a former name of '\(ownerName)', which imports and access tokens using it still reach; choose another name, or merge into '\(ownerName)'")
                }
                try db.execute(sql: "UPDATE unit SET name = ?, pathKey = ? WHERE id = ?", arguments: [newName, newKey, id])
                try Self.rekeyChildren(of: id, parentKey: newKey, in: db)
                if newKey != oldKey {
                    try db.execute(sql: "INSERT OR REPLACE INTO unitAlias (pathKey, unitId) VALUES (?, ?)", arguments: [oldKey, id])
                }
                return "renamed '\(path.joined(separator: " / "))' to '\(newPath.joined(separator: " / "))'"
            }
        }
    }

    private static func rekeyChildren(of id: Int64, parentKey: String, in db: Database) throws {
        for child in try Row.fetchAll(db, sql: "SELECT id, name FROM unit WHERE parentId = ?", arguments: [id]) {
            let key = parentKey + UnitPath.separator + UnitPath.key([child["name"]])
            try db.execute(sql: "UPDATE unit SET pathKey = ? WHERE id = ?", arguments: [key, child["id"] as Int64])
            try rekeyChildren(of: child["id"], parentKey: key, in: db)
        }
    }

    private static func reparentChildren(of id: Int64, to target: Int64, in db: Database) throws {
        let targetKey = try String.fetchOne(db, sql: "SELECT pathKey FROM unit WHERE id = ?", arguments: [target]) ?? ""
        for child in try Row.fetchAll(db, sql: "SELECT id, name, level FROM unit WHERE parentId = ?", arguments: [id]) {
            let childID: Int64 = child["id"]
            let key = targetKey + UnitPath.separator + UnitPath.key([child["name"]])
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM unit WHERE pathKey = ?", arguments: [key]) {
                let column = (child["level"] as String) == "division" ? "divisionId" : "teamId"
                try db.execute(sql: "UPDATE response SET \(column) = ? WHERE \(column) = ?", arguments: [existing, childID])
                try reparentChildren(of: childID, to: existing, in: db)
                try db.execute(sql: "UPDATE unitAlias SET unitId = ? WHERE unitId = ?", arguments: [existing, childID])
                try db.execute(sql: "DELETE FROM unit WHERE id = ?", arguments: [childID])
            } else {
                try db.execute(sql: "UPDATE unit SET parentId = ?, pathKey = ? WHERE id = ?", arguments: [target, key, childID])
                try rekeyChildren(of: childID, parentKey: key, in: db)
            }
        }
    }
}

extension OpModelStore {
    /// Records headcounts (replacing earlier ones for the same wave and unit), in one transaction.
    ///
    /// Units are created when new, keyed like imported ones. Waves must exist already.
    /// - Returns: The number of entries stored.
    package func storeHeadcounts(_ entries: [(organisation: String, division: String, team: String, wave: String, headcount: Int)],
                                surveyID: String) throws -> Int {
        try wrap("storing headcounts") {
            try pool.write { db in
                for entry in entries {
                    guard let wave = try Int64.fetchOne(db, sql: "SELECT id FROM wave WHERE surveyId = ? AND label = ?", arguments: [surveyID, entry.wave]) else {
                        throw StoreError(.notFound, "wave '\(entry.wave)' has no responses yet (import the wave's export first)")
                    }
                    let unit = try UnitPath.resolve(organisation: entry.organisation, division: entry.division.isEmpty ? nil : entry.division,
                                                    team: entry.team.isEmpty ? nil : entry.team, in: db)
                    try db.execute(sql: "INSERT OR REPLACE INTO headcount (waveId, unitId, headcount) VALUES (?, ?, ?)",
                                   arguments: [wave, unit, entry.headcount])
                }
                return entries.count
            }
        }
    }
}
