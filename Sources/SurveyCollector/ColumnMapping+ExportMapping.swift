import SurveyCore

extension ColumnMapping {
    /// What a mapping file says about an export's columns.
    struct Applied {
        /// Roles of the columns the mapping lists.
        var roles: [Int: ColumnRole] = [:]
        var answers: [Int: [ExportMapping.Answer]] = [:]
        var renames: [Int: [String: String]] = [:]
        /// Items the mapping maps or lists under `not_asked`, by index.
        var items = Set<Int>()
        var diagnostics: [Diagnostic] = []
    }

    /// Finds each of the mapping's columns in the header (the display name exactly, then
    /// normalised, then any name the platform adapter offers for it) and gives it its role.
    ///
    /// A listed column missing from the header is an error at the mapping's line.
    static func apply(_ mapping: ExportMapping, columns: [ColumnSpec], displayNames: [String], survey: Survey,
                      file: String) -> Applied {
        var applied = Applied()
        let items = survey.items
        let itemIndex = Dictionary(items.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        applied.items = Set(mapping.notAsked.compactMap { itemIndex[$0] })
        // Every entry's exact match first, then the normalised ones, then the adapter's other
        // names: a loose match of an early entry never takes the column a later one names exactly.
        let tiers: [(String, Int) -> Bool] = [
            { header, index in displayNames[index] == header },
            { header, index in normalizedKey(displayNames[index]) == normalizedKey(header) },
            { header, index in
                guard index < columns.count else { return false }
                let key = normalizedKey(header)
                switch columns[index] {
                case .names(let names): return names.contains { normalizedKey($0) == key }
                case .part(let question, let label):
                    // LimeSurvey's two spellings of a sub-question code name the same column.
                    return ["\(question) - \(label)", "\(question) [\(label)]", "\(question)[\(label)]", "\(question)_\(label)"]
                        .contains { normalizedKey($0) == key }
                case .fixed, .personal: return false
                }
            },
        ]
        var found = [Int?](repeating: nil, count: mapping.columns.count)
        var taken = Set<Int>()
        for matches in tiers {
            for (position, entry) in mapping.columns.enumerated() where found[position] == nil {
                if let column = displayNames.indices.first(where: { !taken.contains($0) && matches(entry.header, $0) }) {
                    found[position] = column
                    taken.insert(column)
                }
            }
        }
        for (position, entry) in mapping.columns.enumerated() {
            guard let column = found[position] else {
                let hint = closestMatch(to: entry.header, in: displayNames).map { " (did you mean '\($0)'?)" } ?? ""
                applied.diagnostics.append(Diagnostic(.error, "column '\(entry.header)' is not in \(file)\(hint)",
                                                      at: entry.location ?? SourceLocation(file: mapping.file, line: 1, column: 1)))
                continue
            }
            switch entry.target {
            case .item(let id, let option):
                guard let index = itemIndex[id] else { continue }
                applied.items.insert(index)
                if let option, let position = items[index].kind.options.firstIndex(where: { $0.id == option }) {
                    applied.roles[column] = .option(item: index, option: position)
                } else {
                    applied.roles[column] = .item(index)
                    if !entry.answers.isEmpty { applied.answers[column] = entry.answers }
                }
            case .attribute(let kind):
                applied.roles[column] = .attribute(kind)
                if !entry.values.isEmpty {
                    applied.renames[column] = Dictionary(entry.values.map { (normalizedKey($0.text), $0.value) },
                                                         uniquingKeysWith: { first, _ in first })
                }
            case .field(let field):
                switch field {
                case .responseID: applied.roles[column] = .responseID
                case .submittedAt: applied.roles[column] = .submittedAt
                case .wave: applied.roles[column] = .wave
                case .finished: applied.roles[column] = .finished
                }
            case .ignore:
                applied.roles[column] = .ignored
            }
        }
        return applied
    }
}
