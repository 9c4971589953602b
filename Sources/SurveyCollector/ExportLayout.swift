import Foundation
import SurveyCore

/// How one physical column of an export is to be read, as a platform adapter sees it.
enum ColumnSpec: Equatable {
    /// Match the survey by these names, the first that maps winning (question text, export tag…).
    case names([String])
    /// A metadata column whose meaning the platform fixes (response id, submission time, finished).
    case fixed(ColumnRole)
    /// Personal data (email, name, IP address, location, recipient): dropped unless kept.
    case personal
    /// One column of a question spread over several (SurveyMonkey): an option of a multi item,
    /// or else a sub-item named `question - label`.
    case part(question: String, label: String)
}

/// One logical header over an export's header rows: what each column holds, how many rows the
/// header takes, and the platform's reading rules.
///
/// Adapters only rename and classify columns; every cell is then checked by the same
/// ``ResponseReader`` code as the generic format, so the platforms share its validation and speed.
struct ExportLayout {
    /// The format the layout was made for.
    var format: ExportFormat
    /// Physical rows taken by the header (1 for generic).
    var headerRows = 1
    /// Per column: how to read it.
    var columns: [ColumnSpec]
    /// Per column: the name shown in messages and in the rejects file's header.
    var displayNames: [String]
    /// The date order when the file's own dates leave it open (Microsoft Forms writes month first).
    var fallbackDateOrder: TimestampParser.DateOrder?
    /// Whether a choice answer may be the option's position (Qualtrics numeric-value exports).
    var positionalOptions = false
    /// Per column, when it differs from the display name: the question text respondents saw
    /// (Qualtrics shows the export tag but asks row 2's text).
    var questionTexts: [Int: String] = [:]

    /// The question text of a column, as wording drift compares it.
    func wording(of column: Int) -> String {
        questionTexts[column] ?? (column < displayNames.count ? displayNames[column] : "")
    }

    /// The layout of a file's first rows (`rows[0]` the header) read as `format`.
    ///
    /// With `keepIdentifiers`, personal-data columns are read like any other column (so a survey
    /// can name them); otherwise they are marked ``ColumnSpec/personal`` and dropped.
    static func make(_ format: ExportFormat, rows: [[String]], keepIdentifiers: Bool) -> ExportLayout {
        let header = rows.first ?? []
        var layout: ExportLayout
        switch format {
        case .qualtrics: layout = qualtrics(rows)
        case .surveyMonkey: layout = surveyMonkey(rows)
        case .googleForms, .msForms, .typeform: layout = singleRow(format, header)
        case .limeSurvey: layout = limeSurvey(header)
        case .generic:
            layout = ExportLayout(format: .generic, columns: header.map { name in
                personalNames.contains(normalizedKey(name)) ? .personal : .names([name])
            }, displayNames: header)
        }
        if keepIdentifiers {
            for index in layout.columns.indices where layout.columns[index] == .personal {
                layout.columns[index] = .names([layout.displayNames[index]])
            }
        }
        return layout
    }

    /// The layout of the file `reader` is at the start of, read as `format` or as detected.
    ///
    /// Looks at the header and the two rows after it without consuming them.
    static func read(_ reader: inout CSVReader, format: ExportFormat?, keepIdentifiers: Bool) -> (ExportLayout, ExportFormat.Detection) {
        var firstRows = [reader.header]
        var peek = reader
        var peekRecord = CSVRecord()
        while firstRows.count < 3, (try? peek.nextRecord(into: &peekRecord)) == true { firstRows.append(peekRecord.strings()) }
        let detection = ExportFormat.detect(firstRows)
        let format = format ?? detection.format
        // SurveyMonkey leaves the header blank over a last "Other" column, which the CSV reader
        // takes for a trailing delimiter: the second header row gives the true width.
        if format == .surveyMonkey, reader.headerHasTrailingDelimiter, firstRows.count > 1, firstRows[1].count > firstRows[0].count {
            firstRows[0] += Array(repeating: "", count: firstRows[1].count - firstRows[0].count)
            reader.scanner.expectedCount = firstRows[0].count
        }
        return (make(format, rows: firstRows, keepIdentifiers: keepIdentifiers), detection)
    }

