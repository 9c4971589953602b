import Foundation

/// The character encoding that ``CSVTextDecoder`` detected in an input file.
///
/// Everything except ``utf8`` and ``utf8BOM`` means the bytes were transcoded
/// to UTF-8 in memory before parsing; callers typically print a note naming the
/// detected encoding so that a user who exported "ANSI" text from Excel knows
/// how the file was read.
package enum TextEncoding: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// UTF-8 without a byte order mark (the bytes are parsed in place, no copy).
    case utf8
    /// UTF-8 with a leading byte order mark `EF BB BF`, which is stripped.
    case utf8BOM
    /// UTF-16 little-endian with a leading byte order mark `FF FE`, transcoded to UTF-8.
    case utf16LE
    /// UTF-16 big-endian with a leading byte order mark `FE FF`, transcoded to UTF-8.
    case utf16BE
    /// Bytes that are not valid UTF-8, read as Windows-1252 and transcoded to UTF-8.
    case windows1252

    /// A human-readable name such as `UTF-8 with BOM` or `Windows-1252`.
    package var description: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf8BOM: "UTF-8 with BOM"
        case .utf16LE: "UTF-16 LE"
        case .utf16BE: "UTF-16 BE"
        case .windows1252: "Windows-1252"
        }
    }

    /// Whether the input bytes had to be converted to UTF-8 (as opposed to being
    /// parsed in place, possibly after skipping a byte order mark).
    package var isTranscoded: Bool {
        switch self {
        case .utf8, .utf8BOM: false
        case .utf16LE, .utf16BE, .windows1252: true
        }
    }
}
