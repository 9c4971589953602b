import Foundation
import SurveyCore
import Testing
@testable import SurveyCollector

/// A row's cell problems: named by header, placed at the cell.
struct RowProblemsTests {
    @Test func namesTheColumnAndPointsAtTheCell() throws {
        let export = try PlannedExport("organisation,The goal is clear.\nAcme,\"seven\"\n", survey: PartsSurvey.load())
        var problems = export.problems()
        #expect(problems.isEmpty)
        problems.add(1, "'seven' is not on the scale", in: try #require(export.records().first))
        #expect(!problems.isEmpty)
        #expect(problems.diagnostics.map(\.description)
                == ["export.csv:2:6: error: column 'The goal is clear.': 'seven' is not on the scale"])
    }

    @Test func keepsProblemsInTheOrderFound() throws {
        let export = try PlannedExport("organisation,The goal is clear.\nAcme,x\n", survey: PartsSurvey.load())
        let record = try #require(export.records().first)
        var problems = export.problems()
        problems.add(1, "second column", in: record)
        problems.add(0, "first column", in: record)
        #expect(problems.messages == ["2:6: column 'The goal is clear.': second column", "2:1: column 'organisation': first column"])
    }
}
