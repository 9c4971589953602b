import Foundation
import GRDB
import SurveyCore
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// A stored organisation, division or team.
package struct StoredUnit: Sendable, Hashable {
    package var id: Int64
    package var name: String
    package var level: String
    package var parentID: Int64?
}

/// What a report needs to know about a wave of one organisation.
package struct WaveSlice: Sendable {
    /// The wave's label.
    package var wave: String
    /// The survey version most of its responses used.
    package var survey: Survey
    /// Its row id, for reading responses.
    package var surveyVersionID: Int64
    /// The organisation.
    package var organisation: StoredUnit
    /// The organisation, then its divisions and teams, parents first.
    package var units: [StoredUnit]
}

extension OpModelStore {
    /// The organisations with responses in a wave, by name.
    package func organisations(inWave wave: String) throws -> [StoredUnit] {
        try wrap("listing organisations of wave \(wave)") {
            try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT DISTINCT u.id, u.name, u.level, u.parentId FROM response r
                    JOIN wave w ON w.id = r.waveId JOIN unit u ON u.id = r.organisationId
                    WHERE w.label = ? ORDER BY lower(u.name)
                    """, arguments: [wave]).map(Self.storedUnit)
            }
        }
    }

    /// Every organisation with responses, by name.
    package func organisations() throws -> [StoredUnit] {
        try wrap("listing organisations") {
            try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT u.id, u.name, u.level, u.parentId FROM unit u WHERE u.level = 'organisation'
                    AND EXISTS (SELECT 1 FROM response r WHERE r.organisationId = u.id) ORDER BY lower(u.name)
                    """).map(Self.storedUnit)
            }
        }
    }

    static func storedUnit(_ row: Row) -> StoredUnit {
        StoredUnit(id: row["id"], name: row["name"], level: row["level"], parentID: row["parentId"])
    }

    /// The organisation named (compared as the store keys it), or nil.
    package func organisation(named name: String) throws -> StoredUnit? {
        try wrap("finding organisation \(name)") {
            try pool.read { db in
                let key = UnitPath.key([name])
                return try Row.fetchOne(db, sql: """
                    SELECT id, name, level, parentId FROM unit WHERE pathKey = ? AND level = 'organisation'
                    UNION ALL SELECT u.id, u.name, u.level, u.parentId FROM unitAlias a JOIN unit u ON u.id = a.unitId
                    WHERE a.pathKey = ? AND u.level = 'organisation' LIMIT 1
                    """, arguments: [key, key]).map(Self.storedUnit)
            }
        }
    }

    /// The waves an organisation took part in, oldest first (by first response).
    package func waves(of organisation: StoredUnit) throws -> [String] {
        try wrap("listing waves of \(organisation.name)") {
            try pool.read { db in
                try String.fetchAll(db, sql: """
                    SELECT w.label FROM wave w WHERE EXISTS (SELECT 1 FROM response r WHERE r.waveId = w.id AND r.organisationId = ?)
                    ORDER BY w.firstResponseAt IS NULL, w.firstResponseAt, w.label
                    """, arguments: [organisation.id])
            }
        }
    }

    /// The wave, survey version and unit tree of one organisation's responses.
    /// - Throws: ``StoreError`` `notFound` when the organisation has no responses in the wave.
    package func slice(wave: String, organisation: StoredUnit) throws -> WaveSlice {
        try wrap("reading wave \(wave) of \(organisation.name)") {
            try pool.read { db in
                // Count per version first and join the (large) definition only for the winner.
                guard let version = try Row.fetchOne(db, sql: """
                    SELECT s.id, s.definition FROM (
                        SELECT r.surveyVersionId AS id, count(*) AS n FROM response r JOIN wave w ON w.id = r.waveId
                        WHERE w.label = ? AND r.organisationId = ? GROUP BY r.surveyVersionId
                    ) counted JOIN surveyVersion s ON s.id = counted.id ORDER BY counted.n DESC, s.version DESC LIMIT 1
                    """, arguments: [wave, organisation.id]) else {
                    throw StoreError(.notFound, "'\(organisation.name)' has no responses in wave '\(wave)'")
                }
                let definition: String = version["definition"]
                let survey = try JSONDecoder().decode(Survey.self, from: Data(definition.utf8))
                let units = try Row.fetchAll(db, sql: """
                    WITH RECURSIVE tree(id, depth) AS (
                        SELECT id, 0 FROM unit WHERE id = ?
                        UNION ALL SELECT u.id, tree.depth + 1 FROM unit u JOIN tree ON u.parentId = tree.id
                    )
                    SELECT u.id, u.name, u.level, u.parentId FROM tree JOIN unit u ON u.id = tree.id ORDER BY tree.depth, u.id
                    """, arguments: [organisation.id]).map(Self.storedUnit)
                return WaveSlice(wave: wave, survey: survey, surveyVersionID: version["id"], organisation: organisation, units: units)
            }
        }
    }

    /// Streams a slice's responses: division, team, role and packed answers.
    ///
    /// Reads rows straight from SQLite without building a row object each, so scoring a
    /// million responses is bounded by decoding, not by the query.
    package func forEachResponse(in slice: WaveSlice,
                                _ body: (_ division: Int64?, _ team: Int64?, _ role: Role?, _ answers: UnsafeRawBufferPointer) -> Void) throws {
        try wrap("reading responses") {
            try pool.read { db in
                let statement = try db.makeStatement(sql: """
                    SELECT divisionId, teamId, role, answers FROM response
                    WHERE waveId = (SELECT id FROM wave WHERE surveyId = ? AND label = ?) AND organisationId = ? AND surveyVersionId = ?
                    """)
                try statement.setArguments([slice.survey.id, slice.wave, slice.organisation.id, slice.surveyVersionID])
                let handle = statement.sqliteStatement
                var roles: [String: Role] = [:]
                for role in Role.allCases { roles[role.rawValue] = role }
                while true {
                    let code = sqlite3_step(handle)
                    if code == SQLITE_DONE { break }
                    guard code == SQLITE_ROW else { throw StoreError(.database, "database error while reading responses") }
                    let division = sqlite3_column_type(handle, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 0)
                    let team = sqlite3_column_type(handle, 1) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 1)
                    var role: Role?
                    if let text = sqlite3_column_text(handle, 2) {
                        role = roles[String(cString: text)]
                    }
                    let bytes = sqlite3_column_blob(handle, 3)
                    let count = Int(sqlite3_column_bytes(handle, 3))
                    body(division, team, role, UnsafeRawBufferPointer(start: bytes, count: count))
                }
                sqlite3_reset(handle)
            }
        }
    }

    /// The free-text answers of a slice, with the division and team of each.
    package func comments(in slice: WaveSlice) throws -> [(division: Int64?, team: Int64?, item: String, text: String)] {
        try wrap("reading comments") {
            try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT r.divisionId, r.teamId, c.itemId, c.text FROM comment c JOIN response r ON r.id = c.responseId
                    WHERE r.waveId = (SELECT id FROM wave WHERE surveyId = ? AND label = ?) AND r.organisationId = ? AND r.surveyVersionId = ?
                    ORDER BY c.responseId, c.itemId
                    """, arguments: [slice.survey.id, slice.wave, slice.organisation.id, slice.surveyVersionID]).map {
                    ($0["divisionId"], $0["teamId"], $0["itemId"], $0["text"])
                }
            }
        }
    }

    /// Headcounts recorded for a wave, by unit id.
    package func headcounts(wave: String, surveyID: String) throws -> [Int64: Int] {
        try wrap("reading headcounts") {
            try pool.read { db in
                var result: [Int64: Int] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT h.unitId, h.headcount FROM headcount h JOIN wave w ON w.id = h.waveId WHERE w.label = ? AND w.surveyId = ?
                    """, arguments: [wave, surveyID]) {
                    result[row["unitId"]] = row["headcount"]
                }
                return result
            }
        }
    }
}
