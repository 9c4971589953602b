import Foundation
import SurveyCore

/// Renders a trend view as text, Markdown, JSON or CSV.
///
/// Each point shows the score, its interval and n; each delta its size on the shared items,
/// interval and adjusted p, marked "improved" or "declined" only when called out. Hidden
/// points show "hidden" and nothing else.
/// - Throws: ``ReportRenderingError`` for HTML, which the trend view does not have yet.
package func renderTrend(_ trend: TrendReport, as format: AnalysisFormat) throws -> String {
    switch format {
    case .text, .md: trendTables(trend, markdown: format == .md)
    case .json: try analysisJSON(trend)
    case .csv: trendCSV(trend)
    case .html: throw ReportRenderingError(code: .unsupportedFormat,
                                           message: "the trend view has no HTML form yet; use text, md, json or csv")
    }
}

private func deltaCells(_ delta: TrendReport.Delta?) -> [String] {
    guard let delta else { return ["", "", "", ""] }
    switch delta.status {
    case .suppressed: return ["hidden", "", "", ""]
    case .lineBroken: return ["line breaks", "", "", ""]
    case .noTest: return [NumberText.signed(delta.test?.difference, digits: 1), "no test", "", ""]
    case .improved, .declined, .notCalledOut:
        let test = delta.test
        let mark = delta.status == .improved ? "▲ improved" : delta.status == .declined ? "▼ declined" : ""
        return [NumberText.signed(test?.difference, digits: 1), NumberText.interval(test?.ci95, digits: 1), pText(test?.pAdjusted), mark]
    }
}

private func trendTables(_ trend: TrendReport, markdown: Bool) -> String {
    let title = "\(trend.org): trend \(trend.waves.first?.label ?? "") to \(trend.waves.last?.label ?? "")"
    var out = markdown ? "# \(MarkdownText.escape(title))\n\n" : title + "\n"
    let line = "Scores are 0–100; a delta is the change from the previous wave on the items both waves share; groups under \(trend.minGroup) respondents are hidden."
    out += markdown ? MarkdownText.escape(line) + "\n\n" + MarkdownText.escape(trend.rule) + "\n" : line + "\n" + trend.rule + "\n"
    let titles = Dictionary(trend.dimensions.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
    for unit in trend.units {
        out += markdown ? "\n## \(MarkdownText.escape(unit.name))\n\n" : "\n\(unit.name)\n"
        var table = TextTable(["dimension", "wave", "n", "score", "95% CI", "delta", "95% CI", "adj. p", ""],
                              numeric: [false, false, true, true, true, true, true, true, false])
        for line in unit.lines {
            for (index, point) in line.points.enumerated() {
                let name = index == 0 ? titles[line.dimension] ?? line.dimension : ""
                if point.suppressed {
                    table.rows.append([name, point.wave, "hidden", "", ""] + deltaCells(point.delta))
                } else {
                    table.rows.append([name, point.wave, NumberText.count(point.n), NumberText.score(point.score100),
                                       NumberText.interval(point.ci95, digits: 1)] + deltaCells(point.delta))
                }
            }
        }
        out += markdown ? table.markdown : table.text
    }
    if !trend.notes.isEmpty {
        out += markdown ? "\n## Notes\n\n" + trend.notes.map { "- " + MarkdownText.escape($0) }.joined(separator: "\n") + "\n"
            : "\n" + trend.notes.map { "Note: " + $0 }.joined(separator: "\n") + "\n"
    }
    return out
}

private func trendCSV(_ trend: TrendReport) -> String {
    var lines = [CSVWriter.line(["unit", "dimension", "wave", "n", "score_100", "ci_low", "ci_high", "delta_from", "delta_status",
                                 "delta", "delta_ci_low", "delta_ci_high", "p", "p_adjusted", "shared_items"])]
    func number(_ value: Double?, _ digits: Int) -> String { value.map { NumberText.fixed($0, digits: digits) } ?? "" }
    for unit in trend.units {
        for line in unit.lines {
            for point in line.points {
                let delta = point.delta
                let test = delta?.status == .suppressed ? nil : delta?.test
                lines.append(CSVWriter.line([CSVWriter.neutralizingFormula(unit.name), line.dimension, CSVWriter.neutralizingFormula(point.wave),
                                             point.n.map(String.init) ?? "", number(point.score100, 2), number(point.ci95?.lower, 2),
                                             number(point.ci95?.upper, 2), delta?.from ?? "", delta?.status.rawValue ?? "",
                                             number(test?.difference, 2), number(test?.ci95?.lower, 2), number(test?.ci95?.upper, 2),
                                             number(test?.p, 6), number(test?.pAdjusted, 6),
                                             delta.map { String($0.sharedItems.count) } ?? ""]))
            }
        }
    }
    return lines.joined(separator: "\r\n") + "\r\n"
}
