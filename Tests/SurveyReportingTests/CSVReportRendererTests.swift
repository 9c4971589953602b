import SurveyCore
import SurveyReporting
import SurveyTestSupport
import Testing

struct CSVReportRendererTests {
    @Test func writesHeaderAndOneCRLFRowPerUnitAndDimension() throws {
        let csv = try CSVReportRenderer().render(ScorecardSamples.organisation())
        #expect(csv.hasPrefix("wave,organisation,division,team,level,respondents,dimension,n,mean,ci95_low,ci95_high,"
            + "score100,favorable_pct,neutral_pct,unfavorable_pct,band,dimension_title,suppressed\r\n"))
        #expect(csv.hasSuffix("\r\n"))
        expectLacks(csv.replacingOccurrences(of: "\r\n", with: ""), "\n")
        let records = parseCSV(csv)
        // Organisation, 3 divisions, 3 + 2 teams; 6 dimensions each.
        #expect(records.count == 1 + 9 * 6)
        #expect(records.allSatisfy { $0.count == CSVReportRenderer.columns.count })
        #expect(records[1] == ["2025-Q2", "Northwind Retail", "", "", "organisation", "212", "strategy", "208", "3.12",
                               "2.98", "3.26", "53.0", "41.3", "24.1", "34.6", "Established",
                               "Product strategy & outcomes", "false"])
    }

    @Test func neutralisesFormulasInSampleNames() throws {
        let csv = try CSVReportRenderer().render(ScorecardSamples.organisation())
        expectContains(csv, ",\"'=HYPERLINK(\"\"x\"\")\",,division,88,")
        expectContains(csv, ",'-Growth,team,43,")
        expectLacks(csv, ",=", ",-G")
    }

    @Test(arguments: ["=", "+", "-", "@", "\t", "\r"])
    func neutralisesFormulaAtStartOfTextCell(_ prefix: String) throws {
        let name = prefix + "cmd|' /C calc'!A0"
        let scorecard = ScorecardSamples.organisation().changingUnit([ScorecardSamples.escapingDivision]) { $0.name = name }
        let records = parseCSV(try CSVReportRenderer().render(scorecard))
        let division = try #require(records.first { $0[4] == "division" })
        #expect(division[2] == "'" + name)
        var organisation = ScorecardSamples.organisation()
        organisation.org = name
        organisation.wave = prefix + "1"
        let record = try #require(parseCSV(try CSVReportRenderer().render(organisation)).dropFirst().first)
        #expect(record[0] == "'" + prefix + "1")
        #expect(record[1] == "'" + name)
    }

    @Test func leavesNegativeNumbersAlone() throws {
        var scorecard = ScorecardSamples.organisation()
        scorecard.unit.dimensions[0].mean = -0.75
        scorecard.unit.dimensions[0].ci95 = Interval(lower: -3, upper: 1.5)
        let csv = try CSVReportRenderer().render(scorecard)
        let record = try #require(parseCSV(csv).dropFirst().first)
        #expect(record[8] == "-0.75" && record[9] == "-3.00" && record[10] == "1.50")
        expectContains(csv, ",-0.75,-3.00,1.50,")
        expectLacks(csv, "'-3")
    }

    @Test func suppressedUnitGetsEmptyRows() throws {
        let records = parseCSV(try CSVReportRenderer().render(ScorecardSamples.organisation()))
        let hidden = records.filter { $0[2] == ScorecardSamples.suppressedDivision }
        #expect(hidden.map { $0[6] } == ScorecardSamples.dimensions.map(\.id))
        for record in hidden {
            #expect(record[4] == "division" && record[17] == "true")
            #expect(record[5] == "" && record[7...15].allSatisfy(\.isEmpty), "\(record)")
        }
        let team = records.filter { $0[3] == "Pricing_Lab *beta*" }
        #expect(team.count == 6 && team.allSatisfy { $0[5].isEmpty && $0[8].isEmpty && $0[17] == "true" })
    }

    @Test func missingFiguresAreEmptyCells() throws {
        var scorecard = ScorecardSamples.organisation()
        scorecard.unit.dimensions[0].mean = nil
        scorecard.unit.dimensions[0].ci95 = nil
        scorecard.unit.dimensions[0].level = nil
        let record = try #require(parseCSV(try CSVReportRenderer().render(scorecard)).dropFirst().first)
        #expect(record[8...10].allSatisfy(\.isEmpty) && record[15].isEmpty)
        #expect(record[11] == "53.0")
    }
}
