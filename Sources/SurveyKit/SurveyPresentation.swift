import Foundation
import SurveyCore

/// A survey as stable, pretty-printed JSON (sorted keys), for `survey show --format json`.
public func surveyJSON(_ survey: Survey) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(survey), as: UTF8.self)
}

/// A survey as readable text: dimensions with their items, bands and flags.
public func surveySummary(_ survey: Survey) -> String {
    var lines = ["\(survey.title) (\(survey.reference), content \(survey.contentHash.prefix(12)))"]
    if let description = survey.description { lines.append(description) }
    for dimension in survey.dimensions {
        lines.append("")
        lines.append("\(dimension.title) [\(dimension.id)], weight \(format(dimension.weight)), scale \(dimension.scale)")
        for item in dimension.items {
            var notes = [item.kind.name]
            if item.reverse { notes.append("reverse-keyed") }
            if let roles = item.roles { notes.append("roles: " + roles.sorted().map(\.displayName).joined(separator: ", ")) }
            if case .numeric(let unit, let minimum, let maximum, _) = item.kind {
                notes.append("\(format(minimum))–\(format(maximum)) \(unit)")
            }
            if !item.kind.options.isEmpty { notes.append("\(item.kind.options.count) options") }
            lines.append("  \(item.id): \(item.text) (\(notes.joined(separator: "; ")))")
        }
    }
    lines.append("")
    lines.append("Bands: " + survey.bands.map { "\($0.name) ≥ \(format($0.lowerBound))" }.joined(separator: ", "))
    lines.append("")
    lines.append("Flags:")
    for flag in survey.flags {
        let roles = flag.roles.map { " among " + $0.sorted().map(\.displayName).joined(separator: ", ") } ?? ""
        lines.append("  \(flag.id) [\(flag.severity.rawValue)]: \(flag.title)\(roles), min n \(flag.minN)")
    }
    return lines.joined(separator: "\n")
}

private func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}
