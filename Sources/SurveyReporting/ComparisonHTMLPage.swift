import SurveyCore

/// A self-contained HTML page for a group comparison: a heatmap of groups × dimensions with
/// called-out cells marked by ▲ or ▼ (text, not colour only), the pairs when compared pair by
/// pair, a table of where each flag fires, and the notes.
struct ComparisonHTMLPage {
    var comparison: GroupComparison

    private static let css = """
    body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 3rem; color: #1d1d1f; background: #fff;
      font: 15px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    h1 { font-size: 1.7rem; margin: 0.2rem 0 0.6rem; }
    h2 { font-size: 1.25rem; margin: 2rem 0 0.6rem; border-bottom: 2px solid #1d1d1f; }
    table { border-collapse: collapse; margin: 0.6rem 0; }
    th, td { border: 1px solid #bbb; padding: 0.3rem 0.55rem; text-align: left; vertical-align: top; }
    td.cell { text-align: center; min-width: 6.5rem; }
    td.hidden { color: #555; background: repeating-linear-gradient(45deg, #f4f4f4, #f4f4f4 6px, #e9e9e9 6px, #e9e9e9 12px); }
    .s0 { background: #f2a7a0; } .s1 { background: #f8cf9c; } .s2 { background: #f7e7a1; } .s3 { background: #cfe6b3; } .s4 { background: #9fd39a; }
    .called { font-weight: 700; outline: 3px solid #1d1d1f; outline-offset: -3px; }
    .small { font-size: 0.8rem; color: #333; display: block; }
    .rule { font-weight: 600; }
    @media print { body { padding: 0; } }
    """

    func render() -> String {
        var html = HTMLWriter()
        html.raw("<!DOCTYPE html>\n")
        html.element("html", [("lang", "en")]) { html in
            html.element("head") { html in
                html.empty("meta", [("charset", "utf-8")])
                html.element("title", text: heading)
                html.element("style") { $0.raw(Self.css) }
            }
            html.element("body") { html in
                html.element("h1", text: heading)
                html.element("p", text: "Survey \(comparison.survey.id)@\(comparison.survey.version). Scores are 0–100 with their 95% interval and n; groups under \(comparison.minGroup) respondents are hidden, with enough others that none can be recovered by subtraction.")
                html.element("p", [("class", "rule")], text: comparison.rule)
                heatmap(&html)
                if comparison.pairs { pairTable(&html) }
                flagTable(&html)
                if !comparison.notes.isEmpty {
                    html.element("h2", text: "Notes")
                    html.element("ul") { html in
                        for note in comparison.notes { html.element("li", text: note) }
                    }
                }
            }
        }
        return html.output
    }

    private var heading: String {
        let groups = switch comparison.breakdown {
        case .division: "divisions"
        case .team: "teams"
        case .role: "Product Owners, Product Managers and others"
        }
        return "\(comparison.org), \(comparison.wave): \(groups) compared " + (comparison.pairs ? "pair by pair" : "with the rest of the organisation")
    }

    private func heatmap(_ html: inout HTMLWriter) {
        html.element("h2", text: "Scores by group")
        html.element("table") { html in
            html.element("caption", text: comparison.pairs
                ? "◆ marks a group in at least one called-out pair (see the pairs below)."
                : "▲ / ▼: called out as higher / lower than the rest of the organisation.")
            html.element("thead") { html in
                html.element("tr") { html in
                    html.element("th", [("scope", "col")], text: "Group")
                    for dimension in comparison.dimensions { html.element("th", [("scope", "col")], text: dimension.title) }
                }
            }
            html.element("tbody") { html in
                for group in [comparison.organisation] + comparison.groups {
                    html.element("tr") { html in
                        html.element("th", [("scope", "row")], text: group.name + (group.respondents.map { " (n = \($0))" } ?? ""))
                        for (index, dimension) in comparison.dimensions.enumerated() {
                            cell(&html, group: group, index: index, dimension: dimension.id)
                        }
                    }
                }
            }
        }
    }

    private func cell(_ html: inout HTMLWriter, group: GroupComparison.Group, index: Int, dimension: String) {
        guard !group.suppressed, index < group.scores.count, let score = group.scores[index].score100 else {
            html.element("td", [("class", "cell hidden")], text: "hidden")
            return
        }
        let tests = comparison.comparisons.filter { $0.dimension == dimension && ($0.group == group.name || $0.against == group.name) }
        var marker = ""
        var detail = ""
        if comparison.pairs {
            if tests.contains(where: { $0.test.calledOut }) { marker = "◆" }
        } else if let test = tests.first(where: { $0.group == group.name })?.test {
            marker = calloutMarker(test)
            detail = test.status == .noTest ? "vs rest \(NumberText.signed(test.difference, digits: 1)), no test"
                : "vs rest \(NumberText.signed(test.difference, digits: 1)), adj. p \(pText(test.pAdjusted))"
        }
        let band = min(4, max(0, Int(score / 20)))
        let classes = "cell s\(band)" + (marker.isEmpty ? "" : " called")
        html.element("td", [("class", classes)]) { html in
            html.text(NumberText.score(score) + (marker.isEmpty ? "" : " " + marker))
            html.element("span", [("class", "small")], text: NumberText.interval(group.scores[index].ci95, digits: 1) + ", n = " + NumberText.count(group.scores[index].n))
            if !detail.isEmpty { html.element("span", [("class", "small")], text: detail) }
        }
    }

    private func pairTable(_ html: inout HTMLWriter) {
        html.element("h2", text: "Pairs")
        html.element("table") { html in
            html.element("thead") { html in
                html.element("tr") { html in
                    for title in ["Dimension", "Pair", "Difference", "95% CI", "Hedges' g", "Adjusted p", "Called out"] {
                        html.element("th", [("scope", "col")], text: title)
                    }
                }
            }
            html.element("tbody") { html in
                let titles = Dictionary(comparison.dimensions.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
                for test in comparison.comparisons {
                    html.element("tr") { html in
                        html.element("td", text: titles[test.dimension] ?? test.dimension)
                        html.element("td", text: "\(test.group) − \(test.against)")
                        for text in differenceCells(test.test).prefix(4) { html.element("td", text: text) }
                        html.element("td", text: test.test.calledOut ? "yes " + calloutMarker(test.test) : "no")
                    }
                }
            }
        }
    }

    private func flagTable(_ html: inout HTMLWriter) {
        guard !comparison.flags.isEmpty else { return }
        html.element("h2", text: "Where each flag fires")
        html.element("table") { html in
            html.element("thead") { html in
                html.element("tr") { html in
                    for title in ["Flag", "Severity", "Fires in", "Clear in", "Not enough answers in"] {
                        html.element("th", [("scope", "col")], text: title)
                    }
                }
            }
            html.element("tbody") { html in
                for flag in comparison.flags {
                    html.element("tr") { html in
                        html.element("th", [("scope", "row")], text: flag.title)
                        html.element("td", text: flag.severity)
                        html.element("td", text: flag.firedIn.isEmpty ? "nowhere" : "⚑ " + flag.firedIn.joined(separator: ", "))
                        html.element("td", text: flag.clearIn.joined(separator: ", "))
                        html.element("td", text: flag.notEnoughAnswersIn.joined(separator: ", "))
                    }
                }
            }
        }
    }
}
