import SurveyCore

/// Writes one CSV row per unit and dimension, for spreadsheets and BI tools.
///
/// Columns: `wave, organisation, division, team, level, respondents, dimension, n, mean,
/// ci95_low, ci95_high, score100, favorable_pct, neutral_pct, unfavorable_pct, band,
/// dimension_title, suppressed`. `dimension` is the stable id, `dimension_title` the
/// wording; `suppressed` is `true` or `false`. Rows run depth first: the organisation,
/// then each division followed by its teams. A suppressed unit still gets one row per
/// dimension of the organisation, with every figure cell (respondents to band) empty.
/// Missing figures are empty cells. Text cells are escaped with formula neutralisation
/// (a leading `=`, `+`, `-`, `@`, tab or CR gets a `'`); number cells are written as
/// plain numbers. Lines end in CRLF, as RFC 4180 asks.
package struct CSVReportRenderer: ReportRenderer {
    /// `"csv"`.
    package var fileExtension: String { "csv" }

    /// The header row's column names, in order.
    package static let columns = [
        "wave", "organisation", "division", "team", "level", "respondents", "dimension", "n", "mean",
        "ci95_low", "ci95_high", "score100", "favorable_pct", "neutral_pct", "unfavorable_pct", "band",
        "dimension_title", "suppressed",
    ]

    /// Creates the renderer.
    package init() {}

    /// Renders the scorecard as CSV.
    ///
    /// - Parameter scorecard: The computed, already suppressed scorecard.
    /// - Returns: The CSV text with a header row, every line ending in CRLF.
    /// - Throws: ``ReportRenderingError`` for a non-finite figure or a malformed interval.
    package func render(_ scorecard: Scorecard) throws -> String {
        try scorecard.checkRenderable()
        var lines = [Self.columns.map { CSVWriter.escape($0) }.joined(separator: ",")]
        let dimensions = scorecard.unit.dimensions.map { ($0.id, $0.title) }
        func visit(_ unit: UnitScore, names: [String]) {
            for (id, title) in dimensions {
                lines.append(Self.row(scorecard: scorecard, unit: unit, names: names, dimensionID: id, title: title))
            }
            for child in unit.units where !unit.suppressed {
                visit(child, names: names + [child.name])
            }
        }
        visit(scorecard.unit, names: [])
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One row; `names` are the unit's names below the organisation (division, team, …).
    private static func row(scorecard: Scorecard, unit: UnitScore, names: [String], dimensionID: String,
                            title: String) -> String {
        func text(_ value: String) -> String { CSVWriter.escape(value, neutralizeFormulas: true) }
        func number(_ value: String) -> String { value == NumberText.missing ? "" : CSVWriter.escape(value) }
        let division = names.first ?? ""
        let team = names.dropFirst().joined(separator: " / ")
        var cells = [text(scorecard.wave), text(scorecard.org), text(division), text(team), text(unit.level)]
        if unit.suppressed {
            cells += [""] + [text(dimensionID)] + Array(repeating: "", count: 9)
        } else {
            let dimension = unit.dimension(dimensionID)
            let interval = dimension?.ci95
            cells += [
                number(NumberText.count(unit.respondents)),
                text(dimensionID),
                number(NumberText.count(dimension?.n)),
                number(NumberText.mean(dimension?.mean)),
                number(NumberText.mean(interval?.lower)),
                number(NumberText.mean(interval?.upper)),
                number(NumberText.score(dimension?.score100)),
                number(NumberText.score(dimension?.favorablePct)),
                number(NumberText.score(dimension?.neutralPct)),
                number(NumberText.score(dimension?.unfavorablePct)),
                text(dimension?.level ?? ""),
            ]
        }
        cells += [text(title), unit.suppressed ? "true" : "false"]
        return cells.joined(separator: ",")
    }
}
