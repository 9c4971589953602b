import SurveyCore

/// A store operation that failed, with what we were doing and the database's own error as cause.
package struct StoreError: Error, Sendable, CustomStringConvertible {
    /// Broad reasons a caller may act on.
    package enum Code: String, Sendable {
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
    package var code: Code
    /// What happened, for the user; a listing it points to stays data for the adapter.
    package var message: Message
    /// The underlying error's text, for logs.
    package var underlying: String?

    /// Creates an error.
    package init(_ code: Code, _ message: Message, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying.map { String(describing: $0) }
    }

    package var description: String { message.description }
}
