/// The byte-level state machine behind ``CSVReader``.
///
/// The hot path (unquoted fields) touches only local variables and raw
/// pointers: no `String`, no `Array` bookkeeping, no class property access.
struct CSVScanner: Sendable {
    static let quote = UInt8(ascii: "\"")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let tab = UInt8(ascii: "\t")
    static let space = UInt8(ascii: " ")

    let delimiter: UInt8
    /// Byte offset of the next unread byte.
    var pos = 0
    /// Physical line of `pos`.
    var line = 1
    /// Byte offset of the start of the physical line containing `pos`.
    var lineStart = 0
    /// The header's field count once known (0 while reading the header); a blank
    /// unquoted last field beyond it is dropped.
    var expectedCount = 0

    init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// Scans the next non-blank record of `text` into `record`, whose buffers
    /// must not be shared with another record. Returns `false` at the end of input.
    mutating func scan(_ text: CSVTextBuffer, into record: inout CSVRecord, isHeader: Bool) throws(CSVError) -> Bool {
        guard let base = text.base else { return false }
        let n = text.count
        let d = delimiter
        let quote = CSVScanner.quote, lf = CSVScanner.lf, cr = CSVScanner.cr
        // Only spaces, and tabs unless tab delimits, make a line blank. Before
        // the header a line of tabs is blank too, as in delimiter detection.
        let blankTab: UInt8 = d == CSVScanner.tab && !isHeader ? CSVScanner.space : CSVScanner.tab

        var p = pos
        var line = self.line
        var lineStart = self.lineStart
        defer {
            pos = p
            self.line = line
            self.lineStart = lineStart
        }

        // Skip blank lines.
        while true {
            var q = p
            while q < n {
                let c = base.load(fromByteOffset: q, as: UInt8.self)
                guard c == CSVScanner.space || c == blankTab else { break }
                q += 1
            }
            if q >= n {
                p = n
                return false
            }
            let c = base.load(fromByteOffset: q, as: UInt8.self)
            if c == lf {
                p = q + 1
            } else if c == cr {
                p = q + 1
                if p < n, base.load(fromByteOffset: p, as: UInt8.self) == lf { p += 1 }
            } else {
                break
            }
            line += 1
            lineStart = p
        }

        if record.text !== text { record.text = text }
        record.line = line
        record.lineStart = lineStart
        var spans = record.spans.pointer
        var spanCapacity = record.spans.capacity
        var count = 0
        record.scratchCount = 0
        defer { record.fieldCount = count }

        while true {
            let origin = p
            let fieldLine = line
            let fieldLineStart = lineStart
            var start = p
            var end: Int
            var inScratch = false
            let quoted = p < n && base.load(fromByteOffset: p, as: UInt8.self) == quote

            if quoted {
                (start, end, inScratch) = try scanQuoted(base, n, origin: origin, p: &p, line: &line,
                                                        lineStart: &lineStart, record: &record)
                if end - start > CSVReader.maxFieldBytes {
                    throw CSVScanner.error(.fieldTooLong, at: origin, line: fieldLine, lineStart: fieldLineStart,
                                           in: text)
                }
            } else {
                while p < n {
                    let c = base.load(fromByteOffset: p, as: UInt8.self)
                    if c == d || (c <= cr && (c == lf || c == cr)) { break }
                    p += 1
                }
                end = p
                if end - start > CSVReader.maxFieldBytes {
                    throw CSVScanner.error(.fieldTooLong, at: origin, line: line, lineStart: lineStart, in: text)
                }
            }

            if count == spanCapacity {
                if count >= CSVReader.maxColumns {
                    throw CSVScanner.error(.tooManyColumns(isHeader: isHeader), at: origin, line: fieldLine,
                                           lineStart: fieldLineStart, in: text)
                }
                record.spans = record.spans.grown(toHold: count + 1, keeping: count, limit: CSVReader.maxColumns)
                spans = record.spans.pointer
                spanCapacity = record.spans.capacity
            }
            (spans + count).initialize(to: CSVFieldSpan(start: start, end: end, origin: origin, quoted: quoted,
                                                            inScratch: inScratch))
            count += 1

            if p >= n { break }
            let c = base.load(fromByteOffset: p, as: UInt8.self)
            p += 1
            if c == d { continue }
            // A line break ends the record.
            if c == cr, p < n, base.load(fromByteOffset: p, as: UInt8.self) == lf { p += 1 }
            line += 1
            lineStart = p
            break
        }

        // A trailing delimiter leaves a blank last field beyond the header's count.
        if expectedCount > 0, count > expectedCount {
            let last = spans[count - 1]
            if !last.quoted,
               CSVRecord.trimmed(UnsafeRawBufferPointer(start: base + last.start, count: last.end - last.start)).isEmpty {
                count -= 1
            }
        }
        return true
    }

