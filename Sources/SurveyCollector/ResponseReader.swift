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
public final class ResponseReader {
    /// What ``next(into:)`` found.
    public enum Outcome {
        /// A valid response was written into the row.
        case response
        /// The row is invalid: its diagnostics and its fields as read, for a rejects file.
        case rejected([Diagnostic], fields: [String])
        /// No more rows.
        case end
    }

    /// The path shown in diagnostics.
    public let file: String
    /// The logical header: one name per column (for multi-row platform headers, the export tag
    /// or question text, and `question - label` for the extra columns of a question).
    public let header: [String]
    /// The platform the export was read as.
    public let detectedFormat: ExportFormat
    /// The personal-data columns dropped, by header name.
    public let droppedColumns: [String]
    /// Responses skipped because the platform marks them unfinished (Qualtrics `Finished` = 0).
    public private(set) var skippedPartial = 0
    /// The text encoding the file was in.
    public let encoding: TextEncoding
    /// Problems with the header that do not stop the import.
    public private(set) var warnings: [Diagnostic] = []
    /// Things the user should know: encoding transcoded, date order detected, ids derived.
    public private(set) var notes: [String] = []
    /// Whether the export has a response id column (otherwise ids are content hashes).
    public let hasResponseIDs: Bool
    /// Per item read, in survey order: the header text it was read from.
    public let itemWordings: [ItemWording]

    private var reader: CSVReader
    private var record = CSVRecord()
    private let survey: Survey
    private let settings: ImportSettings
    private let layout: AnswerLayout
    private var decoders: [(column: Int, decoder: ItemDecoder)]
    private let applicability: [Role: [Bool]]
    private let columns: ColumnMapping
    /// A mapping file's attribute values, per column (normalised export text → value stored).
    private let renames: [[String: String]?]
    private let parser: TimestampParser
    private let roleLookup: [String: Role]
    private var occurrences: [Int64: Int32] = [:]
    /// Unit names and roles repeat on every row: normalise each spelling once.
    private var normalized: [String: String] = [:]
    private var roleSpellings: [String: Role?] = [:]
    private var firstQuarter: (label: String, line: Int)?
    private let column: (organisation: Int?, division: Int?, team: Int?, role: Int?, tenure: Int?, id: Int?, submitted: Int?, wave: Int?)
    private let finishedColumn: Int?
    /// LimeSurvey: the submission time, blank while a response is unfinished.
    private let submittedWhenFinished: Int?
    private let personalColumns: [Int]
    /// Multi items spread over one column per option: the item, its slot and (column, option) pairs.
    private let spreads: [(itemIndex: Int, offset: Int, exclusive: [Bool], columns: [(column: Int, option: Int, ownWords: Set<String>)])]
    private var reportedEnd = false

    /// Reads an export held in memory and maps its header to the survey.
    /// - Throws: ``DiagnosticList`` when the header cannot be used (no organisation, a near-miss
    ///   column, an ambiguous date order) or the file is not CSV.
    public convenience init(file: String, data: Data, survey: Survey, settings: ImportSettings) throws {
        do {
            let csv = XLSXReader.isWorkbook(data) ? try XLSXReader.csv(from: data, file: file) : data
            try self.init(file: file, reader: CSVReader(bytes: csv), survey: survey, settings: settings)
        } catch let error as CSVError {
            throw DiagnosticList([error.diagnostic(file: file)])
        }
    }

