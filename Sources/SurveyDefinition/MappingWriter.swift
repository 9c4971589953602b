import SurveyCore

/// Comments to put in a written mapping file, for the user who confirms it.
package struct MappingComments: Sendable {
    /// Lines at the top of the file, without the `# `.
    package var header: [String] = []
    /// By index in ``ExportMapping/columns``: a note after the entry's target.
    package var columns: [Int: String] = [:]
    /// By index in ``ExportMapping/columns``: answer text → a note after its line.
    package var answers: [Int: [String: String]] = [:]
    /// By index in ``ExportMapping/columns``: answer texts seen but not mapped, with a note;
    /// written as commented-out lines for the user to fill in.
    package var unmappedAnswers: [Int: [(text: String, note: String)]] = [:]
    /// Column headings left out of the mapping, written as commented-out entries, with a line
    /// above them.
    package var unmappedColumns: (note: String, columns: [String]) = ("", [])
    /// A line above `not_asked`.
    package var notAsked: String?

    /// No comments.
    package init() {}
}

/// Writes a mapping as a mapping file that ``loadMapping(yaml:file:surveys:)`` reads back to
/// the same value: every text double-quoted, ids bare, comments where asked.
///
/// For `opmodel mapping suggest` and any other tool that drafts mappings.
package func mappingYAML(_ mapping: ExportMapping, comments: MappingComments = MappingComments()) -> String {
    var lines = comments.header.map { "# " + singleLine($0) }
    lines.append("mapping: 1")
    lines.append("survey: \(mapping.surveyID)")
    if let version = mapping.surveyVersion { lines.append("survey_version: \(version)") }
    if let format = mapping.format { lines.append("format: \(yamlID(format))") }
    lines.append("columns:")
    for (index, column) in mapping.columns.enumerated() {
        var entry = ["  - column: \(yamlQuoted(column.header))"]
        switch column.target {
        case .item(let id, let option):
            entry.append("    item: \(id)")
            if let option { entry.append("    option: \(yamlID(option))") }
        case .attribute(let kind): entry.append("    attribute: \(kind.rawValue)")
        case .field(let field): entry.append("    field: \(field.rawValue)")
        case .ignore: entry.append("    ignore: true")
        }
        if let note = comments.columns[index], let last = entry.indices.last { entry[last] += "  # \(singleLine(note))" }
        let unmapped = comments.unmappedAnswers[index] ?? []
        if !column.answers.isEmpty {
            entry.append("    answers:")
        } else if !unmapped.isEmpty {
            // Comments alone under `answers:` would leave it empty, which the loader refuses.
            entry.append("    # answers seen in the export that nothing reads yet:")
        }
        for answer in column.answers {
            let value = switch answer.value {
            case .point(let point): String(point)
            case .option(let id): yamlID(id)
            case .missing: "missing"
            }
            let note = comments.answers[index]?[answer.text].map { "  # \(singleLine($0))" } ?? ""
            entry.append("      \(yamlQuoted(answer.text)): \(value)\(note)")
        }
        for (text, note) in unmapped {
            entry.append("      # \(yamlQuoted(text)): ?  # \(singleLine(note))")
        }
        if !column.values.isEmpty {
            entry.append("    values:")
            for value in column.values { entry.append("      \(yamlQuoted(value.text)): \(yamlQuoted(value.value))") }
        }
        lines += entry
    }
    if !comments.unmappedColumns.columns.isEmpty {
        if !comments.unmappedColumns.note.isEmpty { lines.append("  # " + singleLine(comments.unmappedColumns.note)) }
        for column in comments.unmappedColumns.columns {
            lines.append("  # - column: \(yamlQuoted(column))")
            lines.append("  #   item: ?")
        }
    }
    if let note = comments.notAsked { lines.append("# " + singleLine(note)) }
    var line = "not_asked: ["
    for (index, id) in mapping.notAsked.enumerated() {
        let piece = id + (index == mapping.notAsked.count - 1 ? "" : ",")
        if line.count + piece.count > 98, !line.hasSuffix("[") {
            lines.append(line)
            line = "  "
        } else if !line.hasSuffix("[") {
            line += " "
        }
        line += piece
    }
    lines.append(line + "]")
    return lines.joined(separator: "\n") + "\n"
}

/// A YAML double-quoted scalar: any text, read back as written.
package func yamlQuoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                result += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result + "\""
}

/// An id or name, bare unless YAML tools could read it as something else (`no`, `on`, `null`,
/// a number) or it holds more than letters, digits, `_` and `-`.
private func yamlID(_ id: String) -> String {
    let plain = id.first?.isLetter == true && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    let ambiguous = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"].contains(id.lowercased())
    return plain && !ambiguous ? id : yamlQuoted(id)
}

private func singleLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
