import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SurveyCore
import SurveyReporting
import SurveyTestSupport
import Testing

/// Why `text` is not well-formed XML, or nil when it is.
func xmlProblem(in text: String) -> String? {
    let parser = XMLParser(data: Data(text.utf8))
    guard !parser.parse() else { return nil }
    let reason = parser.parserError.map { String(describing: $0) } ?? "unknown error"
    return "line \(parser.lineNumber), column \(parser.columnNumber): \(reason)"
}

/// Splits CSV text into records (RFC 4180 quoting, CRLF or LF line ends).
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text.unicodeScalars)[...]
    while let scalar = characters.popFirst() {
        if quoted {
            if scalar == "\"" {
                if characters.first == "\"" { field.unicodeScalars.append(characters.removeFirst()) } else { quoted = false }
            } else {
                field.unicodeScalars.append(scalar)
            }
        } else if scalar == "\"" {
            quoted = true
        } else if scalar == "," {
            record.append(field)
            field = ""
        } else if scalar == "\r" || scalar == "\n" {
            if scalar == "\r", characters.first == "\n" { characters.removeFirst() }
            record.append(field)
            records.append(record)
            record = []
            field = ""
        } else {
            field.unicodeScalars.append(scalar)
        }
    }
    if !field.isEmpty || !record.isEmpty {
        record.append(field)
        records.append(record)
    }
    return records
}

extension Scorecard {
    /// A copy with the unit at `path` (names below the organisation) changed by `change`.
    func changingUnit(_ names: [String], _ change: (inout UnitScore) -> Void) -> Scorecard {
        var copy = self
        func visit(_ unit: inout UnitScore, _ remaining: ArraySlice<String>) {
            guard let next = remaining.first else { return change(&unit) }
            for index in unit.units.indices where unit.units[index].name == next {
                visit(&unit.units[index], remaining.dropFirst())
            }
        }
        visit(&copy.unit, names[...])
        return copy
    }
}

/// Every format's output for a scorecard.
func renderAll(_ scorecard: Scorecard) throws -> [(ReportFormat, String)] {
    try ReportFormat.allCases.map { ($0, try $0.renderer.render(scorecard)) }
}

/// Expects `text` to contain each piece; on failure names only the missing piece, not the whole report.
func expectContains(_ text: String, _ pieces: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    for piece in pieces where !text.contains(piece) {
        Issue.record("missing \(String(reflecting: piece))", sourceLocation: sourceLocation)
    }
}

/// Expects `text` to contain none of the pieces.
func expectLacks(_ text: String, _ pieces: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    for piece in pieces where text.contains(piece) {
        Issue.record("unexpected \(String(reflecting: piece))", sourceLocation: sourceLocation)
    }
}
