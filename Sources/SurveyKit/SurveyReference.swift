import SurveyCore

/// A survey a person names: `ID` (its latest version) or `ID@VERSION`.
public struct SurveyReference: Hashable, Sendable, CustomStringConvertible {
    /// The survey id.
    public var id: String
    /// The version, or nil for the latest.
    public var version: Int?

    /// A reference to a survey's latest version, or to one version.
    public init(id: String, version: Int? = nil) {
        self.id = id
        self.version = version
    }

    /// Reads `ID` or `ID@VERSION`.
    /// - Throws: ``UserError`` with ``UserError/Code/unknownSurvey`` at the survey field for
    ///   anything else.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let id = parts.first, !id.isEmpty, parts.count == 1 || Int(parts[1]) != nil else {
            throw UserError(.unknownSurvey, "'\(text)' is not a survey reference", at: .field(.survey),
                            expected: "ID or ID@VERSION, e.g. \(SurveyCatalog.defaultSurveyID)@1")
        }
        self.init(id: id, version: parts.count == 2 ? Int(parts[1]) : nil)
    }

    /// The embedded instrument's latest version: what an import answers when it names none.
    public static let instrument = SurveyReference(id: SurveyCatalog.defaultSurveyID)

    /// `ID` or `ID@VERSION`, as it was written.
    public var description: String { version.map { "\(id)@\($0)" } ?? id }
}