    /// Opens an export file, mapped into memory and read as a stream.
    public convenience init(file: String, url: URL, survey: Survey, settings: ImportSettings) throws {
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

    private init(file: String, reader: CSVReader, survey: Survey, settings: ImportSettings) throws {
        self.file = file
        self.survey = survey
        self.settings = settings
        var reader = reader
        encoding = reader.detectedEncoding
        let (exportLayout, detection) = ExportLayout.read(&reader, format: settings.format, keepIdentifiers: settings.keepIdentifiers)
        let format = exportLayout.format
        detectedFormat = format
        if settings.format == nil {
            if format != .generic {
                notes.append("read as a \(format) export (detected; --format overrides)")
            } else if let closest = detection.closest {
                notes.append("not recognised as a platform export, read as the generic format; closest: \(closest) (has \(detection.matched.map { "'\($0)'" }.joined(separator: ", "))); give --format \(closest.rawValue) if it is one")
            }
        }
        try ExportLayout.skipHeader(of: exportLayout, in: &reader)
        self.reader = reader
        header = exportLayout.displayNames
        let answerLayout = AnswerLayout(survey: survey)
        layout = answerLayout
        let columns = ColumnMapping(columns: exportLayout.columns, displayNames: exportLayout.displayNames, survey: survey,
                                    file: file, headerLine: reader.headerRecord, mapping: settings.mapping)
        self.columns = columns
        renames = columns.roles.indices.map { columns.renames[$0] }
        itemWordings = Self.wordings(columns.roles, layout: exportLayout, survey: survey, file: file, headerLine: reader.headerRecord)
        var problems = columns.diagnostics.filter { $0.severity == .error }
        warnings = columns.diagnostics.filter { $0.severity != .error }
        finishedColumn = columns.column(of: .finished)
        submittedWhenFinished = format == .limeSurvey ? columns.column(of: .submittedAt) : nil
        personalColumns = columns.roles.indices.filter { columns.roles[$0] == .personal }
        droppedColumns = personalColumns.map { exportLayout.displayNames[$0] }
        if !droppedColumns.isEmpty {
            notes.append("dropped personal data: \(droppedColumns.map { "'\($0)'" }.joined(separator: ", ")) (--keep-identifiers keeps them)")
        }
        column = (columns.column(of: .attribute(.organisation)), columns.column(of: .attribute(.division)),
                  columns.column(of: .attribute(.team)), columns.column(of: .attribute(.role)),
                  columns.column(of: .attribute(.tenure)), columns.column(of: .responseID),
                  columns.column(of: .submittedAt), columns.column(of: .wave))
        hasResponseIDs = column.id != nil
        let start = SourceLocation(file: file, line: 1, column: 1)
        if column.organisation == nil, let organisation = settings.organisation {
            notes.append("no organisation column: every response is filed under '\(organisation)'" + (settings.division.map { ", division '\($0)'" } ?? "") + " (--org)")
        }
        if column.organisation == nil, settings.organisation == nil {
            let aliases = ["organisation"] + (survey.attributes[.organisation]?.aliases ?? [])
            problems.append(Diagnostic(.error, "the export has no organisation column (expected a column named \(aliases.map { "'\($0)'" }.joined(separator: " or "))); give --org NAME", at: start))
        }
        if settings.wave == nil, column.wave == nil, column.submitted == nil {
            problems.append(Diagnostic(.error, "the export has neither a wave nor a timestamp column (expected 'wave' or 'submitted_at'); give --wave LABEL", at: start))
        }
        let items = survey.items
        decoders = []
        var spreadColumns: [Int: [(column: Int, option: Int)]] = [:]
        for (index, role) in columns.roles.enumerated() {
            switch role {
            case .item(let itemIndex):
                decoders.append((index, ItemDecoder(item: items[itemIndex], slot: layout.slots[itemIndex], survey: survey,
                                                    positionalOptions: exportLayout.positionalOptions,
                                                    answers: columns.answers[index] ?? [])))
            case .option(let itemIndex, let option):
                spreadColumns[itemIndex, default: []].append((index, option))
            default:
                break
            }
        }
        spreads = spreadColumns.keys.sorted().map { itemIndex in
            let options = items[itemIndex].kind.options
            // An option itself called "No" is ticked by its own name (SurveyMonkey writes the
            // label), though "No" elsewhere, and "N" or "0" in its own column, unticks.
            let columns = (spreadColumns[itemIndex] ?? []).map { column, option in
                (column, option, Set(([options[option].label, options[option].id] + options[option].aliases)
                    .map(normalizedKey).filter(Self.notChosenKeys.contains)))
            }
            return (itemIndex, answerLayout.slots[itemIndex].offset, options.map(\.exclusive), columns)
        }
        var applicability: [Role: [Bool]] = [:]
        for role in Role.allCases { applicability[role] = items.map { $0.applies(to: role) } }
        self.applicability = applicability
        var roles: [String: Role] = [:]
        for role in Role.allCases {
            for name in [role.rawValue, role.displayName] + (survey.attributes[.role]?.roleSpellings[role] ?? []) {
                roles[normalizedKey(name)] = roles[normalizedKey(name)] ?? role
            }
        }
        roleLookup = roles
        // Slash dates need an order: take it from the flag, else from the file's own values.
        var dateOrder = settings.dateOrder
        var detectedOrder = false
        if dateOrder == nil, let submitted = column.submitted, Self.firstValue(of: submitted, in: reader)?.contains("/") == true {
            var scan = reader
            var detector = DateOrderDetector()
            var scanRecord = CSVRecord()
            while (try? scan.nextRecord(into: &scanRecord)) == true {
                if submitted < scanRecord.count { scanRecord.withField(submitted) { detector.observe($0) } }
            }
            switch detector.verdict {
            case .mdy, .dmy:
                dateOrder = detector.dateOrder
                detectedOrder = true
                notes.append("dates read as \(detector.verdict == .mdy ? "month/day/year" : "day/month/year") (detected)")
            case .contradictory:
                problems.append(Diagnostic(.error, "column '\(header[submitted])' mixes month-first and day-first dates; split the file by source or fix the dates", at: start))
            case .undetermined:
                break
            }
            if !detectedOrder, let fallback = exportLayout.fallbackDateOrder, dateOrder == nil {
                dateOrder = fallback
                notes.append("dates read as \(fallback == .mdy ? "month/day/year" : "day/month/year") (\(format) writes them so; --date-order overrides)")
            }
        }
        parser = TimestampParser(timeZone: settings.timeZone, dateOrder: dateOrder)
        if encoding.isTranscoded { notes.append("read as \(encoding) and converted to UTF-8") }
        if column.id == nil { notes.append("no response id column: responses are identified by their content") }
        if !problems.isEmpty { throw DiagnosticList(problems + warnings) }
    }

    private static func wordings(_ roles: [ColumnRole], layout: ExportLayout, survey: Survey, file: String,
                                 headerLine: CSVRecord) -> [ItemWording] {
        var first: [Int: Int] = [:]
        for (column, role) in roles.enumerated() {
            if let item = role.itemIndex, first[item] == nil { first[item] = column }
        }
        let items = survey.items
        return first.keys.sorted().compactMap { itemIndex in
            guard let column = first[itemIndex] else { return nil }
            var text = layout.wording(of: column)
            if case .option = roles[column], column < layout.columns.count, case .part(let question, _) = layout.columns[column] {
                text = question
            }
            let location = column < headerLine.count ? headerLine.location(column) : (line: headerLine.line, column: 1)
            return ItemWording(item: items[itemIndex].id, text: text,
                               location: SourceLocation(file: file, line: location.line, column: location.column))
        }
    }

    private static func firstValue(of column: Int, in reader: CSVReader) -> String? {
        var scan = reader
        var record = CSVRecord()
        while (try? scan.nextRecord(into: &record)) == true {
            if column < record.count, !record.isBlank(column) { return record.trimmedString(column) }
        }
        return nil
    }

    /// Reads the next row into `row`.
    /// - Throws: ``DiagnosticList`` for problems that stop the whole file (broken CSV, a file
    ///   spanning quarters without a wave).
    public func next(into row: inout ResponseRow) throws -> Outcome {
        do {
            while true {
                guard try reader.nextRecord(into: &record) else {
                    if !reportedEnd, skippedPartial > 0 {
                        notes.append("skipped \(skippedPartial) unfinished response\(skippedPartial == 1 ? "" : "s") (--include-partial keeps them)")
                    }
                    reportedEnd = true
                    return .end
                }
                if let finished = finishedColumn, !settings.includePartial, finished < record.count,
                   record.withTrimmedField(finished, Self.isUnfinished) {
                    skippedPartial += 1
                    continue
                }
                if let submitted = submittedWhenFinished, !settings.includePartial, submitted < record.count, record.isBlank(submitted) {
                    skippedPartial += 1
                    continue
                }
                break
            }
        } catch let error as CSVError {
            throw DiagnosticList([error.diagnostic(file: file)])
        }
        var problems: [Diagnostic] = []
        row.line = record.line
        if record.count != header.count {
            let here = SourceLocation(file: file, line: record.line, column: 1)
            problems.append(Diagnostic(.error, "the row has \(record.count) fields but the header has \(header.count)", at: here))
            return .rejected(problems, fields: redactedFields())
        }
        func error(_ column: Int, _ message: Message) {
            let location = record.location(column)
            problems.append(Diagnostic(.error, "column '\(header[column])': \(message)",
                                       at: SourceLocation(file: file, line: location.line, column: location.column)))
        }
        // Attributes.
        row.organisation = column.organisation.map(attribute) ?? ""
        if row.organisation.isEmpty { row.organisation = settings.organisation ?? "" }
        if row.organisation.isEmpty, let organisation = column.organisation {
            error(organisation, "the organisation is empty (expected a name, or give --org NAME)")
        }
        row.division = column.division.map(attribute) ?? ""
        if row.division.isEmpty { row.division = settings.division ?? "" }
        row.team = column.team.map(attribute) ?? ""
        row.tenure = column.tenure.map(attribute) ?? ""
        row.role = nil
        if let roleColumn = column.role, !record.isBlank(roleColumn) {
            let text = attribute(roleColumn)
            let known: Role?
            if let cached = roleSpellings[text] {
                known = cached
            } else {
                known = roleLookup[normalizedKey(text)]
                if roleSpellings.count < 10_000 { roleSpellings[text] = known }
            }
            if let role = known {
                row.role = role
            } else {
                error(roleColumn, "'\(text)' is not a known role (expected \(Role.allCases.map(\.displayName).joined(separator: ", ")) or a spelling the survey declares)")
            }
        }
        // Time and wave.
        row.submittedAt = nil
        if let submitted = column.submitted, !record.isBlank(submitted) {
            let result = record.withField(submitted) { parser.parse($0) }
            if let seconds = result.epochSeconds {
                row.submittedAt = seconds
            } else if let message = TimestampParser.errorMessage(for: record.trimmedString(submitted), result: result) {
                error(submitted, message)
            }
        }
        if let wave = settings.wave {
            row.wave = wave
        } else if let waveColumn = column.wave, !record.isBlank(waveColumn) {
            row.wave = record.trimmedString(waveColumn)
            if row.wave.count > 64 { error(waveColumn, "'\(row.wave.prefix(64))…' is longer than 64 characters (expected a wave label such as 2026-Q1)") }
        } else if let seconds = row.submittedAt {
            let quarter = parser.quarter(of: seconds)
            row.wave = quarterLabel(year: quarter.year, quarter: quarter.quarter)
            if let first = firstQuarter, first.label != row.wave {
                throw DiagnosticList([Diagnostic(.error, "the file spans \(first.label) (line \(first.line)) and \(row.wave) (line \(record.line)) but has no wave column; give --wave LABEL, add a wave column, or split the file by quarter", at: SourceLocation(file: file, line: record.line, column: record.location(column.submitted ?? 0).column))])
            }
            if firstQuarter == nil { firstQuarter = (row.wave, record.line) }
        } else if problems.isEmpty {
            let place = column.wave ?? column.submitted ?? 0
            error(place, "the row has no wave and no timestamp (expected a wave label or a submission time)")
        }
        // Answers.
        if row.answers.count != layout.byteCount {
            row.answers = [UInt8](repeating: 0, count: layout.byteCount)
        }
        row.comments.removeAll(keepingCapacity: true)
        let applies = row.role.flatMap { applicability[$0] }
        row.answers.withUnsafeMutableBytes { answers in
            answers.initializeMemory(as: UInt8.self, repeating: 0)
            if let applies {
                for (index, slot) in layout.slots.enumerated() where !applies[index] {
                    for byte in slot.offset..<(slot.offset + slot.width) { answers[byte] = 0xFF }
                }
            }
            for index in decoders.indices {
                let columnIndex = decoders[index].column
                let itemIndex = decoders[index].decoder.slot.itemIndex
                if let applies, !applies[itemIndex] { continue }
                if record.isBlank(columnIndex) { continue }
                if decoders[index].decoder.mode == .text {
                    row.comments.append((decoders[index].decoder.item.id, record.trimmedString(columnIndex)))
                    continue
                }
                let message = record.withTrimmedField(columnIndex) { decoders[index].decoder.decode($0, into: answers) }
                if let message { error(columnIndex, Message(message)) }
            }
            for spread in spreads {
                if let applies, !applies[spread.itemIndex] { continue }
                var chosen = 0
                var exclusive: Int?
                for (columnIndex, option, ownWords) in spread.columns where !record.isBlank(columnIndex) {
                    if record.withTrimmedField(columnIndex, { Self.isNotChosen($0, except: ownWords) }) { continue }
                    answers[spread.offset] = 1
                    answers[spread.offset + 1 + option / 8] |= 1 << UInt8(option % 8)
                    chosen += 1
                    if spread.exclusive[option] { exclusive = columnIndex }
                }
                if chosen > 1, let exclusive {
                    error(exclusive, "'\(record.trimmedString(exclusive))' is ticked with other options (expected it alone)")
                }
            }
        }
        if !problems.isEmpty { return .rejected(problems, fields: redactedFields()) }
        // Identity.
        var hasher = StableHasher()
        row.answers.withUnsafeBytes { hasher.combine($0) }
        hasher.combine(key(row.organisation))
        hasher.combine(key(row.division))
        hasher.combine(key(row.team))
        hasher.combine(row.role?.rawValue ?? "")
        hasher.combine(row.tenure)
        for comment in row.comments { hasher.combine(comment.text) }
        row.contentHash = hasher.value
        if let idColumn = column.id, !record.isBlank(idColumn) {
            row.responseKey = record.trimmedString(idColumn)
        } else {
            // Identical rows stay distinct responses through their occurrence number.
            let occurrence = occurrences[row.contentHash, default: 0] + 1
            occurrences[row.contentHash] = occurrence
            row.responseKey = "content:" + String(UInt64(bitPattern: row.contentHash), radix: 16) + ":" + String(occurrence)
        }
        return .response
    }

    /// An attribute cell, trimmed, as the mapping file renames it.
    private func attribute(_ column: Int) -> String {
        let text = record.trimmedString(column)
        guard column < renames.count, let values = renames[column] else { return text }
        return values[key(text)] ?? text
    }

    /// Cells of an option's column that say the option was not chosen: N, No, 0, false, Not
    /// selected; and N/A, which LimeSurvey's full answers write for an option never shown.
    static let notChosenKeys: Set<String> = ["n", "no", "0", "false", "not selected", "n/a"]

    /// An option column's cell that says the option was not chosen (see ``notChosenKeys``),
    /// unless the word is the option's own name (`ownWords`, normalised).
    private static func isNotChosen(_ cell: UnsafeRawBufferPointer, except ownWords: Set<String>) -> Bool {
        // One byte (`Y`, `N`, `1`, `0`, an `x`) is the common case: decide it without a string.
        if cell.count == 1 {
            let byte = cell[0] | 0x20  // ASCII lower case; '0' is unchanged
            guard byte == UInt8(ascii: "n") || byte == UInt8(ascii: "0") else { return false }
            return ownWords.isEmpty || !ownWords.contains(String(UnicodeScalar(byte)))
        }
        guard cell.count <= 12 else { return false }
        let word = normalizedKey(String(decoding: cell, as: UTF8.self))
        return notChosenKeys.contains(word) && !ownWords.contains(word)
    }

    /// Qualtrics writes `0` / `1`, or `False` / `True` in choice-text exports.
    private static func isUnfinished(_ cell: UnsafeRawBufferPointer) -> Bool {
        if cell.count == 1 { return cell[0] == UInt8(ascii: "0") }
        return cell.count == 5 && String(decoding: cell, as: UTF8.self).lowercased() == "false"
    }

    /// The row's fields for the rejects file, with personal data left out.
    private func redactedFields() -> [String] {
        var fields = record.strings()
        for column in personalColumns where column < fields.count { fields[column] = "" }
        return fields
    }

    private var lastQuarter: (year: Int, quarter: Int, label: String) = (0, 0, "")

    private func quarterLabel(year: Int, quarter: Int) -> String {
        if lastQuarter.year != year || lastQuarter.quarter != quarter {
            lastQuarter = (year, quarter, "\(year)-Q\(quarter)")
        }
        return lastQuarter.label
    }

    private func key(_ name: String) -> String {
        if let cached = normalized[name] { return cached }
        let value = normalizedKey(name)
        if normalized.count < 100_000 { normalized[name] = value }
        return value
    }
}

extension ResponseReader {
    /// How much of the file has been read, 0 to 1, for progress bars.
    public var fractionRead: Double { reader.fractionConsumed }
}

extension CSVReader {
    /// How much of the text has been parsed, 0 to 1.
    var fractionConsumed: Double { text.count == 0 ? 1 : Double(scanner.pos) / Double(text.count) }
}
