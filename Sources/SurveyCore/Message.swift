/// User-facing text that may name a ``Parameter`` or a ``Listing``, kept as data until an
/// adapter renders it in its own words.
///
/// Written as a string literal with interpolations:
/// ```swift
/// let message: Message = "the export has no organisation column; give \(.organisation, "NAME")"
/// message.rendered(in: words)   // "…; give --org NAME" or "…; give organisation=NAME"
/// ```
public struct Message: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// One piece of the text.
    public enum Part: Hashable, Sendable {
        /// Plain text.
        case text(String)
        /// A setting, with the placeholder or value shown after it (`NAME`, `mdy`), if any.
        case parameter(Parameter, value: String?)
        /// A listing to look at.
        case listing(Listing)
    }

    /// The pieces, adjacent texts merged.
    public private(set) var parts: [Part]

    /// Plain text.
    public init(_ text: String) {
        parts = text.isEmpty ? [] : [.text(text)]
    }

    /// Text made of these pieces.
    public init(parts: [Part]) {
        self.parts = []
        for part in parts { append(part) }
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self = stringInterpolation.message
    }

    /// The parameters the text names, in order.
    public var parameters: [Parameter] {
        parts.compactMap { if case .parameter(let parameter, _) = $0 { parameter } else { nil } }
    }

    /// The listings the text names, in order.
    public var listings: [Listing] {
        parts.compactMap { if case .listing(let listing) = $0 { listing } else { nil } }
    }

    /// The text in an adapter's words.
    public func rendered(in words: some Vocabulary) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .text(let string): text += string
            case .parameter(let parameter, let value): text += words.phrase(for: parameter, value: value)
            case .listing(let listing): text += words.phrase(for: listing)
            }
        }
        return text
    }

    /// The text with settings named plainly (`organisation NAME`), for logs and libraries that
    /// embed OpModel without an adapter of their own.
    public var description: String { rendered(in: PlainVocabulary()) }

    /// The message with every occurrence of `text` in its plain pieces replaced (a server
    /// path by the name its client knows).
    public func replacingText(_ text: String, with replacement: String) -> Message {
        Message(parts: parts.map { part in
            if case .text(let string) = part { return .text(string.replacingOccurrences(of: text, with: replacement)) }
            return part
        })
    }

    /// Adds a piece, merging it with the text before it.
    public mutating func append(_ part: Part) {
        if case .text(let next) = part {
            guard !next.isEmpty else { return }
            if case .text(let previous)? = parts.last {
                parts[parts.count - 1] = .text(previous + next)
                return
            }
        }
        parts.append(part)
    }

    /// Adds another message's pieces.
    public mutating func append(_ other: Message) {
        for part in other.parts { append(part) }
    }

    /// Two messages joined.
    public static func + (lhs: Message, rhs: Message) -> Message {
        var joined = lhs
        joined.append(rhs)
        return joined
    }

    /// Builds a message from a literal with interpolated values, settings and listings.
    public struct StringInterpolation: StringInterpolationProtocol {
        var message = Message(parts: [])

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            message.append(.text(literal))
        }

        /// A value, as `String(describing:)` writes it.
        public mutating func appendInterpolation<Value>(_ value: Value) {
            message.append(.text(String(describing: value)))
        }

        /// Another message, its settings kept as data.
        public mutating func appendInterpolation(_ value: Message) {
            message.append(value)
        }

        /// A setting, optionally with the placeholder or value that goes with it.
        public mutating func appendInterpolation(_ parameter: Parameter, _ value: String? = nil) {
            message.append(.parameter(parameter, value: value))
        }

        /// A listing to look at.
        public mutating func appendInterpolation(_ listing: Listing) {
            message.append(.listing(listing))
        }
    }
}

/// How an adapter names settings and listings: the command line's options and commands, the
/// service's query parameters and endpoints.
public protocol Vocabulary {
    /// A setting with its placeholder or value (`--org NAME`, `organisation=NAME`).
    func phrase(for parameter: Parameter, value: String?) -> String
    /// A listing (`'opmodel imports'`, `GET /v1/imports`).
    func phrase(for listing: Listing) -> String
}

/// Settings named by their plain names (`organisation NAME`), for logs and embedding programs.
public struct PlainVocabulary: Vocabulary {
    /// Creates the vocabulary.
    public init() {}

    public func phrase(for parameter: Parameter, value: String?) -> String {
        "the \(parameter.rawValue) setting" + (value.map { " (\($0))" } ?? "")
    }

    public func phrase(for listing: Listing) -> String {
        "the list of \(listing.rawValue)"
    }
}
