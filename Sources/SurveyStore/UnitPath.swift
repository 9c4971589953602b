import GRDB
import SurveyCore

/// Units keyed by their normalised path: organisation / division / team, each trimmed, inner
/// spaces collapsed and lowercased; shown with the spelling first seen.
enum UnitPath {
    static let separator = "/"

    static func key(_ components: [String]) -> String {
        components.map { normalizedKey($0).replacingOccurrences(of: separator, with: "\u{2215}") }.joined(separator: separator)
    }

    static func level(of depth: Int) -> String {
        switch depth {
        case 1: "organisation"
        case 2: "division"
        default: "team"
        }
    }

    /// The id of the unit at this path, creating it (and its parents) when new.
    static func resolve(organisation: String, division: String?, team: String?, in db: Database) throws -> Int64 {
        var components = [organisation]
        if let division, !division.isEmpty { components.append(division) }
        if let team, !team.isEmpty { components.append(team) }
        var parent: Int64?
        for depth in 1...components.count {
            let prefix = Array(components.prefix(depth))
            let key = key(prefix)
            if let id = try Int64.fetchOne(db, sql: """
                SELECT id FROM unit WHERE pathKey = ? UNION ALL SELECT unitId FROM unitAlias WHERE pathKey = ? LIMIT 1
                """, arguments: [key, key]) {
                parent = id
                continue
            }
            let name = prefix[depth - 1].trimmingCharacters(in: .whitespaces).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            // A child of a renamed parent is keyed under the parent's current path.
            var storedKey = key
            if let parentID = parent, let parentKey = try String.fetchOne(db, sql: "SELECT pathKey FROM unit WHERE id = ?", arguments: [parentID]) {
                storedKey = parentKey + separator + Self.key([prefix[depth - 1]])
                if let id = try Int64.fetchOne(db, sql: "SELECT id FROM unit WHERE pathKey = ?", arguments: [storedKey]) {
                    parent = id
                    continue
                }
            }
            try db.execute(sql: "INSERT INTO unit (parentId, level, pathKey, name) VALUES (?, ?, ?, ?)",
                           arguments: [parent, level(of: depth), storedKey, name])
            parent = db.lastInsertedRowID
        }
        guard let parent else { throw StoreError(.database, "no unit for organisation '\(organisation)'") }
        return parent
    }
}
