import Foundation
import SurveyCore
import Testing
@testable import SurveyCollector

/// How an import chooses to read slash dates.
struct DateOrderChoiceTests {
    func choose(_ dates: [String], given: TimestampParser.DateOrder? = nil, fallback: TimestampParser.DateOrder? = nil,
                format: ExportFormat = .generic) throws -> DateOrderChoice {
        let csv = "organisation,submitted_at\n" + dates.map { "Acme,\($0)\n" }.joined()
        let export = try PlannedExport(csv, survey: PartsSurvey.load(), format: .generic)
        return DateOrderChoice(given: given, submitted: export.plan.submitted, rows: export.reader, header: export.header,
                               fallback: fallback, format: format, file: "e.csv")
    }

    @Test func theGivenOrderWinsWithoutANote() throws {
        let choice = try choose(["25/9/2024"], given: .mdy)
        #expect(choice.order == .mdy)
        #expect(choice.note == nil)
        #expect(choice.problem == nil)
    }

    @Test func aValueOnlyOneOrderCanReadDecides() throws {
        let dayFirst = try choose(["", "1/2/2024", "25/9/2024"])
        #expect(dayFirst.order == .dmy)
        #expect(dayFirst.note == "dates read as day/month/year (detected)")
        let monthFirst = try choose(["9/25/2024"], fallback: .dmy)
        #expect(monthFirst.order == .mdy)
        #expect(monthFirst.note == "dates read as month/day/year (detected)")
    }

    @Test func datesReadableBothWaysTakeThePlatformsOrder() throws {
        let choice = try choose(["1/2/2024", "3/4/2024"], fallback: .mdy, format: .msForms)
        #expect(choice.order == .mdy)
        #expect(choice.note == "dates read as month/day/year (Microsoft Forms writes them so; \(Parameter.dateOrder) overrides)")
        let generic = try choose(["1/2/2024"])
        #expect(generic.order == nil)
        #expect(generic.note == nil)
    }

    @Test func contradictoryDatesAreAnError() throws {
        let choice = try choose(["25/9/2024", "9/25/2024"])
        #expect(choice.order == nil)
        #expect(choice.problem?.description
                == "e.csv:1:1: error: column 'submitted_at' mixes month-first and day-first dates; split the file by source or fix the dates")
    }

    @Test func datesWithoutSlashesNeedNoOrder() throws {
        let choice = try choose(["2024-09-25", "25/9/2024"], fallback: .mdy)
        #expect(choice.order == nil)
        #expect(choice.note == nil)
        #expect(choice.problem == nil)
    }
}
