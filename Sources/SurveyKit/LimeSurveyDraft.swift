import Foundation
import SurveyCollector
import SurveyCore
import SurveyDefinition

/// The headings of a LimeSurvey response export: question codes (`G01Q02[SQ001]`) or full
/// question texts (`Which methods did you use? [Customer interviews]`).
public enum LimeSurveyHeadings: String, Sendable, CaseIterable {
    /// "Question code" headings, LimeSurvey's default.
    case code
    /// "Full question text" headings.
    case full
}

/// A draft survey definition and a mapping for its exports, made from a LimeSurvey structure.
public struct LimeSurveyDraft: Sendable {
    /// The survey id the draft uses.
    public var surveyID: String
    /// The survey definition, as YAML text that `opmodel survey validate` accepts.
    public var surveyYAML: String
    /// The mapping from the export's columns to the draft's items, as YAML text.
    public var mappingYAML: String
    /// How many dimensions (one per question group) the draft has.
    public var dimensionCount: Int
    /// How many items the draft has.
    public var itemCount: Int
    /// How many export columns the mapping names.
    public var columnCount: Int
    /// Questions left out, as `CODE (what it is)`: display texts, equations, unsupported types.
    public var skipped: [String]
    /// Export headings that two columns share (full question texts repeated), which a mapping
    /// cannot tell apart; empty with code headings.
    public var ambiguousHeadings: [String] = []
}

/// Turns a LimeSurvey survey structure into a draft OpModel survey and a mapping for its exports.
///
/// Arrays become agreement items on a scale made from their answer options (assessment values
/// give the points, else the options' order; "Don't know"-like options become missing
/// tokens); lists and yes/no questions become choice items (assessment values become option
/// values); multiple choice becomes multi items spread over one column per option; numeric and
/// text questions become numeric and text items. Each question group becomes a dimension for
/// the user to rename and rearrange. The mapping names every answer column in the chosen
/// heading style and maps answer codes to scale points and option ids; full answers match the
/// labels the draft gives.
/// - Parameters:
///   - structure: The parsed `.lss` file.
///   - surveyID: The survey id to use; nil derives one from the survey's title.
///   - headings: The heading style of the exports the mapping is for.
///   - source: The `.lss` path, named in the files' header comments.
public func makeLimeSurveyDraft(_ structure: LimeSurveyStructure, surveyID: String? = nil,
                                headings: LimeSurveyHeadings = .code, source: String) -> LimeSurveyDraft {
    var builder = DraftBuilder(headings: headings)
    for group in structure.groups { builder.add(group) }
    let id = surveyID ?? draftIdentifier(structure.title, fallback: "limesurvey_\(structure.surveyID)", limit: 48)
    return builder.draft(surveyID: id, structure: structure, source: source)
}

