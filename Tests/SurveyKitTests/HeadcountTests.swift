import Foundation
import SurveyCore
import SurveyKit
import SurveyTestSupport
import Testing

struct HeadcountTests {
    @Test func headcountsGiveResponseRatesOnlyWhereFiguresAreShown() throws {
        let fixture = try ImportFixture()
        var rows: [String] = []
        for index in 0..<12 { rows.append(PilotCSV.row("r\(index)", division: "Retail")) }
        for index in 12..<15 { rows.append(PilotCSV.row("r\(index)", division: "Cards")) }
        for index in 15..<25 { rows.append(PilotCSV.row("r\(index)", division: "Loans")) }
        _ = try fixture.importFiles([try fixture.file("a.csv", PilotCSV.file(rows))])
        let headcounts = try fixture.file("headcount.csv", """
            organisation,division,team,wave,headcount
            Acme,,,2026-Q1,50
            acme, retail ,,2026-Q1,24
            Acme,Cards,,2026-Q1,10
            """)
        #expect(try importHeadcounts(file: headcounts, surveyID: "pilot", into: fixture.store) == 3)
        let card = try makeScorecard(store: fixture.store, wave: "2026-Q1", organisation: "Acme")
        #expect(card.unit.responseRate == 50)
        let retail = try #require(card.unit.units.first { $0.name == "Retail" })
        #expect(retail.responseRate == 50)
        // Cards has 3 respondents: hidden, and so is its rate; Loans is hidden with it.
        let cards = try #require(card.unit.units.first { $0.name == "Cards" })
        #expect(cards.suppressed && cards.responseRate == nil)
    }

    @Test func badHeadcountFilesSayWhereAndWhat() throws {
        let fixture = try ImportFixture()
        let path = try fixture.file("bad.csv", "organisation,wave,headcount\nAcme,2026-Q1,many\n,2026-Q1,5\n")
        let error = #expect(throws: DiagnosticList.self) { try importHeadcounts(file: path, surveyID: "pilot", into: fixture.store) }
        #expect(error?.diagnostics.map(\.description) == [
            "\(path):2:14: error: column 'headcount': 'many' is not a headcount (expected a whole number, 0 or more)",
            "\(path):3:1: error: column 'organisation': the organisation is empty (expected a name)",
        ])
    }
}
