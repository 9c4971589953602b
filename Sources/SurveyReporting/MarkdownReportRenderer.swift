import SurveyCore

/// Writes a scorecard as Markdown for wikis.
///
/// Sections: headline with the overall band and score, dimensions table, flags with their
/// evidence and advice, divisions × dimensions, role breakdown, teams, comments and a method
/// note. Every name from the data is escaped; a suppressed unit shows `suppressed` and no
/// figure.
package struct MarkdownReportRenderer: ReportRenderer {
    /// `"md"`.
    package var fileExtension: String { "md" }

    /// Creates the renderer.
    package init() {}

    /// Renders the scorecard as Markdown.
    ///
    /// - Parameter scorecard: The computed, already suppressed scorecard.
    /// - Returns: The Markdown text, lines ending in LF.
    /// - Throws: ``ReportRenderingError`` for a non-finite figure or a malformed interval.
    package func render(_ scorecard: Scorecard) throws -> String {
        try scorecard.checkRenderable()
        var document = MarkdownReport(scorecard: scorecard)
        document.write()
        return document.lines.joined(separator: "\n") + "\n"
    }
}

/// The Markdown report being written.
private struct MarkdownReport {
    let scorecard: Scorecard
    let bands: BandScale
    var lines: [String] = []

    init(scorecard: Scorecard) {
        self.scorecard = scorecard
        self.bands = BandScale(scorecard.bands)
    }

    private var org: UnitScore { scorecard.unit }
    private var dimensions: [DimensionScore] { org.suppressed ? [] : org.dimensions }
    private var suppressedNote: String {
        "Suppressed: fewer than \(scorecard.minGroup) respondents, or hidden so that a smaller group "
            + "cannot be worked out by subtraction."
    }

    private static func esc(_ text: String) -> String { MarkdownText.escape(text) }

    private mutating func add(_ line: String = "") { lines.append(line) }

    private mutating func paragraph(_ text: String) {
        add(text)
        add()
    }

    private mutating func table(_ header: [String], numeric: [Bool], rows: [[String]]) {
        add(MarkdownText.row(header))
        add(MarkdownText.delimiter(numeric: numeric))
        for row in rows { add(MarkdownText.row(row)) }
        add()
    }

    mutating func write() {
        writeHeadline()
        guard !org.suppressed else {
            paragraph("The organisation's figures are suppressed. " + suppressedNote)
            writeMethod()
            return
        }
        writeDimensions()
        writeFlags()
        writeDivisions()
        writeRoles()
        writeTeams()
        writeComments()
        writeMethod()
        while lines.last == "" { lines.removeLast() }
    }

    private mutating func writeHeadline() {
        paragraph("# \(Self.esc(scorecard.org)): operating model scorecard, \(Self.esc(scorecard.wave))")
        if let overall = org.overall, !org.suppressed {
            paragraph("**Overall: \(Self.esc(overall.level)), \(NumberText.score(overall.score100)) / 100** "
                + "(mean \(NumberText.mean(overall.mean)) on the answer scale)")
        } else {
            paragraph("**Overall: –**")
        }
        if !org.suppressed {
            paragraph(UnitHighlights(org).summary(escape: Self.esc))
        }
        var facts: [String] = []
        if !org.suppressed {
            facts.append("Respondents: \(NumberText.count(org.respondents))")
            facts.append("Response rate: " + percent(org.responseRate))
        }
        facts.append("Previous wave: " + (scorecard.previousWave.map(Self.esc) ?? "none"))
        facts.append("Survey: \(Self.esc(scorecard.survey.id)), version \(scorecard.survey.version)")
        facts.append("Anonymity threshold: \(scorecard.minGroup) respondents")
        for fact in facts { add("- " + fact) }
        add()
    }

    private func percent(_ value: Double?) -> String {
        let text = NumberText.score(value)
        return text == NumberText.missing ? text : text + "%"
    }

    private func withInterval(_ value: String, _ interval: String) -> String {
        value == NumberText.missing || interval == NumberText.missing ? value : "\(value) (\(interval))"
    }

    private func alphaText(_ alpha: Double?) -> String {
        guard let alpha else { return NumberText.missing }
        let text = NumberText.mean(alpha)
        if alpha < 0.70 { return text + " weak" }
        if alpha > 0.95 { return text + " redundant" }
        return text
    }

    private func scoreCell(_ dimension: DimensionScore?) -> String {
        guard let dimension, dimension.score100 != nil else { return NumberText.missing }
        return NumberText.score(dimension.score100) + (dimension.level.map { " " + Self.esc($0) } ?? "")
    }

    private func overallCell(_ unit: UnitScore) -> String {
        guard let overall = unit.overall else { return NumberText.missing }
        return NumberText.score(overall.score100) + " " + Self.esc(overall.level)
    }

    private mutating func writeDimensions() {
        add("## Dimensions")
        add()
        let previous = org.previous ?? [:]
        let rows = dimensions.map { dimension -> [String] in
            let before = previous[dimension.id]
            let change = before.flatMap { old in dimension.mean.map { $0 - old } }
            return [
                Self.esc(dimension.title),
                NumberText.score(dimension.score100),
                dimension.level.map(Self.esc) ?? NumberText.missing,
                withInterval(NumberText.mean(dimension.mean), NumberText.interval(dimension.ci95, digits: 2)),
                withInterval(NumberText.score(dimension.favorablePct), NumberText.interval(dimension.favorableCi95, digits: 1)),
                NumberText.score(dimension.neutralPct),
                NumberText.score(dimension.unfavorablePct),
                NumberText.count(dimension.n),
                alphaText(dimension.alpha),
                before == nil ? NumberText.missing
                    : "\(NumberText.mean(before)) (\(NumberText.signed(change, digits: 2)))",
            ]
        }
        table(["Dimension", "Score", "Band", "Mean (95% CI)", "Favourable % (95% CI)", "Neutral %",
               "Unfavourable %", "n", "Alpha", "Previous mean (change)"],
              numeric: [false, true, false, true, true, true, true, true, true, true], rows: rows)
        paragraph("Score is 0–100; mean is on the answer scale. Alpha below 0.70 is marked weak, above 0.95 "
            + "redundant.")
    }

