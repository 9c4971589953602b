import SurveyCore
import Yams

/// Reads a mapping file and checks it against the survey it names.
///
/// Keeps going after the first problem, so one run lists every mistake in the file: unknown
/// keys, items, options, attributes and fields; a column, item, option, attribute or field
/// mapped twice; a label mapped twice in one column's answers; an answer that is not a scale
/// point or option; and every survey item that has no column and is not listed under
/// `not_asked`. The format is described in `Surveys/MAPPINGS.md`.
/// - Parameters:
///   - yaml: The file contents.
///   - file: The path to show in diagnostics, as the user typed it.
///   - surveys: The surveys the mapping may name (every version).
/// - Returns: The mapping, with ``ExportMapping/surveyVersion`` set to the version it was
///   checked against (the newest when the file names none).
/// - Throws: ``DiagnosticList`` when any diagnostic has `.error` severity.
package func loadMapping(yaml: String, file: String, surveys: [Survey]) throws -> ExportMapping {
    let reader = YAMLReader(file: file)
    let root = try composeYAML(yaml, file: file, expected: "a mapping")
    let mapping = MappingParser(reader: reader, surveys: surveys).parse(root)
    if let mapping, !reader.diagnostics.contains(where: { $0.severity == .error }) { return mapping }
    throw DiagnosticList(reader.sortedDiagnostics)
}

/// Reads a mapping file from disk and checks it against the surveys it may name.
///
/// - Parameters:
///   - path: The path, shown in diagnostics as given.
///   - surveys: The surveys the mapping may name.
/// - Throws: ``DiagnosticList`` for mistakes in the file, or when it cannot be read.
package func loadMapping(path: String, surveys: [Survey]) throws -> ExportMapping {
    try loadMapping(yaml: readDefinitionText(path, kind: "mapping"), file: path, surveys: surveys)
}

/// Reads a mapping file from disk and checks it against one survey.
///
/// - Throws: ``DiagnosticList`` for mistakes in the file (a mapping for another survey is one),
///   or when it cannot be read.
package func loadMapping(path: String, survey: Survey) throws -> ExportMapping {
    try loadMapping(path: path, surveys: [survey])
}
