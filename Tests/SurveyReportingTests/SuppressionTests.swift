import SurveyCore
import SurveyReporting
import SurveyTestSupport
import Testing

/// No format shows a figure of a suppressed unit or role group, even when the scorecard
/// carries one by mistake.
struct SuppressionTests {
    /// The sample with figures planted on the suppressed division and a suppressed role.
    static func leakyScorecard() -> Scorecard {
        let sample = ScorecardSamples.organisation()
        var leak = sample.unit
        leak.name = ScorecardSamples.suppressedDivision
        leak.level = "division"
        leak.path = [sample.org, ScorecardSamples.suppressedDivision]
        leak.suppressed = true
        leak.respondents = 4321
        leak.responseRate = 97.31
        leak.overall = OverallScore(mean: 4.95, score100: 98.76, level: "Leading")
        leak.dimensions = leak.dimensions.map {
            var dimension = $0
            dimension.n = 4321
            dimension.score100 = 98.76
            return dimension
        }
        leak.flags = leak.flags.map {
            var flag = $0
            flag.title = "LEAKED flag"
            flag.status = .fired
            return flag
        }
        leak.comments = [CommentGroup(item: "one_change", text: "LEAKED question", comments: ["LEAKED comment"], total: 1)]
        leak.units = [UnitScore(name: "LEAKED team", level: "team", path: leak.path + ["LEAKED team"], suppressed: false,
                                respondents: 4321, responseRate: nil, overall: nil, dimensions: [], flags: [],
                                roles: [], comments: [], previous: nil, units: [])]
        return sample
            .changingUnit([ScorecardSamples.suppressedDivision]) { $0 = leak }
            .changingUnit([]) { organisation in
                organisation.roles.append(RoleScore(role: "Leadership", suppressed: true, respondents: 4321,
                                                    dimensions: leak.dimensions))
            }
    }

    @Test(arguments: ReportFormat.allCases)
    func showsNoFigureOfSuppressedUnits(_ format: ReportFormat) throws {
        let output = try format.renderer.render(Self.leakyScorecard())
        expectLacks(output, "4321", "97.3", "98.8", "98.76", "LEAKED")
        expectContains(output, "Field Services")
        if format != .csv {  // the CSV has no role breakdown
            expectContains(output, "Leadership")
        }
    }

    @Test func sampleShowsNoCountForSuppressedRows() throws {
        let markdown = try MarkdownReportRenderer().render(ScorecardSamples.organisation())
        let respondents = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| Respondents |") })
        #expect(respondents == "| Respondents | 212 | 96 | 88 | suppressed |")
        let html = try HTMLReportRenderer().render(ScorecardSamples.organisation())
        expectContains(html, "<th scope=\"col\">Field Services<span class=\"cell-band\">suppressed</span></th>")
    }
}