    /// Moves `reader` past the header rows after the first.
    static func skipHeader(of layout: ExportLayout, in reader: inout CSVReader) throws {
        var record = CSVRecord()
        for _ in 1..<layout.headerRows {
            guard try reader.nextRecord(into: &record) else { break }
        }
    }

    /// Header names (normalised) that carry personal data on any platform.
    static let personalNames: Set<String> = [
        "email", "e-mail", "email address", "e-mail address", "emailaddress", "respondent email",
        "name", "full name", "first name", "last name", "firstname", "lastname",
        "ip address", "ipaddress", "ip", "network id",
        "location", "locationlatitude", "locationlongitude", "location latitude", "location longitude",
        "latitude", "longitude", "locationaccuracy",
        "recipientlastname", "recipientfirstname", "recipientemail", "recipient last name",
        "recipient first name", "recipient email", "recipient name",
    ]

    // MARK: Qualtrics

    /// Metadata columns by Qualtrics import id (current layout) or legacy header name.
    private static let qualtricsMetadata: [String: ColumnRole] = [
        "_recordid": .responseID, "responseid": .responseID,
        "recordeddate": .submittedAt,
        "finished": .finished,
    ]
    private static let qualtricsIgnored: Set<String> = [
        "startdate", "enddate", "status", "progress", "duration", "duration (in seconds)", "externaldatareference",
        "externalreference", "distributionchannel", "userlanguage", "responseset", "q_recaptchascore",
        "q_relevantidduplicate", "q_relevantidduplicatescore", "q_relevantidfraudscore", "q_relevantidlaststarteddate",
        "q_totalduration", "q_url",
    ]

    private static func qualtrics(_ rows: [[String]]) -> ExportLayout {
        let tags = rows.first ?? []
        let texts = rows.count > 1 ? rows[1] : []
        let ids = rows.count > 2 ? rows[2] : []
        let legacy = tags.count >= 2 && normalizedKey(tags[0]) == "v1" && normalizedKey(tags[1]) == "v2"
        let hasImportIDs = ids.contains(where: ExportFormat.isImportID)
        var columns: [ColumnSpec] = []
        var names: [String] = []
        // Legacy exports have no RecordedDate: the end date is when the response was submitted.
        let hasRecorded = (tags + texts).contains { normalizedKey($0) == "recordeddate" }
        for index in tags.indices {
            let tag = tags[index]
            let text = index < texts.count ? normalizedSpacing(strippingHTML(texts[index])) : ""
            let importID = index < ids.count ? ExportFormat.importID(ids[index]) : nil
            // Legacy: V1… tags over metadata names; current: the tag is the metadata name.
            let legacyMetadata = legacy && normalizedKey(tag).hasPrefix("v") && Int(tag.dropFirst()) != nil
            let metadataKey = normalizedKey(legacyMetadata ? text : tag)
            let isQuestion = importID.map { $0.hasPrefix("QID") } ?? !(legacyMetadata || qualtricsMetadata[metadataKey] != nil
                || qualtricsIgnored.contains(metadataKey) || personalNames.contains(metadataKey))
            names.append(tag.isEmpty || legacyMetadata ? text : tag)
            if !isQuestion {
                let key = importID.map { normalizedKey($0) } ?? metadataKey
                if let role = qualtricsMetadata[key] ?? qualtricsMetadata[metadataKey] {
                    columns.append(.fixed(role))
                } else if !hasRecorded, key == "enddate" || metadataKey == "enddate" {
                    columns.append(.fixed(.submittedAt))
                } else if personalNames.contains(key) || personalNames.contains(metadataKey) {
                    columns.append(.personal)
                } else {
                    columns.append(.fixed(.ignored))
                }
                continue
            }
            // Text iQ adds topic and sentiment columns; they are Qualtrics' analysis, not answers.
            if [" - topics", " - parent topics", " - sentiment", " - sentiment score", " - sentiment polarity"]
                .contains(where: { normalizedKey(tag).hasSuffix($0) }) {
                columns.append(.fixed(.ignored))
                continue
            }
            // A matrix sub-item is `Question - Statement` in row 2: the statement alone may be the item.
            var candidates = [tag, text]
            if let range = text.range(of: " - ", options: .backwards) {
                let tail = String(text[range.upperBound...])
                // `Question - Selected Choice` is the choice column of a question with a text entry.
                candidates.append(normalizedKey(tail) == "selected choice" ? String(text[..<range.lowerBound]) : tail)
            }
            columns.append(.names(candidates.filter { !$0.isEmpty }))
        }
        var layout = ExportLayout(format: .qualtrics, headerRows: legacy || !hasImportIDs ? 2 : 3, columns: columns,
                                  displayNames: names, positionalOptions: true)
        for index in texts.indices where index < names.count {
            let text = normalizedSpacing(strippingHTML(texts[index]))
            if !text.isEmpty, text != names[index] { layout.questionTexts[index] = text }
        }
        return layout
    }

