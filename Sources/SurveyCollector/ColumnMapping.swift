import SurveyCore

/// What one column of an export holds.
enum ColumnRole: Equatable {
    case item(Int)
    case attribute(AttributeKind)
    case responseID
    case submittedAt
    case wave
    /// Qualtrics `Finished`: 0 or False marks an unfinished response.
    case finished
    /// Personal data, dropped.
    case personal
    /// One option's column of a multi item spread over several columns.
    case option(item: Int, option: Int)
    case ignored
}

/// Matches an export's header to a survey's items, attributes and metadata columns.
struct ColumnMapping {
    var roles: [ColumnRole]
    var diagnostics: [Diagnostic] = []
    /// A mapping file's extra answer texts, by column.
    var answers: [Int: [ExportMapping.Answer]] = [:]
    /// A mapping file's attribute values, by column: normalised export text → value stored.
    var renames: [Int: [String: String]] = [:]

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

    /// Maps a one-row header, as the generic format has it.
    init(header: [String], survey: Survey, file: String, headerLine: CSVRecord) {
        self.init(columns: header.map { .names([$0]) }, displayNames: header, survey: survey, file: file, headerLine: headerLine)
    }

    /// Maps the columns a platform adapter classified; `displayNames` name them in messages.
    ///
    /// With a mapping file, the columns it lists take their role from it; the others are
    /// matched automatically, except to items the mapping maps or lists under `not_asked`.
    init(columns: [ColumnSpec], displayNames: [String], survey: Survey, file: String, headerLine: CSVRecord,
         mapping: ExportMapping? = nil) {
        var diagnostics: [Diagnostic] = []
        var firstColumn: [ColumnRole: Int] = [:]
        var mapped: [Int: ColumnRole] = [:]
        var handled = Set<Int>()
        if let mapping {
            let applied = Self.apply(mapping, columns: columns, displayNames: displayNames, survey: survey, file: file)
            mapped = applied.roles
            diagnostics += applied.diagnostics
            answers = applied.answers
            renames = applied.renames
            for (column, role) in mapped where role != .ignored { firstColumn[role] = column }
            handled = applied.items
        }
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
        let items = survey.items
        // With a mapping every item is accounted for, so an unlisted column is never a lost item.
        let itemTexts = mapping != nil ? [] : items.flatMap { item in ([item.text] + item.aliases).map { ($0, item.id) } }
        for (column, spec) in columns.enumerated() {
            let name = column < displayNames.count ? displayNames[column] : ""
            if let role = mapped[column] {
                roles.append(role)
                continue
            }
            let here: SourceLocation
            if column < headerLine.count {
                let location = headerLine.location(column)
                here = SourceLocation(file: file, line: location.line, column: location.column)
            } else {
                here = SourceLocation(file: file, line: headerLine.line, column: 1)
            }
            func claim(_ role: ColumnRole) {
                if let itemIndex = role.itemIndex, handled.contains(itemIndex) {
                    diagnostics.append(Self.unlistedDuplicate(name, item: itemIndex, survey: survey, mapping: mapping, mapped: mapped,
                                                              displayNames: displayNames, at: here))
                    roles.append(.ignored)
                } else if let first = firstColumn[role], mapped[first] != nil {
                    // The mapping said where this comes from: the automatic guess gives way.
                    roles.append(.ignored)
                } else if let first = firstColumn[role] {
                    diagnostics.append(Diagnostic(.error, "column '\(name)' maps to the same \(Self.describe(role, survey)) as column \(first + 1) ('\(displayNames[first])')", at: here))
                    roles.append(.ignored)
                } else {
                    firstColumn[role] = column
                    roles.append(role)
                }
            }
            var candidates: [String]
            switch spec {
            case .fixed(let role):
                if role == .ignored { roles.append(.ignored) } else { claim(role) }
                continue
            case .personal:
                roles.append(.personal)
                continue
            case .names(let names):
                candidates = names
            case .part(let question, let label):
                // An option column of a multi item: the cell names the option, or is blank.
                if case .item(let index)? = byText[normalizedKey(question)], case .multi(let options) = items[index].kind {
                    if handled.contains(index) {
                        claim(.item(index))
                        continue
                    }
                    let key = normalizedKey(label)
                    if let option = options.firstIndex(where: { ([$0.label, $0.id] + $0.aliases).contains { normalizedKey($0) == key } }) {
                        if let first = firstColumn[.item(index)] {
                            diagnostics.append(Diagnostic(.error, "column '\(name)' maps to item '\(items[index].id)', already read from column \(first + 1) ('\(displayNames[first])')", at: here))
                            roles.append(.ignored)
                        } else {
                            roles.append(.option(item: index, option: option))
                        }
                    } else {
                        diagnostics.append(Diagnostic(.warning, "column '\(name)': '\(label)' is not an option of item '\(items[index].id)' (expected \(options.map(\.label).joined(separator: ", "))) and is ignored", at: here))
                        roles.append(.ignored)
                    }
                    continue
                }
                candidates = [name, "\(question) - \(label)", "\(question): \(label)", "\(question) [\(label)]",
                              "\(question)[\(label)]", "\(question)_\(label)", label]
            }
            let keys = candidates.map(normalizedKey).filter { !$0.isEmpty }
            if keys.isEmpty {
                roles.append(.ignored)
                continue
            }
            if let role = keys.lazy.compactMap({ byText[$0] }).first {
                if case .item(let index) = role, !handled.contains(index), roles.contains(where: { if case .option(index, _) = $0 { true } else { false } }) {
                    diagnostics.append(Diagnostic(.error, "column '\(name)' maps to item '\(items[index].id)', already read from option columns", at: here))
                    roles.append(.ignored)
                } else {
                    claim(role)
                }
                continue
            }
            // A near miss of an item's text is a typo that would silently drop the item. Codes such
            // as `Q12` or `G02Q09` are written by the platform, not typed: one apart is another question.
            if let (text, itemID) = keys.lazy.filter({ !Self.isCode($0) }).compactMap({ Self.nearMiss($0, in: itemTexts) }).first {
                diagnostics.append(Diagnostic(.error, "column '\(name)' matches no item; did you mean '\(text)' (item \(itemID))?", at: here))
            } else {
                diagnostics.append(Diagnostic(.warning, "column '\(name)' is not an item or attribute of survey \(survey.reference) and is ignored", at: here))
            }
            roles.append(.ignored)
        }
        self.roles = roles
        self.diagnostics = diagnostics
    }

