import Foundation
import SurveyCore

/// How an import reads a file: where the wave, organisation and times come from.
public struct ImportSettings: Sendable {
    /// The wave of every row (`--wave`); otherwise a `wave` column, else the timestamp's quarter.
    public var wave: String?
    /// The organisation when the export has no column for it (`--org`).
    public var organisation: String?
    /// The division when the export has no column for it (`--division`).
    public var division: String?
    /// The zone of timestamps without one (`--timezone`).
    public var timeZone: TimeZone
    /// How to read `9/1/2024` (`--date-order`); nil means detect it.
    public var dateOrder: TimestampParser.DateOrder?
    /// The platform the export comes from (`--format`); nil means detect it from the header.
    public var format: ExportFormat?
    /// Keep responses a platform marks unfinished (`--include-partial`); by default they are skipped.
    public var includePartial: Bool
    /// Read personal-data columns (email, name, IP address, location, recipient) like any other
    /// column (`--keep-identifiers`); by default they are dropped and the import names them.
    public var keepIdentifiers: Bool
    /// A mapping file checked against the survey (`--mapping`): the columns it lists take their
    /// role from it, and its answer texts add to the survey's labels.
    public var mapping: ExportMapping?

    /// Creates settings.
    public init(wave: String? = nil, organisation: String? = nil, division: String? = nil,
                timeZone: TimeZone = TimestampParser.UTC, dateOrder: TimestampParser.DateOrder? = nil,
                format: ExportFormat? = nil, includePartial: Bool = false, keepIdentifiers: Bool = false,
                mapping: ExportMapping? = nil) {
        self.wave = wave
        self.organisation = organisation
        self.division = division
        self.timeZone = timeZone
        self.dateOrder = dateOrder
        self.format = format
        self.includePartial = includePartial
        self.keepIdentifiers = keepIdentifiers
        self.mapping = mapping
    }
}

/// The header text an item was read from, for noticing when a survey's wording drifts.
public struct ItemWording: Sendable, Hashable {
    /// The item id.
    public var item: String
    /// The question text as the export's header has it (for a multi item spread over one
    /// column per option, the question, or the first option column's header).
    public var text: String
    /// Where the header cell is.
    public var location: SourceLocation

    /// Creates a wording.
    public init(item: String, text: String, location: SourceLocation) {
        self.item = item
        self.text = text
        self.location = location
    }
}

