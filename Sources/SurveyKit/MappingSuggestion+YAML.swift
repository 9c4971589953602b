import Foundation
import SurveyCollector
import SurveyCore

/// A drafted mapping for `opmodel mapping suggest`.
public typealias MappingSuggestion = SurveyCollector.MappingSuggestion

/// Drafts a mapping file for an export (`opmodel mapping suggest`).
///
/// - Parameters:
///   - file: The export, as the user named it.
///   - survey: The survey to map to.
///   - format: An ``ExportFormat`` raw value, or `auto` to detect it.
/// - Throws: ``ImportFailure`` when the file is missing or unreadable, ``DiagnosticList`` when
///   it is not CSV.
public func suggestMapping(for file: String, survey: Survey, format: String = "auto") throws -> MappingSuggestion {
    guard FileManager.default.fileExists(atPath: file) else {
        throw ImportFailure(code: .missingFile, description: "cannot find '\(file)' (expected a CSV export)")
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    guard size <= maximumExportSize, FileManager.default.isReadableFile(atPath: file) else {
        throw ImportFailure(code: .unreadable, description: "cannot read '\(file)' (check its permissions and size)")
    }
    return try MappingSuggester.suggest(file: file, url: URL(fileURLWithPath: file), survey: survey,
                                        format: ExportFormat(rawValue: format))
}

extension MappingSuggestion {
    /// The draft as a mapping file that `opmodel import --mapping` accepts, with each entry's
    /// method and confidence as a comment and unmatched columns as commented-out entries.
    ///
    /// - Parameter export: The export's name, for the header comment.
    public func yaml(export: String) -> String {
        var lines = [
            "# opmodel mapping: \(Self.comment(export)) -> \(survey.reference)",
            "# Drafted by 'opmodel mapping suggest': check every entry (above all the fuzzy ones),",
            "# then import with 'opmodel import EXPORT --mapping THIS_FILE'. See Surveys/MAPPINGS.md.",
            "mapping: 1",
            "survey: \(survey.id)",
            "survey_version: \(survey.version)",
            "format: \(format.rawValue)",
            "columns:",
        ]
        for entry in entries {
            lines.append("  - column: \(Self.quoted(entry.column))")
            let note = switch entry.method {
            case .exact, .metadata: "  # \(entry.method.rawValue)"
            case .normalised, .fuzzy: "  # \(entry.method.rawValue) \(String(format: "%.2f", entry.confidence))"
            }
            switch entry.target {
            case .item(let id, let option):
                if let option {
                    lines.append("    item: \(id)")
                    lines.append("    option: \(option)\(note)")
                } else {
                    lines.append("    item: \(id)\(note)")
                    lines += Self.answerLines(entry.answers)
                }
            case .attribute(let kind): lines.append("    attribute: \(kind.rawValue)\(note)")
            case .field(let field): lines.append("    field: \(field.rawValue)\(note)")
            case .ignore: lines.append("    ignore: true")
            }
        }
        if !unmapped.isEmpty {
            lines.append("  # Columns that match no item (unlisted columns are ignored with a warning):")
            for column in unmapped {
                lines.append("  # - column: \(Self.quoted(column))")
                lines.append("  #   item: ?")
            }
        }
        lines.append("# Items no column matched: map them above, or keep them here if the export does not ask them.")
        var line = "not_asked: ["
        for (index, id) in notAsked.enumerated() {
            let piece = id + (index == notAsked.count - 1 ? "" : ",")
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

    /// An entry's `answers:` block: guessed meanings as entries, texts nothing fits as comments.
    private static func answerLines(_ answers: [MappingSuggestion.Answer]) -> [String] {
        guard !answers.isEmpty else { return [] }
        var lines: [String] = []
        let guessed = answers.filter { $0.value != nil }
        if !guessed.isEmpty {
            lines.append("    answers:  # texts in the export that the survey's labels do not read; check each")
        }
        for answer in answers {
            let value: String
            switch answer.value {
            case .point(let point): value = String(point)
            case .option(let id): value = id
            case .missing: value = "missing"
            case nil:
                lines.append("      # \(quoted(answer.text)): ?  # seen in the export; \(answer.reason)")
                continue
            }
            lines.append("      \(quoted(answer.text)): \(value)  # \(answer.reason)")
        }
        if guessed.isEmpty {
            // Comments alone under `answers:` would leave it empty, which the loader refuses.
            lines = ["    # answers seen in the export that no label reads:"] + lines
        }
        return lines
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\x%02X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Text safe inside a one-line comment.
    private static func comment(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}
