import SurveyCore

/// A problem found while reading CSV text, with the physical position it refers to.
///
/// Messages are lowercase fragments (`unterminated quoted field starting here`,
/// `field longer than 1048576 bytes`) meant to be prefixed by the caller with a
/// file name: `answers.csv:12:7: unterminated quoted field starting here`.
package struct CSVError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The category of a ``CSVError``, for callers and tests that branch on it.
    package enum Code: String, Sendable, Hashable, CaseIterable {
        /// A quoted field was still open at the end of the input.
        case unterminatedQuote
        /// A single field exceeded ``CSVReader/maxFieldBytes`` bytes.
        case fieldTooLong
        /// The header (or a record) exceeded ``CSVReader/maxColumns`` fields.
        case tooManyColumns
        /// The input contained no non-blank line, so there is no header.
        case noHeader
        /// The delimiter passed to the reader cannot be used.
        case invalidDelimiter
    }

    /// The category of the problem.
    package var code: Code
    /// The 1-based physical line (header = line 1; LF, CRLF and CR each end a
    /// line, including inside quoted fields), or 0 when the problem has no position.
    package var line: Int
    /// The 1-based column on ``line``, counted in Unicode scalars, or 0 when the
    /// problem has no position.
    package var column: Int
    /// A lowercase description of the problem without the position.
    package var message: String

    /// Creates an error.
    package init(code: Code, line: Int, column: Int, message: String) {
        self.code = code
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line:column: message`, or just the message when there is no position.
    package var description: String {
        line > 0 ? "\(line):\(column): \(message)" : message
    }
}

extension CSVError {
    /// The error as a ``SurveyCore/Diagnostic`` of `.error` severity, located in
    /// `file` (the path as the user typed it) when the error has a position.
    package func diagnostic(file: String) -> Diagnostic {
        Diagnostic(.error, message,
                   at: line > 0 ? SourceLocation(file: file, line: line, column: column) : nil)
    }
}
