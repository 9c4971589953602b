import Foundation
import SurveyCore

/// Checks one item's cells against the survey and writes their packed codes.
struct ItemDecoder {
    /// Code that a lookup returns for a missing token ("N/A", "Don't know").
    static let missingToken: UInt8 = 0xFE

    enum Kind {
        case coded(expected: String)
        case multi([ChoiceOption], missing: Set<String>, expected: String)
        case numeric(minimum: Double, maximum: Double, integer: Bool, scale: Double, unit: String, missing: Set<String>)
        case text
    }

    let item: Item
    let slot: AnswerLayout.Slot
    let kind: Kind
    /// Answer texts to codes, for agreement and choice items (kept apart from `kind` so that
    /// learning a spelling mutates it in place).
    private var lookup = ByteLookup([])

    init(item: Item, slot: AnswerLayout.Slot, survey: Survey) {
        self.item = item
        self.slot = slot
        switch item.kind {
        case .agreement(let scaleID):
            let scale = survey.scale(scaleID)
            var entries: [(String, UInt8)] = []
            let minimum = scale?.min ?? 1
            for (text, value) in scale?.answerVariants() ?? [] {
                entries.append((text, UInt8(clamping: value - minimum + 1)))
            }
            for token in (scale?.missing ?? []) + item.missing { entries.append((token, Self.missingToken)) }
            let labels = scale?.points.map { $0.labels.first ?? String($0.value) } ?? []
            let missing = (scale?.missing ?? []) + item.missing
            let expected = "\(scale?.min ?? 1)–\(scale?.max ?? 5) or " + labels.joined(separator: ", ")
                + (missing.isEmpty ? "" : "; \(missing.joined(separator: ", ")) for no answer")
            lookup = ByteLookup(entries)
            kind = .coded(expected: expected)
        case .choice(let options):
            var entries: [(String, UInt8)] = []
            for (position, option) in options.enumerated() {
                let code = UInt8(clamping: position + 1)
                for text in [option.label, option.id] + option.aliases { entries.append((text, code)) }
            }
            for token in item.missing { entries.append((token, Self.missingToken)) }
            let expected = "one of " + options.map(\.label).joined(separator: ", ")
                + (item.missing.isEmpty ? "" : "; \(item.missing.joined(separator: ", ")) for no answer")
            lookup = ByteLookup(entries)
            kind = .coded(expected: expected)
        case .multi(let options):
            let expected = "options among " + options.map(\.label).joined(separator: ", ") + ", separated by ';'"
            kind = .multi(options, missing: Set(item.missing.map(normalizedKey)), expected: expected)
        case .numeric(let unit, let minimum, let maximum, let integer):
            kind = .numeric(minimum: minimum, maximum: maximum, integer: integer,
                            scale: AnswerLayout.numericScale(range: maximum - minimum), unit: unit,
                            missing: Set((item.missing + ["N/A", "Don't know"]).map(normalizedKey)))
        case .text:
            kind = .text
        }
    }

    /// Decodes one non-blank cell into the answers buffer; returns an error message when invalid.
    mutating func decode(_ cell: UnsafeRawBufferPointer, into answers: UnsafeMutableRawBufferPointer) -> String? {
        switch kind {
        case .coded(let expected):
            guard let code = lookup.code(for: cell) else { return "'\(Self.text(cell))' is not \(item.kind.name == "choice" ? "an option" : "on the scale") (expected \(expected))" }
            answers[slot.offset] = code == Self.missingToken ? 0 : code
            return nil
        case .multi(let options, let missing, let expected):
            let text = Self.text(cell)
            if missing.contains(normalizedKey(text)) { return nil }
            guard let chosen = Self.matchOptions(text, options) else {
                return "'\(text)' names no option (expected \(expected))"
            }
            if chosen.count > 1, chosen.contains(where: { options[$0].exclusive }) {
                let exclusive = chosen.first { options[$0].exclusive }.map { options[$0].label } ?? ""
                return "'\(text)' combines '\(exclusive)' with other options (expected '\(exclusive)' alone)"
            }
            answers[slot.offset] = 1
            for option in chosen { answers[slot.offset + 1 + option / 8] |= 1 << UInt8(option % 8) }
            return nil
        case .numeric(let minimum, let maximum, let integer, let scale, let unit, let missing):
            guard let value = Self.number(cell) else {
                let text = Self.text(cell)
                if missing.contains(normalizedKey(text)) { return nil }
                return "'\(text)' is not a number (expected \(Self.format(minimum))–\(Self.format(maximum)) \(unit))"
            }
            guard value >= minimum, value <= maximum else {
                return "'\(Self.text(cell))' is outside \(Self.format(minimum))–\(Self.format(maximum)) \(unit)"
            }
            if integer, value != value.rounded() {
                return "'\(Self.text(cell))' is not a whole number (expected \(Self.format(minimum))–\(Self.format(maximum)) \(unit))"
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
        var text = text(cell)
        if text.hasSuffix("%") { text.removeLast() }
        text = text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || text.count > 32 { return nil }
        if !text.contains("."), text.filter({ $0 == "," }).count == 1 { text = text.replacingOccurrences(of: ",", with: ".") }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Splits a multi-choice cell into options: by ';' first, then by ', ' matching the longest
    /// option label at each step (labels may themselves contain commas).
    static func matchOptions(_ text: String, _ options: [ChoiceOption]) -> [Int]? {
        var byKey: [String: Int] = [:]
        for (position, option) in options.enumerated() {
            for name in [option.label, option.id] + option.aliases { byKey[normalizedKey(name)] = byKey[normalizedKey(name)] ?? position }
        }
        let parts = text.split(separator: ";").map { normalizedKey($0) }.filter { !$0.isEmpty }
        var result: [Int] = []
        var ok = !parts.isEmpty
        for part in parts {
            if let position = byKey[part] { result.append(position) } else { ok = false; break }
        }
        if ok { return Array(Set(result)).sorted() }
        // Comma-joined (Google Forms): greedy longest match of known labels.
        var rest = normalizedKey(text)
        result = []
        let keys = byKey.keys.sorted { $0.count > $1.count }
        while !rest.isEmpty {
            guard let key = keys.first(where: { rest == $0 || rest.hasPrefix($0 + ",") }), let position = byKey[key] else { return nil }
            result.append(position)
            rest = String(rest.dropFirst(key.count))
            if rest.hasPrefix(",") { rest = String(rest.dropFirst()).trimmingCharacters(in: .whitespaces) }
        }
        return result.isEmpty ? nil : Array(Set(result)).sorted()
    }
}
