/// How one response's answers are packed into bytes: the compact stored form that the collector
/// writes, the store keeps in one BLOB per response, and scoring reads back.
///
/// One fixed slot per item, in survey order:
/// - agreement: 1 byte, `value - scaleMin + 1`;
/// - choice: 1 byte, the option's position + 1;
/// - multi: 1 flag byte (1 answered) and a bit per option, lowest bit first;
/// - numeric: 4 bytes big-endian, `1 + round((value - min) × scale)`;
/// - text: no slot (comments are stored apart).
/// In every slot all-zero bytes mean missing (blank, "N/A", "Don't know") and all-0xFF bytes mean
/// the item does not apply to the respondent's role. A fixed layout keeps a million responses to
/// one small row each, which is what lets the import beat `sqlite3 .import` (see
/// PERFORMANCE-NOTES): one row per answer would be 40× the rows.
public struct AnswerLayout: Sendable, Hashable {
    /// What a slot holds.
    public enum SlotKind: Sendable, Hashable {
        case agreement(scaleMin: Int, scaleMax: Int)
        case choice(optionCount: Int)
        case multi(optionCount: Int)
        case numeric(minimum: Double, scale: Double)
        case text
    }

    /// One item's place in the packed bytes.
    public struct Slot: Sendable, Hashable {
        /// The item's id.
        public var itemID: String
        /// The item's position in survey order.
        public var itemIndex: Int
        /// The first byte.
        public var offset: Int
        /// The number of bytes (0 for text).
        public var width: Int
        /// What it holds.
        public var kind: SlotKind
    }

    /// Slots in survey order, one per item.
    public let slots: [Slot]
    /// The packed size of one response.
    public let byteCount: Int

    /// The largest numeric code, so that 0xFFFFFFFF stays free for "not applicable".
    static let numericCodeLimit = 4_000_000_000.0

    /// The layout of a survey's items.
    public init(survey: Survey) {
        var slots: [Slot] = []
        var offset = 0
        for (index, item) in survey.items.enumerated() {
            let kind: SlotKind
            let width: Int
            switch item.kind {
            case .agreement(let scaleID):
                let scale = survey.scale(scaleID)
                kind = .agreement(scaleMin: scale?.min ?? 1, scaleMax: scale?.max ?? 5)
                width = 1
            case .choice(let options):
                kind = .choice(optionCount: options.count)
                width = 1
            case .multi(let options):
                kind = .multi(optionCount: options.count)
                width = 1 + (options.count + 7) / 8
            case .numeric(_, let minimum, let maximum, _):
                kind = .numeric(minimum: minimum, scale: Self.numericScale(range: maximum - minimum))
                width = 4
            case .text:
                kind = .text
                width = 0
            }
            slots.append(Slot(itemID: item.id, itemIndex: index, offset: offset, width: width, kind: kind))
            offset += width
        }
        self.slots = slots
        self.byteCount = offset
    }

    /// The fixed-point scale of a numeric item: 1000 (three decimals) unless the range is too wide.
    public static func numericScale(range: Double) -> Double {
        var scale = 1000.0
        while scale > 1, range * scale > numericCodeLimit { scale /= 10 }
        return scale
    }

    // MARK: Reading

    /// Whether a slot is all zero bytes (missing).
    @inline(__always)
    public static func isMissing(_ bytes: UnsafeRawBufferPointer, _ slot: Slot) -> Bool {
        for i in slot.offset..<(slot.offset + slot.width) where bytes[i] != 0 { return false }
        return true
    }

    /// Whether a slot is all 0xFF bytes (the item does not apply to the respondent).
    @inline(__always)
    public static func isNotApplicable(_ bytes: UnsafeRawBufferPointer, _ slot: Slot) -> Bool {
        guard slot.width > 0 else { return false }
        for i in slot.offset..<(slot.offset + slot.width) where bytes[i] != 0xFF { return false }
        return true
    }

    /// The answer as a number: the scale value, the chosen option's position (0-based), or the
    /// numeric value; nil when missing or not applicable, and for multi and text slots.
    @inline(__always)
    public static func number(_ bytes: UnsafeRawBufferPointer, _ slot: Slot) -> Double? {
        switch slot.kind {
        case .agreement(let scaleMin, _):
            let code = bytes[slot.offset]
            return code == 0 || code == 0xFF ? nil : Double(Int(code) - 1 + scaleMin)
        case .choice:
            let code = bytes[slot.offset]
            return code == 0 || code == 0xFF ? nil : Double(code - 1)
        case .numeric(let minimum, let scale):
            let code = UInt32(bytes[slot.offset]) << 24 | UInt32(bytes[slot.offset + 1]) << 16
                | UInt32(bytes[slot.offset + 2]) << 8 | UInt32(bytes[slot.offset + 3])
            return code == 0 || code == .max ? nil : minimum + Double(code - 1) / scale
        case .multi, .text:
            return nil
        }
    }

    /// The options chosen in a multi slot (0-based positions); nil when missing or not applicable.
    public static func chosenOptions(_ bytes: UnsafeRawBufferPointer, _ slot: Slot) -> [Int]? {
        guard case .multi(let count) = slot.kind, bytes[slot.offset] == 1 else { return nil }
        var result: [Int] = []
        for option in 0..<count where bytes[slot.offset + 1 + option / 8] & (1 << UInt8(option % 8)) != 0 {
            result.append(option)
        }
        return result
    }

    // MARK: Writing

    /// Writes the numeric code of a value already checked against the item's range.
    @inline(__always)
    public static func writeNumeric(_ value: Double, minimum: Double, scale: Double, into bytes: UnsafeMutableRawBufferPointer, at offset: Int) {
        let code = UInt32(min(numericCodeLimit, ((value - minimum) * scale).rounded())) + 1
        bytes[offset] = UInt8(code >> 24)
        bytes[offset + 1] = UInt8((code >> 16) & 0xFF)
        bytes[offset + 2] = UInt8((code >> 8) & 0xFF)
        bytes[offset + 3] = UInt8(code & 0xFF)
    }
}

/// One response ready to store: where the respondent sits, when they answered, and their packed
/// answers. Made by the collector, written by the store; reused from row to row.
public struct ResponseRow: Sendable {
    /// The export's response id, or a content-derived id for exports without one.
    public var responseKey: String = ""
    /// Submission time in seconds since 1970, when the export has it.
    public var submittedAt: Int64?
    /// The wave label.
    public var wave: String = ""
    /// Organisation, division and team as spelled in the export (division and team may be empty).
    public var organisation: String = ""
    public var division: String = ""
    public var team: String = ""
    /// The canonical role, when known.
    public var role: Role?
    /// Tenure as answered.
    public var tenure: String = ""
    /// Packed answers, ``AnswerLayout/byteCount`` bytes.
    public var answers: [UInt8] = []
    /// Free-text answers: item id and text.
    public var comments: [(item: String, text: String)] = []
    /// A hash of the answers and attributes, to tell a repeated response from a changed one.
    public var contentHash: Int64 = 0
    /// The physical line it came from, for messages.
    public var line: Int = 0

    /// An empty row.
    public init() {}
}