/// Reads an export, row by row, into validated ``ResponseRow`` values.
///
/// The platform (``ExportFormat``) is detected from the header rows unless the settings name
/// it; an adapter then turns the platform's header rows into one logical header, and every
/// platform shares the generic format's cell validation. `.xlsx` workbooks are converted to CSV
/// in memory first (see ``XLSXReader``).
///
/// Every cell is checked against the survey: a scale label or number, an option, a number in
/// range. A row with any invalid cell is returned as rejected with one diagnostic per cell,
/// `FILE:LINE:COLUMN: error: column 'HEADER': 'VALUE' is not … (expected …)`.
///
/// The header is read once into a `ColumnPlan` and a `DateOrderChoice`; each row then
/// passes through small parts in turn: `PartialResponseFilter`, `RowAttributes`,
/// `WaveResolver`, `AnswerDecoding` and, for a valid row, `RespondentIdentity`.
package final class ResponseReader {
    /// What ``next(into:)`` found.
    package enum Outcome {
        /// A valid response was written into the row.
        case response
        /// The row is invalid: its diagnostics and its fields as read, for a rejects file.
        case rejected([Diagnostic], fields: [String])
        /// No more rows.
        case end
    }

    /// The path shown in diagnostics.
    package let file: String
    /// The logical header: one name per column (for multi-row platform headers, the export tag
    /// or question text, and `question - label` for the extra columns of a question).
    package let header: [String]
    /// The platform the export was read as.
    package let detectedFormat: ExportFormat
    /// The personal-data columns dropped, by header name.
    package let droppedColumns: [String]
    /// Responses skipped because the platform marks them unfinished (Qualtrics `Finished` = 0).
    package private(set) var skippedPartial = 0
    /// The text encoding the file was in.
    package let encoding: TextEncoding
    /// Problems with the header that do not stop the import.
    package private(set) var warnings: [Diagnostic] = []
    /// Things the user should know: encoding transcoded, date order detected, ids derived.
    package private(set) var notes: [Message] = []
    /// Whether the export has a response id column (otherwise ids are content hashes).
    package let hasResponseIDs: Bool
    /// Per item read, in survey order: the header text it was read from.
    package let itemWordings: [ItemWording]

    private var reader: CSVReader
    private var record = CSVRecord()
    private let personalColumns: [Int]
    private let partial: PartialResponseFilter
    private var attributes: RowAttributes
    private var waves: WaveResolver
    private var answers: AnswerDecoding
    private var identity: RespondentIdentity
    private var reportedEnd = false

    /// Reads an export held in memory and maps its header to the survey.
    /// - Throws: ``DiagnosticList`` when the header cannot be used (no organisation, a near-miss
    ///   column, an ambiguous date order) or the file is not CSV.
    package convenience init(file: String, data: Data, survey: Survey, settings: ImportSettings) throws {
        do {
            let csv = XLSXReader.isWorkbook(data) ? try XLSXReader.csv(from: data, file: file) : data
            try self.init(file: file, reader: CSVReader(bytes: csv), survey: survey, settings: settings)
        } catch let error as CSVError {
            throw DiagnosticList([error.diagnostic(file: file)])
        }
    }

    /// Opens an export file, mapped into memory and read as a stream.
    package convenience init(file: String, url: URL, survey: Survey, settings: ImportSettings) throws {
        do {
            try self.init(file: file, reader: Self.openReader(url: url, file: file), survey: survey, settings: settings)
        } catch let error as CSVError {
            throw DiagnosticList([error.diagnostic(file: file)])
        }
    }

    /// A CSV reader over an export file; a workbook is converted to CSV in memory first.
    static func openReader(url: URL, file: String) throws -> CSVReader {
        if XLSXReader.isWorkbook(at: url) {
            return try CSVReader(bytes: XLSXReader.csv(from: Data(contentsOf: url), file: file))
        }
        return try CSVReader(contentsOf: url)
    }

    /// The header phase: the platform's header rows, the column plan, the date order.
    private init(file: String, reader: CSVReader, survey: Survey, settings: ImportSettings) throws {
        self.file = file
        var reader = reader
        encoding = reader.detectedEncoding
        let (exportLayout, detection) = ExportLayout.read(&reader, format: settings.format, keepIdentifiers: settings.keepIdentifiers)
        let format = exportLayout.format
        detectedFormat = format
        if settings.format == nil {
            if format != .generic {
                notes.append("read as a \(format) export (detected; \(Parameter.format) overrides)")
            } else if let closest = detection.closest {
                notes.append("not recognised as a platform export, read as the generic format; closest: \(closest) (has \(detection.matched.map { "'\($0)'" }.joined(separator: ", "))); give \(Parameter.format, closest.rawValue) if it is one")
            }
        }
        try ExportLayout.skipHeader(of: exportLayout, in: &reader)
        self.reader = reader
        header = exportLayout.displayNames
        let plan = ColumnPlan(mapping: ColumnMapping(columns: exportLayout.columns, displayNames: exportLayout.displayNames, survey: survey,
                                                     file: file, headerLine: reader.headerRecord, mapping: settings.mapping),
                              format: format)
        itemWordings = plan.itemWordings(layout: exportLayout, survey: survey, file: file, headerLine: reader.headerRecord)
        var problems = plan.mapping.diagnostics.filter { $0.severity == .error }
        warnings = plan.mapping.diagnostics.filter { $0.severity != .error }
        personalColumns = plan.personal
        droppedColumns = plan.personal.map { exportLayout.displayNames[$0] }
        if !droppedColumns.isEmpty {
            notes.append("dropped personal data: \(droppedColumns.map { "'\($0)'" }.joined(separator: ", ")) (\(Parameter.keepIdentifiers) keeps them)")
        }
        hasResponseIDs = plan.responseID != nil
        if let note = RowAttributes.headerNote(plan: plan, settings: settings) { notes.append(note) }
        if let problem = RowAttributes.headerProblem(plan: plan, settings: settings, survey: survey, file: file) { problems.append(problem) }
        if let problem = WaveResolver.headerProblem(plan: plan, settings: settings, file: file) { problems.append(problem) }
        // Slash dates need an order: take it from the flag, else from the file's own values.
        let dateOrder = DateOrderChoice(given: settings.dateOrder, submitted: plan.submitted, rows: reader, header: header,
                                        fallback: exportLayout.fallbackDateOrder, format: format, file: file)
        if let note = dateOrder.note { notes.append(note) }
        if let problem = dateOrder.problem { problems.append(problem) }
        partial = PartialResponseFilter(plan: plan, includePartial: settings.includePartial)
        attributes = RowAttributes(plan: plan, survey: survey, settings: settings)
        waves = WaveResolver(plan: plan, wave: settings.wave,
                             parser: TimestampParser(timeZone: settings.timeZone, dateOrder: dateOrder.order))
        answers = AnswerDecoding(plan: plan, survey: survey, layout: AnswerLayout(survey: survey),
                                 positionalOptions: exportLayout.positionalOptions)
        identity = RespondentIdentity(idColumn: plan.responseID)
        if encoding.isTranscoded { notes.append("read as \(encoding) and converted to UTF-8") }
        if let note = RespondentIdentity.headerNote(idColumn: plan.responseID) { notes.append(note) }
        if !problems.isEmpty { throw DiagnosticList(problems + warnings) }
    }

    /// Reads the next row into `row`.
    /// - Throws: ``DiagnosticList`` for problems that stop the whole file (broken CSV, a file
    ///   spanning quarters without a wave).
    package func next(into row: inout ResponseRow) throws -> Outcome {
        do {
            while true {
                guard try reader.nextRecord(into: &record) else {
                    if !reportedEnd, skippedPartial > 0 {
                        notes.append("skipped \(skippedPartial) unfinished response\(skippedPartial == 1 ? "" : "s") (\(Parameter.includePartial) keeps them)")
                    }
                    reportedEnd = true
                    return .end
                }
                if !partial.skips(record) { break }
                skippedPartial += 1
            }
        } catch let error as CSVError {
            throw DiagnosticList([error.diagnostic(file: file)])
        }
        row.line = record.line
        if record.count != header.count {
            let here = SourceLocation(file: file, line: record.line, column: 1)
            return .rejected([Diagnostic(.error, "the row has \(record.count) fields but the header has \(header.count)", at: here)],
                             fields: redactedFields())
        }
        var problems = RowProblems(file: file, header: header)
        attributes.read(record, into: &row, problems: &problems)
        try waves.read(record, into: &row, problems: &problems)
        answers.read(record, into: &row, problems: &problems)
        if !problems.isEmpty { return .rejected(problems.diagnostics, fields: redactedFields()) }
        identity.identify(&row, from: record)
        return .response
    }

    /// The row's fields for the rejects file, with personal data left out.
    private func redactedFields() -> [String] {
        var fields = record.strings()
        for column in personalColumns where column < fields.count { fields[column] = "" }
        return fields
    }
}

extension ResponseReader {
    /// How much of the file has been read, 0 to 1, for progress bars.
    package var fractionRead: Double { reader.fractionConsumed }
}

extension CSVReader {
    /// How much of the text has been parsed, 0 to 1.
    var fractionConsumed: Double { text.count == 0 ? 1 : Double(scanner.pos) / Double(text.count) }
}
