/// Helpers for writing CSV text that ``CSVReader`` (and spreadsheet programs)
/// read back exactly: generated exports, reject files and report CSVs.
public enum CSVWriter {
    /// Returns `field` ready to be placed between delimiters.
    ///
    /// The field is quoted (with inner quotes doubled) when it contains the
    /// delimiter, a double quote, CR or LF, or starts or ends with a space or tab
    /// (so that trimming readers keep the whitespace). Otherwise it is returned as is.
    ///
    /// - Parameters:
    ///   - field: The value to write.
    ///   - delimiter: The delimiter the line will use (default comma).
    ///   - neutralizeFormulas: When `true`, a value starting with `=`, `+`, `-`,
    ///     `@`, tab or CR gets a leading `'` so that spreadsheet programs do not
    ///     evaluate it as a formula (CSV injection); see ``neutralizingFormula(_:)``.
    public static func escape(_ field: String, delimiter: UInt8 = UInt8(ascii: ","),
                              neutralizeFormulas: Bool = false) -> String {
        let value = neutralizeFormulas ? neutralizingFormula(field) : field
        let utf8 = value.utf8
        guard let first = utf8.first, let last = utf8.last else { return value }
        let quote = UInt8(ascii: "\"")
        let needsQuotes = first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
            || utf8.contains { $0 == delimiter || $0 == quote || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return value }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 2)
        bytes.append(quote)
        for byte in utf8 {
            if byte == quote { bytes.append(quote) }
            bytes.append(byte)
        }
        bytes.append(quote)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Returns `field` with a leading `'` if it starts with `=`, `+`, `-`, `@`,
    /// tab or CR, which spreadsheet programs could interpret as a formula.
    ///
    /// Negative numbers such as `-3` are prefixed too; leave the option off for
    /// files that are only read by programs.
    public static func neutralizingFormula(_ field: String) -> String {
        switch field.utf8.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
            "'" + field
        default:
            field
        }
    }

    /// Joins escaped fields with `delimiter`, without a line terminator.
    ///
    /// A record made of a single empty field is written as `""` so that readers
    /// that skip blank lines (like ``CSVReader``) still see it.
    public static func line<S: Sequence>(_ fields: S, delimiter: UInt8 = UInt8(ascii: ","),
                                         neutralizeFormulas: Bool = false) -> String where S.Element == String {
        let escaped = fields.map { escape($0, delimiter: delimiter, neutralizeFormulas: neutralizeFormulas) }
        if escaped.count == 1, escaped[0].isEmpty { return "\"\"" }
        return escaped.joined(separator: String(decoding: [delimiter], as: UTF8.self))
    }
}