    private mutating func writeFlags() {
        add("## Flags")
        add()
        let flags = UnitHighlights(org).flags
        guard !flags.isEmpty else {
            paragraph("No flag rule was evaluated.")
            return
        }
        for flag in flags {
            paragraph("### \(flag.status.label) (\(Self.esc(flag.severity))): \(Self.esc(flag.title))")
            let evidence = flag.shownEvidence
            if !evidence.isEmpty {
                paragraph("Evidence:")
                for test in evidence {
                    let interval = test.intervalText == NumberText.missing ? "" : " (95% CI \(test.intervalText))"
                    add("- \(Self.esc(test.description)): \(test.valueText)\(interval), "
                        + "threshold \(Self.esc(test.thresholdText)), base n = \(NumberText.count(test.n)): \(test.resultText)")
                }
                add()
            }
            if !flag.explanation.isEmpty { paragraph("Why it matters: " + Self.esc(flag.explanation)) }
            if !flag.advice.isEmpty { paragraph("What to do: " + Self.esc(flag.advice)) }
        }
    }

    private mutating func writeDivisions() {
        let divisions = org.units
        guard !divisions.isEmpty else { return }
        add("## Divisions")
        add()
        let header = ["Dimension", Self.esc(org.name)] + divisions.map { Self.esc($0.name) }
        var rows: [[String]] = []
        rows.append(["Respondents", NumberText.count(org.respondents)]
            + divisions.map { $0.suppressed ? "suppressed" : NumberText.count($0.respondents) })
        rows.append(["Overall", overallCell(org)] + divisions.map { $0.suppressed ? "suppressed" : overallCell($0) })
        for dimension in dimensions {
            rows.append([Self.esc(dimension.title), scoreCell(dimension)]
                + divisions.map { $0.suppressed ? "suppressed" : scoreCell($0.dimension(dimension.id)) })
        }
        table(header, numeric: [false] + Array(repeating: true, count: divisions.count + 1), rows: rows)
        if divisions.contains(where: \.suppressed) || divisions.flatMap(\.units).contains(where: \.suppressed) {
            paragraph(suppressedNote)
        }
        let fired = org.descendants.filter { !$0.suppressed }.flatMap { unit in
            UnitHighlights(unit).fired.map { (unit, $0) }
        }
        if !fired.isEmpty {
            paragraph("Flags fired in divisions and teams:")
            for (unit, flag) in fired {
                add("- \(Self.esc(unit.displayPath)): \(Self.esc(flag.title)) (\(Self.esc(flag.severity)))")
            }
            add()
        }
    }

    private mutating func writeRoles() {
        let roles = org.roles
        guard !roles.isEmpty else { return }
        add("## Roles")
        add()
        let header = ["Dimension"] + roles.map { role in
            role.suppressed ? Self.esc(role.role) : "\(Self.esc(role.role)) (n = \(NumberText.count(role.respondents)))"
        }
        let rows = dimensions.map { dimension in
            [Self.esc(dimension.title)] + roles.map { role in
                role.suppressed ? "suppressed" : scoreCell(role.dimensions.first { $0.id == dimension.id })
            }
        }
        table(header, numeric: [false] + Array(repeating: true, count: roles.count), rows: rows)
    }

    private mutating func writeTeams() {
        let divisions = org.units.filter { !$0.units.isEmpty || $0.suppressed }
        guard !divisions.isEmpty else { return }
        add("## Teams")
        add()
        for division in divisions {
            add("### \(Self.esc(division.name))")
            add()
            guard !division.suppressed else {
                paragraph("The division is suppressed, so its teams are not shown.")
                continue
            }
            let header = ["Team", "Respondents", "Overall"] + dimensions.map { Self.esc($0.title) }
            let rows = division.units.map { team -> [String] in
                guard !team.suppressed else {
                    return [Self.esc(team.name)] + Array(repeating: "suppressed", count: dimensions.count + 2)
                }
                return [Self.esc(team.name), NumberText.count(team.respondents), overallCell(team)]
                    + dimensions.map { scoreCell(team.dimension($0.id)) }
            }
            table(header, numeric: [false] + Array(repeating: true, count: dimensions.count + 2), rows: rows)
        }
    }

    private mutating func writeComments() {
        guard !org.comments.isEmpty else { return }
        add("## Comments")
        add()
        paragraph("Shown as written apart from masking, in no particular order and without names.")
        for group in org.comments {
            add("### \(Self.esc(group.text))")
            add()
            for comment in group.comments { add("- " + Self.esc(comment)) }
            add()
            if group.total > group.comments.count {
                paragraph("\(group.comments.count) of \(group.total) comments shown.")
            }
        }
    }

    private mutating func writeMethod() {
        add("## Method")
        add()
        let note = MethodNote(scorecard, escape: Self.esc)
        for (index, text) in note.paragraphs.enumerated() {
            paragraph(text)
            if index == 1 {
                for band in note.bands { add("- \(band.name): \(band.range)") }
                add()
            }
        }
    }
}
