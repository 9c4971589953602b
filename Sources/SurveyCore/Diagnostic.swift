/// A position in a user's file: 1-based line and column.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The path as the user typed it.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, counted in characters.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COLUMN`, the form editors and compilers use.
    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in a user's input, with where it is and what was expected.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        /// The input cannot be used.
        case error
        /// The input is used, but something looks wrong.
        case warning
        /// Extra information attached to another diagnostic.
        case note
    }

    /// How serious it is.
    public var severity: Severity
    /// What is wrong, starting lowercase, without a final period; settings it names stay data
    /// until an adapter renders them (``rendered(in:)``).
    public var message: Message
    /// Where it is, when it has a place in a file.
    public var location: SourceLocation?

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: Message, at location: SourceLocation? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// Creates a diagnostic from plain text.
    @_disfavoredOverload
    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil) {
        self.init(severity, Message(message), at: location)
    }

    /// `FILE:LINE:COLUMN: error: message`, settings named in an adapter's words.
    public func rendered(in words: some Vocabulary) -> String {
        (location.map { "\($0): " } ?? "") + "\(severity.rawValue): \(message.rendered(in: words))"
    }

    /// `FILE:LINE:COLUMN: error: message`, settings named plainly.
    public var description: String { rendered(in: PlainVocabulary()) }
}

/// Every problem found in one input, thrown once after the whole input was read.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    /// The diagnostics, in the order they were found.
    public var diagnostics: [Diagnostic]

    /// Creates a list.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }

    /// One diagnostic per line, settings named in an adapter's words.
    public func rendered(in words: some Vocabulary) -> String {
        diagnostics.map { $0.rendered(in: words) }.joined(separator: "\n")
    }
}
