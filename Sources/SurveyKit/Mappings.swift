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
}

extension SurveyCatalog {
    /// Reads a mapping file (`--mapping`) and checks it against the catalog's surveys.
    ///
    /// - Parameter path: The file, shown in diagnostics as given.
    /// - Throws: ``DiagnosticList`` with every mistake in the file, at its line and column.
    public func loadMapping(path: String) throws -> LoadedMapping {
        let surveys = entries.map(\.survey)
        let mapping = try SurveyDefinition.loadMapping(path: path, surveys: surveys)
        if let format = mapping.format, ExportFormat(rawValue: format) == nil {
            let names = ["auto"] + ExportFormat.allCases.map(\.rawValue)
            throw DiagnosticList([Diagnostic(.error, "unknown format '\(format)' (expected one of \(names.joined(separator: ", ")))",
                                             at: mapping.formatLocation)])
        }
        guard let survey = surveys.first(where: { $0.id == mapping.surveyID && $0.version == mapping.surveyVersion }) else {
            throw DiagnosticList([Diagnostic(.error, "unknown survey '\(mapping.surveyReference)'", at: SourceLocation(file: path, line: 1, column: 1))])
        }
        return LoadedMapping(mapping: mapping, survey: survey)
    }
}
