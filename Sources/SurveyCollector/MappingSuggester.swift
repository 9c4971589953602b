import Foundation
import SurveyCore

/// A drafted mapping: which column looks like which item, how sure the match is, and what was
/// left over. Made by ``MappingSuggester``; the user confirms it before importing with it.
public struct MappingSuggestion: Sendable {
    /// How a column was matched.
    public enum Method: String, Sendable {
        /// The same text as an item's text, alias or id, ignoring case and spacing.
        case exact
        /// The same words once HTML, punctuation and numbering are removed.
        case normalised
        /// Similar text, scored.
        case fuzzy
        /// A metadata or attribute column the platform or the survey names.
        case metadata
    }

    /// One column and what it was matched to.
    public struct Entry: Sendable, Hashable {
        /// The column's display name, as a mapping file names it.
        public var column: String
        /// What it holds.
        public var target: ExportMapping.Target
        /// How it was matched.
        public var method: Method
        /// From 0 to 1: 1 for exact and metadata, 0.95 for normalised, the score for fuzzy.
        public var confidence: Double
        /// For agreement and choice items: answer texts found in the export's first rows that
        /// the survey's labels do not read, with what they seem to mean.
        public var answers: [Answer] = []
    }

    /// An answer text seen in the export that the survey's labels do not read.
    public struct Answer: Sendable, Hashable {
        /// The text as the export writes it.
        public var text: String
        /// What it seems to mean; nil when nothing fits.
        public var value: ExportMapping.AnswerValue?
        /// How the meaning was found: `code 3`, `fuzzy 0.82`, `no answer`.
        public var reason: String
    }

    /// The format the export was read as.
    public var format: ExportFormat
    /// The survey matched against.
    public var survey: Survey
    /// The matched columns, in column order.
    public var entries: [Entry]
    /// Question columns that matched no item, in column order.
    public var unmapped: [String]
    /// Items no column matched, in survey order.
    public var notAsked: [String]
}

