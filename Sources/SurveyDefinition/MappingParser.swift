import SurveyCore
import Yams

/// Turns a composed mapping file into an ``ExportMapping``, checking every entry against the
/// survey it names and reporting every mistake through its reader.
final class MappingParser {
    private let reader: YAMLReader
    private let surveys: [Survey]

    init(reader: YAMLReader, surveys: [Survey]) {
        self.reader = reader
        self.surveys = surveys
    }

    static let topKeys = ["mapping", "survey", "survey_version", "format", "columns", "not_asked"]
    static let entryKeys = ["column", "item", "option", "answers", "attribute", "values", "field", "ignore"]
    private static let targetKeys = ["item", "attribute", "field", "ignore"]

    /// Where each item, option, attribute and field was first mapped: the column and its line.
    private var claimed: [String: (column: String, line: Int)] = [:]

    func parse(_ root: Node) -> ExportMapping? {
        guard let top = reader.mapping(root, in: "mapping", allowed: Self.topKeys, required: ["mapping", "survey", "columns"]) else {
            return nil
        }
        if let node = top["mapping"], let version = reader.integer(node, "mapping"), version != 1 {
            reader.error("unsupported mapping format \(version) (expected 1)", at: node)
        }
        let version = top["survey_version"].flatMap { reader.integer($0, "survey_version") }
        let survey = top["survey"].flatMap { node in reader.nonEmptyString(node, "survey").flatMap { resolve($0, version: version, at: node) } }
        var format: String?
        if let node = top["format"], let text = reader.nonEmptyString(node, "format"), text != "auto" {
            format = text
        }
        var columns: [ExportMapping.Column] = []
        if let node = top["columns"] {
            var headers: [String: Int] = [:]
            for element in reader.sequence(node, "columns") {
                guard let column = parseColumn(element, survey: survey) else { continue }
                let line = column.location?.line ?? 0
                if let first = headers[column.header] {
                    reader.error("column '\(column.header)' is listed twice (first at line \(first))", at: column.location ?? reader.location(element))
                    continue
                }
                headers[column.header] = line
                columns.append(column)
            }
        }
        var notAsked: [String] = []
        if let node = top["not_asked"] {
            for (id, element) in reader.strings(node, "not_asked") {
                guard let survey else { continue }
                guard survey.item(id) != nil else {
                    reader.error("unknown item '\(id)' in not_asked\(Self.hint(id, in: survey.items.map(\.id)))", at: element)
                    continue
                }
                if let first = claimed["item " + id] {
                    reader.error("item '\(id)' is listed under not_asked but column '\(first.column)' (line \(first.line)) maps it", at: element)
                    continue
                }
                if notAsked.contains(id) {
                    reader.error("item '\(id)' is listed twice under not_asked", at: element)
                    continue
                }
                notAsked.append(id)
            }
        }
        if let survey, let node = top.keys["columns"] {
            for item in survey.items where claimed["item " + item.id] == nil && !notAsked.contains(item.id) {
                reader.error("item '\(item.id)' has no column; map it to a column or list it under not_asked", at: node)
            }
        }
        guard let survey else { return nil }
        return ExportMapping(file: reader.file, surveyID: survey.id, surveyVersion: survey.version, format: format,
                             formatLocation: top["format"].map(reader.location), columns: columns, notAsked: notAsked)
    }

    private func resolve(_ id: String, version: Int?, at node: Node) -> Survey? {
        let candidates = surveys.filter { $0.id == id }.sorted { $0.version < $1.version }
        guard !candidates.isEmpty else {
            let ids = Array(Set(surveys.map(\.id))).sorted()
            reader.error("unknown survey '\(id)'\(Self.hint(id, in: ids))", at: node)
            return nil
        }
        guard let version else { return candidates.last }
        if let match = candidates.first(where: { $0.version == version }) { return match }
        reader.error("survey '\(id)' has no version \(version) (versions: \(candidates.map { String($0.version) }.joined(separator: ", ")))", at: node)
        return nil
    }

    // MARK: Entries