    /// Scans a quoted field whose opening quote is at `origin`, leaving `p` after
    /// the field. Returns where its unescaped value is.
    private func scanQuoted(
        _ base: UnsafeRawPointer, _ n: Int, origin: Int, p: inout Int, line: inout Int, lineStart: inout Int,
        record: inout CSVRecord
    ) throws(CSVError) -> (start: Int, end: Int, inScratch: Bool) {
        let quote = CSVScanner.quote, lf = CSVScanner.lf, cr = CSVScanner.cr, d = delimiter
        let fieldLine = line
        let fieldLineStart = lineStart
        var q = origin + 1
        var segment = q
        var scratchStart = -1
        defer { p = q }

        while true {
            // Scan to the next quote, counting line breaks.
            while q < n {
                let c = base.load(fromByteOffset: q, as: UInt8.self)
                if c == quote { break }
                if c == lf {
                    line += 1
                    lineStart = q + 1
                } else if c == cr {
                    if q + 1 < n, base.load(fromByteOffset: q + 1, as: UInt8.self) == lf { q += 1 }
                    line += 1
                    lineStart = q + 1
                }
                q += 1
            }
            if q >= n {
                let column = CSVRecord.column(of: origin, lineStart: fieldLineStart,
                                              in: UnsafeRawBufferPointer(start: base, count: n))
                throw CSVError(code: .unterminatedQuote, line: fieldLine, column: column,
                               message: "unterminated quoted field starting here")
            }
            guard q + 1 < n, base.load(fromByteOffset: q + 1, as: UInt8.self) == quote else { break }
            // `""`: keep one quote and continue in the scratch buffer.
            if scratchStart < 0 { scratchStart = record.scratchCount }
            CSVScanner.appendToScratch(base + segment, count: q + 1 - segment, record: &record)
            q += 2
            segment = q
            if record.scratchCount - scratchStart > CSVReader.maxFieldBytes {
                let column = CSVRecord.column(of: origin, lineStart: fieldLineStart,
                                              in: UnsafeRawBufferPointer(start: base, count: n))
                throw CSVError(code: .fieldTooLong, line: fieldLine, column: column,
                               message: "field longer than \(CSVReader.maxFieldBytes) bytes")
            }
        }

        // `q` is at the closing quote.
        var start: Int
        var end: Int
        var inScratch = false
        if scratchStart >= 0 {
            CSVScanner.appendToScratch(base + segment, count: q - segment, record: &record)
            start = scratchStart
            end = record.scratchCount
            inScratch = true
        } else {
            start = origin + 1
            end = q
        }
        q += 1

        // Lenient: text between the closing quote and the delimiter is kept literally.
        if q < n {
            let c = base.load(fromByteOffset: q, as: UInt8.self)
            if c != d, c != lf, c != cr {
                let tail = q
                while q < n {
                    let c = base.load(fromByteOffset: q, as: UInt8.self)
                    if c == d || c == lf || c == cr { break }
                    q += 1
                }
                if !inScratch {
                    let moved = record.scratchCount
                    CSVScanner.appendToScratch(base + start, count: end - start, record: &record)
                    start = moved
                    inScratch = true
                }
                CSVScanner.appendToScratch(base + tail, count: q - tail, record: &record)
                end = record.scratchCount
            }
        }
        return (start, end, inScratch)
    }

    /// Appends bytes to the record's scratch buffer, growing it if needed.
    private static func appendToScratch(_ bytes: UnsafeRawPointer, count: Int, record: inout CSVRecord) {
        guard count > 0 else { return }
        let used = record.scratchCount
        if used + count > record.scratch.capacity {
            record.scratch = record.scratch.grown(toHold: used + count, keeping: used)
        }
        UnsafeMutableRawPointer(record.scratch.pointer + used).copyMemory(from: bytes, byteCount: count)
        record.scratchCount = used + count
    }

    /// The kinds of error raised from the main loop.
    enum Failure {
        case fieldTooLong
        case tooManyColumns(isHeader: Bool)
    }

    /// An error located at the field starting at byte `origin` on the line that
    /// starts at `lineStart`.
    private static func error(_ failure: Failure, at origin: Int, line: Int, lineStart: Int,
                              in text: CSVTextBuffer) -> CSVError {
        let column = CSVRecord.column(of: origin, lineStart: lineStart, in: text.bytes)
        switch failure {
        case .fieldTooLong:
            return CSVError(code: .fieldTooLong, line: line, column: column,
                            message: "field longer than \(CSVReader.maxFieldBytes) bytes")
        case .tooManyColumns(let isHeader):
            return CSVError(code: .tooManyColumns, line: line, column: column,
                            message: isHeader ? "header has more than \(CSVReader.maxColumns) columns"
                                              : "record has more than \(CSVReader.maxColumns) fields")
        }
    }
}
