import SurveyCore

/// Turns a scorecard into the text of one report file.
///
/// Renderers are pure: the same scorecard always gives the same bytes, whatever the
/// clock, locale or hash seed. They show figures exactly as the scorecard carries them and
/// never show any figure of a unit marked `suppressed`, even if one was set by mistake.
package protocol ReportRenderer: Sendable {
    /// The file name extension for the output, without the dot (`"html"`).
    var fileExtension: String { get }

    /// Renders a scorecard.
    ///
    /// - Parameter scorecard: The computed, already suppressed scorecard.
    /// - Returns: The complete file contents.
    /// - Throws: ``ReportRenderingError`` when a figure is not a finite number or an
    ///   interval is not a pair of bounds.
    func render(_ scorecard: Scorecard) throws -> String
}