    private func parseColumn(_ node: Node, survey: Survey?) -> ExportMapping.Column? {
        guard let entry = reader.mapping(node, in: "column entry", allowed: Self.entryKeys, required: ["column"]),
              let headerNode = entry["column"], let header = reader.nonEmptyString(headerNode, "column") else { return nil }
        let here = reader.location(headerNode)
        let targets = Self.targetKeys.filter { entry[$0] != nil }
        guard let targetKey = targets.first else {
            reader.error("column '\(header)' needs one of item, attribute, field or ignore", at: node)
            return nil
        }
        if targets.count > 1, let second = entry.keys[targets[1]] {
            reader.error("column '\(header)' has both \(targets[0]) and \(targets[1]) (expected one of item, attribute, field or ignore)", at: second)
        }
        for (key, owner) in [("option", "item"), ("answers", "item"), ("values", "attribute")] where targetKey != owner {
            if let keyNode = entry.keys[key] { reader.error("'\(key)' goes with '\(owner)', not '\(targetKey)'", at: keyNode) }
        }
        var column = ExportMapping.Column(header: header, target: .ignore, location: here)
        switch targetKey {
        case "item":
            guard let node = entry["item"], let id = reader.nonEmptyString(node, "item"), let survey else { return nil }
            guard let item = survey.item(id) else {
                reader.error("unknown item '\(id)' in survey \(survey.reference)\(Self.hint(id, in: survey.items.map(\.id)))", at: node)
                return nil
            }
            var option: String?
            if let optionNode = entry["option"], let optionID = reader.nonEmptyString(optionNode, "option") {
                // The item is still taken as mapped, so it is not reported as having no column too.
                guard case .multi(let options) = item.kind else {
                    reader.error("'option' needs a multi item, and '\(id)' is a \(item.kind.name) item", at: optionNode)
                    claimItem(item, option: nil, header: header, at: node, optionNode: nil)
                    return nil
                }
                guard options.contains(where: { $0.id == optionID }) else {
                    reader.error("unknown option '\(optionID)' of item '\(id)'\(Self.hint(optionID, in: options.map(\.id)))", at: optionNode)
                    if claimed["item " + id] == nil { claimed["item " + id] = ("", reader.location(node).line) }
                    return nil
                }
                option = optionID
            }
            claimItem(item, option: option, header: header, at: node, optionNode: entry["option"])
            column.target = .item(id: id, option: option)
            if let answers = entry["answers"] {
                if option != nil {
                    reader.error("'answers' does not apply to an option column (a cell is chosen unless blank, N, No, 0, false or Not selected)", at: entry.keys["answers"] ?? answers)
                } else {
                    column.answers = parseAnswers(answers, item: item, survey: survey, keyNode: entry.keys["answers"] ?? answers)
                }
            }
        case "attribute":
            guard let node = entry["attribute"], let name = reader.nonEmptyString(node, "attribute") else { return nil }
            guard let kind = AttributeKind(rawValue: name) else {
                let names = AttributeKind.allCases.map(\.rawValue)
                reader.error("unknown attribute '\(name)'\(Self.hint(name, in: names))", at: node)
                return nil
            }
            claim("attribute " + name, what: "attribute '\(name)'", header: header, at: node)
            column.target = .attribute(kind)
            if let values = entry["values"] { column.values = parseValues(values, kind: kind) }
        case "field":
            guard let node = entry["field"], let name = reader.nonEmptyString(node, "field") else { return nil }
            guard let field = ExportMapping.Field(rawValue: name) else {
                let names = ExportMapping.Field.allCases.map(\.rawValue)
                reader.error("unknown field '\(name)'\(Self.hint(name, in: names))", at: node)
                return nil
            }
            claim("field " + name, what: "field '\(name)'", header: header, at: node)
            column.target = .field(field)
        default:
            guard let node = entry["ignore"], let ignore = reader.bool(node, "ignore") else { return nil }
            if !ignore {
                reader.error("'ignore' must be true (to read the column, give item, attribute or field instead)", at: node)
                return nil
            }
        }
        return column
    }

