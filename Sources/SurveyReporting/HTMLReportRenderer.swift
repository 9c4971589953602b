import SurveyCore

/// Writes one self-contained, printable HTML page per organisation.
///
/// Everything is inline (style sheet, SVG charts); there is no script and nothing is
/// fetched, so the file can be mailed, archived or printed as it is. The markup is
/// XHTML-style and parses as XML. From the top: the headline (overall band and 0–100
/// score, one-sentence summary), a radar of the dimensions against the previous wave, a
/// heatmap of dimensions × divisions, flags with their evidence, dimension details with
/// items, the role breakdown, comments, teams per division and a method note. Colour is
/// never the only signal: every coloured cell also names its band.
package struct HTMLReportRenderer: ReportRenderer {
    /// `"html"`.
    package var fileExtension: String { "html" }

    /// Creates the renderer.
    package init() {}

    /// Renders the scorecard as an HTML page.
    ///
    /// - Parameter scorecard: The computed, already suppressed scorecard.
    /// - Returns: The page, starting with `<!DOCTYPE html>`.
    /// - Throws: ``ReportRenderingError`` for a non-finite figure or a malformed interval.
    package func render(_ scorecard: Scorecard) throws -> String {
        try scorecard.checkRenderable()
        return HTMLReportPage(scorecard: scorecard).render()
    }
}
