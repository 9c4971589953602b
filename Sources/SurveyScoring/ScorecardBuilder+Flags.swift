import Foundation
import SurveyCore

extension ScorecardBuilder {
    /// Every flag rule of the survey, evaluated on a unit with its evidence.
    func flagResults(_ unit: Int, hidden: Set<FigureKey>) -> [FlagResult] {
        var offset = 0
        var results: [FlagResult] = []
        for flag in survey.flags {
            let count = flag.condition.tests.count
            let indices = Array(offset..<(offset + count))
            offset += count
            let evidence = indices.map { evaluate(test: $0, unit: unit, minN: flag.minN, hidden: hidden) }
            var cursor = 0
            let outcome = combine(flag.condition, evidence.map(\.holds), &cursor)
            let status: FlagResult.Status = switch outcome {
            case true?: .fired
            case false?: .clear
            case nil: .notEnoughAnswers
            }
            let headline = evidence.first
            results.append(FlagResult(id: flag.id, title: flag.title, severity: flag.severity.rawValue, status: status,
                                      value: headline?.value, ci95: headline?.ci95, threshold: headline?.threshold,
                                      n: headline?.n, explanation: flag.explanation, advice: flag.advice, evidence: evidence))
        }
        return results
    }

    /// Three-valued logic: a test without enough answers is unknown; `all` is false as soon as
    /// one part is false, `any` true as soon as one part is true.
    private func combine(_ condition: FlagCondition, _ holds: [Bool?], _ cursor: inout Int) -> Bool? {
        switch condition {
        case .test:
            defer { cursor += 1 }
            return holds[cursor]
        case .all(let parts):
            let values = parts.map { combine($0, holds, &cursor) }
            if values.contains(false) { return false }
            return values.contains(nil) ? nil : true
        case .any(let parts):
            let values = parts.map { combine($0, holds, &cursor) }
            if values.contains(true) { return true }
            return values.contains(nil) ? nil : false
        }
    }

    private func evaluate(test index: Int, unit: Int, minN: Int, hidden: Set<FigureKey>) -> FlagEvidence {
        let model = self.model.tests[index]
        let test = model.test
        let sums = testSums(unit, index)
        let item = self.model.items[model.item].item
        var evidence = FlagEvidence(description: describe(model, item), statistic: test.statistic.key, item: test.item,
                                    comparison: test.comparison.symbol, threshold: test.threshold, value: nil, ci95: nil,
                                    n: sums.base >= minGroup && !hidden.contains(.test(index)) ? sums.base : nil, holds: nil)
        guard sums.base >= max(minN, minGroup), !hidden.contains(.test(index)) else { return evidence }
        switch test.statistic {
        case .shareFavorable, .shareUnfavorable, .shareChoosing, .shareOnly:
            evidence.value = Double(sums.hits) / Double(sums.base) * 100
            evidence.ci95 = Statistics.wilsonInterval(successes: sums.hits, trials: sums.base)?.interval.map { $0 * 100 }
            evidence.holds = test.comparison.holds(count: sums.hits, base: sums.base, thresholdPercent: test.threshold)
        case .mean:
            guard let mean = Statistics.mean(count: sums.base, sum: sums.sum) else { break }
            evidence.value = mean
            evidence.ci95 = Statistics.meanInterval(count: sums.base, sum: sums.sum, sumOfSquares: sums.sumSquares)?.interval
            evidence.holds = test.comparison.holds(mean, test.threshold)
        case .median:
            guard let median = Statistics.median(counts: sums.histogram) else { break }
            evidence.value = median
            evidence.holds = test.comparison.holds(median, test.threshold)
        }
        return evidence
    }

    func describe(_ model: ScoringModel.TestModel, _ item: Item) -> String {
        let test = model.test
        let labels = item.kind.options.enumerated().filter { $0.offset < model.options.count && model.options[$0.offset] }.map { "'\($0.element.label)'" }
        let statistic: String
        switch test.statistic {
        case .shareFavorable: statistic = "share answering favourably to"
        case .shareUnfavorable: statistic = "share answering unfavourably to"
        case .shareChoosing: statistic = "share choosing \(labels.joined(separator: " or ")) for"
        case .shareOnly: statistic = "share choosing only \(labels.joined(separator: ", ")) (or nothing) for"
        case .mean: statistic = "mean of"
        case .median: statistic = "median of"
        }
        let unit = test.statistic.isShare ? "%" : ""
        let among = model.roles.map { " among " + $0.map(\.displayName).joined(separator: ", ") } ?? ""
        return "\(statistic) '\(item.id)'\(among) \(test.comparison.symbol) \(Self.format(test.threshold))\(unit)"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    // MARK: Comments

    /// The most comments a report shows per item and unit.
    static let commentsShown = 20

    /// Free text for units of at least 10 respondents: unattributed, e-mail addresses and phone
    /// numbers masked, in a shuffled order that is the same on every run; at most
    /// ``commentsShown`` per item, with the total.
    func commentGroups(_ unit: Int, respondents: Int, path: [String]) -> [CommentGroup] {
        guard respondents >= max(10, minGroup) else { return [] }
        var byItem: [String: [String]] = [:]
        for (item, text) in comments[unit] { byItem[item, default: []].append(text) }
        return survey.items.compactMap { item in
            guard let texts = byItem[item.id], !texts.isEmpty else { return nil }
            let seed = path.joined(separator: "/") + "|" + wave + "|" + item.id
            let ordered = texts.map { text -> (Int64, String) in
                var hasher = StableHasher()
                hasher.combine(seed)
                hasher.combine(text)
                return (hasher.value, text)
            }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(Self.commentsShown).map { CommentMasking.masked($0.1) }
            return CommentGroup(item: item.id, text: item.text, comments: ordered, total: texts.count)
        }
    }
}

/// Masks personal data in free text before it leaves the store.
package enum CommentMasking {
    /// The text with e-mail addresses replaced by `[email]` and phone numbers (7 or more digits,
    /// with spaces, dots, dashes, parentheses or a leading +) by `[phone]`.
    package static func masked(_ text: String) -> String {
        var words: [String] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?()[]<>\"'"))
            if let at = trimmed.firstIndex(of: "@"), at != trimmed.startIndex, trimmed[trimmed.index(after: at)...].contains(".") {
                words.append(String(word).replacingOccurrences(of: trimmed, with: "[email]"))
            } else {
                words.append(String(word))
            }
        }
        return maskPhones(words.joined(separator: " "))
    }

    private static func maskPhones(_ text: String) -> String {
        var result = ""
        var run = ""
        var digits = 0
        func flush() {
            if digits >= 7 {
                let trailing = run.reversed().prefix { !$0.isNumber && $0 != ")" }
                result += "[phone]" + String(trailing.reversed())
            } else {
                result += run
            }
            run = ""
            digits = 0
        }
        for character in text {
            let partOfNumber = character.isNumber || (run.isEmpty ? character == "+" || character == "(" : " -.()/".contains(character))
            if partOfNumber {
                run.append(character)
                if character.isNumber { digits += 1 }
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }
}
