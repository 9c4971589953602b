@testable import SurveyReporting
import SurveyCore
import SurveyTestSupport
import Testing

struct MarkdownReportRendererTests {
    let markdown: String

    init() throws {
        markdown = try MarkdownReportRenderer().render(ScorecardSamples.organisation())
    }

    @Test(arguments: [
        ("R&D <Lab> \"Ops\"", "R\\&D \\<Lab\\> \"Ops\""),
        ("a|b", "a\\|b"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("[link](x)", "\\[link\\](x)"),
        ("back\\slash", "back\\\\slash"),
        ("line\nbreak", "line break"),
        ("- item", "\\- item"),
        ("# heading", "\\# heading"),
        ("plain text", "plain text"),
    ])
    func escapesInlineText(_ text: String, expected: String) {
        #expect(MarkdownText.escape(text) == expected)
    }

    @Test func escapesEveryName() {
        expectContains(markdown, "R\\&D \\<Lab\\> \"Ops\"")
        expectLacks(markdown, ScorecardSamples.escapingDivision)
        expectContains(markdown, "Platform \\| Core")
        expectContains(markdown, "Pricing\\_Lab \\*beta\\*")
        expectContains(markdown, "\\<script\\>alert('x')\\</script\\>")
        // Every `<` and `>` is escaped.
        #expect(markdown.replacingOccurrences(of: "\\<", with: "").replacingOccurrences(of: "\\>", with: "")
            .firstIndex { $0 == "<" || $0 == ">" } == nil)
    }

    @Test func headlineGivesBandScoreAndSummary() {
        #expect(markdown.hasPrefix("# Northwind Retail: operating model scorecard, 2025-Q2\n\n"
            + "**Overall: Established, 50.4 / 100** (mean 3.02 on the answer scale)\n"))
        expectContains(markdown, "1 of 3 flags fired (1 high)")
    }

    @Test func tableRowsKeepTheirColumns() {
        var header: Int?
        for line in markdown.split(separator: "\n") {
            guard line.hasPrefix("|") else {
                header = nil
                continue
            }
            let cells = Self.unescapedPipes(in: line)
            if let header {
                #expect(cells == header, "\(line)")
            } else {
                header = cells
            }
        }
    }

    @Test func divisionTableMarksSuppressedDivision() throws {
        let start = try #require(markdown.range(of: "## Divisions")).upperBound
        let section = markdown[start...].prefix { _ in true }
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(rows.first?.hasSuffix("| Field Services |") == true)
        for row in rows.dropFirst(2).prefix(8) {
            #expect(row.hasSuffix("| suppressed |"), "\(row)")
        }
        expectContains(markdown, "Suppressed: fewer than 5 respondents, or hidden so that a smaller group cannot be "
            + "worked out by subtraction.")
    }

    @Test func flagsShowStatusEvidenceAndAdvice() {
        expectContains(markdown, "### Fired (high): Meetings crowd out the work (work about work)")
        expectContains(markdown, "- share choosing No on process\\_pruned: 62.5% (95% CI 55.1%–69.3%), threshold ≥ 50.0%, "
            + "base n = 208: holds")
        expectContains(markdown, "### Not enough answers (medium): Product Managers feed requirements down to Product Owners")
        expectContains(markdown, "What to do: Treat agile as principles")
    }

    @Test func dimensionTableHasScoreBandIntervalAndAlpha() {
        expectContains(markdown, "| Product strategy \\& outcomes | 53.0 | Established | 3.12 (2.98–3.26) | "
            + "41.3 (37.0–45.6) | 24.1 | 34.6 | 208 | 0.81 | 2.95 (+0.17) |")
        expectContains(markdown, "| 0.68 weak |")
        expectContains(markdown, "| 0.96 redundant |")
        expectContains(markdown, "| Product operations | 48.8 | Emerging | 2.95 (2.82–3.08) | 36.0 (31.8–40.2) | 25.4 | "
            + "38.6 | 198 | – |")
    }

    private static func unescapedPipes(in line: Substring) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                count += 1
            }
        }
        return count
    }
}
