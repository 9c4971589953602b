import Foundation
import SurveyCore

/// Renders a group comparison as text, Markdown, JSON, CSV or a self-contained HTML page.
///
/// Every figure comes already suppressed; a hidden group shows as "hidden" and has no
/// comparison. Called-out differences carry a ▲ or ▼ marker and the rule is stated once.
/// - Parameters:
///   - comparison: The computed comparison.
///   - format: The output format.
package func renderComparison(_ comparison: GroupComparison, as format: AnalysisFormat) throws -> String {
    switch format {
    case .text, .md: comparisonTables(comparison, markdown: format == .md)
    case .json: try analysisJSON(comparison)
    case .csv: comparisonCSV(comparison)
    case .html: ComparisonHTMLPage(comparison: comparison).render()
    }
}

private func title(_ comparison: GroupComparison) -> String {
    let groups = switch comparison.breakdown {
    case .division: "Divisions"
    case .team: "Teams"
    case .role: "Product Owners, Product Managers and others"
    }
    return "\(comparison.org), \(comparison.wave): \(groups) compared " + (comparison.pairs ? "pair by pair" : "with the rest of the organisation")
}

func differenceCells(_ test: DifferenceTest?) -> [String] {
    guard let test else { return [NumberText.missing, "", "", "", ""] }
    let marker = calloutMarker(test)
    let difference = NumberText.signed(test.difference, digits: 1) + (marker.isEmpty ? "" : " " + marker)
    guard test.status == .tested else { return [difference, "no test", "", "", ""] }
    return [difference, NumberText.interval(test.ci95, digits: 1), NumberText.signed(test.hedgesG, digits: 2),
            pText(test.pAdjusted), test.calledOut ? "called out" : ""]
}

func pText(_ p: Double?) -> String {
    guard let p else { return NumberText.missing }
    return p < 0.001 ? "<0.001" : NumberText.fixed(p, digits: 3)
}

private func comparisonTables(_ comparison: GroupComparison, markdown: Bool) -> String {
    var out = markdown ? "# \(MarkdownText.escape(title(comparison)))\n\n" : title(comparison) + "\n"
    let line = "Survey \(comparison.survey.id)@\(comparison.survey.version); scores are 0–100; groups under \(comparison.minGroup) respondents are hidden."
    out += markdown ? MarkdownText.escape(line) + "\n\n" + MarkdownText.escape(comparison.rule) + "\n" : line + "\n" + comparison.rule + "\n"
    for (index, dimension) in comparison.dimensions.enumerated() {
        out += markdown ? "\n## \(MarkdownText.escape(dimension.title))\n\n" : "\n\(dimension.title)\n"
        let tests = comparison.comparisons.filter { $0.dimension == dimension.id }
        var table = TextTable(["group", "n", "score", "95% CI"] + (comparison.pairs ? [] : ["vs rest", "95% CI", "g", "adj. p", ""]),
                              numeric: [false, true, true, true] + (comparison.pairs ? [] : [true, true, true, true, false]))
        func scoreCells(_ group: GroupComparison.Group) -> [String] {
            guard !group.suppressed, index < group.scores.count, group.scores[index].score100 != nil else {
                return [group.name, "hidden", "", ""]
            }
            let score = group.scores[index]
            return [group.name, NumberText.count(score.n), NumberText.score(score.score100), NumberText.interval(score.ci95, digits: 1)]
        }
        table.rows.append(scoreCells(comparison.organisation))
        for group in comparison.groups {
            var row = scoreCells(group)
            if !comparison.pairs, row[1] != "hidden" {
                let test = tests.first { $0.group == group.name }?.test
                row += test == nil ? ["not compared"] : differenceCells(test)
            }
            table.rows.append(row)
        }
        out += markdown ? table.markdown : table.text
        if comparison.pairs, !tests.isEmpty {
            var pairs = TextTable(["pair", "difference", "95% CI", "g", "adj. p", ""], numeric: [false, true, true, true, true, false])
            for test in tests { pairs.rows.append(["\(test.group) − \(test.against)"] + differenceCells(test.test)) }
            out += (markdown ? "\n" + pairs.markdown : "\n" + pairs.text)
        }
    }
    let fired = comparison.flags.filter { !$0.firedIn.isEmpty || !$0.clearIn.isEmpty || !$0.notEnoughAnswersIn.isEmpty }
    if !fired.isEmpty {
        out += markdown ? "\n## Flags\n\n" : "\nFlags\n"
        var table = TextTable(["flag", "severity", "fires in"], numeric: [false, false, false])
        for flag in fired { table.rows.append([flag.title, flag.severity, flag.firedIn.isEmpty ? "nowhere" : flag.firedIn.joined(separator: ", ")]) }
        out += markdown ? table.markdown : table.text
    }
    if !comparison.notes.isEmpty {
        out += markdown ? "\n## Notes\n\n" + comparison.notes.map { "- " + MarkdownText.escape($0) }.joined(separator: "\n") + "\n"
            : "\n" + comparison.notes.map { "Note: " + $0 }.joined(separator: "\n") + "\n"
    }
    return out
}

private func comparisonCSV(_ comparison: GroupComparison) -> String {
    var lines = [CSVWriter.line(["kind", "dimension", "group", "against", "n", "score_100", "ci_low", "ci_high", "difference",
                                 "difference_ci_low", "difference_ci_high", "hedges_g", "p", "p_adjusted", "status", "called_out"])]
    func number(_ value: Double?, _ digits: Int) -> String { value.map { NumberText.fixed($0, digits: digits) } ?? "" }
    for (index, dimension) in comparison.dimensions.enumerated() {
        for group in [comparison.organisation] + comparison.groups {
            let score = group.suppressed || index >= group.scores.count ? nil : group.scores[index]
            lines.append(CSVWriter.line(["score", dimension.id, CSVWriter.neutralizingFormula(group.name), "", score?.n.map(String.init) ?? "",
                                         number(score?.score100, 2), number(score?.ci95?.lower, 2), number(score?.ci95?.upper, 2),
                                         "", "", "", "", "", "", group.suppressed || score?.score100 == nil ? "hidden" : "shown", ""]))
        }
        for test in comparison.comparisons where test.dimension == dimension.id {
            let t = test.test
            lines.append(CSVWriter.line(["difference", dimension.id, CSVWriter.neutralizingFormula(test.group), CSVWriter.neutralizingFormula(test.against), "", "", "", "",
                                         number(t.difference, 2), number(t.ci95?.lower, 2), number(t.ci95?.upper, 2),
                                         number(t.hedgesG, 3), number(t.p, 6), number(t.pAdjusted, 6), t.status.rawValue,
                                         t.calledOut ? "true" : "false"]))
        }
    }
    return lines.joined(separator: "\r\n") + "\r\n"
}