    /// Warns that an unlisted column matches an item the mapping already accounts for.
    private static func unlistedDuplicate(_ name: String, item itemIndex: Int, survey: Survey, mapping: ExportMapping?,
                                          mapped: [Int: ColumnRole], displayNames: [String], at here: SourceLocation) -> Diagnostic {
        let item = survey.items[itemIndex]
        if mapping?.notAsked.contains(item.id) == true {
            return Diagnostic(.warning, "column '\(name)' matches item '\(item.id)', which the mapping lists under not_asked, and is ignored", at: here)
        }
        let source = mapped.keys.sorted().first { mapped[$0]?.itemIndex == itemIndex }
        let from = source.map { " from column \($0 + 1) ('\(displayNames[$0])')" } ?? ""
        return Diagnostic(.warning, "column '\(name)' matches item '\(item.id)', which the mapping reads\(from), and is ignored", at: here)
    }

    func column(of role: ColumnRole) -> Int? {
        roles.firstIndex(of: role)
    }

    /// A platform's question code: no spaces, some digits (`q12`, `g02q09`, `g01q02[sq001]`).
    static func isCode(_ key: String) -> Bool {
        !key.contains(" ") && key.contains(where: \.isNumber)
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
        case .finished: "finished flag"
        case .personal: "personal data"
        case .option(let index, _): "item '\(survey.items[index].id)'"
        case .ignored: "nothing"
        }
    }
}

extension ColumnRole: Hashable {
    /// The item a column of this role reads, whole or one option.
    var itemIndex: Int? {
        switch self {
        case .item(let index), .option(let index, _): index
        default: nil
        }
    }
}
