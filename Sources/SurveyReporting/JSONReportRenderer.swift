import Foundation
import SurveyCore

/// Writes the `opmodel.scorecard/1` JSON document.
///
/// Keys are snake_case and sorted, the output pretty-printed with a final newline, and every
/// missing figure is `null` rather than left out. A suppressed unit carries its `name`,
/// `level`, `path` and `suppressed: true`; its figures are `null` and its lists empty. The
/// document decodes back into a ``Scorecard`` with `.convertFromSnakeCase`.
package struct JSONReportRenderer: ReportRenderer {
    /// `"json"`.
    package var fileExtension: String { "json" }

    /// Creates the renderer.
    package init() {}

    /// Renders the scorecard as JSON.
    ///
    /// - Parameter scorecard: The computed, already suppressed scorecard.
    /// - Returns: The JSON text, ending with a newline.
    /// - Throws: ``ReportRenderingError`` for a non-finite figure or a malformed interval.
    package func render(_ scorecard: Scorecard) throws -> String {
        try scorecard.checkRenderable()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(ScorecardDocument(scorecard: scorecard))
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
