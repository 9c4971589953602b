import SurveyCore

/// Reads a row's submission time and decides its wave.
///
/// The wave is the settings' (`--wave`), else the row's wave cell, else the quarter of its
/// submission time; a file whose waves come from timestamps must stay within one quarter.
struct WaveResolver {
    /// The wave of every row (`--wave`).
    private let fixedWave: String?
    private let waveColumn: Int?
    private let submittedColumn: Int?
    let parser: TimestampParser
    /// The quarter of the first row whose wave came from its timestamp, and its line.
    private var firstQuarter: (label: String, line: Int)?
    /// The last quarter label made, so a file's rows share one string.
    private var lastQuarter: (year: Int, quarter: Int, label: String) = (0, 0, "")

    init(plan: ColumnPlan, wave: String?, parser: TimestampParser) {
        fixedWave = wave
        waveColumn = plan.wave
        submittedColumn = plan.submitted
        self.parser = parser
    }

    /// The error for an export with no way to tell a row's wave.
    static func headerProblem(plan: ColumnPlan, settings: ImportSettings, file: String) -> Diagnostic? {
        guard settings.wave == nil, plan.wave == nil, plan.submitted == nil else { return nil }
        return Diagnostic(.error, "the export has neither a wave nor a timestamp column (expected 'wave' or 'submitted_at'); give \(Parameter.wave, "LABEL")",
                          at: SourceLocation(file: file, line: 1, column: 1))
    }

    /// Writes the row's submission time and wave into `row`.
    /// - Throws: ``DiagnosticList`` when the wave comes from timestamps and this row's quarter
    ///   differs from the first row's.
    @inline(__always)
    mutating func read(_ record: CSVRecord, into row: inout ResponseRow, problems: inout RowProblems) throws {
        row.submittedAt = nil
        if let submitted = submittedColumn, !record.isBlank(submitted) {
            let result = record.withField(submitted) { parser.parse($0) }
            if let seconds = result.epochSeconds {
                row.submittedAt = seconds
            } else if let message = TimestampParser.errorMessage(for: record.trimmedString(submitted), result: result) {
                problems.add(submitted, message, in: record)
            }
        }
        if let wave = fixedWave {
            row.wave = wave
        } else if let waveColumn, !record.isBlank(waveColumn) {
            row.wave = record.trimmedString(waveColumn)
            if row.wave.count > 64 { problems.add(waveColumn, "'\(row.wave.prefix(64))…' is longer than 64 characters (expected a wave label such as 2026-Q1)", in: record) }
        } else if let seconds = row.submittedAt {
            let quarter = parser.quarter(of: seconds)
            row.wave = quarterLabel(year: quarter.year, quarter: quarter.quarter)
            if let first = firstQuarter, first.label != row.wave {
                throw DiagnosticList([Diagnostic(.error, "the file spans \(first.label) (line \(first.line)) and \(row.wave) (line \(record.line)) but has no wave column; give \(Parameter.wave, "LABEL"), add a wave column, or split the file by quarter", at: SourceLocation(file: problems.file, line: record.line, column: record.location(submittedColumn ?? 0).column))])
            }
            if firstQuarter == nil { firstQuarter = (row.wave, record.line) }
        } else if problems.isEmpty {
            let place = waveColumn ?? submittedColumn ?? 0
            problems.add(place, "the row has no wave and no timestamp (expected a wave label or a submission time)", in: record)
        }
    }

    private mutating func quarterLabel(year: Int, quarter: Int) -> String {
        if lastQuarter.year != year || lastQuarter.quarter != quarter {
            lastQuarter = (year, quarter, "\(year)-Q\(quarter)")
        }
        return lastQuarter.label
    }
}
