import SurveyCore

/// A store operation that failed, with what we were doing and the database's own error as cause.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// Broad reasons a caller may act on.
    public enum Code: String, Sendable {
        /// The database file cannot be opened or is not an OpModel store.
        case cannotOpen
        /// A survey version was changed after responses used it.
        case surveyVersionChanged
        /// Something asked for does not exist.
        case notFound
        /// The request conflicts with what is stored.
        case conflict
        /// SQLite reported an error.
        case database
    }

    /// The reason.
    public var code: Code
    /// What happened, for the user.
    public var message: String
    /// The underlying error's text, for logs.
    public var underlying: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying.map { String(describing: $0) }
    }

    public var description: String { message }
}
