import Foundation
import SurveyCollector
import SurveyCore
import SurveyDefinition

/// A drafted mapping for `opmodel mapping suggest`.
public typealias MappingSuggestion = SurveyCollector.MappingSuggestion

/// Drafts a mapping file for an export (`opmodel mapping suggest`).
///
/// - Parameters:
///   - file: The export, as the user named it.
///   - survey: The survey to map to.
///   - format: The platform, or nil to detect it from the header.
/// - Throws: ``UserError`` when the file is missing or unreadable, ``DiagnosticList`` when
///   it is not CSV.
public func suggestMapping(for file: String, survey: Survey, format: ExportFormat? = nil) throws -> MappingSuggestion {
    guard FileManager.default.fileExists(atPath: file) else {
        throw UserError(.missingFile, "cannot find '\(file)'", at: .field(.file), expected: "a CSV export")
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    guard size <= maximumExportSize, FileManager.default.isReadableFile(atPath: file) else {
        throw UserError(.unreadableFile, "cannot read '\(file)'", at: .field(.file), hint: "check its permissions and size")
    }
    return try MappingSuggester.suggest(file: file, url: URL(fileURLWithPath: file), survey: survey,
                                        format: format)
}

/// Writes a drafted mapping file, keeping one that exists unless `overwrite`.
/// - Throws: ``UserError`` with ``UserError/Code/fileExists`` or ``UserError/Code/unwritableFile``.
public func writeMapping(_ yaml: String, to path: String, overwrite: Bool) throws {
    if FileManager.default.fileExists(atPath: path), !overwrite {
        throw UserError(.fileExists, "'\(path)' exists", hint: "give \(Parameter.force) to overwrite it")
    }
    do {
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
        throw UserError(.unwritableFile, "cannot write '\(path)'", hint: "check the folder and its permissions")
    }
}

extension MappingSuggestion {
    /// The draft as a mapping file that `opmodel import --mapping` accepts, with each entry's
    /// method and confidence as a comment, guessed answers with why, and unmatched columns as
    /// commented-out entries.
    ///
    /// - Parameter export: The export's name, for the header comment.
    public func yaml(export: String) -> String {
        var columns: [ExportMapping.Column] = []
        var comments = MappingComments()
        comments.header = [
            "opmodel mapping: \(export) -> \(survey.reference)",
            "Drafted by 'opmodel mapping suggest': check every entry (above all the fuzzy ones),",
            "then import with 'opmodel import EXPORT --mapping THIS_FILE'. See Surveys/MAPPINGS.md.",
        ]
        if entries.contains(where: { !$0.answers.isEmpty }) {
            comments.header.append("The answers listed are texts in the export that the survey's labels do not read: check each.")
        }
        for entry in entries {
            let index = columns.count
            comments.columns[index] = switch entry.method {
            case .exact, .metadata: entry.method.rawValue
            case .normalised, .fuzzy: "\(entry.method.rawValue) \(String(format: "%.2f", entry.confidence))"
            }
            var column = ExportMapping.Column(header: entry.column, target: entry.target)
            for answer in entry.answers {
                if let value = answer.value {
                    column.answers.append(ExportMapping.Answer(text: answer.text, value: value))
                    comments.answers[index, default: [:]][answer.text] = answer.reason
                } else {
                    comments.unmappedAnswers[index, default: []].append((answer.text, "seen in the export; \(answer.reason)"))
                }
            }
            columns.append(column)
        }
        comments.unmappedColumns = ("Columns that match no item (unlisted columns are ignored with a warning):", unmapped)
        comments.notAsked = "Items no column matched: map them above, or keep them here if the export does not ask them."
        let mapping = ExportMapping(file: "", surveyID: survey.id, surveyVersion: survey.version, format: format.rawValue,
                                    columns: columns, notAsked: notAsked)
        return mappingYAML(mapping, comments: comments)
    }
}