/// Reads a `.lss` file and writes the draft survey definition and mapping next to each other.
///
/// Existing files are kept unless `overwrite` is set, since the survey file is the one the
/// user edits.
/// - Throws: ``UserError`` for missing, existing or unwritable files and for headings two
///   columns would share; ``DiagnosticList`` when
///   the `.lss` file cannot be read as a LimeSurvey survey structure.
@discardableResult
public func writeLimeSurveyDraft(lssPath: String, surveyID: String?, headings: LimeSurveyHeadings,
                                 surveyPath: String?, mappingPath: String?, outputDirectory: String?,
                                 overwrite: Bool) throws -> (draft: LimeSurveyDraft, surveyPath: String, mappingPath: String) {
    guard let data = FileManager.default.contents(atPath: lssPath) else {
        throw UserError(.missingFile, "cannot read '\(lssPath)'", at: .field(.file), hint: "no such file, or not readable")
    }
    let structure = try LimeSurveyStructure.parse(data, file: lssPath)
    let draft = makeLimeSurveyDraft(structure, surveyID: surveyID, headings: headings, source: (lssPath as NSString).lastPathComponent)
    let directory = outputDirectory ?? "."
    let surveyFile = surveyPath ?? (directory as NSString).appendingPathComponent("\(draft.surveyID).yaml")
    let mappingFile = mappingPath ?? (directory as NSString).appendingPathComponent("\(draft.surveyID).mapping.yaml")
    if !draft.ambiguousHeadings.isEmpty {
        let list = draft.ambiguousHeadings.map { "'\($0)'" }.joined(separator: ", ")
        throw UserError(.invalidData, "several columns of the export would share the heading \(list), so a mapping cannot tell them apart; draft with \(Parameter.headings, "code") and export with question-code headings",
                        at: .field(.headings))
    }
    if !overwrite {
        for path in [surveyFile, mappingFile] where FileManager.default.fileExists(atPath: path) {
            throw UserError(.fileExists, "'\(path)' already exists; give \(Parameter.force) to overwrite it (your edits to it would be lost)")
        }
    }
    do {
        if let outputDirectory { try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true) }
        try Data(draft.surveyYAML.utf8).write(to: URL(fileURLWithPath: surveyFile), options: .atomic)
        try Data(draft.mappingYAML.utf8).write(to: URL(fileURLWithPath: mappingFile), options: .atomic)
    } catch {
        throw UserError(.unwritableFile, "cannot write '\(surveyFile)' and '\(mappingFile)'", hint: "check the folder exists and is writable")
    }
    return (draft, surveyFile, mappingFile)
}

// MARK: - Building the draft

/// A lowercase id (`^[a-z][a-z0-9_]*$`) from any text: `Strategy & planning` → `strategy_planning`.
func draftIdentifier(_ text: String, fallback: String, limit: Int = 32) -> String {
    var result = ""
    for scalar in text.lowercased().unicodeScalars {
        if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
            result.unicodeScalars.append(scalar)
        } else if !result.isEmpty, !result.hasSuffix("_") {
            result.append("_")
        }
    }
    result = String(result.prefix(limit))
    while result.hasSuffix("_") { result.removeLast() }
    if result.isEmpty { return fallback == text ? "item" : draftIdentifier(fallback, fallback: "item", limit: limit) }
    if let first = result.first, !first.isLetter { result = "q_" + result }
    return result
}

private struct DraftBuilder {
    struct Scale: Equatable {
        var id: String
        var points: [(value: Int, label: String)]
        var missing: [String]
        var origin: String

        static func == (a: Scale, b: Scale) -> Bool {
            a.points.map(\.value) == b.points.map(\.value) && a.points.map(\.label) == b.points.map(\.label) && a.missing == b.missing
        }
    }

    struct Option {
        var id: String
        var label: String
        var value: Int?
        var exclusive = false
    }

    enum Kind {
        case agreement(scale: String)
        case choice([Option], missing: [String])
        case multi([Option])
        case numeric(min: String, max: String, integer: Bool, fromSurvey: Bool)
        case text
    }

    struct Item {
        var id: String
        var text: String
        var kind: Kind
        var source: String
    }

    struct Dimension {
        var id: String
        var title: String
        var description: String
        var scale: String?
        var items: [Item]
        var note: String?
    }

    struct Column {
        var heading: String
        var item: String
        var option: String?
        var answers: [(String, String)] = []
        var ignore = false
    }

    let headings: LimeSurveyHeadings
    var scales: [Scale] = []
    var dimensions: [Dimension] = []
    var columns: [Column] = []
    var skipped: [String] = []
    var itemIDs = Set<String>()
    var dimensionIDs = Set<String>()

    init(headings: LimeSurveyHeadings) {
        self.headings = headings
    }

    /// Answer option texts that mean "no answer" rather than a point or an option.
    static let noAnswerTexts: Set<String> = [
        "don't know", "dont know", "do not know", "n/a", "na", "not applicable", "no answer", "no opinion",
        "prefer not to say", "prefer not to answer", "can't say", "cannot say", "not sure", "does not apply",
    ]

