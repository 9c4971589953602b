import SurveyCore

/// Maps answer texts to codes without allocating per lookup: an open-addressing table keyed by
/// the raw bytes of a cell, falling back to the normalised text (case, spaces) and remembering
/// the raw spelling it found, so a million "Agree" cells cost one hash and one compare each.
struct ByteLookup: Sendable {
    private struct Entry: Sendable {
        var hash: UInt64
        var bytes: [UInt8]
        var code: UInt8
    }

    private var slots: [Entry?]
    private var count = 0
    private var normalized: [String: UInt8]
    /// Raw spellings learned from the normalised fallback are capped, so hostile input cannot grow it.
    private static let learnedLimit = 512
    private var learned = 0

    init(_ entries: [(text: String, code: UInt8)]) {
        slots = Array(repeating: nil, count: 64)
        normalized = [:]
        for (text, code) in entries {
            if normalized[normalizedKey(text)] == nil { normalized[normalizedKey(text)] = code }
            insert(Array(text.utf8), code: code)
        }
    }

    /// The code for a cell's bytes, or nil when it is not a known answer.
    mutating func code(for bytes: UnsafeRawBufferPointer) -> UInt8? {
        let hash = Self.hash(bytes)
        var index = Int(hash & UInt64(slots.count - 1))
        while let entry = slots[index] {
            if entry.hash == hash, entry.bytes.count == bytes.count,
               entry.bytes.withUnsafeBytes({ $0.elementsEqual(bytes) }) {
                return entry.code
            }
            index = (index + 1) & (slots.count - 1)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let code = normalized[normalizedKey(text)] else { return nil }
        if learned < Self.learnedLimit {
            learned += 1
            insert(Array(bytes), code: code)
        }
        return code
    }

    private mutating func insert(_ bytes: [UInt8], code: UInt8) {
        if (count + 1) * 2 > slots.count { grow() }
        let hash = bytes.withUnsafeBytes { Self.hash($0) }
        var index = Int(hash & UInt64(slots.count - 1))
        while let entry = slots[index] {
            if entry.hash == hash, entry.bytes == bytes { return }
            index = (index + 1) & (slots.count - 1)
        }
        slots[index] = Entry(hash: hash, bytes: bytes, code: code)
        count += 1
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        count = 0
        for case let entry? in old { insert(entry.bytes, code: entry.code) }
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return state
    }
}