    // MARK: SurveyMonkey

    private static let monkeyMetadata: [String: ColumnRole] = [
        "respondent id": .responseID, "respondentid": .responseID,
        "end date": .submittedAt, "enddate": .submittedAt,
    ]
    private static let monkeyIgnored: Set<String> = ["collector id", "collectorid", "start date", "startdate"]

    private static func surveyMonkey(_ rows: [[String]]) -> ExportLayout {
        let questions = rows.first ?? []
        let labels = rows.count > 1 ? rows[1] : []
        var columns: [ColumnSpec] = []
        var names: [String] = []
        var current = ""
        for index in questions.indices {
            let raw = questions[index]
            let label = index < labels.count ? normalizedSpacing(labels[index]) : ""
            if !raw.trimmingCharacters(in: .whitespaces).isEmpty { current = normalizedSpacing(strippingHTML(raw)) }
            let key = normalizedKey(current)
            let continues = raw.trimmingCharacters(in: .whitespaces).isEmpty
            if !continues, let role = monkeyMetadata[key] {
                columns.append(.fixed(role))
                names.append(current)
            } else if !continues, monkeyIgnored.contains(key) || key.hasPrefix("custom data") {
                columns.append(.fixed(.ignored))
                names.append(current)
            } else if !continues, personalNames.contains(key) {
                columns.append(.personal)
                names.append(current)
            } else if current.isEmpty {
                columns.append(.fixed(.ignored))
                names.append("")
            } else if ["", "response", "open-ended response"].contains(normalizedKey(label)) {
                columns.append(continues ? .part(question: current, label: label) : .names([current, raw]))
                names.append(continues ? "\(current) - \(label)" : current)
            } else {
                columns.append(.part(question: current, label: label))
                names.append("\(current) - \(label)")
            }
        }
        return ExportLayout(format: .surveyMonkey, headerRows: 2, columns: columns, displayNames: names)
    }

    // MARK: Google Forms, Microsoft Forms, Typeform

    private static let singleRowMetadata: [ExportFormat: [String: ColumnRole]] = [
        .googleForms: Dictionary(uniqueKeysWithValues: ExportFormat.timestampNames.map { ($0, ColumnRole.submittedAt) }),
        .msForms: ["id": .responseID, "completion time": .submittedAt],
        .typeform: ["#": .responseID, "submit date (utc)": .submittedAt],
    ]
    private static let singleRowIgnored: [ExportFormat: Set<String>] = [
        .googleForms: ["score", "total score"],
        .msForms: ["start time", "last modified time", "total points", "quiz feedback"],
        .typeform: ["start date (utc)", "stage", "response type", "tags", "ending"],
    ]

