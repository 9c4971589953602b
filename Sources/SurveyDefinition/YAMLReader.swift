import SurveyCore
import Yams

/// Typed access to a YAML tree that records a diagnostic, with the node's position, for every
/// value that is not what the format expects, and keeps going.
final class YAMLReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    /// The diagnostics in file order.
    var sortedDiagnostics: [Diagnostic] {
        diagnostics.sorted { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) }
    }

    func location(_ node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func error(_ message: String, at node: Node) {
        diagnostics.append(Diagnostic(.error, message, at: location(node)))
    }

    func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.error, message, at: location))
    }

    // MARK: Structure

    /// A mapping's entries by key, after reporting unknown and duplicated keys.
    func mapping(_ node: Node, in context: String, allowed: [String], required: [String] = []) -> Entries? {
        guard case .mapping(let mapping) = node else {
            error("expected a mapping for \(context), got \(describe(node))", at: node)
            return nil
        }
        var entries = Entries(node: node)
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                error("expected a text key in \(context)", at: keyNode)
                continue
            }
            guard allowed.contains(key) else {
                if let suggestion = closestMatch(to: key, in: allowed) {
                    error("unknown key '\(key)' in \(context) (did you mean '\(suggestion)'?)", at: keyNode)
                } else {
                    error("unknown key '\(key)' in \(context) (expected one of \(allowed.joined(separator: ", ")))", at: keyNode)
                }
                continue
            }
            entries.values[key] = value
            entries.keys[key] = keyNode
            entries.order.append(key)
        }
        for key in required where entries.values[key] == nil {
            error("missing required key '\(key)' in \(context)", at: node)
        }
        return entries
    }

    /// A mapping with arbitrary keys, in file order.
    func pairs(_ node: Node, in context: String) -> [(key: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            error("expected a mapping for \(context), got \(describe(node))", at: node)
            return []
        }
        return mapping.map { ($0.key, $0.value) }
    }

    func sequence(_ node: Node, _ context: String) -> [Node] {
        switch node {
        case .sequence(let sequence): return Array(sequence)
        default:
            error("expected a list for \(context), got \(describe(node))", at: node)
            return []
        }
    }

    // MARK: Scalars

    func string(_ node: Node, _ field: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error("expected text for '\(field)', got \(describe(node))", at: node)
            return nil
        }
        return scalar.string
    }

    func nonEmptyString(_ node: Node, _ field: String) -> String? {
        guard let text = string(node, field) else { return nil }
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            error("'\(field)' must not be empty", at: node)
            return nil
        }
        return text
    }

    func identifier(_ node: Node, _ field: String) -> String? {
        guard let text = string(node, field) else { return nil }
        guard Self.isIdentifier(text) else {
            error("'\(text)' is not a valid id (expected lowercase letters, digits and underscores, starting with a letter)", at: node)
            return nil
        }
        return text
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    func integer(_ node: Node, _ field: String) -> Int? {
        guard let text = string(node, field) else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            error("'\(field)' must be a whole number, got '\(text)'", at: node)
            return nil
        }
        return value
    }

    func number(_ node: Node, _ field: String) -> Double? {
        guard let text = string(node, field) else { return nil }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            error("'\(field)' must be a number, got '\(text)'", at: node)
            return nil
        }
        return value
    }

    func positiveNumber(_ node: Node, _ field: String) -> Double? {
        guard let value = number(node, field) else { return nil }
        guard value > 0 else {
            error("\(field) must be positive, got \(format(value))", at: node)
            return nil
        }
        return value
    }

    func bool(_ node: Node, _ field: String) -> Bool? {
        guard let text = string(node, field) else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error("'\(field)' must be true or false, got '\(text)'", at: node)
            return nil
        }
    }

    /// A list of strings; a single scalar counts as a list of one.
    func strings(_ node: Node, _ field: String) -> [(String, Node)] {
        if case .scalar(let scalar) = node { return [(scalar.string, node)] }
        return sequence(node, "'\(field)'").compactMap { element in string(element, field).map { ($0, element) } }
    }

    func roles(_ node: Node, _ field: String) -> [Role]? {
        var roles: [Role] = []
        for (text, element) in strings(node, field) {
            if let role = Role(rawValue: text) {
                if !roles.contains(role) { roles.append(role) }
            } else {
                let expected = Role.allCases.map(\.rawValue)
                let hint = closestMatch(to: text, in: expected).map { " (did you mean '\($0)'?)" }
                    ?? " (expected one of \(expected.joined(separator: ", ")))"
                error("unknown role '\(text)'\(hint)", at: element)
            }
        }
        return roles.sorted()
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// The entries of a YAML mapping whose keys were checked.
struct Entries {
    let node: Node
    var values: [String: Node] = [:]
    var keys: [String: Node] = [:]
    var order: [String] = []

    subscript(key: String) -> Node? { values[key] }
}
