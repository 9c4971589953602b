import SurveyCore

/// One organisation's reports in a batch, as listed by ``renderIndexHTML(title:entries:)``.
public struct ReportIndexEntry: Sendable, Hashable {
    /// The organisation's name.
    public var org: String
    /// The wave label.
    public var wave: String
    /// The overall score, or nil when it is suppressed.
    public var overall: OverallScore?
    /// Each format's file, relative to the index: `["html": "acme/2025-Q2.html"]`.
    public var files: [String: String]
    /// How many flags fired at organisation level.
    public var firedFlags: Int

    /// Creates an entry.
    public init(org: String, wave: String, overall: OverallScore?, files: [String: String], firedFlags: Int) {
        self.org = org
        self.wave = wave
        self.overall = overall
        self.files = files
        self.firedFlags = firedFlags
    }

    /// The entry for a rendered scorecard: its overall score and fired flags.
    ///
    /// - Parameters:
    ///   - scorecard: The scorecard the files were rendered from.
    ///   - files: Each format's file, relative to the index.
    public init(scorecard: Scorecard, files: [String: String]) {
        let unit = scorecard.unit
        self.init(org: scorecard.org, wave: scorecard.wave, overall: unit.suppressed ? nil : unit.overall,
                  files: files, firedFlags: unit.suppressed ? 0 : unit.flags.filter { $0.status == .fired }.count)
    }
}