    private static func singleRow(_ format: ExportFormat, _ header: [String]) -> ExportLayout {
        var columns: [ColumnSpec] = []
        var names: [String] = []
        for name in header {
            let text = normalizedSpacing(strippingHTML(name))
            let key = normalizedKey(text)
            names.append(text)
            if let role = singleRowMetadata[format]?[key] {
                columns.append(.fixed(role))
            } else if singleRowIgnored[format]?.contains(key) == true
                        || (format == .msForms && (key.hasPrefix("points - ") || key.hasPrefix("feedback - "))) {
                columns.append(.fixed(.ignored))
            } else if personalNames.contains(key) {
                columns.append(.personal)
            } else if format == .googleForms, text.hasSuffix("]"), let open = text.range(of: " [", options: .backwards) {
                // A grid row: `Question [Row]`; the row's statement alone may be the item.
                let row = String(text[open.upperBound..<text.index(before: text.endIndex)])
                columns.append(.names([text, name, row, "\(text[..<open.lowerBound]) - \(row)"]))
            } else {
                columns.append(.names(text == name ? [name] : [text, name]))
            }
        }
        return ExportLayout(format: format, columns: columns, displayNames: names,
                            fallbackDateOrder: format == .msForms ? .mdy : nil)
    }

    // MARK: LimeSurvey

    /// Metadata columns by code heading (`submitdate`) or full-text heading (`Date submitted`).
    private static let limeMetadata: [String: ColumnRole] = [
        "id": .responseID, "response id": .responseID,
        "submitdate": .submittedAt, "date submitted": .submittedAt,
    ]
    private static let limeIgnored: Set<String> = [
        "lastpage", "last page", "startlanguage", "start language", "seed", "startdate", "date started",
        "datestamp", "date last action", "interviewtime", "total time",
    ]
    private static let limePersonal: Set<String> = [
        "ipaddr", "ip address", "refurl", "referrer url", "referring url", "token", "access code",
        "firstname", "lastname", "first name", "last name", "email", "email address",
    ]

    /// One header row of question codes (`G01Q01`, `G01Q02[SQ001]`, or the Expression Manager's
    /// `G01Q02_SQ001`), full texts (`Question [Sub]`) or both (`G01Q02[SQ001]. Question [Sub]`,
    /// LimeSurvey's "code & text" headings).
    private static func limeSurvey(_ header: [String]) -> ExportLayout {
        let texts = header.map { normalizedSpacing(strippingHTML($0)) }
        let parts = splittingExpressionManagerCodes(texts.map(limeHeading))
        let codes = Set(parts.compactMap { $0.code.map(normalizedKey) })
        var columns: [ColumnSpec] = []
        for (text, heading) in zip(texts, parts) {
            let keys = [heading.code, heading.text].compactMap { $0 }.map(normalizedKey)
            if let role = keys.lazy.compactMap({ limeMetadata[$0] }).first {
                columns.append(.fixed(role))
            } else if keys.contains(where: limePersonal.contains) {
                columns.append(.personal)
            } else if keys.contains(where: { limeIgnored.contains($0) || isLimeTiming($0, codes: codes) }) {
                columns.append(.fixed(.ignored))
            } else if let code = heading.code, code.hasSuffix("comment]") || (!code.contains("[") && heading.label?.hasSuffix("comment") == true) {
                // The comment box of a list or multiple-choice question: free text beside an answer.
                columns.append(.fixed(.ignored))
            } else if let question = heading.question, let label = heading.label {
                columns.append(.part(question: question, label: label))
            } else {
                var names = [text]
                for name in [heading.code, heading.text].compactMap({ $0 }) where !names.contains(name) { names.append(name) }
                columns.append(.names(names))
            }
        }
        return ExportLayout(format: .limeSurvey, columns: columns, displayNames: texts)
    }