    /// An answer option's text, or its code when it has none.
    static func label(_ option: LimeSurveyStructure.AnswerOption) -> String {
        option.text.isEmpty ? option.code : option.text
    }

    static func isNoAnswer(_ text: String) -> Bool {
        noAnswerTexts.contains(normalizedKey(text.replacingOccurrences(of: "’", with: "'")))
    }

    // MARK: Groups and questions

    mutating func add(_ group: LimeSurveyStructure.Group) {
        var items: [Item] = []
        for question in group.questions { items += add(question) }
        guard !items.isEmpty else { return }
        let base = unique(draftIdentifier(group.name, fallback: "group_\(dimensions.count + 1)"), in: &dimensionIDs)
        // A dimension's agreement items share one scale: items on a second scale get their own dimension.
        var byScale: [(scale: String?, items: [Item])] = []
        for item in items {
            guard case .agreement(let scale) = item.kind else { continue }
            if let index = byScale.firstIndex(where: { $0.scale == scale }) {
                byScale[index].items.append(item)
            } else {
                byScale.append((scale, [item]))
            }
        }
        if byScale.isEmpty { byScale.append((nil, [])) }
        byScale[0].items = items.filter { item in
            if case .agreement(let scale) = item.kind { return scale == byScale[0].scale }
            return true
        }
        for (position, part) in byScale.enumerated() {
            let id = position == 0 ? base : unique("\(base)_\(part.scale ?? "more")", in: &dimensionIDs)
            dimensions.append(Dimension(
                id: id, title: position == 0 ? group.name : "\(group.name) (\(part.scale ?? ""))",
                description: group.description, scale: part.scale, items: part.items,
                note: position == 0 ? nil : "split from group '\(group.name)': a dimension's agreement items share one scale"))
        }
    }

    mutating func add(_ question: LimeSurveyStructure.Question) -> [Item] {
        let code = question.code
        let baseID = draftIdentifier(code, fallback: "question")
        switch question.type {
        case "F", "H":
            guard let scale = scale(from: question.answers.filter { $0.scale == 0 }, origin: "the answer options of \(code)",
                                    id: "\(baseID)_scale") else {
                skipped.append("\(code) (array with fewer than two answer options)")
                return []
            }
            let answers = question.answers.filter { $0.scale == 0 }.map { option in
                (option.code, Self.isNoAnswer(option.text) ? "missing"
                    : String(scale.points.first { $0.label == Self.label(option) }?.value ?? 0))
            }
            return subItems(question, kind: .agreement(scale: scale.id), answers: answers)
        case "A", "5":
            let scale = fixedScale(id: "five_point", values: 1...5, origin: "LimeSurvey's 5-point choice")
            if question.type == "5" { return [single(question, kind: .agreement(scale: scale.id), answers: [])] }
            return subItems(question, kind: .agreement(scale: scale.id), answers: [])
        case "B":
            let scale = fixedScale(id: "ten_point", values: 1...10, origin: "LimeSurvey's 10-point choice")
            return subItems(question, kind: .agreement(scale: scale.id), answers: [])
        case "C":
            let options = [Option(id: "no", label: "No"), Option(id: "uncertain", label: "Uncertain"), Option(id: "yes", label: "Yes")]
            return subItems(question, kind: .choice(options, missing: []), answers: [("N", "no"), ("U", "uncertain"), ("Y", "yes")])
        case "E":
            let options = [Option(id: "decrease", label: "Decrease"), Option(id: "same", label: "Same"), Option(id: "increase", label: "Increase")]
            return subItems(question, kind: .choice(options, missing: []), answers: [("D", "decrease"), ("S", "same"), ("I", "increase")])
        case "L", "!", "O":
            return listItems(question)
        case "Y":
            let options = [Option(id: "no", label: "No"), Option(id: "yes", label: "Yes")]
            // Full answers write `N/A` for a question left unanswered.
            return [single(question, kind: .choice(options, missing: ["N/A"]), answers: [("Y", "yes"), ("N", "no")])]
        case "M", "P":
            return [multiItem(question)]
        case "N":
            return [single(question, kind: numericKind(question), answers: [])]
        case "K":
            return subItems(question, kind: numericKind(question), answers: [])
        case "S", "T", "U":
            return [single(question, kind: .text, answers: [])]
        case "Q":
            return subItems(question, kind: .text, answers: [])
        default:
            skipped.append("\(code) (\(Self.typeNames[question.type] ?? "question type '\(question.type)'"))")
            // These types export one column under the question's own heading: read and dropped.
            if ["X", "*", "D", "G", "I"].contains(question.type) {
                columns.append(Column(heading: heading(question, sub: nil), item: "", ignore: true))
            }
            return []
        }
    }

