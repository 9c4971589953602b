/// One record (row) read by ``CSVReader``, reused from row to row.
///
/// A record does not own per-field storage: each field is a byte range in the
/// reader's UTF-8 text, except fields containing `""` escapes (or text after a
/// closing quote), which are unescaped into one scratch buffer that the record
/// keeps and reuses. Pass the same record to ``CSVReader/nextRecord(into:)``
/// again and again; once its buffers have grown to the widest row, reading a row
/// allocates nothing.
///
/// A record is a value: copying one and reading the next row into the original
/// leaves the copy intact (the reader then gives the original fresh buffers).
///
/// Field values are exactly what the file contains (unescaped, not trimmed);
/// use ``trimmedString(_:)``, ``withTrimmedField(_:_:)`` or ``isBlank(_:)`` to
/// ignore surrounding whitespace. Indices are 0-based and must be less than
/// ``count``; an index out of range traps.
package struct CSVRecord: Sendable {
    /// The reader's UTF-8 text, kept alive by this reference.
    @usableFromInline var text: CSVTextBuffer
    /// Field positions; the first `fieldCount` elements are initialised.
    @usableFromInline var spans: CSVRecordBuffer<CSVFieldSpan>
    /// Unescaped values of fields that needed it; the first `scratchCount` bytes are initialised.
    @usableFromInline var scratch: CSVRecordBuffer<UInt8>
    /// Number of fields.
    @usableFromInline var fieldCount: Int
    /// Number of bytes used in `scratch`.
    @usableFromInline var scratchCount: Int
    /// Byte offset in `text` of the start of the physical line the record starts on.
    @usableFromInline var lineStart: Int

    /// The physical line on which the record starts (the header is line 1 unless
    /// blank lines precede it; blank lines are skipped but still counted).
    package internal(set) var line: Int

    /// Creates an empty record to pass to ``CSVReader/nextRecord(into:)``.
    package init() {
        text = .empty
        spans = CSVRecordBuffer(capacity: 64)
        scratch = CSVRecordBuffer(capacity: 256)
        fieldCount = 0
        scratchCount = 0
        lineStart = 0
        line = 0
    }

    /// The number of fields in the record.
    ///
    /// This may differ from the header's count: the reader reports what the line
    /// contains and leaves it to the caller to reject short or long rows. (A
    /// blank unquoted last field beyond the header's count, produced by a
    /// delimiter at the end of the line, has already been dropped.)
    @inlinable
    package var count: Int { fieldCount }

    /// The unescaped bytes of field `i`, valid while `self` is alive and unchanged.
    @inlinable
    func fieldBytes(_ i: Int) -> UnsafeRawBufferPointer {
        precondition(i >= 0 && i < fieldCount, "CSV field index \(i) out of range 0..<\(fieldCount)")
        let span = spans.pointer[i]
        let base = span.inScratch ? UnsafeRawPointer(scratch.pointer) : text.base
        guard let base else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + span.start, count: span.end - span.start)
    }

    /// Calls `body` with the unescaped UTF-8 bytes of field `i`.
    ///
    /// The buffer is only valid during the call and must not be escaped. No memory
    /// is allocated.
    @inlinable
    package func withField<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(fieldBytes(i)) }
    }

    /// Calls `body` with the bytes of field `i` minus leading and trailing ASCII
    /// whitespace (space, tab, CR, LF, vertical tab, form feed). No memory is allocated.
    @inlinable
    package func withTrimmedField<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(CSVRecord.trimmed(fieldBytes(i))) }
    }

    /// The value of field `i` as a `String` (allocates; untrimmed).
    package func string(_ i: Int) -> String {
        withField(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of field `i` without leading and trailing ASCII whitespace (allocates).
    package func trimmedString(_ i: Int) -> String {
        withTrimmedField(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// All field values as strings, untrimmed (allocates; for error reports and
    /// reject files rather than the hot path).
    package func strings() -> [String] {
        (0..<count).map { string($0) }
    }

    /// Whether field `i` is empty or contains only ASCII whitespace.
    @inlinable
    package func isBlank(_ i: Int) -> Bool {
        withTrimmedField(i) { $0.isEmpty }
    }

    /// Whether field `i` was enclosed in double quotes in the file.
    package func isQuoted(_ i: Int) -> Bool {
        precondition(i >= 0 && i < fieldCount, "CSV field index \(i) out of range 0..<\(fieldCount)")
        return spans.pointer[i].quoted
    }

    /// Field `i` parsed as a base-10 integer with optional sign, ignoring
    /// surrounding ASCII whitespace; `nil` if it is blank, not an integer, or
    /// overflows. No memory is allocated.
    @inlinable
    package func integer(_ i: Int) -> Int? {
        withTrimmedField(i) { CSVRecord.parseInteger($0) }
    }

    /// The physical position where field `i` starts: the 1-based line and the
    /// 1-based column counted in Unicode scalars (so a multibyte character before
    /// the field counts once). For a quoted field this is the opening quote. A
    /// field that follows a field containing a line break reports the line it
    /// actually starts on.
    package func location(_ i: Int) -> (line: Int, column: Int) {
        precondition(i >= 0 && i < fieldCount, "CSV field index \(i) out of range 0..<\(fieldCount)")
        return withExtendedLifetime(self) {
            let bytes = text.bytes
            let target = spans.pointer[i].origin
            var line = self.line
            var lineStart = self.lineStart
            // Every line break between the record's start and the field lies
            // inside a quoted field; count them the way the scanner does.
            var k = spans.pointer[0].origin
            while k < target {
                let c = bytes[k]
                if c == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = k + 1
                } else if c == UInt8(ascii: "\r") {
                    if k + 1 < bytes.count, bytes[k + 1] == UInt8(ascii: "\n") { k += 1 }
                    line += 1
                    lineStart = k + 1
                }
                k += 1
            }
            return (line, CSVRecord.column(of: target, lineStart: lineStart, in: bytes))
        }
    }

    /// 1-based column of byte offset `offset`, counting UTF-8 scalars from `lineStart`.
    static func column(of offset: Int, lineStart: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var column = 1
        var k = lineStart
        while k < offset {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return column
    }

    @inlinable
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    @inlinable
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var lower = 0
        var upper = bytes.count
        while lower < upper, isASCIIWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, isASCIIWhitespace(bytes[upper - 1]) { upper -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[lower..<upper])
    }

    @inlinable
    static func parseInteger(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var k = 0
        var negative = false
        if k < bytes.count, bytes[k] == UInt8(ascii: "-") || bytes[k] == UInt8(ascii: "+") {
            negative = bytes[k] == UInt8(ascii: "-")
            k += 1
        }
        guard k < bytes.count else { return nil }
        var value = 0
        while k < bytes.count {
            let digit = Int(bytes[k]) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative
                ? times10.subtractingReportingOverflow(digit)
                : times10.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = next
            k += 1
        }
        return value
    }
}

/// Where one field of a ``CSVRecord`` lives and where it started in the text.
@usableFromInline
struct CSVFieldSpan: BitwiseCopyable, Sendable {
    /// Start of the unescaped value, in the text or (if `inScratch`) in the scratch buffer.
    @usableFromInline var start: Int
    /// End (exclusive) of the unescaped value.
    @usableFromInline var end: Int
    /// Byte offset in the text of the field's first byte (the opening quote if
    /// quoted), shifted left by two, with `quoted` in bit 1 and `inScratch` in bit 0.
    @usableFromInline var originAndFlags: Int

    @inlinable
    init(start: Int, end: Int, origin: Int, quoted: Bool, inScratch: Bool) {
        self.start = start
        self.end = end
        self.originAndFlags = origin << 2 | (quoted ? 2 : 0) | (inScratch ? 1 : 0)
    }

    /// Byte offset in the text of the field's first byte.
    @inlinable var origin: Int { originAndFlags >> 2 }
    /// Whether the field was enclosed in quotes.
    @inlinable var quoted: Bool { originAndFlags & 2 != 0 }
    /// Whether the value is in the record's scratch buffer rather than the text.
    @inlinable var inScratch: Bool { originAndFlags & 1 != 0 }
}

/// A fixed-capacity buffer of trivial elements owned by a ``CSVRecord``.
///
/// Its pointer and capacity never change (`let`), so the hot loop reads them
/// without exclusivity checks; to grow, the record replaces the buffer. The
/// record writes to it only when it holds the only reference (checked once per
/// row), which is what makes the `@unchecked Sendable` conformance sound.
@usableFromInline
final class CSVRecordBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<Element>
    @usableFromInline let capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
    }

    deinit { pointer.deallocate() }

    /// A new buffer of the same capacity holding a copy of the first `count` elements.
    func copy(keeping count: Int) -> CSVRecordBuffer {
        let copy = CSVRecordBuffer(capacity: capacity)
        copy.pointer.initialize(from: pointer, count: count)
        return copy
    }

    /// A new buffer with room for at least `minimum` elements (and at most
    /// `limit` if that is larger than `minimum`), holding a copy of this buffer's
    /// first `count` elements.
    func grown(toHold minimum: Int, keeping count: Int, limit: Int = .max) -> CSVRecordBuffer {
        let larger = CSVRecordBuffer(capacity: max(minimum, min(capacity * 2, limit)))
        larger.pointer.initialize(from: pointer, count: count)
        return larger
    }
}
