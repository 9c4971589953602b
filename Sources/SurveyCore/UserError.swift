/// A problem a person can fix, as data: a stable code, where it is, what was expected and a
/// hint, each adapter rendering it in its own words and choosing its own status.
///
/// The command line maps ``Code`` to exit statuses in one place and the service to HTTP
/// statuses in one place; neither reads the message to decide.
public struct UserError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is. The raw values are stable: scripts and clients may keep them.
    public enum Code: String, Sendable, Hashable, CaseIterable, Codable {
        /// A file that was named does not exist.
        case missingFile = "missing_file"
        /// A file exists but cannot be read, or is over the size limit.
        case unreadableFile = "unreadable_file"
        /// A file or folder cannot be written.
        case unwritableFile = "unwritable_file"
        /// An output file exists and overwriting was not asked for.
        case fileExists = "file_exists"
        /// An input's content is invalid; ``UserError/diagnostics`` says where.
        case invalidData = "invalid_data"
        /// A mapping file is invalid, or maps another survey.
        case invalidMapping = "invalid_mapping"
        /// No survey definition matches the reference.
        case unknownSurvey = "unknown_survey"
        /// No organisation of that name.
        case unknownOrganisation = "unknown_organisation"
        /// A wave, unit, batch or token asked for does not exist.
        case notFound = "not_found"
        /// The settings given do not make sense together or are out of range.
        case invalidRequest = "invalid_request"
        /// The input conflicts with what is stored and nothing new was stored.
        case conflict
        /// The operation was cancelled; nothing of the current file was stored.
        case cancelled
        /// The store failed; nothing was half-written.
        case storeFailure = "store_failure"
        /// OpModel could not do what it should have (a report failed its own checks): a bug,
        /// never the person's input.
        case internalFailure = "internal_failure"
    }

    /// Where a problem is: a place in a file, or a setting.
    public enum Location: Hashable, Sendable {
        /// A line and column of a file.
        case source(SourceLocation)
        /// A setting the person gave.
        case field(Parameter)
    }

    /// The kind of problem.
    public var code: Code
    /// What is wrong, starting lowercase, without a final period.
    public var message: Message
    /// Where it is, when it has a place.
    public var location: Location?
    /// What was expected instead, when that says more than the message.
    public var expected: Message?
    /// What the person can do about it.
    public var hint: Message?
    /// Every problem found in the input, for ``Code/invalidData`` and ``Code/invalidMapping``.
    public var diagnostics: [Diagnostic]
    /// What the layer below said (a database error's text), for logs only: never shown to a
    /// reader of a report or a client of the service.
    public var underlying: String?

    /// Creates an error.
    public init(_ code: Code, _ message: Message, at location: Location? = nil, expected: Message? = nil,
                hint: Message? = nil, diagnostics: [Diagnostic] = [], underlying: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.expected = expected
        self.hint = hint
        self.diagnostics = diagnostics
        self.underlying = underlying
    }

    /// `message (expected …) (hint)` in an adapter's words, without the location, which each
    /// adapter places itself.
    public func text(in words: some Vocabulary) -> String {
        var text = message
        if let expected { text = text + " (expected \(expected))" }
        if let hint { text = text + " (\(hint))" }
        return text.rendered(in: words)
    }

    /// The text with settings named plainly, after its place in a file when it has one (a
    /// setting's name is left to the adapter that asked for it).
    public var description: String {
        var place = ""
        if case .source(let source)? = location { place = "\(source): " }
        return place + text(in: PlainVocabulary())
    }
}