    private func claimItem(_ item: Item, option: String?, header: String, at node: Node, optionNode: Node?) {
        let line = reader.location(node).line
        let whole = "item " + item.id
        if let option {
            let key = "option \(item.id) \(option)"
            if let first = claimed[whole], first.column != "" {
                reader.error("item '\(item.id)' is already mapped by column '\(first.column)' (line \(first.line))", at: node)
            } else if let first = claimed[key] {
                reader.error("option '\(option)' of item '\(item.id)' is already mapped by column '\(first.column)' (line \(first.line))", at: optionNode ?? node)
            } else {
                claimed[key] = (header, line)
                // Option columns share the item: mark it mapped without naming one column.
                if claimed[whole] == nil { claimed[whole] = ("", line) }
            }
            return
        }
        if let first = claimed[whole] {
            if first.column.isEmpty {
                reader.error("item '\(item.id)' is already mapped by option columns (line \(first.line))", at: node)
            } else {
                reader.error("item '\(item.id)' is already mapped by column '\(first.column)' (line \(first.line))", at: node)
            }
            return
        }
        claimed[whole] = (header, line)
    }

    private func claim(_ key: String, what: String, header: String, at node: Node) {
        if let first = claimed[key] {
            reader.error("\(what) is already mapped by column '\(first.column)' (line \(first.line))", at: node)
        } else {
            claimed[key] = (header, reader.location(node).line)
        }
    }

    // MARK: Answers and values

    private func parseAnswers(_ node: Node, item: Item, survey: Survey, keyNode: Node) -> [ExportMapping.Answer] {
        let scale: AnswerScale?
        switch item.kind {
        case .agreement(let id): scale = survey.scale(id)
        case .choice, .multi: scale = nil
        case .numeric, .text:
            reader.error("'answers' needs an agreement, choice or multi item, and '\(item.id)' is a \(item.kind.name) item", at: keyNode)
            return []
        }
        var answers: [ExportMapping.Answer] = []
        for (text, valueNode) in uniqueLabels(node, context: "answers", noun: "label") {
            guard let value = reader.string(valueNode, "answer value") else { continue }
            if value == "missing" {
                answers.append(ExportMapping.Answer(text: text, value: .missing))
            } else if let scale {
                let points = scale.points.map(\.value)
                guard let point = Int(value), points.contains(point) else {
                    reader.error("'\(value)' is not a point of scale '\(scale.id)' (expected \(scale.min)–\(scale.max) or missing)", at: valueNode)
                    continue
                }
                answers.append(ExportMapping.Answer(text: text, value: .point(point)))
            } else {
                let options = item.kind.options.map(\.id)
                guard options.contains(value) else {
                    reader.error("'\(value)' is not an option of item '\(item.id)' (expected \(options.joined(separator: ", ")) or missing)", at: valueNode)
                    continue
                }
                answers.append(ExportMapping.Answer(text: text, value: .option(value)))
            }
        }
        return answers
    }

    private func parseValues(_ node: Node, kind: AttributeKind) -> [ExportMapping.Rename] {
        var values: [ExportMapping.Rename] = []
        for (text, valueNode) in uniqueLabels(node, context: "values", noun: "value") {
            guard let value = reader.nonEmptyString(valueNode, "value") else { continue }
            if kind == .role, Role(rawValue: value) == nil {
                let roles = Role.allCases.map(\.rawValue)
                reader.error("unknown role '\(value)'\(Self.hint(value, in: roles))", at: valueNode)
                continue
            }
            values.append(ExportMapping.Rename(text: text, value: value))
        }
        return values
    }

    /// The pairs of an `answers` or `values` mapping, reporting a text mapped twice as the
    /// collector compares them (``normalizedKey(_:)``) and keeping the first.
    private func uniqueLabels(_ node: Node, context: String, noun: String) -> [(text: String, value: Node)] {
        var result: [(text: String, value: Node)] = []
        var seen: [String: (text: String, line: Int)] = [:]
        for (textNode, valueNode) in reader.pairs(node, in: context) {
            guard let text = reader.string(textNode, noun) else { continue }
            let key = normalizedKey(text)
            if let first = seen[key] {
                reader.error("\(noun) '\(text)' is mapped twice (first as '\(first.text)' at line \(first.line))", at: textNode)
                continue
            }
            seen[key] = (text, reader.location(textNode).line)
            result.append((text, valueNode))
        }
        return result
    }

    /// ` (did you mean 'x'?)` for a likely typo, else ` (expected one of …)`.
    static func hint(_ word: String, in candidates: [String]) -> String {
        if let match = closestMatch(to: word, in: candidates) { return " (did you mean '\(match)'?)" }
        if candidates.isEmpty { return "" }
        let shown = candidates.prefix(12).joined(separator: ", ") + (candidates.count > 12 ? ", …" : "")
        return " (expected one of \(shown))"
    }
}
