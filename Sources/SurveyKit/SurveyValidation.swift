import SurveyCore
import SurveyDefinition

/// The outcome of checking one survey file.
public struct SurveyFileCheck: Sendable {
    /// The file as the user named it.
    public var path: String
    /// The survey, when the file has no errors.
    public var survey: Survey?
    /// Every problem found, in file order.
    public var diagnostics: [Diagnostic]
}

/// Checks survey definition files, each completely, so one run lists every mistake.
public func validateSurveyFiles(_ paths: [String]) -> [SurveyFileCheck] {
    paths.map { path in
        do {
            let survey = try loadSurvey(contentsOf: path)
            return SurveyFileCheck(path: path, survey: survey, diagnostics: [])
        } catch let list as DiagnosticList {
            return SurveyFileCheck(path: path, survey: nil, diagnostics: list.diagnostics)
        } catch {
            return SurveyFileCheck(path: path, survey: nil, diagnostics: [Diagnostic(.error, "cannot read '\(path)'")])
        }
    }
}
