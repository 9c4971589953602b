import Foundation
import SurveyCore

/// The formats of `opmodel compare` and `opmodel trend`, as users name them.
public enum AnalysisFormat: String, CaseIterable, Sendable {
    /// Aligned plain text for the terminal.
    case text
    /// Markdown tables for wikis.
    case md
    /// The JSON document (keys snake_case and sorted).
    case json
    /// One row per figure, for spreadsheets.
    case csv
    /// A self-contained page (comparisons only).
    case html
}

/// Aligned columns for plain text, and the same rows as a Markdown table.
struct TextTable {
    var header: [String]
    /// Whether each column is numeric (right-aligned).
    var numeric: [Bool]
    var rows: [[String]] = []

    init(_ header: [String], numeric: [Bool]) {
        self.header = header
        self.numeric = numeric
    }

    var text: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            header.indices.map { column in
                let cell = column < row.count ? row[column] : ""
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return numeric[column] ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }

    var markdown: String {
        ([MarkdownText.row(header.map(MarkdownText.escape)), MarkdownText.delimiter(numeric: numeric)]
            + rows.map { MarkdownText.row($0.map(MarkdownText.escape)) }).joined(separator: "\n") + "\n"
    }
}

/// The JSON encoding shared by the analysis documents.
func analysisJSON(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.nonConformingFloatEncodingStrategy = .throw
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}

/// The marker of a called-out difference: ▲ above, ▼ below, nothing otherwise.
func calloutMarker(_ test: DifferenceTestView?) -> String {
    guard let test, test.calledOut else { return "" }
    return test.difference > 0 ? "▲" : "▼"
}

/// The fields of a difference a renderer shows.
typealias DifferenceTestView = SurveyCore.DifferenceTest
