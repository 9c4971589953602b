import SurveyCore

/// What one column of an export holds.
enum ColumnRole: Equatable {
    case item(Int)
    case attribute(AttributeKind)
    case responseID
    case submittedAt
    case wave
    case ignored
}

/// Matches an export's header to a survey's items, attributes and metadata columns.
struct ColumnMapping {
    var roles: [ColumnRole]
    var diagnostics: [Diagnostic] = []

    static let responseIDNames = ["response_id", "responseid", "response id", "respondent_id", "respondent id", "id"]
    static let submittedNames = ["submitted_at", "submitted at", "submitted", "timestamp", "submitdate", "date submitted",
                                 "recordeddate", "recorded date", "enddate", "end date", "completion time", "submit date (utc)"]
    static let waveNames = ["wave"]
    static let attributeNames: [AttributeKind: [String]] = [
        .organisation: ["organisation", "organization", "org"],
        .division: ["division"],
        .team: ["team"],
        .role: ["role"],
        .tenure: ["tenure"],
    ]

    init(header: [String], survey: Survey, file: String, headerLine: CSVRecord) {
        var byText: [String: ColumnRole] = [:]
        for (index, item) in survey.items.enumerated() {
            for text in [item.id, item.text] + item.aliases where byText[normalizedKey(text)] == nil {
                byText[normalizedKey(text)] = .item(index)
            }
        }
        for kind in AttributeKind.allCases {
            for name in (Self.attributeNames[kind] ?? []) + (survey.attributes[kind]?.aliases ?? []) {
                byText[normalizedKey(name)] = byText[normalizedKey(name)] ?? .attribute(kind)
            }
        }
        for name in Self.responseIDNames { byText[name] = byText[name] ?? .responseID }
        for name in Self.submittedNames { byText[name] = byText[name] ?? .submittedAt }
        for name in Self.waveNames { byText[name] = byText[name] ?? .wave }

        var roles: [ColumnRole] = []
        var firstColumn: [ColumnRole: Int] = [:]
        let itemTexts = survey.items.flatMap { item in ([item.text] + item.aliases).map { ($0, item.id) } }
        for (column, name) in header.enumerated() {
            let location = headerLine.location(column)
            let here = SourceLocation(file: file, line: location.line, column: location.column)
            let key = normalizedKey(name)
            if key.isEmpty {
                roles.append(.ignored)
                continue
            }
            if let role = byText[key] {
                if let first = firstColumn[role] {
                    diagnostics.append(Diagnostic(.error, "column '\(name)' maps to the same \(Self.describe(role, survey)) as column \(first + 1) ('\(header[first])')", at: here))
                    roles.append(.ignored)
                } else {
                    firstColumn[role] = column
                    roles.append(role)
                }
                continue
            }
            // A near miss of an item's text is a typo that would silently drop the item.
            if let (text, itemID) = Self.nearMiss(key, in: itemTexts) {
                diagnostics.append(Diagnostic(.error, "column '\(name)' matches no item; did you mean '\(text)' (item \(itemID))?", at: here))
            } else {
                diagnostics.append(Diagnostic(.warning, "column '\(name)' is not an item or attribute of survey \(survey.reference) and is ignored", at: here))
            }
            roles.append(.ignored)
        }
        self.roles = roles
    }

    func column(of role: ColumnRole) -> Int? {
        roles.firstIndex(of: role)
    }

    private static func nearMiss(_ key: String, in texts: [(String, String)]) -> (String, String)? {
        var best: (String, String, Int)?
        for (text, id) in texts {
            let candidate = normalizedKey(text)
            guard abs(candidate.count - key.count) <= max(2, candidate.count / 5) else { continue }
            let distance = editDistance(key, candidate)
            if distance <= max(2, candidate.count / 8), distance < (best?.2 ?? .max) {
                best = (text, id, distance)
            }
        }
        return best.map { ($0.0, $0.1) }
    }

    private static func describe(_ role: ColumnRole, _ survey: Survey) -> String {
        switch role {
        case .item(let index): "item '\(survey.items[index].id)'"
        case .attribute(let kind): "attribute '\(kind.rawValue)'"
        case .responseID: "response id"
        case .submittedAt: "submission time"
        case .wave: "wave"
        case .ignored: "nothing"
        }
    }
}

extension ColumnRole: Hashable {}
