import SurveyCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps answer texts to codes without allocating per lookup: an open-addressing table keyed by
/// the raw bytes of a cell, falling back to the normalised text (case, spaces) and remembering
/// the raw spelling it found, so a million "Agree" cells cost one hash and one `memcmp` each.
///
/// Keys live in one byte buffer and slots are plain values, so a probe retains nothing.
struct ByteLookup: Sendable {
    private struct Slot: Sendable {
        var hash: UInt64 = 0
        var offset: Int32 = -1
        var length: Int32 = 0
        var code: UInt8 = 0
    }

    private var slots: [Slot]
    private var keys: [UInt8] = []
    private var count = 0
    private var normalized: [String: UInt8] = [:]
    /// Raw spellings learned from the normalised fallback are capped, so hostile input cannot grow it.
    private static let learnedLimit = 512
    private var learned = 0

    init(_ entries: [(text: String, code: UInt8)]) {
        slots = Array(repeating: Slot(), count: 64)
        for (text, code) in entries {
            if normalized[normalizedKey(text)] == nil { normalized[normalizedKey(text)] = code }
            insert(Array(text.utf8), code: code)
        }
    }

    /// The code for a cell's bytes, or nil when it is not a known answer.
    mutating func code(for bytes: UnsafeRawBufferPointer) -> UInt8? {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var index = Int(hash & UInt64(mask))
        let found: UInt8? = slots.withUnsafeBufferPointer { table in
            keys.withUnsafeBytes { storage in
                while table[index].offset >= 0 {
                    let slot = table[index]
                    if slot.hash == hash, Int(slot.length) == bytes.count,
                       bytes.isEmpty || Self.equal(storage.baseAddress, Int(slot.offset), bytes) {
                        return slot.code
                    }
                    index = (index + 1) & mask
                }
                return nil
            }
        }
        if let found { return found }
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
        while slots[index].offset >= 0 {
            let slot = slots[index]
            if slot.hash == hash, Array(keys[Int(slot.offset)..<Int(slot.offset + slot.length)]) == bytes { return }
            index = (index + 1) & (slots.count - 1)
        }
        slots[index] = Slot(hash: hash, offset: Int32(keys.count), length: Int32(bytes.count), code: code)
        keys += bytes
        count += 1
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        for slot in old where slot.offset >= 0 {
            var index = Int(slot.hash & UInt64(slots.count - 1))
            while slots[index].offset >= 0 { index = (index + 1) & (slots.count - 1) }
            slots[index] = slot
        }
    }

    @inline(__always)
    private static func equal(_ storage: UnsafeRawPointer?, _ offset: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let storage, let cell = bytes.baseAddress else { return false }
        return memcmp(storage + offset, cell, bytes.count) == 0
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return state
    }
}