    static let typeNames: [String: String] = [
        "X": "text display, no answer", "*": "equation, no answer", "D": "date", "G": "gender", "I": "language switch",
        "R": "ranking", "1": "dual-scale array", ":": "array of numbers", ";": "array of texts", "|": "file upload",
    ]

    mutating func single(_ question: LimeSurveyStructure.Question, kind: Kind, answers: [(String, String)]) -> Item {
        let item = Item(id: unique(draftIdentifier(question.code, fallback: "question"), in: &itemIDs),
                        text: question.text.isEmpty ? question.code : question.text, kind: kind, source: question.code)
        columns.append(Column(heading: heading(question, sub: nil), item: item.id, answers: answers))
        return item
    }

    mutating func subItems(_ question: LimeSurveyStructure.Question, kind: Kind, answers: [(String, String)]) -> [Item] {
        let rows = question.subQuestions.filter { $0.scale == 0 }
        if rows.isEmpty {
            skipped.append("\(question.code) (array without sub-questions)")
            return []
        }
        return rows.map { sub in
            let id = unique(draftIdentifier("\(question.code)_\(sub.code)", fallback: "question"), in: &itemIDs)
            columns.append(Column(heading: heading(question, sub: sub), item: id, answers: answers))
            return Item(id: id, text: sub.text.isEmpty ? "\(question.text) [\(sub.code)]" : sub.text, kind: kind,
                        source: "\(question.code)[\(sub.code)]")
        }
    }

    mutating func listItems(_ question: LimeSurveyStructure.Question) -> [Item] {
        let answers = question.answers.filter { $0.scale == 0 }
        var missing: [String] = []
        var options: [Option] = []
        var optionIDs = Set<String>()
        var codes: [(String, String)] = []
        let scored = answers.filter { !Self.isNoAnswer($0.text) }
        let useValues = scored.contains { $0.assessmentValue != 0 }
        for answer in answers {
            if Self.isNoAnswer(answer.text) {
                missing.append(answer.text)
                codes.append((answer.code, "missing"))
                continue
            }
            let id = unique(draftIdentifier(answer.text, fallback: answer.code), in: &optionIDs)
            options.append(Option(id: id, label: Self.label(answer), value: useValues ? answer.assessmentValue : nil))
            codes.append((answer.code, id))
        }
        if question.hasOther {
            // Every option of a valued item needs a value; "Other" has none, so it reads as no answer there.
            if useValues {
                codes.append(("-oth-", "missing"))
                missing.append("Other")
            } else {
                let id = unique("other", in: &optionIDs)
                options.append(Option(id: id, label: "Other"))
                codes.append(("-oth-", id))
            }
        }
        guard options.count >= 2 else {
            skipped.append("\(question.code) (list with fewer than two answer options)")
            return []
        }
        let item = single(question, kind: .choice(options, missing: missing), answers: codes)
        if question.hasOther { columns.append(Column(heading: heading(question, sub: nil, suffix: ("other", "Other")), item: "", ignore: true)) }
        if question.type == "O" { columns.append(Column(heading: heading(question, sub: nil, suffix: ("comment", "Comment")), item: "", ignore: true)) }
        return [item]
    }

