import SurveyCore

/// One organisation's reports in a batch, as listed by ``renderIndexHTML(title:entries:)``.
package struct ReportIndexEntry: Sendable, Hashable {
    /// The organisation's name.
    package var org: String
    /// The wave label.
    package var wave: String
    /// The overall score, or nil when it is suppressed.
    package var overall: OverallScore?
    /// Each format's file, relative to the index: `["html": "acme/2025-Q2.html"]`.
    package var files: [String: String]
    /// How many flags fired at organisation level.
    package var firedFlags: Int

    /// Creates an entry.
    package init(org: String, wave: String, overall: OverallScore?, files: [String: String], firedFlags: Int) {
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
    package init(scorecard: Scorecard, files: [String: String]) {
        let unit = scorecard.unit
        self.init(org: scorecard.org, wave: scorecard.wave, overall: unit.suppressed ? nil : unit.overall,
                  files: files, firedFlags: unit.suppressed ? 0 : unit.flags.filter { $0.status == .fired }.count)
    }
}
