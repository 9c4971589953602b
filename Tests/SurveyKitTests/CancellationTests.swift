import Foundation
import SurveyCore
import SurveyKit
import SurveyTestSupport
import Testing

/// Each import carries its own cancellation: cancelling one rolls back that file and leaves
/// every other import alone.
struct CancellationTests {
    @Test func aCancelledImportStoresNothingAndAnotherImportIsUntouched() throws {
        let fixture = try ImportFixture()
        let rows = (1...300).map { PilotCSV.row("r\($0)") }
        let first = try fixture.file("first.csv", PilotCSV.file(rows))
        let second = try fixture.file("second.csv", PilotCSV.file((301...400).map { PilotCSV.row("r\($0)") }))
        let cancelled = Cancellation()
        cancelled.cancel()
        let error = #expect(throws: UserError.self) {
            try fixture.importFiles([first]) { $0.cancellation = cancelled }
        }
        #expect(error?.code == .cancelled)
        #expect(error?.message == "interrupted: nothing of '\(first)' was stored")
        #expect(try fixture.count("SELECT count(*) FROM response") == 0)
        #expect(try fixture.count("SELECT count(*) FROM importBatch") == 0)
        // A fresh request has a cancellation of its own that nobody asked for.
        let results = try fixture.importFiles([second])
        #expect(results.map(\.outcome) == [.stored])
        #expect(try fixture.count("SELECT count(*) FROM response") == 100)
        #expect(!ImportRequest(files: [], survey: fixture.survey, settings: ImportSettings()).cancellation.isCancelled)
    }
}
