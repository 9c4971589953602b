import Foundation
import SurveyCore
import Testing
@testable import SurveyCollector

/// A row's submission time and wave.
struct WaveResolverTests {
    func read(_ csv: String, wave: String? = nil) throws -> (rows: [ResponseRow], problems: [String]) {
        let export = try PlannedExport(csv, survey: PartsSurvey.load())
        var waves = WaveResolver(plan: export.plan, wave: wave, parser: TimestampParser())
        var rows: [ResponseRow] = []
        var messages: [String] = []
        for record in try export.records() {
            var row = ResponseRow()
            var problems = export.problems()
            try waves.read(record, into: &row, problems: &problems)
            rows.append(row)
            messages += problems.messages
        }
        return (rows, messages)
    }

    @Test func theSettingsWaveWinsOverTheWaveColumn() throws {
        let read = try read("organisation,wave\nAcme,2025-Q4\n", wave: "2026-Q1")
        #expect(read.rows.map(\.wave) == ["2026-Q1"])
    }

    @Test func readsTheWaveColumnTrimmed() throws {
        let read = try read("organisation,wave,submitted_at\nAcme, 2025-Q4 ,2026-02-03T10:00:00Z\n")
        #expect(read.problems == [])
        #expect(read.rows.map(\.wave) == ["2025-Q4"])
        #expect(read.rows.map(\.submittedAt) == [1_770_112_800])
    }

    @Test func rejectsAWaveLabelOver64Characters() throws {
        let label = String(repeating: "w", count: 65)
        let read = try read("organisation,wave\nAcme,\(label)\n")
        #expect(read.problems == ["2:6: column 'wave': '\(label.prefix(64))…' is longer than 64 characters (expected a wave label such as 2026-Q1)"])
    }

    @Test func withoutAWaveTheTimestampsQuarterIsTheWave() throws {
        let read = try read("organisation,submitted_at\nAcme,2026-02-03T10:00:00Z\nAcme,2026-03-31 23:59\n")
        #expect(read.problems == [])
        #expect(read.rows.map(\.wave) == ["2026-Q1", "2026-Q1"])
    }

    @Test func timestampsSpanningQuartersStopTheFile() throws {
        let error = #expect(throws: DiagnosticList.self) {
            try read("organisation,submitted_at\nAcme,2026-02-03\nAcme,2026-04-01\n")
        }
        #expect(error?.diagnostics.map(\.description) == [
            "export.csv:3:6: error: the file spans 2026-Q1 (line 2) and 2026-Q2 (line 3) but has no wave column; give the wave setting (LABEL), add a wave column, or split the file by quarter",
        ])
    }

    @Test func rejectsARowWithNeitherWaveNorTimestamp() throws {
        let read = try read("organisation,wave,submitted_at\nAcme,,\n")
        #expect(read.problems == ["2:6: column 'wave': the row has no wave and no timestamp (expected a wave label or a submission time)"])
    }

    @Test func aBadTimestampIsOneProblemNotAlsoAMissingWave() throws {
        let read = try read("organisation,submitted_at\nAcme,yesterday\n")
        #expect(read.problems.count == 1)
        #expect(read.problems.first?.hasPrefix("2:6: column 'submitted_at': ") == true)
        #expect(read.rows.map(\.submittedAt) == [nil])
    }

    @Test func headerWithoutWaveOrTimestampNeedsWave() throws {
        let plan = try PlannedExport("organisation,clear\n", survey: PartsSurvey.load()).plan
        #expect(WaveResolver.headerProblem(plan: plan, settings: ImportSettings(), file: "e.csv")?.description
                == "e.csv:1:1: error: the export has neither a wave nor a timestamp column (expected 'wave' or 'submitted_at'); give the wave setting (LABEL)")
        #expect(WaveResolver.headerProblem(plan: plan, settings: ImportSettings(wave: "2026-Q1"), file: "e.csv") == nil)
    }
}
