import Foundation

/// Detects the encoding of a text file and produces UTF-8 bytes for the CSV parser.
///
/// Detection order:
/// 1. `EF BB BF` → ``TextEncoding/utf8BOM`` (the BOM is skipped without copying);
/// 2. `FF FE` → ``TextEncoding/utf16LE``, `FE FF` → ``TextEncoding/utf16BE``
///    (transcoded; unpaired surrogates and a dangling odd byte become U+FFFD);
/// 3. valid UTF-8 → ``TextEncoding/utf8`` (returned as is, so a memory-mapped
///    `Data` stays mapped);
/// 4. anything else → ``TextEncoding/windows1252`` (transcoded with the full
///    Windows-1252 table; the five bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D that
///    Windows-1252 leaves undefined map to the C1 controls of the same value,
///    as WHATWG's decoder does). Text that starts with a UTF-8 BOM but is not
///    valid UTF-8 after it is also treated this way (the BOM is dropped).
///
/// UTF-8 validation is a single pass over the bytes with an eight-bytes-at-a-time
/// ASCII fast path; no `String` is built.
package enum CSVTextDecoder {
    /// Detects the encoding of `bytes` and returns UTF-8 text together with the
    /// detected encoding.
    ///
    /// ``CSVReader`` does this itself; use this for other text files.
    ///
    /// - Parameter bytes: The raw file contents.
    /// - Returns: `text` is the UTF-8 content without any byte order mark. For
    ///   ``TextEncoding/utf8`` it is `bytes` itself; for ``TextEncoding/utf8BOM``
    ///   it is a slice of `bytes` sharing its storage (its `startIndex` may
    ///   therefore be non-zero); otherwise it is a newly allocated buffer.
    package static func decode(_ bytes: Data) -> (text: Data, encoding: TextEncoding) {
        let result = bytes.withUnsafeBytes { decode($0) }
        switch result {
        case .inPlace(let skip, let encoding):
            return (skip == 0 ? bytes : bytes[(bytes.startIndex + skip)...], encoding)
        case .transcoded(let buffer, let encoding):
            guard let pointer = buffer.baseAddress else { return (Data(), encoding) }
            let text = Data(bytesNoCopy: pointer, count: buffer.count, deallocator: .custom { pointer, _ in
                pointer.deallocate()
            })
            return (text, encoding)
        }
    }

    /// The outcome of decoding raw bytes.
    enum Decoded {
        /// The input is UTF-8 once its first `skip` bytes (a BOM) are dropped.
        case inPlace(skip: Int, TextEncoding)
        /// The input was transcoded into this buffer, which the caller now owns
        /// and must deallocate (empty buffers have no base address).
        case transcoded(UnsafeMutableRawBufferPointer, TextEncoding)
    }

    /// Detects the encoding of raw bytes; see the type's documentation for the rules.
    ///
    /// - Parameter validated: Called during UTF-8 validation with the offset up
    ///   to which the input has been checked (every few MiB), so that a caller
    ///   reading a mapped file can release the pages already seen.
    static func decode(_ bytes: UnsafeRawBufferPointer, validated: (Int) -> Void = { _ in }) -> Decoded {
        let count = bytes.count
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            let rest = UnsafeRawBufferPointer(rebasing: bytes[3...])
            if isValidUTF8(rest, validated: { validated($0 + 3) }) { return .inPlace(skip: 3, .utf8BOM) }
            return .transcoded(transcodeWindows1252(rest), .windows1252)
        }
        if count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return .transcoded(transcodeUTF16(UnsafeRawBufferPointer(rebasing: bytes[2...]), bigEndian: false), .utf16LE)
        }
        if count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return .transcoded(transcodeUTF16(UnsafeRawBufferPointer(rebasing: bytes[2...]), bigEndian: true), .utf16BE)
        }
        if isValidUTF8(bytes, validated: validated) { return .inPlace(skip: 0, .utf8) }
        return .transcoded(transcodeWindows1252(bytes), .windows1252)
    }

    /// Returns whether `data` is well-formed UTF-8 (no overlong forms, no
    /// surrogates, nothing above U+10FFFF, no truncated sequences).
    package static func isValidUTF8(_ data: Data) -> Bool {
        data.withUnsafeBytes { isValidUTF8($0) }
    }

    /// Returns whether the bytes are well-formed UTF-8, in a single pass with an
    /// eight-bytes-at-a-time ASCII fast path.
    package static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        @inline(__always) func at(_ k: Int) -> UInt8 { base.load(fromByteOffset: k, as: UInt8.self) }
        @inline(__always) func isContinuation(_ k: Int) -> Bool { at(k) & 0xC0 == 0x80 }
        while i < n {
            // ASCII fast path: skip whole 8-byte words without a high bit.
            while i &+ 8 <= n {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i &+= 8
            }
            if i >= n { break }
            let lead = at(i)
            if lead < 0x80 {
                i &+= 1
            } else if lead < 0xC2 {
                return false  // stray continuation byte or overlong 2-byte form
            } else if lead < 0xE0 {
                guard i + 1 < n, isContinuation(i + 1) else { return false }
                i &+= 2
            } else if lead < 0xF0 {
                guard i + 2 < n, isContinuation(i + 1), isContinuation(i + 2) else { return false }
                let second = at(i + 1)
                if lead == 0xE0, second < 0xA0 { return false }  // overlong
                if lead == 0xED, second > 0x9F { return false }  // UTF-16 surrogate
                i &+= 3
            } else if lead < 0xF5 {
                guard i + 3 < n, isContinuation(i + 1), isContinuation(i + 2), isContinuation(i + 3)
                else { return false }
                let second = at(i + 1)
                if lead == 0xF0, second < 0x90 { return false }  // overlong
                if lead == 0xF4, second > 0x8F { return false }  // above U+10FFFF
                i &+= 4
            } else {
                return false
            }
        }
        return true
    }

    /// Validates in chunks of about 8 MiB, calling `validated` after each with the
    /// offset checked so far. Chunks end just before a lead byte, so a sequence
    /// is never split (a truncated one still fails in its own chunk).
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer, validated: (Int) -> Void) -> Bool {
        let chunk = 8 << 20
        var start = 0
        while start < bytes.count {
            var end = min(start + chunk, bytes.count)
            while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            if end == start { end = min(start + chunk, bytes.count) }  // only continuation bytes: invalid anyway
            guard isValidUTF8(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) else { return false }
            validated(end)
            start = end
        }
        return true
    }

    /// Unicode scalars for Windows-1252 bytes 0x80–0x9F (the rest of the upper
    /// half equals Latin-1). Undefined positions map to the C1 control of the same value.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80–87
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88–8F
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90–97
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98–9F
    ]

    /// Maps one Windows-1252 byte to its Unicode scalar value.
    @inline(__always)
    static func windows1252Scalar(_ byte: UInt8) -> UInt32 {
        if byte >= 0x80 && byte < 0xA0 { return windows1252High[Int(byte) - 0x80] }
        return UInt32(byte)
    }

    /// Transcodes Windows-1252 bytes to UTF-8 into a new exact-size allocation
    /// that the caller owns.
    static func transcodeWindows1252(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutableRawBufferPointer {
        var size = 0
        for byte in bytes { size += utf8Length(windows1252Scalar(byte)) }
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        var o = 0
        for byte in bytes { o = writeUTF8(windows1252Scalar(byte), to: out, at: o) }
        assert(o == size)
        return out
    }

    /// Transcodes UTF-16 code units (without BOM) to UTF-8 into a new exact-size
    /// allocation that the caller owns. Unpaired surrogates and a trailing odd
    /// byte become U+FFFD.
    static func transcodeUTF16(_ bytes: UnsafeRawBufferPointer, bigEndian: Bool) -> UnsafeMutableRawBufferPointer {
        let units = bytes.count / 2
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            let a = UInt32(bytes[2 * k]), b = UInt32(bytes[2 * k + 1])
            return bigEndian ? (a << 8 | b) : (b << 8 | a)
        }
        /// Calls `emit` with each scalar in order.
        func forEachScalar(_ emit: (UInt32) -> Void) {
            var k = 0
            while k < units {
                let u = unit(k)
                k += 1
                if u >= 0xD800 && u <= 0xDBFF, k < units {
                    let low = unit(k)
                    if low >= 0xDC00 && low <= 0xDFFF {
                        emit(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00))
                        k += 1
                        continue
                    }
                }
                emit(u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u)
            }
            if bytes.count % 2 == 1 { emit(0xFFFD) }
        }
        var size = 0
        forEachScalar { size += utf8Length($0) }
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        var o = 0
        forEachScalar { o = writeUTF8($0, to: out, at: o) }
        assert(o == size)
        return out
    }

    @inline(__always)
    static func utf8Length(_ scalar: UInt32) -> Int {
        scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : scalar < 0x10000 ? 3 : 4
    }

    /// Writes `scalar` as UTF-8 at offset `o` of `dst`; returns the new offset.
    @inline(__always)
    static func writeUTF8(_ scalar: UInt32, to dst: UnsafeMutableRawBufferPointer, at o: Int) -> Int {
        switch scalar {
        case ..<0x80:
            dst[o] = UInt8(scalar)
            return o + 1
        case ..<0x800:
            dst[o] = UInt8(0xC0 | scalar >> 6)
            dst[o + 1] = UInt8(0x80 | scalar & 0x3F)
            return o + 2
        case ..<0x10000:
            dst[o] = UInt8(0xE0 | scalar >> 12)
            dst[o + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            dst[o + 2] = UInt8(0x80 | scalar & 0x3F)
            return o + 3
        default:
            dst[o] = UInt8(0xF0 | scalar >> 18)
            dst[o + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            dst[o + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            dst[o + 3] = UInt8(0x80 | scalar & 0x3F)
            return o + 4
        }
    }
}
