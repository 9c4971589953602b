/// FNV-1a, 64 bit: a hash that is the same in every process and on every platform (Swift's
/// `Hasher` is seeded per process), for content ids that must survive re-imports.
public struct StableHasher: Sendable {
    private var state: UInt64 = 0xCBF2_9CE4_8422_2325

    /// A fresh hasher.
    public init() {}

    /// Mixes in bytes.
    @inline(__always)
    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
    }

    /// Mixes in a string and a separator, so ("ab", "c") and ("a", "bc") differ.
    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
        state = (state ^ 0x1F) &* 0x0000_0100_0000_01B3
    }

    /// The hash as a signed 64-bit integer, as SQLite stores it.
    public var value: Int64 { Int64(bitPattern: state) }
}
