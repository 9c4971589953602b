import Foundation
import SurveyCore
import Testing
@testable import SurveyCollector

/// Which responses an import skips as unfinished.
struct PartialResponseFilterTests {
    func skipped(_ csv: String, format: ExportFormat, includePartial: Bool = false) throws -> [Bool] {
        let export = try PlannedExport(csv, survey: PartsSurvey.load(), format: format)
        let filter = PartialResponseFilter(plan: export.plan, includePartial: includePartial)
        return try export.records().map(filter.skips)
    }

    @Test func limeSurveyRowsWithoutASubmissionTimeAreUnfinished() throws {
        let csv = "id,submitdate,organisation,clear\n1,2026-02-03 10:00:00,Acme,4\n2,,Acme,4\n"
        #expect(try skipped(csv, format: .limeSurvey) == [false, true])
        #expect(try skipped(csv, format: .limeSurvey, includePartial: true) == [false, false])
        #expect(try skipped(csv, format: .generic) == [false, false])
    }

    @Test(arguments: [("0", true), ("False", true), ("FALSE", true), ("1", false), ("True", false), ("", false), ("no", false)])
    func qualtricsFinishedFlag(_ cell: String, unfinished: Bool) {
        var cell = cell
        #expect(cell.withUTF8 { PartialResponseFilter.isUnfinished(UnsafeRawBufferPointer($0)) } == unfinished)
    }
}
