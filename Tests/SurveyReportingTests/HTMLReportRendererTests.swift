import SurveyCore
import SurveyReporting
import SurveyTestSupport
import Testing

struct HTMLReportRendererTests {
    let html: String

    init() throws {
        html = try HTMLReportRenderer().render(ScorecardSamples.organisation())
    }

    @Test func parsesAsXML() {
        #expect(xmlProblem(in: html) == nil)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\""))
        expectContains(html, "<meta charset=\"utf-8\"/>")
        expectLacks(html, "&nbsp;")
    }

    @Test func isSelfContained() {
        expectLacks(html, "<script", "<link", "<img", "<iframe", " src=", "url(", "@import", "@font-face")
        // The only URLs are the XHTML and SVG namespace names, which are never fetched.
        var rest = html
        for namespace in ["http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg"] {
            rest = rest.replacingOccurrences(of: namespace, with: "")
        }
        expectLacks(rest, "http:", "https:", "//www")
    }

    @Test func escapesEveryName() {
        expectContains(html, "R&amp;D &lt;Lab&gt; &quot;Ops&quot;")
        expectLacks(html, ScorecardSamples.escapingDivision)
        expectLacks(html, "<script>alert")
        expectContains(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        expectContains(html, "=HYPERLINK(&quot;x&quot;)")
    }

    @Test func replacesCharactersXMLForbids() throws {
        var scorecard = ScorecardSamples.organisation()
        scorecard.org = "Acme\u{1}\u{FFFF} Corp"
        let page = try HTMLReportRenderer().render(scorecard)
        #expect(xmlProblem(in: page) == nil)
        expectContains(page, "Acme\u{FFFD}\u{FFFD} Corp")
    }

    @Test func headlineGivesBandScoreAndSummary() throws {
        let header = try #require(html.range(of: "</header>")).lowerBound
        let top = String(html[..<header])
        expectContains(top, "<h1>Northwind Retail</h1>")
        expectContains(top, "wave 2025-Q2")
        expectContains(top, "<span class=\"score\">50.4</span>")
        expectContains(top, "<p class=\"band-name\">Established</p>")
        expectContains(top, "Strongest dimension: Culture &amp; incentives (72.0, Advanced); weakest: Role clarity "
            + "&amp; a single product career ladder (29.5, Initial). 1 of 3 flags fired (1 high); 1 could not be "
            + "evaluated for lack of answers.")
    }

    @Test func radarComparesWavesOnRingsWithLegend() {
        expectContains(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"radar\" role=\"img\"")
        expectContains(html, "<title id=\"radar-title\">Dimension scores, 2025-Q2</title>")
        #expect(html.components(separatedBy: "<polygon").count - 1 == 5 + 2, "5 rings, this wave, previous wave")
        expectContains(html, "stroke-dasharray=\"6 4\"/>")
        expectContains(html, ">2025-Q2 (this wave)</text>")
        expectContains(html, ">2025-Q1</text>")
        for title in ["Product strategy", "Culture &amp; incentives", "Team design &amp; decision"] {
            expectContains(html, ">\(title)")
        }
        // strategy was 2.95 last wave: (2.95 − 1) / 4 × 100 = 48.75.
        expectContains(html, "<title>Product strategy &amp; outcomes, 2025-Q1: 48.8</title>")
    }

    @Test func heatmapGreysSuppressedDivision() throws {
        let heatmap = try #require(html.range(of: "<table class=\"heatmap\">")).lowerBound
        let end = try #require(html.range(of: "</table>", range: heatmap..<html.endIndex)).upperBound
        let table = String(html[heatmap..<end])
        expectContains(table, "Field Services<span class=\"cell-band\">suppressed</span>")
        // Overall, six dimensions and the flag count: one greyed cell each.
        #expect(table.components(separatedBy: "<td class=\"suppressed\">suppressed</td>").count - 1 == 8)
        expectContains(table, "<td class=\"band-4\"><span class=\"cell-score\">72.0</span>")
        expectContains(table, "<span class=\"cell-band\">Advanced</span>")
    }

    @Test func firedFlagsComeFirstWithEvidence() throws {
        let section = try #require(html.range(of: "<section id=\"flags\"")).upperBound
        let flags = html[section...]
        let fired = try #require(flags.range(of: "Meetings crowd out the work")).lowerBound
        let unknown = try #require(flags.range(of: "Product Managers feed requirements down")).lowerBound
        let clear = try #require(flags.range(of: "Product Owners work as order takers")).lowerBound
        #expect(fired < unknown && unknown < clear)
        expectContains(html, "<span class=\"badge fired\">Fired</span><span class=\"badge severity-high\">high</span>")
        expectContains(html, "<th scope=\"row\">share choosing No on process_pruned</th>\n<td class=\"num\">62.5%</td>\n"
            + "<td class=\"num\">55.1%–69.3%</td>\n<td class=\"num\">≥ 50.0%</td>\n<td class=\"num\">208</td>\n"
            + "<td>holds</td>")
        expectContains(html, "<td class=\"num\">–</td>\n<td class=\"num\">–</td>\n<td class=\"num\">≥ 50.0%</td>\n"
            + "<td class=\"num\">8</td>\n<td>not evaluated</td>")
        expectContains(html, "<strong>What to do: </strong>Treat agile as principles")
    }

    @Test func dimensionTableMarksAlphaAndShowsItems() {
        expectContains(html, "0.68<span class=\"alpha-flag\">weak</span>")
        expectContains(html, "0.96<span class=\"alpha-flag\">redundant</span>")
        expectContains(html, "<td class=\"num\">0.81</td>")
        expectContains(html, "I can name the metric my team is trying to move this quarter.")
        expectContains(html, "aria-label=\"Favourable 41.3%, neutral 24.1%, unfavourable 34.6%\"")
        expectContains(html, "2.95 (+0.17)")
    }

    @Test func showsRolesCommentsTeamsAndMethod() {
        expectContains(html, "Product Owner<span class=\"cell-band\">n = 31</span>")
        expectContains(html, "Product Manager<span class=\"cell-band\">n = 14</span>")
        expectContains(html, "Others<span class=\"cell-band\">n = 167</span>")
        expectContains(html, "<h2>Comments</h2>")
        expectContains(html, "<th scope=\"row\">Platform | Core</th>")
        expectContains(html, "<th scope=\"row\">Pricing_Lab *beta*</th>\n<td class=\"suppressed\" colspan=\"8\">suppressed</td>")
        expectContains(html, "The division is suppressed, so its teams are not shown.")
        expectContains(html, "No figure is shown for a group of fewer than 5 respondents (k = 5)")
        expectContains(html, "Emerging</span>mean from 2.20 to below 3.00</li>")
    }

    @Test func printsWell() {
        expectContains(html, "@media print")
        expectContains(html, "<section id=\"flags\" class=\"page-break\">")
        expectContains(html, "print-color-adjust: exact")
    }

    @Test func suppressedOrganisationShowsNoFigures() throws {
        var scorecard = ScorecardSamples.organisation()
        let name = scorecard.unit.name
        scorecard.unit = .suppressed(name: name, level: "organisation", path: [name])
        let page = try HTMLReportRenderer().render(scorecard)
        #expect(xmlProblem(in: page) == nil)
        expectContains(page, "The organisation&#39;s figures are suppressed.")
        expectContains(page, "<span class=\"score\">–</span>")
    }
}