    mutating func multiItem(_ question: LimeSurveyStructure.Question) -> Item {
        let exclusive = Set((question.attributes["exclude_all_others"] ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
        var optionIDs = Set<String>()
        var options: [Option] = []
        let itemID = unique(draftIdentifier(question.code, fallback: "question"), in: &itemIDs)
        for sub in question.subQuestions where sub.scale == 0 {
            let id = unique(draftIdentifier(sub.text, fallback: sub.code), in: &optionIDs)
            options.append(Option(id: id, label: sub.text.isEmpty ? sub.code : sub.text, exclusive: exclusive.contains(sub.code)))
            columns.append(Column(heading: heading(question, sub: sub), item: itemID, option: id))
        }
        if question.hasOther {
            let id = unique("other", in: &optionIDs)
            options.append(Option(id: id, label: "Other"))
            columns.append(Column(heading: heading(question, sub: nil, suffix: ("other", "Other")), item: itemID, option: id))
        }
        return Item(id: itemID, text: question.text.isEmpty ? question.code : question.text, kind: .multi(options), source: question.code)
    }

    func numericKind(_ question: LimeSurveyStructure.Question) -> Kind {
        let minimum = question.attributes["min_num_value_n"].flatMap(Double.init)
        let maximum = question.attributes["max_num_value_n"].flatMap(Double.init)
        let format: (Double) -> String = { $0 == $0.rounded() ? String(Int($0)) : String($0) }
        return .numeric(min: format(minimum ?? 0), max: format(maximum ?? 1000),
                        integer: question.attributes["num_value_int_only"] == "1",
                        fromSurvey: minimum != nil && maximum != nil)
    }

    /// The export heading of a question's column in the chosen style.
    func heading(_ question: LimeSurveyStructure.Question, sub: LimeSurveyStructure.SubQuestion?,
                 suffix: (code: String, text: String)? = nil) -> String {
        switch headings {
        case .code:
            if let sub { return "\(question.code)[\(sub.code)]" }
            return suffix.map { "\(question.code)[\($0.code)]" } ?? question.code
        case .full:
            if let sub { return "\(question.text) [\(sub.text)]" }
            return suffix.map { "\(question.text) [\($0.text)]" } ?? question.text
        }
    }

    // MARK: Scales

    mutating func scale(from answers: [LimeSurveyStructure.AnswerOption], origin: String, id: String) -> Scale? {
        let scored = answers.filter { !Self.isNoAnswer($0.text) }
        guard scored.count >= 2 else { return nil }
        let values = scored.map(\.assessmentValue)
        let useValues = Set(values).count == values.count && values.contains { $0 != 0 }
        var points = scored.enumerated().map { (value: useValues ? $1.assessmentValue : $0 + 1, label: Self.label($1)) }
        points.sort { $0.value < $1.value }
        let candidate = Scale(id: id, points: points, missing: answers.filter { Self.isNoAnswer($0.text) }.map(\.text),
                              origin: origin + (useValues ? " (assessment values)" : " (in order)"))
        return register(candidate)
    }

    mutating func fixedScale(id: String, values: ClosedRange<Int>, origin: String) -> Scale {
        register(Scale(id: id, points: values.map { ($0, String($0)) }, missing: [], origin: origin))
    }

    mutating func register(_ candidate: Scale) -> Scale {
        if let existing = scales.first(where: { $0 == candidate }) { return existing }
        var scale = candidate
        var taken = Set(scales.map(\.id))
        scale.id = unique(candidate.id, in: &taken)
        scales.append(scale)
        return scale
    }

    /// Points split in halves: the upper half favourable, the lower unfavourable, a middle point neutral.
    static func polarity(_ values: [Int]) -> (favorable: [Int], neutral: [Int], unfavorable: [Int]) {
        let half = values.count / 2
        let neutral = values.count % 2 == 1 ? [values[half]] : []
        return (Array(values.suffix(half)), neutral, Array(values.prefix(half)))
    }

    func unique(_ id: String, in taken: inout Set<String>) -> String {
        var candidate = id
        var number = 2
        while taken.contains(candidate) {
            candidate = "\(id)_\(number)"
            number += 1
        }
        taken.insert(candidate)
        return candidate
    }

    // MARK: Rendering

    func draft(surveyID: String, structure: LimeSurveyStructure, source: String) -> LimeSurveyDraft {
        var scales = self.scales
        if scales.isEmpty {
            // A survey needs a scale even when nothing is rated yet.
            scales.append(Scale(id: "five_point", points: (1...5).map { ($0, String($0)) }, missing: [], origin: "a placeholder: the survey has no rated questions"))
        }
        let title = structure.title.isEmpty ? surveyID : structure.title
        var lines = [
            "# opmodel survey definition, drafted by `opmodel survey from-lss` from \(source)",
            "# (LimeSurvey survey \(structure.surveyID.isEmpty ? "?" : structure.surveyID), language \(structure.language.isEmpty ? "?" : structure.language)).",
            "# Each question group became a dimension: rename dimensions, move items between them",
            "# (agreement items of one dimension share a scale), mark reverse-keyed statements with",
            "# `reverse: true`, then check the file: opmodel survey validate \(surveyID).yaml",
            "id: \(surveyID)",
            "version: 1",
            "title: \(yamlQuoted(title))",
        ]
        if !skipped.isEmpty {
            lines.append("# Not drafted (no answer OpModel can score): " + skipped.joined(separator: ", "))
        }
        lines.append("scales:")
        for scale in scales {
            lines.append("  \(scale.id):  # from \(scale.origin)")
            lines.append("    labels:")
            for point in scale.points { lines.append("      \(point.value): \(yamlQuoted(point.label))") }
            let split = Self.polarity(scale.points.map(\.value))
            lines.append("    favorable: [\(split.favorable.map(String.init).joined(separator: ", "))]  # TODO: check")
            if !split.neutral.isEmpty { lines.append("    neutral: [\(split.neutral.map(String.init).joined(separator: ", "))]") }
            lines.append("    unfavorable: [\(split.unfavorable.map(String.init).joined(separator: ", "))]")
            if !scale.missing.isEmpty { lines.append("    missing: [\(scale.missing.map(yamlQuoted).joined(separator: ", "))]") }
        }
        lines.append("dimensions:")
        for dimension in dimensions {
            lines.append("  - id: \(dimension.id)  # TODO: assign (LimeSurvey group \(yamlQuoted(dimension.title)))")
            if let note = dimension.note { lines.append("    # \(note)") }
            lines.append("    title: \(yamlQuoted(dimension.title))")
            if !dimension.description.isEmpty { lines.append("    description: \(yamlQuoted(dimension.description))") }
            if let scale = dimension.scale { lines.append("    scale: \(scale)") }
            lines.append("    items:")
            for item in dimension.items { lines += render(item) }
        }
        let bandScale = mostUsedScale(scales)
        let low = Double(bandScale.points.first?.value ?? 1), high = Double(bandScale.points.last?.value ?? 5)
        let step = (high - low) / 3
        let format: (Double) -> String = { value in
            let rounded = (value * 10).rounded() / 10
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        }
        lines += [
            "bands:  # TODO: check: maturity levels on a dimension's mean, on scale \(bandScale.id)",
            "  - {name: Initial, from: \(format(low))}",
            "  - {name: Established, from: \(format(low + step))}",
            "  - {name: Leading, from: \(format(low + 2 * step))}",
        ]
        let surveyYAML = lines.joined(separator: "\n") + "\n"

        var comments = MappingComments()
        comments.header = [
            "opmodel mapping, drafted by `opmodel survey from-lss` from \(source): LimeSurvey exports with",
            "\(headings == .code ? "question-code" : "full question text") headings (answer codes or full answers) -> \(surveyID)@1.",
            "Use it with: opmodel import EXPORT.csv --survey \(surveyID) --mapping THIS_FILE --org ORG --wave WAVE",
        ] + (skipped.isEmpty ? [] : ["Not drafted as items: " + skipped.joined(separator: ", ")])
        let metadata = [
            ExportMapping.Column(header: headings == .code ? "id" : "Response ID", target: .field(.responseID)),
            ExportMapping.Column(header: headings == .code ? "submitdate" : "Date submitted", target: .field(.submittedAt)),
        ]
        let mapping = ExportMapping(file: "", surveyID: surveyID, surveyVersion: 1, format: "limesurvey", columns: metadata + columns.map { column in
            guard !column.ignore else { return ExportMapping.Column(header: column.heading, target: .ignore) }
            let answers = column.answers.map { text, value in
                ExportMapping.Answer(text: text, value: Int(value).map { .point($0) } ?? (value == "missing" ? .missing : .option(value)))
            }
            return ExportMapping.Column(header: column.heading, target: .item(id: column.item, option: column.option), answers: answers)
        })
        return LimeSurveyDraft(surveyID: surveyID, surveyYAML: surveyYAML, mappingYAML: mappingYAML(mapping, comments: comments),
                               dimensionCount: dimensions.count, itemCount: dimensions.reduce(0) { $0 + $1.items.count },
                               columnCount: columns.count + 2, skipped: skipped,
                               ambiguousHeadings: Self.repeated(mapping.columns.map(\.header)))
    }

    /// The texts that occur more than once, in order of their first repeat.
    static func repeated(_ texts: [String]) -> [String] {
        var seen = Set<String>(), repeated: [String] = []
        for text in texts where !seen.insert(normalizedKey(text)).inserted && !repeated.contains(text) { repeated.append(text) }
        return repeated
    }

    func mostUsedScale(_ scales: [Scale]) -> Scale {
        var counts: [String: Int] = [:]
        for dimension in dimensions {
            for item in dimension.items { if case .agreement(let id) = item.kind { counts[id, default: 0] += 1 } }
        }
        return scales.max { (counts[$0.id] ?? 0, $1.id) < (counts[$1.id] ?? 0, $0.id) } ?? scales[0]
    }

    func render(_ item: Item) -> [String] {
        var lines = ["      - id: \(item.id)  # \(item.source)"]
        switch item.kind {
        case .agreement:
            lines.append("        text: \(yamlQuoted(item.text))")
        case .choice(let options, let missing):
            lines.append("        kind: choice")
            lines.append("        text: \(yamlQuoted(item.text))")
            lines.append("        options:  # least to most mature: TODO: check the order")
            for option in options {
                let value = option.value.map { ", value: \($0)" } ?? ""
                lines.append("          - {id: \(yamlQuoted(option.id)), label: \(yamlQuoted(option.label))\(value)}")
            }
            if !missing.isEmpty { lines.append("        missing: [\(missing.map(yamlQuoted).joined(separator: ", "))]") }
        case .multi(let options):
            lines.append("        kind: multi")
            lines.append("        text: \(yamlQuoted(item.text))")
            lines.append("        options:")
            for option in options {
                lines.append("          - {id: \(yamlQuoted(option.id)), label: \(yamlQuoted(option.label))\(option.exclusive ? ", exclusive: true" : "")}")
            }
        case .numeric(let minimum, let maximum, let integer, let fromSurvey):
            lines.append("        kind: numeric")
            lines.append("        text: \(yamlQuoted(item.text))")
            lines.append("        unit: number  # TODO: the unit (hours, percent…)")
            lines.append("        min: \(minimum)" + (fromSurvey ? "" : "  # TODO: the allowed range"))
            lines.append("        max: \(maximum)")
            if integer { lines.append("        integer: true") }
        case .text:
            lines.append("        kind: text")
            lines.append("        text: \(yamlQuoted(item.text))")
        }
        return lines
    }
}
