import SurveyCore

/// The page being written.
struct HTMLReportPage {
    let scorecard: Scorecard
    let bands: BandScale

    init(scorecard: Scorecard) {
        self.scorecard = scorecard
        self.bands = BandScale(scorecard.bands)
    }

    var org: UnitScore { scorecard.unit }
    var dimensions: [DimensionScore] { org.suppressed ? [] : org.dimensions }
    var suppressedNote: String {
        "Suppressed: fewer than \(scorecard.minGroup) respondents, or hidden so that a smaller group "
            + "cannot be worked out by subtraction."
    }

    func render() -> String {
        var html = HTMLWriter()
        html.raw("<!DOCTYPE html>\n")
        html.open("html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "en"), ("xml:lang", "en")])
        html.open("head")
        html.empty("meta", [("charset", "utf-8")])
        html.empty("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
        html.element("title", text: "\(scorecard.org): operating model scorecard, \(scorecard.wave)")
        html.open("style")
        html.raw(HTMLStyle.css)
        html.close("style")
        html.close("head")
        html.open("body")
        writeHeadline(into: &html)
        if org.suppressed {
            html.element("p", text: "The organisation's figures are suppressed. " + suppressedNote)
        } else {
            writeContents(into: &html)
            writeOverview(into: &html)
            writeTrends(into: &html)
            writeFlags(into: &html)
            writeDimensions(into: &html)
            writeRoles(into: &html)
            writeRoleGap(into: &html)
            writeComments(into: &html)
            writeTeams(into: &html)
        }
        writeMethod(into: &html)
        html.element("footer") { html in
            html.element("p", text: "OpModel scorecard (schema \(scorecard.schema)) for survey "
                + "\(scorecard.survey.id), version \(scorecard.survey.version).")
        }
        html.close("body")
        html.close("html")
        return html.output
    }

    // MARK: Headline

    private func writeHeadline(into html: inout HTMLWriter) {
        html.open("header", [("class", "headline")])
        html.element("p", [("class", "kicker")], text: "Operating model maturity scorecard · wave \(scorecard.wave)")
        html.element("h1", text: scorecard.org)
        let overall = org.suppressed ? nil : org.overall
        html.element("div", [("class", "overall " + bands.cssClass(of: overall?.level))]) { html in
            html.open("p")
            html.element("span", [("class", "score")], text: NumberText.score(overall?.score100))
            html.element("span", [("class", "outof")], text: "/100")
            html.close("p")
            html.element("p", [("class", "band-name")], text: overall?.level ?? "No overall band")
            html.element("p", [("class", "mean")], text: "mean \(NumberText.mean(overall?.mean)) on the answer scale")
        }
        html.element("div") { html in
            if !org.suppressed {
                html.element("p", [("class", "summary")], text: UnitHighlights(org).summary { $0 })
            }
            html.open("dl", [("class", "facts")])
            var facts: [(String, String)] = []
            if !org.suppressed {
                facts.append(("Respondents", NumberText.count(org.respondents)))
                facts.append(("Response rate", percent(org.responseRate)))
            }
            facts.append(("Previous wave", scorecard.previousWave ?? "none"))
            facts.append(("Anonymity threshold", "\(scorecard.minGroup) respondents"))
            for (term, value) in facts {
                html.element("div") { html in
                    html.element("dt", text: term)
                    html.element("dd", text: value)
                }
            }
            html.close("dl")
        }
        html.close("header")
    }

    private func writeContents(into html: inout HTMLWriter) {
        var entries = [("overview", "Overview")]
        if scorecard.trend?.isEmpty == false { entries.append(("trends", "Trends")) }
        entries += [("flags", "Flags"), ("dimensions", "Dimensions")]
        if !org.roles.isEmpty { entries.append(("roles", "Roles")) }
        if scorecard.roleGap != nil { entries.append(("po-pm", "PO and PM")) }
        if !org.comments.isEmpty { entries.append(("comments", "Comments")) }
        if org.units.contains(where: { !$0.units.isEmpty || $0.suppressed }) { entries.append(("teams", "Teams")) }
        entries.append(("method", "Method"))
        html.element("nav", [("aria-label", "Contents")]) { html in
            html.open("ol")
            for (id, title) in entries {
                html.element("li") { html in html.element("a", [("href", "#" + id)], text: title) }
            }
            html.close("ol")
        }
    }

    // MARK: Overview: radar and heatmap

    private func writeOverview(into html: inout HTMLWriter) {
        html.open("section", [("id", "overview")])
        html.element("h2", text: "Overview")
        html.element("div", [("class", "overview")]) { html in
            RadarChart(scorecard: scorecard).write(into: &html)
            html.element("div") { html in writeHeatmap(into: &html) }
        }
        html.close("section")
    }

    private func writeHeatmap(into html: inout HTMLWriter) {
        let divisions = org.units
        html.open("table", [("class", "heatmap")])
        html.element("caption", text: divisions.isEmpty ? "Scores (0–100) and bands"
            : "Scores (0–100) and bands by division")
        html.open("thead")
        html.open("tr")
        html.element("th", [("scope", "col")], text: "Dimension")
        for unit in [org] + divisions {
            html.element("th", [("scope", "col")]) { html in
                html.text(unit.name)
                html.element("span", [("class", "cell-band")],
                             text: unit.suppressed ? "suppressed" : "n = \(NumberText.count(unit.respondents))")
            }
        }
        html.close("tr")
        html.close("thead")
        html.open("tbody")
        html.open("tr")
        html.element("th", [("scope", "row")], text: "Overall")
        for unit in [org] + divisions {
            let overall = unit.overall
            writeScoreCell(into: &html, suppressed: unit.suppressed, score: overall?.score100, band: overall?.level)
        }
        html.close("tr")
        for dimension in dimensions {
            html.open("tr")
            html.element("th", [("scope", "row")], text: dimension.title)
            for unit in [org] + divisions {
                let score = unit.dimension(dimension.id)
                writeScoreCell(into: &html, suppressed: unit.suppressed, score: score?.score100, band: score?.level)
            }
            html.close("tr")
        }
        html.open("tr")
        html.element("th", [("scope", "row")], text: "Flags fired")
        for unit in [org] + divisions {
            if unit.suppressed {
                html.element("td", [("class", "suppressed")], text: "suppressed")
            } else {
                html.element("td", text: String(UnitHighlights(unit).fired.count))
            }
        }
        html.close("tr")
        html.close("tbody")
        html.close("table")
        if divisions.contains(where: \.suppressed) {
            html.element("p", [("class", "note")], text: suppressedNote)
        }
        let fired = org.descendants.filter { !$0.suppressed }.flatMap { unit in
            UnitHighlights(unit).fired.map { (unit, $0) }
        }
        if !fired.isEmpty {
            html.element("p", [("class", "note")], text: "Flags fired in divisions and teams:")
            html.open("ul", [("class", "note")])
            for (unit, flag) in fired {
                html.element("li") { html in
                    writeBadge(into: &html, text: flag.severity, class: "severity-" + flag.severity)
                    html.text("\(unit.displayPath): \(flag.title)")
                }
            }
            html.close("ul")
        }
    }

    func writeScoreCell(into html: inout HTMLWriter, suppressed: Bool, score: Double?, band: String?) {
        if suppressed {
            html.element("td", [("class", "suppressed")], text: "suppressed")
        } else if score == nil {
            html.element("td", [("class", "band-none")], text: NumberText.missing)
        } else {
            html.element("td", [("class", bands.cssClass(of: band))]) { html in
                html.element("span", [("class", "cell-score")], text: NumberText.score(score))
                html.element("span", [("class", "cell-band")], text: band ?? "no band")
            }
        }
    }

    private func writeBadge(into html: inout HTMLWriter, text: String, class name: String) {
        html.element("span", [("class", "badge " + name.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" })],
                     text: text)
    }

    // MARK: Flags

    private func writeFlags(into html: inout HTMLWriter) {
        html.open("section", [("id", "flags"), ("class", "page-break")])
        html.element("h2", text: "Flags")
        let flags = UnitHighlights(org).flags
        if flags.isEmpty {
            html.element("p", text: "No flag rule was evaluated.")
        } else {
            html.element("p", [("class", "note")], text: "A flag marks a known anti-pattern. Fired flags come "
                + "first, most severe first. Each test shows its statistic, 95% interval, threshold and the "
                + "number of answers it rests on (base n).")
        }
        for flag in flags {
            let status = flag.status.rawValue
            html.open("article", [("class", "flag status-\(status)")])
            html.element("h3") { html in
                writeBadge(into: &html, text: flag.status.label, class: status)
                writeBadge(into: &html, text: flag.severity, class: "severity-" + flag.severity)
                html.text(flag.title)
            }
            let evidence = flag.shownEvidence
            if !evidence.isEmpty {
                html.open("table", [("class", "evidence")])
                html.element("caption", text: "Evidence")
                html.open("thead")
                html.open("tr")
                for header in ["Test", "Value", "95% interval", "Threshold", "Base n", "Result"] {
                    html.element("th", [("scope", "col")], text: header)
                }
                html.close("tr")
                html.close("thead")
                html.open("tbody")
                for test in evidence {
                    html.open("tr")
                    html.element("th", [("scope", "row")], text: test.description)
                    html.element("td", [("class", "num")], text: test.valueText)
                    html.element("td", [("class", "num")], text: test.intervalText)
                    html.element("td", [("class", "num")], text: test.thresholdText)
                    html.element("td", [("class", "num")], text: NumberText.count(test.n))
                    html.element("td", text: test.resultText)
                    html.close("tr")
                }
                html.close("tbody")
                html.close("table")
            }
            if !flag.explanation.isEmpty {
                html.element("p") { html in
                    html.element("strong", text: "Why it matters: ")
                    html.text(flag.explanation)
                }
            }
            if !flag.advice.isEmpty {
                html.element("p") { html in
                    html.element("strong", text: "What to do: ")
                    html.text(flag.advice)
                }
            }
            html.close("article")
        }
        html.close("section")
    }

    // MARK: Dimensions

    private func writeDimensions(into html: inout HTMLWriter) {
        html.open("section", [("id", "dimensions"), ("class", "page-break")])
        html.element("h2", text: "Dimensions")
        html.element("p", [("class", "note")], text: "Score is 0–100 and the mean is on the answer scale, each "
            + "with its 95% interval. The bar shows favourable, neutral and unfavourable answers. Alpha below "
            + "0.70 is marked weak, above 0.95 redundant. Item rows follow each dimension.")
        html.open("table", [("class", "dimensions")])
        html.open("thead")
        html.open("tr")
        for header in ["Dimension", "Score", "Band", "Mean (95% CI)", "Answers: favourable · neutral · unfavourable %",
                       "n", "Alpha", "Previous mean (change)"] {
            html.element("th", [("scope", "col")], text: header)
        }
        html.close("tr")
        html.close("thead")
        let previous = org.previous ?? [:]
        for dimension in dimensions {
            html.open("tbody")
            html.open("tr", [("class", "dimension-row")])
            html.element("th", [("scope", "row")], text: dimension.title)
            html.element("td", [("class", "num")], text: NumberText.score(dimension.score100))
            html.element("td", [("class", bands.cssClass(of: dimension.level))], text: dimension.level ?? NumberText.missing)
            html.element("td", [("class", "num")]) { html in
                html.text(NumberText.mean(dimension.mean))
                let interval = NumberText.interval(dimension.ci95, digits: 2)
                if interval != NumberText.missing { html.element("span", [("class", "bar-label")], text: interval) }
            }
            html.element("td") { html in
                writeAnswerBar(into: &html, dimension)
            }
            html.element("td", [("class", "num")]) { html in
                html.text(NumberText.count(dimension.n))
                if let missing = dimension.nMissing, missing > 0 {
                    html.element("span", [("class", "bar-label")], text: "\(missing) without a score")
                }
            }
            html.element("td", [("class", "num")]) { html in
                html.text(NumberText.mean(dimension.alpha))
                if let alpha = dimension.alpha, alpha < 0.70 {
                    html.element("span", [("class", "alpha-flag")], text: "weak")
                } else if let alpha = dimension.alpha, alpha > 0.95 {
                    html.element("span", [("class", "alpha-flag")], text: "redundant")
                }
            }
            let before = previous[dimension.id]
            let change = before.flatMap { old in dimension.mean.map { $0 - old } }
            html.element("td", [("class", "num")], text: before == nil ? NumberText.missing
                : "\(NumberText.mean(before)) (\(NumberText.signed(change, digits: 2)))")
            html.close("tr")
            for item in dimension.items {
                html.open("tr", [("class", "item-row")])
                html.element("th", [("scope", "row")], text: item.text)
                html.element("td", text: "")
                html.element("td", text: "")
                html.element("td", [("class", "num")], text: NumberText.mean(item.mean))
                html.element("td") { html in
                    let share = NumberText.score(item.favorablePct)
                    html.text(share == NumberText.missing ? share : share + "% favourable")
                    let interval = NumberText.interval(item.favorableCi95, digits: 1)
                    if interval != NumberText.missing { html.element("span", [("class", "bar-label")], text: interval) }
                }
                html.element("td", [("class", "num")]) { html in
                    html.text(NumberText.count(item.nValid))
                    if let missing = item.nMissing, missing > 0 {
                        html.element("span", [("class", "bar-label")], text: "\(missing) missing")
                    }
                }
                html.element("td", text: "")
                html.element("td", text: "")
                html.close("tr")
            }
            html.close("tbody")
        }
        html.close("table")
        html.close("section")
    }

    private func writeAnswerBar(into html: inout HTMLWriter, _ dimension: DimensionScore) {
        guard let favourable = dimension.favorablePct, let unfavourable = dimension.unfavorablePct else {
            html.text(NumberText.missing)
            return
        }
        let neutral = dimension.neutralPct ?? 0
        let label = "Favourable \(NumberText.score(favourable))%, neutral \(NumberText.score(dimension.neutralPct))%, "
            + "unfavourable \(NumberText.score(unfavourable))%"
        let width = 140.0
        let parts = [(favourable, HTMLStyle.answerColours.favourable), (neutral, HTMLStyle.answerColours.neutral),
                     (unfavourable, HTMLStyle.answerColours.unfavourable)]
        let total = max(parts.map(\.0).reduce(0, +), 1e-9)
        html.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("width", "140"), ("height", "12"),
                          ("viewBox", "0 0 140 12"), ("role", "img"), ("aria-label", label)])
        html.element("title", text: label)
        var x = 0.0
        for (share, colour) in parts where share > 0 {
            let w = share / total * width
            html.empty("rect", [("x", NumberText.score(x)), ("y", "0"), ("width", NumberText.score(w)),
                                ("height", "12"), ("fill", colour)])
            x += w
        }
        html.close("svg")
        let interval = NumberText.interval(dimension.favorableCi95, digits: 1)
        html.element("span", [("class", "bar-label")], text: "\(NumberText.score(favourable)) · "
            + "\(NumberText.score(dimension.neutralPct)) · \(NumberText.score(unfavourable))"
            + (interval == NumberText.missing ? "" : " (favourable \(interval))"))
    }

    // MARK: Roles, comments, teams

    private func writeRoles(into html: inout HTMLWriter) {
        let roles = org.roles
        guard !roles.isEmpty else { return }
        html.open("section", [("id", "roles")])
        html.element("h2", text: "Roles")
        html.open("table", [("class", "heatmap")])
        html.element("caption", text: "Scores (0–100) and bands by role")
        html.open("thead")
        html.open("tr")
        html.element("th", [("scope", "col")], text: "Dimension")
        for role in roles {
            html.element("th", [("scope", "col")]) { html in
                html.text(role.role)
                html.element("span", [("class", "cell-band")],
                             text: role.suppressed ? "suppressed" : "n = \(NumberText.count(role.respondents))")
            }
        }
        html.close("tr")
        html.close("thead")
        html.open("tbody")
        for dimension in dimensions {
            html.open("tr")
            html.element("th", [("scope", "row")], text: dimension.title)
            for role in roles {
                let score = role.dimensions.first { $0.id == dimension.id }
                writeScoreCell(into: &html, suppressed: role.suppressed, score: score?.score100, band: score?.level)
            }
            html.close("tr")
        }
        html.close("tbody")
        html.close("table")
        if roles.contains(where: \.suppressed) {
            html.element("p", [("class", "note")], text: suppressedNote)
        }
        html.close("section")
    }

    private func writeComments(into html: inout HTMLWriter) {
        guard !org.comments.isEmpty else { return }
        html.open("section", [("id", "comments")])
        html.element("h2", text: "Comments")
        html.element("p", [("class", "note")], text: "Shown as written apart from masking, in no particular "
            + "order and without names.")
        for group in org.comments {
            html.element("h3", text: group.text)
            html.open("ul", [("class", "comments")])
            for comment in group.comments { html.element("li", text: comment) }
            html.close("ul")
            if group.total > group.comments.count {
                html.element("p", [("class", "note")], text: "\(group.comments.count) of \(group.total) comments shown.")
            }
        }
        html.close("section")
    }

    private func writeTeams(into html: inout HTMLWriter) {
        let divisions = org.units.filter { !$0.units.isEmpty || $0.suppressed }
        guard !divisions.isEmpty else { return }
        html.open("section", [("id", "teams"), ("class", "page-break")])
        html.element("h2", text: "Teams")
        for division in divisions {
            html.element("h3", text: division.name)
            guard !division.suppressed else {
                html.element("p", [("class", "note")], text: "The division is suppressed, so its teams are not shown.")
                continue
            }
            html.open("table", [("class", "heatmap")])
            html.open("thead")
            html.open("tr")
            for header in ["Team", "Respondents", "Overall"] + dimensions.map(\.title) {
                html.element("th", [("scope", "col")], text: header)
            }
            html.close("tr")
            html.close("thead")
            html.open("tbody")
            for team in division.units {
                html.open("tr")
                html.element("th", [("scope", "row")], text: team.name)
                if team.suppressed {
                    html.element("td", [("class", "suppressed"), ("colspan", String(dimensions.count + 2))],
                                 text: "suppressed")
                } else {
                    html.element("td", [("class", "num")], text: NumberText.count(team.respondents))
                    writeScoreCell(into: &html, suppressed: false, score: team.overall?.score100, band: team.overall?.level)
                    for dimension in dimensions {
                        let score = team.dimension(dimension.id)
                        writeScoreCell(into: &html, suppressed: false, score: score?.score100, band: score?.level)
                    }
                }
                html.close("tr")
            }
            html.close("tbody")
            html.close("table")
            if division.units.contains(where: \.suppressed) {
                html.element("p", [("class", "note")], text: suppressedNote)
            }
        }
        html.close("section")
    }

    // MARK: Method

    private func writeMethod(into html: inout HTMLWriter) {
        html.open("section", [("id", "method"), ("class", "method")])
        html.element("h2", text: "Method")
        let note = MethodNote(scorecard) { $0 }
        for (index, paragraph) in note.paragraphs.enumerated() {
            html.element("p", text: paragraph)
            if index == 1 {
                html.open("ul")
                for band in note.bands {
                    html.element("li") { html in
                        writeBadge(into: &html, text: band.name, class: bands.cssClass(of: band.name))
                        html.text(band.range)
                    }
                }
                html.close("ul")
            }
        }
        html.close("section")
    }

    private func percent(_ value: Double?) -> String {
        let text = NumberText.score(value)
        return text == NumberText.missing ? text : text + "%"
    }
}
