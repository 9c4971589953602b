import SurveyCore
import SurveyReporting
import SurveyTestSupport
import Testing

/// Each renderer's output for the sample organisation, compared with `Snapshots/`.
struct ReportSnapshotTests {
    @Test func htmlReport() throws {
        Snapshot.expect(try HTMLReportRenderer().render(ScorecardSamples.organisation()), matches: "htmlReport.html")
    }

    @Test func markdownReport() throws {
        Snapshot.expect(try MarkdownReportRenderer().render(ScorecardSamples.organisation()), matches: "markdownReport.md")
    }

    @Test func jsonReport() throws {
        Snapshot.expect(try JSONReportRenderer().render(ScorecardSamples.organisation()), matches: "jsonReport.json")
    }

    @Test func csvReport() throws {
        Snapshot.expect(try CSVReportRenderer().render(ScorecardSamples.organisation()), matches: "csvReport.csv")
    }

    @Test func indexPage() {
        Snapshot.expect(renderIndexHTML(title: "Scorecards, 2025-Q2", entries: ReportIndexTests.entries),
                        matches: "indexPage.html")
    }
}
