import Foundation
import SurveyCore

/// Checks one item's cells against the survey and writes their packed codes.
///
/// The hot path (one call per cell, 50 million for a large export) touches only plain stored
/// properties: no enum payloads to copy, no strings unless the cell is invalid.
struct ItemDecoder {
    /// Code that a lookup returns for a missing token ("N/A", "Don't know").
    static let missingToken: UInt8 = 0xFE

    enum Mode {
        case coded, multi, numeric, text
    }

    let item: Item
    let slot: AnswerLayout.Slot
    let mode: Mode
    /// What a valid answer looks like, for messages.
    let expected: String
    /// Answer texts to codes, for agreement and choice items.
    private var lookup = ByteLookup([])
    private let matcher: MultiChoiceMatcher?
    private let missingKeys: Set<String>
    private let minimum: Double, maximum: Double, integer: Bool, scale: Double, unit: String

    /// - Parameters:
    ///   - positionalOptions: Also accept an option's position (`1` for the first), as
    ///     Qualtrics numeric-value exports write choices, where no label or alias reads so.
    ///   - answers: A mapping file's extra answer texts for this column; they come first, so
    ///     they win over a scale label spelt the same.
    init(item: Item, slot: AnswerLayout.Slot, survey: Survey, positionalOptions: Bool = false,
         answers: [ExportMapping.Answer] = []) {
        self.item = item
        self.slot = slot
        var matcher: MultiChoiceMatcher?
        var missing = item.missing
        var numeric = (minimum: 0.0, maximum: 0.0, integer: false, unit: "")
        switch item.kind {
        case .agreement(let scaleID):
            let scale = survey.scale(scaleID)
            var entries: [(String, UInt8)] = []
            let minimum = scale?.min ?? 1
            for answer in answers {
                switch answer.value {
                case .point(let value): entries.append((answer.text, UInt8(clamping: value - minimum + 1)))
                case .missing: entries.append((answer.text, Self.missingToken))
                case .option: break
                }
            }
            for (text, value) in scale?.answerVariants() ?? [] {
                entries.append((text, UInt8(clamping: value - minimum + 1)))
            }
            missing = (scale?.missing ?? []) + item.missing
            for token in missing { entries.append((token, Self.missingToken)) }
            let labels = scale?.points.map { $0.labels.first ?? String($0.value) } ?? []
            expected = "\(scale?.min ?? 1)–\(scale?.max ?? 5) or " + labels.joined(separator: ", ")
                + (missing.isEmpty ? "" : "; \(missing.joined(separator: ", ")) for no answer")
            lookup = ByteLookup(entries)
            mode = .coded
        case .choice(let options):
            var entries: [(String, UInt8)] = []
            for answer in answers {
                switch answer.value {
                case .option(let id):
                    if let position = options.firstIndex(where: { $0.id == id }) { entries.append((answer.text, UInt8(clamping: position + 1))) }
                case .missing: entries.append((answer.text, Self.missingToken))
                case .point: break
                }
            }
            for (position, option) in options.enumerated() {
                let code = UInt8(clamping: position + 1)
                for text in [option.label, option.id] + option.aliases { entries.append((text, code)) }
            }
            if positionalOptions {
                let taken = Set(entries.map { normalizedKey($0.0) } + item.missing.map(normalizedKey))
                for position in options.indices where !taken.contains(String(position + 1)) {
                    entries.append((String(position + 1), UInt8(clamping: position + 1)))
                }
            }
            for token in item.missing { entries.append((token, Self.missingToken)) }
            expected = "one of " + options.map(\.label).joined(separator: ", ")
                + (item.missing.isEmpty ? "" : "; \(item.missing.joined(separator: ", ")) for no answer")
            lookup = ByteLookup(entries)
            mode = .coded
        case .multi(let options):
            expected = "options among " + options.map(\.label).joined(separator: ", ") + ", separated by ';'"
            // Mapped texts read as the option they name, as its aliases do.
            let mapped = options.map { option in
                var option = option
                option.aliases = answers.compactMap { $0.value == .option(option.id) ? $0.text : nil } + option.aliases
                return option
            }
            matcher = MultiChoiceMatcher(mapped, positional: positionalOptions)
            missing += answers.compactMap { $0.value == .missing ? $0.text : nil }
            mode = .multi
        case .numeric(let unit, let minimum, let maximum, let integer):
            numeric = (minimum, maximum, integer, unit)
            missing = item.missing + ["N/A", "Don't know"]
            expected = "\(Self.format(minimum))–\(Self.format(maximum)) \(unit)"
            mode = .numeric
        case .text:
            expected = "text"
            mode = .text
        }
        self.matcher = matcher
        missingKeys = Set(missing.map(normalizedKey))
        (minimum, maximum, integer, unit) = numeric
        scale = AnswerLayout.numericScale(range: numeric.maximum - numeric.minimum)
    }

