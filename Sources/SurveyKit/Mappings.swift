import Foundation
import SurveyCollector
import SurveyCore
import SurveyDefinition

/// A mapping file read and checked, with the survey it maps to.
public struct LoadedMapping: Sendable {
    /// The mapping.
    public var mapping: ExportMapping
    /// The survey version it was checked against.
    public var survey: Survey

    /// Whether a survey reference names that survey (and version, if it gives one).
    public func matches(_ reference: SurveyReference) -> Bool {
        reference.id == survey.id && (reference.version == nil || reference.version == survey.version)
    }

    /// The survey as messages name it: `ID`, or `ID@VERSION` when `reference` gives a version.
    public func name(against reference: SurveyReference) -> String {
        reference.version == nil ? survey.id : survey.reference
    }
}

extension SurveyCatalog {
    /// Reads a mapping file (`--mapping`) and checks it against the catalog's surveys.
    ///
    /// - Parameter path: The file, shown in diagnostics as given.
    /// - Throws: ``DiagnosticList`` with every mistake in the file, at its line and column.
    public func loadMapping(path: String) throws -> LoadedMapping {
        try checked(SurveyDefinition.loadMapping(path: path, surveys: entries.map(\.survey)))
    }

    /// Reads a mapping given as text (an upload) and checks it against the catalog's surveys.
    ///
    /// - Parameters:
    ///   - yaml: The mapping file's contents.
    ///   - file: The name shown in diagnostics.
    /// - Throws: ``DiagnosticList`` with every mistake in the text, at its line and column.
    public func loadMapping(yaml: String, file: String) throws -> LoadedMapping {
        guard yaml.utf8.count <= maximumDefinitionSize else {
            throw DiagnosticList([Diagnostic(.error, "mapping is \(yaml.utf8.count) bytes, over the \(maximumDefinitionSize)-byte limit",
                                             at: SourceLocation(file: file, line: 1, column: 1))])
        }
        return try checked(SurveyDefinition.loadMapping(yaml: yaml, file: file, surveys: entries.map(\.survey)))
    }

    /// Checks what only the collector knows (the export format) and finds the survey.
    private func checked(_ mapping: ExportMapping) throws -> LoadedMapping {
        if let format = mapping.format, ExportFormat(rawValue: format) == nil {
            let names = ["auto"] + ExportFormat.allCases.map(\.rawValue)
            throw DiagnosticList([Diagnostic(.error, "unknown format '\(format)' (expected one of \(names.joined(separator: ", ")))",
                                             at: mapping.formatLocation)])
        }
        guard let survey = entries.map(\.survey).first(where: { $0.id == mapping.surveyID && $0.version == mapping.surveyVersion }) else {
            throw DiagnosticList([Diagnostic(.error, "unknown survey '\(mapping.surveyReference)'",
                                             at: SourceLocation(file: mapping.file, line: 1, column: 1))])
        }
        return LoadedMapping(mapping: mapping, survey: survey)
    }
}