    /// A LimeSurvey heading taken apart: its code and text (either may be absent), and for a
    /// sub-question column the question and the sub-question (code or text) in brackets.
    struct LimeHeading {
        var code: String?
        var text: String?
        var question: String?
        var label: String?
    }

    static func limeHeading(_ heading: String) -> LimeHeading {
        var result = LimeHeading()
        // `code. text`: a code is letters, digits and `_`, with optional `[SUB]` parts, and no spaces.
        if let dot = heading.range(of: ". "), isLimeCode(String(heading[..<dot.lowerBound])) {
            result.code = String(heading[..<dot.lowerBound])
            result.text = String(heading[dot.upperBound...])
        } else if isLimeCode(heading) {
            result.code = heading
        } else {
            result.text = heading
        }
        // The sub-question: the trailing bracket of the text when there is one (it reads better), else of the code.
        if let (question, label) = result.text.flatMap(trailingBracket) ?? result.code.flatMap(trailingBracket) {
            result.question = question
            result.label = label
        }
        return result
    }

    /// Sub-question columns headed the Expression Manager's way, `G01Q02_SQ001`, taken apart
    /// like `G01Q02[SQ001]`. LimeSurvey's codes are letters and digits, so the one `_` separates
    /// question and sub-question; a code is split only when another column shares its question
    /// part (sub-questions come in sets) or it is a comment box (`G01Q02_comment`), so an older
    /// survey's single `Q_1` stays whole.
    static func splittingExpressionManagerCodes(_ headings: [LimeHeading]) -> [LimeHeading] {
        func split(_ heading: LimeHeading) -> (String, String)? {
            guard heading.question == nil, let code = heading.code, !code.contains("[") else { return nil }
            let pieces = code.split(separator: "_", omittingEmptySubsequences: false)
            guard pieces.count == 2, pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
            else { return nil }
            return (String(pieces[0]), String(pieces[1]))
        }
        let columnsPerQuestion = Dictionary(headings.compactMap { split($0).map { ($0.0, 1) } }, uniquingKeysWith: +)
        return headings.map { heading in
            guard let (question, label) = split(heading), columnsPerQuestion[question, default: 0] > 1 || label.hasSuffix("comment")
            else { return heading }
            var parted = heading
            parted.question = question
            parted.label = label
            return parted
        }
    }

    /// `Question [Sub]` or `Q5[SQ001]` as ("Question", "Sub"); nil without a trailing bracket.
    private static func trailingBracket(_ text: String) -> (String, String)? {
        guard text.hasSuffix("]"), let open = text.range(of: "[", options: .backwards) else { return nil }
        let question = text[..<open.lowerBound].trimmingCharacters(in: .whitespaces)
        let label = text[open.upperBound..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces)
        return question.isEmpty || label.isEmpty ? nil : (question, label)
    }

    /// `G01Q01`, `Q5[SQ001]`, `id`: a question code as LimeSurvey writes it in code headings.
    static func isLimeCode(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, CharacterSet.letters.contains(first) || first == "_" else { return false }
        var depth = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "[": depth += 1; if depth > 1 { return false }
            case "]": depth -= 1; if depth < 0 { return false }
            case "_", "#": continue
            default:
                if !(scalar.isASCII && CharacterSet.alphanumerics.contains(scalar)) { return false }
            }
        }
        return depth == 0
    }

    /// Timing columns (`interviewtime`, `groupTime12`, `G01Q01Time`, `Group time: …`, `Question time: …`).
    private static func isLimeTiming(_ key: String, codes: Set<String>) -> Bool {
        if key.hasPrefix("group time:") || key.hasPrefix("question time:") { return true }
        if key.hasPrefix("grouptime"), Int(key.dropFirst("grouptime".count)) != nil { return true }
        return key.hasSuffix("time") && key.count > 4 && codes.contains(String(key.dropLast(4)))
    }
}