/// Drafts a mapping from an export's header by matching each column's text to the survey's
/// item texts, aliases and ids: exactly, then normalised, then fuzzily.
///
/// The header is read as the import reads it (same format detection and platform adapters), so
/// the columns are named as a mapping file must name them. Each item goes to one column at most,
/// best score first; a multi item spread over one column per option maps column by column.
package enum MappingSuggester {
    /// The lowest fuzzy score suggested.
    package static let threshold = 0.6

    /// Reads an export's header and drafts a mapping to `survey`.
    /// - Parameters:
    ///   - file: The path shown in diagnostics.
    ///   - url: The export (CSV, or `.xlsx`).
    ///   - format: The platform, or nil to detect it.
    /// - Throws: ``DiagnosticList`` when the file is not CSV.
    package static func suggest(file: String, url: URL, survey: Survey, format: ExportFormat? = nil) throws -> MappingSuggestion {
        do {
            var reader = try ResponseReader.openReader(url: url, file: file)
            let (layout, _) = ExportLayout.read(&reader, format: format, keepIdentifiers: false)
            return try suggestAnswers(suggest(layout, survey: survey), layout: layout, reader: &reader)
        } catch let error as CSVError {
            throw DiagnosticList([error.diagnostic(file: file)])
        }
    }

    /// Drafts a mapping for an export held in memory.
    static func suggest(file: String, data: Data, survey: Survey, format: ExportFormat? = nil) throws -> MappingSuggestion {
        do {
            var reader = try CSVReader(bytes: XLSXReader.isWorkbook(data) ? XLSXReader.csv(from: data, file: file) : data)
            let (layout, _) = ExportLayout.read(&reader, format: format, keepIdentifiers: false)
            return try suggestAnswers(suggest(layout, survey: survey), layout: layout, reader: &reader)
        } catch let error as CSVError {
            throw DiagnosticList([error.diagnostic(file: file)])
        }
    }

    private struct Candidate {
        var column: Int
        var item: Int
        var option: Int?
        var score: Double
        var method: MappingSuggestion.Method
    }

    static func suggest(_ layout: ExportLayout, survey: Survey) -> MappingSuggestion {
        let items = survey.items
        let index = Index(items)
        let metadata = metadataNames(survey)
        var fixed: [Int: MappingSuggestion.Entry] = [:]
        var candidates: [Candidate] = []
        var questions: [Int] = []
        for (column, spec) in layout.columns.enumerated() {
            let name = column < layout.displayNames.count ? layout.displayNames[column] : ""
            switch spec {
            case .fixed(let role):
                if let target = target(of: role) { fixed[column] = .init(column: name, target: target, method: .metadata, confidence: 1) }
            case .personal:
                break
            case .names(let names):
                if let target = names.lazy.compactMap({ metadata[normalizedKey($0)] }).first {
                    fixed[column] = .init(column: name, target: target, method: .metadata, confidence: 1)
                    continue
                }
                questions.append(column)
                for name in names {
                    candidates += itemCandidates(name, column: column, index: index)
                    if let (question, label) = splitOption(name) {
                        candidates += optionCandidates(question: question, label: label, column: column, index: index)
                    }
                }
            case .part(let question, let label):
                questions.append(column)
                candidates += optionCandidates(question: question, label: label, column: column, index: index)
                for name in ["\(question) - \(label)", "\(question): \(label)", "\(question) [\(label)]", "\(question)[\(label)]"] {
                    candidates += itemCandidates(name, column: column, index: index)
                }
            }
        }
        // Best first; among equals, the column further left, then the item earlier in the survey.
        candidates.sort { ($1.score, $0.column, $0.item) < ($0.score, $1.column, $1.item) }
        var byColumn: [Int: Candidate] = [:]
        var wholeItems = Set<Int>()
        var optionItems: [Int: Set<Int>] = [:]
        for candidate in candidates where byColumn[candidate.column] == nil && !wholeItems.contains(candidate.item) {
            if let option = candidate.option {
                guard optionItems[candidate.item]?.contains(option) != true else { continue }
                optionItems[candidate.item, default: []].insert(option)
            } else {
                guard optionItems[candidate.item] == nil else { continue }
                wholeItems.insert(candidate.item)
            }
            byColumn[candidate.column] = candidate
        }
        var entries: [MappingSuggestion.Entry] = []
        var unmapped: [String] = []
        var mapped = Set<Int>()
        // A mapping names a column by its heading: a repeated heading can be listed once only.
        var named = Set<String>()
        for column in layout.columns.indices {
            let name = column < layout.displayNames.count ? layout.displayNames[column] : ""
            if let entry = fixed[column] {
                if named.insert(name).inserted { entries.append(entry) }
            } else if let match = byColumn[column], named.insert(name).inserted {
                let item = items[match.item]
                let option = match.option.map { item.kind.options[$0].id }
                entries.append(.init(column: name, target: .item(id: item.id, option: option), method: match.method,
                                     confidence: (match.score * 100).rounded() / 100))
                mapped.insert(match.item)
            } else if questions.contains(column), !name.isEmpty, !unmapped.contains(name) {
                unmapped.append(name)
            }
        }
        let notAsked = items.indices.filter { !mapped.contains($0) }.map { items[$0].id }
        return MappingSuggestion(format: layout.format, survey: survey, entries: entries, unmapped: unmapped, notAsked: notAsked)
    }

    // MARK: Matching

    /// A text prepared for matching: its exact key, loose key and content words.
    struct Prepared {
        var key: String
        var loose: String
        var words: Set<String>

        init(_ text: String) {
            key = normalizedKey(text)
            loose = HeaderText.looseKey(text)
            words = MappingSuggester.contentWords(loose)
        }
    }

    /// The names of an item or option: text, id and aliases, prepared.
    struct Names {
        var all: [Prepared]

        init(_ names: [String]) {
            all = names.map(Prepared.init).filter { !$0.key.isEmpty }
        }
    }

    private struct Index {
        var items: [Names]
        var options: [Int: [Names]]

        init(_ items: [Item]) {
            self.items = items.map { Names([$0.text, $0.id] + $0.aliases) }
            var options: [Int: [Names]] = [:]
            for (index, item) in items.enumerated() {
                if case .multi(let choices) = item.kind { options[index] = choices.map { Names([$0.label, $0.id] + $0.aliases) } }
            }
            self.options = options
        }
    }

    /// Scores a header text against every item's text, aliases and id.
    private static func itemCandidates(_ text: String, column: Int, index: Index) -> [Candidate] {
        let prepared = Prepared(text)
        return index.items.indices.compactMap { item in
            guard let (score, method) = best(prepared, among: index.items[item]) else { return nil }
            return Candidate(column: column, item: item, option: nil, score: score, method: method)
        }
    }

    /// Scores `question` against multi items and `label` against their options.
    private static func optionCandidates(question: String, label: String, column: Int, index: Index) -> [Candidate] {
        var result: [Candidate] = []
        let question = Prepared(question), label = Prepared(label)
        for (item, options) in index.options {
            guard let (questionScore, questionMethod) = best(question, among: index.items[item]) else { continue }
            for (position, option) in options.enumerated() {
                guard let (labelScore, labelMethod) = best(label, among: option) else { continue }
                let methods = [questionMethod, labelMethod]
                let method: MappingSuggestion.Method = methods.contains(.fuzzy) ? .fuzzy : methods.contains(.normalised) ? .normalised : .exact
                // Slightly below a whole-item match of the same score, so `Q [X]` matching an item
                // as a whole (a grid row) wins over the same text read as an option.
                result.append(Candidate(column: column, item: item, option: position,
                                        score: min(questionScore, labelScore) - 0.001, method: method))
            }
        }
        return result
    }

    /// The best score of `text` against any of `names`, and how it was reached.
    static func best(_ text: Prepared, among names: Names) -> (Double, MappingSuggestion.Method)? {
        guard !text.key.isEmpty else { return nil }
        if names.all.contains(where: { $0.key == text.key }) { return (1, .exact) }
        guard !text.loose.isEmpty else { return nil }
        if names.all.contains(where: { $0.loose == text.loose }) { return (0.95, .normalised) }
        let score = names.all.map { similarity(text, $0) }.max() ?? 0
        return score >= threshold ? (min(score, 0.94), .fuzzy) : nil
    }

    /// Words that say little about which question it is.
    private static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "did", "do", "does", "for", "from", "has", "have", "how", "i",
        "in", "is", "it", "me", "my", "of", "on", "or", "our", "please", "the", "this", "to", "we", "what", "which",
        "who", "with", "you", "your",
    ]

    /// From 0 to 1: how alike two texts are, as the better of their shared content words
    /// (Dice, with a little credit for one containing the other) and their edit distance.
    static func similarity(_ a: Prepared, _ b: Prepared) -> Double {
        guard !a.loose.isEmpty, !b.loose.isEmpty else { return 0 }
        var words = 0.0
        if !a.words.isEmpty, !b.words.isEmpty {
            let shared = Double(a.words.intersection(b.words).count)
            let dice = 2 * shared / Double(a.words.count + b.words.count)
            let containment = shared / Double(min(a.words.count, b.words.count))
            words = 0.7 * dice + 0.3 * containment
        }
        // The edit distance is dear on long texts: only when its best case could still win.
        let longer = Double(max(a.loose.count, b.loose.count))
        let bound = Double(min(a.loose.count, b.loose.count)) / longer
        guard bound >= threshold, bound > words else { return words }
        return max(words, 1 - Double(editDistance(a.loose, b.loose)) / longer)
    }

    static func contentWords(_ key: String) -> Set<String> {
        let words = key.split(separator: " ").map { word -> String in
            // Plural and singular are the same word here.
            word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") ? String(word.dropLast()) : String(word)
        }
        let content = words.filter { !stopWords.contains($0) }
        return Set(content.isEmpty ? words : content)
    }

    /// `Question [Option]`, `Question - Option` or `Question: Option`, split.
    private static func splitOption(_ text: String) -> (String, String)? {
        if text.hasSuffix("]"), let open = text.range(of: " [", options: .backwards) {
            return (String(text[..<open.lowerBound]), String(text[open.upperBound..<text.index(before: text.endIndex)]))
        }
        for separator in [" - ", ": "] {
            if let range = text.range(of: separator, options: .backwards) {
                return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
            }
        }
        return nil
    }

    // MARK: Answers

    /// Rows read to find answer texts the survey does not know.
    static let sampledRows = 1000
    /// Distinct answer texts kept per column.
    static let distinctAnswers = 40

    /// Texts that mean no answer, whatever the survey.
    private static let missingWords: Set<String> = [
        "n/a", "na", "not applicable", "don't know", "dont know", "do not know", "can't say", "cannot say", "no answer",
        "prefer not to say", "no opinion", "-oth-",
    ]

    /// Reads the first rows and, per agreement or choice column, the answer texts the item's
    /// labels do not read, each with a guessed meaning.
    static func suggestAnswers(_ suggestion: MappingSuggestion, layout: ExportLayout, reader: inout CSVReader) throws -> MappingSuggestion {
        var suggestion = suggestion
        let survey = suggestion.survey
        let answerLayout = AnswerLayout(survey: survey)
        var decoders: [Int: (entry: Int, decoder: ItemDecoder)] = [:]
        for (position, entry) in suggestion.entries.enumerated() {
            guard case .item(let id, nil) = entry.target, let itemIndex = survey.items.firstIndex(where: { $0.id == id }),
                  let column = layout.displayNames.firstIndex(of: entry.column) else { continue }
            switch survey.items[itemIndex].kind {
            case .agreement, .choice:
                decoders[column] = (position, ItemDecoder(item: survey.items[itemIndex], slot: answerLayout.slots[itemIndex], survey: survey,
                                                          positionalOptions: layout.positionalOptions))
            case .multi, .numeric, .text:
                continue
            }
        }
        guard !decoders.isEmpty else { return suggestion }
        try ExportLayout.skipHeader(of: layout, in: &reader)
        var unread: [Int: [String]] = [:]
        var seen: [Int: Set<String>] = [:]
        var record = CSVRecord()
        var scratch = [UInt8](repeating: 0, count: max(1, answerLayout.byteCount))
        var rows = 0
        while rows < sampledRows, try reader.nextRecord(into: &record) {
            rows += 1
            for column in decoders.keys where column < record.count && !record.isBlank(column) {
                let text = record.trimmedString(column)
                guard seen[column, default: []].count < distinctAnswers, seen[column, default: []].insert(text).inserted else { continue }
                let message = scratch.withUnsafeMutableBytes { answers in
                    record.withTrimmedField(column) { decoders[column]?.decoder.decode($0, into: answers) }
                }
                if message != nil { unread[column, default: []].append(text) }
            }
        }
        for (column, texts) in unread {
            guard let (position, decoder) = decoders[column] else { continue }
            suggestion.entries[position].answers = texts.map { guessAnswer($0, item: decoder.item, survey: survey) }
        }
        return suggestion
    }

    /// What an unknown answer text seems to mean: no answer, a label it resembles, or the n-th
    /// point or option when it is a code such as `A3` or `AO03`.
    static func guessAnswer(_ text: String, item: Item, survey: Survey) -> MappingSuggestion.Answer {
        if missingWords.contains(normalizedKey(text)) { return .init(text: text, value: .missing, reason: "no answer") }
        // Scales say "strongly" where questionnaires say "totally", "completely"…
        var probe = normalizedKey(text)
        for word in ["totally", "completely", "fully", "absolutely", "entirely", "very much", "definitely"] where probe.hasPrefix(word + " ") {
            probe = "strongly" + probe.dropFirst(word.count)
        }
        let prepared = Prepared(probe)
        var choices: [(label: String, names: Names, value: ExportMapping.AnswerValue)] = []
        switch item.kind {
        case .agreement(let scaleID):
            for point in survey.scale(scaleID)?.points ?? [] {
                choices.append((point.labels.first ?? String(point.value), Names(point.labels), .point(point.value)))
            }
        case .choice(let options):
            for option in options { choices.append((option.label, Names([option.label, option.id] + option.aliases), .option(option.id))) }
        case .multi, .numeric, .text:
            break
        }
        var best: (score: Double, label: String, value: ExportMapping.AnswerValue)?
        for choice in choices {
            if let (score, _) = Self.best(prepared, among: choice.names), score > (best?.score ?? 0) { best = (score, choice.label, choice.value) }
        }
        if let best {
            let score = best.score < 1 ? String(format: ", %.2f", best.score) : ""
            return .init(text: text, value: best.value, reason: "like '\(best.label)'\(score)")
        }
        // A code: letters, then the 1-based position.
        let digits = text.reversed().prefix { $0.isASCII && $0.isNumber }
        let letters = text.dropLast(digits.count)
        if !digits.isEmpty, letters.count <= 3, letters.allSatisfy(\.isLetter), let number = Int(String(digits.reversed())),
           number >= 1, number <= choices.count {
            return .init(text: text, value: choices[number - 1].value, reason: "code \(number)")
        }
        return .init(text: text, value: nil, reason: "nothing fits")
    }

    // MARK: Metadata

    /// Attribute and metadata header names, as the import recognises them.
    private static func metadataNames(_ survey: Survey) -> [String: ExportMapping.Target] {
        var names: [String: ExportMapping.Target] = [:]
        for kind in AttributeKind.allCases {
            for name in (ColumnMapping.attributeNames[kind] ?? []) + (survey.attributes[kind]?.aliases ?? []) {
                names[normalizedKey(name)] = names[normalizedKey(name)] ?? .attribute(kind)
            }
        }
        for name in ColumnMapping.responseIDNames { names[name] = names[name] ?? .field(.responseID) }
        for name in ColumnMapping.submittedNames { names[name] = names[name] ?? .field(.submittedAt) }
        for name in ColumnMapping.waveNames { names[name] = names[name] ?? .field(.wave) }
        // An item named like an attribute is the item.
        for item in survey.items { names[normalizedKey(item.id)] = nil }
        return names
    }

    private static func target(of role: ColumnRole) -> ExportMapping.Target? {
        switch role {
        case .responseID: .field(.responseID)
        case .submittedAt: .field(.submittedAt)
        case .wave: .field(.wave)
        case .finished: .field(.finished)
        case .attribute(let kind): .attribute(kind)
        case .item, .option, .personal, .ignored: nil
        }
    }
}
