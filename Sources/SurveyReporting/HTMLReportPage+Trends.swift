import SurveyCore

extension HTMLReportPage {
    // MARK: Trends

    /// A small line per dimension over the waves, with a badge only for called-out changes.
    func writeTrends(into html: inout HTMLWriter) {
        guard let lines = scorecard.trend, !lines.isEmpty else { return }
        html.open("section", [("id", "trends")])
        html.element("h2", text: "Trends")
        html.element("p", [("class", "note")], text: "Scores (0–100) wave by wave on the items both waves share. "
            + "A change is marked improved or declined only when it is called out: Benjamini–Hochberg "
            + "adjusted p below 0.05 and at least 5 points.")
        html.open("table")
        html.open("thead")
        html.open("tr")
        for heading in ["Dimension", "Waves", "Latest", "Change"] { html.element("th", [("scope", "col")], text: heading) }
        html.close("tr")
        html.close("thead")
        html.open("tbody")
        for line in lines {
            let title = dimensions.first { $0.id == line.dimension }?.title ?? line.dimension
            html.open("tr")
            html.element("th", [("scope", "row")], text: title)
            html.element("td") { html in writeSparkline(into: &html, line, title: title) }
            let latest = line.points.last
            html.element("td", [("class", "num")], text: NumberText.score(latest?.score100))
            html.element("td") { html in
                guard let delta = latest?.delta else { html.text("–"); return }
                let change = delta.test.map { NumberText.signed($0.difference, digits: 1) } ?? "–"
                switch delta.status {
                case .improved:
                    html.element("span", [("class", "badge badge-improved")], text: "improved")
                    html.text(" \(change) since \(delta.from)")
                case .declined:
                    html.element("span", [("class", "badge badge-declined")], text: "declined")
                    html.text(" \(change) since \(delta.from)")
                case .lineBroken:
                    html.text("line broken: items reworded since \(delta.from)")
                case .suppressed:
                    html.text("–")
                case .notCalledOut, .noTest:
                    html.text("\(change) since \(delta.from) (not called out)")
                }
            }
            html.close("tr")
        }
        html.close("tbody")
        html.close("table")
        html.close("section")
    }

    private func writeSparkline(into html: inout HTMLWriter, _ line: TrendReport.Line, title: String) {
        let width = 160.0, height = 36.0, pad = 4.0
        let points = line.points
        guard points.count > 1 else { html.text(NumberText.score(points.first?.score100)); return }
        let step = (width - 2 * pad) / Double(points.count - 1)
        var coordinates: [String] = []
        for (index, point) in points.enumerated() {
            guard let score = point.score100 else { continue }
            let x = pad + Double(index) * step
            let y = height - pad - (min(100, max(0, score)) / 100) * (height - 2 * pad)
            coordinates.append("\(NumberText.fixed(x, digits: 1)),\(NumberText.fixed(y, digits: 1))")
        }
        let label = "\(title): " + points.map { "\($0.wave) \(NumberText.score($0.score100))" }.joined(separator: ", ")
        html.element("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("width", NumberText.fixed(width, digits: 0)),
                             ("height", NumberText.fixed(height, digits: 0)), ("viewBox", "0 0 \(Int(width)) \(Int(height))"),
                             ("role", "img"), ("aria-label", label)]) { svg in
            svg.element("title", text: label)
            svg.empty("line", [("x1", "\(pad)"), ("y1", "\(height / 2)"), ("x2", "\(width - pad)"), ("y2", "\(height / 2)"),
                               ("stroke", "#ccc"), ("stroke-dasharray", "2,2")])
            if coordinates.count > 1 {
                svg.empty("polyline", [("points", coordinates.joined(separator: " ")), ("fill", "none"),
                                       ("stroke", "#1f5fa8"), ("stroke-width", "2")])
            }
            for coordinate in coordinates {
                let parts = coordinate.split(separator: ",")
                svg.empty("circle", [("cx", String(parts[0])), ("cy", String(parts[1])), ("r", "2.5"), ("fill", "#1f5fa8")])
            }
        }
    }

    // MARK: Product Owners and Product Managers

    /// The seed's PO/PM split: the two roles side by side on every dimension and flag statistic.
    func writeRoleGap(into html: inout HTMLWriter) {
        guard let gap = scorecard.roleGap else { return }
        let owner = Role.productOwner.displayName, manager = Role.productManager.displayName
        let groups = Dictionary(gap.comparison.groups.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        guard let po = groups[owner], let pm = groups[manager] else { return }
        html.open("section", [("id", "po-pm")])
        html.element("h2", text: "Product Owners and Product Managers")
        guard !po.suppressed, !pm.suppressed else {
            html.element("p", text: "One of the two groups is too small to show. " + suppressedNote)
            html.close("section")
            return
        }
        html.element("p", [("class", "note")], text: gap.comparison.rule)
        html.open("table")
        html.open("thead")
        html.open("tr")
        for heading in ["Dimension", owner, manager, "PO − PM", "95% CI", "adj. p", ""] {
            html.element("th", [("scope", "col")], text: heading)
        }
        html.close("tr")
        html.close("thead")
        html.open("tbody")
        for heading in gap.comparison.dimensions {
            let poScore = po.scores.first { $0.dimension == heading.id }
            let pmScore = pm.scores.first { $0.dimension == heading.id }
            let test = gap.comparison.comparisons.first {
                $0.dimension == heading.id && (($0.group == owner && $0.against == manager) || ($0.group == manager && $0.against == owner))
            }
            // Orient the difference as PO − PM whichever way the pair was stored.
            let sign = test?.group == owner ? 1.0 : -1.0
            html.open("tr")
            html.element("th", [("scope", "row")], text: heading.title)
            html.element("td", [("class", "num")], text: NumberText.score(poScore?.score100))
            html.element("td", [("class", "num")], text: NumberText.score(pmScore?.score100))
            html.element("td", [("class", "num")], text: NumberText.signed(test.map { sign * $0.test.difference }, digits: 1))
            let interval = test?.test.ci95?.map { sign * $0 }
            html.element("td", [("class", "num")], text: NumberText.interval(interval, digits: 1))
            html.element("td", [("class", "num")], text: NumberText.fixed(test?.test.pAdjusted, digits: 3))
            html.element("td", text: test?.test.calledOut == true ? "called out" : "")
            html.close("tr")
        }
        html.close("tbody")
        html.close("table")
        let rows = gap.flags.flatMap { flag in flag.tests.map { (flag.title, $0) } }
        if !rows.isEmpty {
            html.open("table")
            html.element("caption", text: "What the flags look at, within each role")
            html.open("thead")
            html.open("tr")
            for heading in ["Flag", "Statistic", owner, manager] { html.element("th", [("scope", "col")], text: heading) }
            html.close("tr")
            html.close("thead")
            html.open("tbody")
            for (title, test) in rows {
                html.open("tr")
                html.element("td", text: title)
                html.element("td", text: test.description)
                let unit = test.isShare ? "%" : ""
                html.element("td", [("class", "num")], text: test.productOwner.map { NumberText.fixed($0, digits: 1) + unit } ?? "–")
                html.element("td", [("class", "num")], text: test.productManager.map { NumberText.fixed($0, digits: 1) + unit } ?? "–")
                html.close("tr")
            }
            html.close("tbody")
            html.close("table")
        }
        html.close("section")
    }
}
