import SurveyCore

/// How an import reads slash dates such as `9/1/2024`, chosen before the first row is read.
///
/// The order given (`--date-order`) wins; otherwise, when the submission column holds slash
/// dates, the file's own values decide (see ``DateOrderDetector``), and when they cannot, the
/// order the platform writes. Values without slashes need no order.
struct DateOrderChoice {
    /// The order to parse with; nil when none is needed or none could be told.
    var order: TimestampParser.DateOrder?
    /// What the user should know about how the order was chosen.
    var note: Message?
    /// The values contradict each other: some are only readable month first, some day first.
    var problem: Diagnostic?

    /// - Parameters:
    ///   - given: The order the settings name; nil means choose.
    ///   - submitted: The submission-time column.
    ///   - rows: A reader at the first row; it is copied, so the caller's stays there.
    ///   - fallback: The order the platform writes dates in, if it has one.
    init(given: TimestampParser.DateOrder?, submitted: Int?, rows: CSVReader, header: [String],
         fallback: TimestampParser.DateOrder?, format: ExportFormat, file: String) {
        order = given
        guard given == nil, let submitted, Self.firstValue(of: submitted, in: rows)?.contains("/") == true else { return }
        var scan = rows
        var detector = DateOrderDetector()
        var record = CSVRecord()
        while (try? scan.nextRecord(into: &record)) == true {
            if submitted < record.count { record.withField(submitted) { detector.observe($0) } }
        }
        switch detector.verdict {
        case .mdy, .dmy:
            order = detector.dateOrder
            note = "dates read as \(detector.verdict == .mdy ? "month/day/year" : "day/month/year") (detected)"
            return
        case .contradictory:
            let start = SourceLocation(file: file, line: 1, column: 1)
            problem = Diagnostic(.error, "column '\(header[submitted])' mixes month-first and day-first dates; split the file by source or fix the dates", at: start)
        case .undetermined:
            break
        }
        if let fallback {
            order = fallback
            note = "dates read as \(fallback == .mdy ? "month/day/year" : "day/month/year") (\(format) writes them so; \(Parameter.dateOrder) overrides)"
        }
    }

    /// The first non-blank value of `column`, trimmed.
    private static func firstValue(of column: Int, in reader: CSVReader) -> String? {
        var scan = reader
        var record = CSVRecord()
        while (try? scan.nextRecord(into: &record)) == true {
            if column < record.count, !record.isBlank(column) { return record.trimmedString(column) }
        }
        return nil
    }
}