    /// Decodes one non-blank, trimmed cell into the answers buffer; returns an error message when invalid.
    mutating func decode(_ cell: UnsafeRawBufferPointer, into answers: UnsafeMutableRawBufferPointer) -> String? {
        switch mode {
        case .coded:
            guard let code = lookup.code(for: cell) else {
                return "'\(Self.text(cell))' is not \(item.kind.name == "choice" ? "an option" : "on the scale") (expected \(expected))"
            }
            answers[slot.offset] = code == Self.missingToken ? 0 : code
            return nil
        case .multi:
            let text = String(decoding: cell, as: UTF8.self)
            guard let matcher, let chosen = matcher.match(text) else {
                if missingKeys.contains(normalizedKey(text)) { return nil }
                return "'\(text)' names no option (expected \(expected))"
            }
            if chosen.count > 1, let exclusive = chosen.first(where: { matcher.options[$0].exclusive }) {
                let label = matcher.options[exclusive].label
                return "'\(text)' combines '\(label)' with other options (expected '\(label)' alone)"
            }
            answers[slot.offset] = 1
            for option in chosen { answers[slot.offset + 1 + option / 8] |= 1 << UInt8(option % 8) }
            return nil
        case .numeric:
            guard let value = Self.number(cell) else {
                let text = Self.text(cell)
                if missingKeys.contains(normalizedKey(text)) { return nil }
                return "'\(text)' is not a number (expected \(expected))"
            }
            guard value >= minimum, value <= maximum else {
                return "'\(Self.text(cell))' is outside \(expected)"
            }
            if integer, value != value.rounded() {
                return "'\(Self.text(cell))' is not a whole number (expected \(expected))"
            }
            AnswerLayout.writeNumeric(value, minimum: minimum, scale: scale, into: answers, at: slot.offset)
            return nil
        case .text:
            return nil
        }
    }

    static func text(_ cell: UnsafeRawBufferPointer) -> String {
        String(decoding: cell, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// A plain decimal number: digits with an optional sign, point or comma decimal, and `%`.
    static func number(_ cell: UnsafeRawBufferPointer) -> Double? {
        if let value = plainNumber(cell) { return value }
        var text = text(cell)
        if text.hasSuffix("%") { text.removeLast() }
        text = text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || text.count > 32 { return nil }
        if !text.contains("."), text.filter({ $0 == "," }).count == 1 { text = text.replacingOccurrences(of: ",", with: ".") }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The common case without allocating: `[-]digits[.digits]`.
    @inline(__always)
    static func plainNumber(_ cell: UnsafeRawBufferPointer) -> Double? {
        guard !cell.isEmpty, cell.count <= 18 else { return nil }
        var index = 0
        var negative = false
        if cell[0] == UInt8(ascii: "-") { negative = true; index = 1 }
        var integer: Int64 = 0, fraction: Int64 = 0, scale: Int64 = 1, digits = 0, seenPoint = false
        while index < cell.count {
            let byte = cell[index]
            if byte >= 48, byte <= 57 {
                digits += 1
                if seenPoint { fraction = fraction * 10 + Int64(byte - 48); scale *= 10 } else { integer = integer * 10 + Int64(byte - 48) }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        let value = Double(integer) + Double(fraction) / Double(scale)
        return negative ? -value : value
    }
}

/// Splits multi-choice cells into options: by ';' first, then by ', ' matching the longest
/// option label at each step (Google Forms joins with ", " and labels may contain commas).
/// Cells repeat a lot, so results are cached by the cell's text.
final class MultiChoiceMatcher {
    let options: [ChoiceOption]
    private let byKey: [String: Int]
    private let keysByLength: [String]
    private var cache: [String: [Int]] = [:]
    private static let cacheLimit = 4096

    init(_ options: [ChoiceOption], positional: Bool = false) {
        self.options = options
        var byKey: [String: Int] = [:]
        for (position, option) in options.enumerated() {
            for name in [option.label, option.id] + option.aliases { byKey[normalizedKey(name)] = byKey[normalizedKey(name)] ?? position }
        }
        if positional {
            for position in options.indices { byKey[String(position + 1)] = byKey[String(position + 1)] ?? position }
        }
        self.byKey = byKey
        keysByLength = byKey.keys.sorted { ($0.count, $0) > ($1.count, $1) }
    }

    /// The chosen options' positions, sorted; nil when the text names something else.
    func match(_ text: String) -> [Int]? {
        if let cached = cache[text] { return cached }
        guard let result = uncachedMatch(text) else { return nil }
        if cache.count < Self.cacheLimit { cache[text] = result }
        return result
    }

    private func uncachedMatch(_ text: String) -> [Int]? {
        let parts = text.split(separator: ";").map { normalizedKey($0) }.filter { !$0.isEmpty }
        var result: [Int] = []
        var ok = !parts.isEmpty
        for part in parts {
            if let position = byKey[part] { result.append(position) } else { ok = false; break }
        }
        if ok { return Array(Set(result)).sorted() }
        var rest = normalizedKey(text)
        result = []
        while !rest.isEmpty {
            guard let key = keysByLength.first(where: { rest == $0 || rest.hasPrefix($0 + ",") }), let position = byKey[key] else { return nil }
            result.append(position)
            rest = String(rest.dropFirst(key.count))
            if rest.hasPrefix(",") { rest = String(rest.dropFirst()).trimmingCharacters(in: .whitespaces) }
        }
        return result.isEmpty ? nil : Array(Set(result)).sorted()
    }
}
