import SurveyCore
import SurveyReporting
import SurveyTestSupport
import Testing

struct ReportIndexTests {
    /// Three organisations, one with a suppressed overall score and awkward names and paths.
    static let entries = [
        ReportIndexEntry(scorecard: ScorecardSamples.organisation(), files: [
            "html": "northwind-retail/2025-Q2.html", "md": "northwind-retail/2025-Q2.md",
            "json": "northwind-retail/2025-Q2.json", "csv": "northwind-retail/2025-Q2.csv",
        ]),
        ReportIndexEntry(org: "Contoso <Labs> & \"Friends\"", wave: "2025-Q2",
                         overall: OverallScore(mean: 3.9, score100: 72.5, level: "Advanced"),
                         files: ["html": "contoso labs/2025-Q2.html", "pdf": "contoso labs/2025-Q2.pdf"], firedFlags: 0),
        ReportIndexEntry(org: "Adatum", wave: "2025-Q2", overall: nil,
                         files: ["html": "javascript:alert(1)"], firedFlags: 0),
    ]

    @Test func listsOrganisationsSortedWithLinks() throws {
        let html = renderIndexHTML(title: "Scorecards, 2025-Q2", entries: Self.entries)
        #expect(xmlProblem(in: html) == nil)
        let adatum = try #require(html.range(of: ">Adatum<")).lowerBound
        let contoso = try #require(html.range(of: ">Contoso")).lowerBound
        let northwind = try #require(html.range(of: ">Northwind Retail<")).lowerBound
        #expect(adatum < contoso && contoso < northwind)
        expectContains(html, "<td class=\"num\">50.4</td>\n<td>Established</td>\n<td class=\"num\">1</td>")
        expectContains(html, "<a href=\"northwind-retail/2025-Q2.html\">HTML</a> · <a href=\"northwind-retail/2025-Q2.md\">MD</a>"
            + " · <a href=\"northwind-retail/2025-Q2.json\">JSON</a> · <a href=\"northwind-retail/2025-Q2.csv\">CSV</a>")
        expectContains(html, "<a href=\"contoso%20labs/2025-Q2.html\">HTML</a> · <a href=\"contoso%20labs/2025-Q2.pdf\">PDF</a>")
    }

    @Test func escapesNamesAndNeutralisesSchemes() {
        let html = renderIndexHTML(title: "Q2 <all> & \"more\"", entries: Self.entries)
        expectContains(html, "<title>Q2 &lt;all&gt; &amp; &quot;more&quot;</title>")
        expectContains(html, "Contoso &lt;Labs&gt; &amp; &quot;Friends&quot;")
        expectContains(html, "href=\"javascript%3Aalert%281%29\"")
        expectContains(html, "<td class=\"num\">–</td>\n<td>–</td>")
        expectLacks(html, "<script")
    }
}

struct ReportFormatTests {
    @Test(arguments: ReportFormat.allCases)
    func rendererWritesItsExtension(_ format: ReportFormat) {
        #expect(format.renderer.fileExtension == format.rawValue)
        #expect(format.fileExtension == format.rawValue)
    }

    @Test(arguments: ReportFormat.allCases)
    func rejectsNonFiniteFigures(_ format: ReportFormat) {
        var scorecard = ScorecardSamples.organisation()
        scorecard.unit.dimensions[0].mean = .nan
        let error = #expect(throws: ReportRenderingError.self) { try format.renderer.render(scorecard) }
        #expect(error?.code == .nonFiniteNumber)
        #expect(error?.message == "unit 'Northwind Retail' dimension 'strategy': mean is nan, expected a finite number")
    }

    @Test(arguments: ReportFormat.allCases)
    func rejectsMalformedIntervals(_ format: ReportFormat) {
        let scorecard = ScorecardSamples.organisation().changingUnit([ScorecardSamples.formulaDivision]) {
            $0.dimensions[1].ci95 = Interval(lower: 2.5, upper: 2.1)
        }
        let error = #expect(throws: ReportRenderingError.self) { try format.renderer.render(scorecard) }
        #expect(error?.code == .malformedInterval)
        #expect(error?.message == "unit 'Northwind Retail / =HYPERLINK(\"x\")' dimension 'discovery': ci95 is [2.5, 2.1], "
            + "expected low ≤ high")
    }
}
