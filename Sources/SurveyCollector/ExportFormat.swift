import Foundation
import SurveyCore

/// The survey platform an export comes from, which decides how its header rows are read.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Qualtrics: export tags, question texts and `{"ImportId":…}` rows (or the legacy `V1…` layout).
    case qualtrics
    /// SurveyMonkey: question texts over their columns, then `Response` or option labels.
    case surveyMonkey = "surveymonkey"
    /// Google Forms (CSV, or the `.xlsx` downloaded from Sheets): `Timestamp` first.
    case googleForms = "google-forms"
    /// Microsoft Forms (`.xlsx`, or the same layout saved as CSV): `Id`, `Start time`, `Completion time`.
    case msForms = "ms-forms"
    /// Typeform: the `#` token, then question texts and `Submit Date (UTC)`.
    case typeform
    /// LimeSurvey: `id`, `submitdate`, `lastpage`, `startlanguage` (or `Response ID`, `Date submitted`,
    /// `Last page`, `Start language`), then question codes `G01Q01[SQ001]` or texts `Question [Sub]`.
    case limeSurvey = "limesurvey"
    /// One header row naming items, attributes and `response_id` / `submitted_at` columns.
    case generic

    /// The platform's name as users know it: `Qualtrics`, `Google Forms`.
    public var description: String {
        switch self {
        case .qualtrics: "Qualtrics"
        case .surveyMonkey: "SurveyMonkey"
        case .googleForms: "Google Forms"
        case .msForms: "Microsoft Forms"
        case .typeform: "Typeform"
        case .limeSurvey: "LimeSurvey"
        case .generic: "generic"
        }
    }

    /// What ``detect(_:)`` concluded.
    public struct Detection: Sendable, Hashable {
        /// The format to read the file as.
        public var format: ExportFormat
        /// For ``ExportFormat/generic``: the platform whose header names the file shares most, if any.
        public var closest: ExportFormat?
        /// The header names the closest platform has that were found.
        public var matched: [String] = []
    }

    /// Recognises a platform from the first rows of a file (the header and the one or two after it).
    ///
    /// The rules, in order:
    /// - Qualtrics: a third row of `{"ImportId":…}` or `{'ImportId': …}` cells; or a first row
    ///   `V1, V2, …` over a second row holding `ResponseID` (legacy); or `ResponseId` with
    ///   `Finished` or `RecordedDate` in the first row.
    /// - Microsoft Forms: `Start time` and `Completion time` columns.
    /// - LimeSurvey: `submitdate` with `lastpage` or `startlanguage` (question-code headings), or
    ///   `Date submitted` with `Last page` or `Start language` (full-text headings), also in the
    ///   `code. text` heading style (`submitdate. Date submitted`).
    /// - Typeform: a first column `#`, or a `Submit Date (UTC)` column.
    /// - Google Forms: a first column `Timestamp` (or its localised name).
    /// - SurveyMonkey: `Respondent ID` in the first row, or a second row of which at least a third
    ///   of the cells read `Response` or `Open-Ended Response`.
    /// - Otherwise generic, naming the platform whose typical header names the file shares most.
    public static func detect(_ rows: [[String]]) -> Detection {
        let header = rows.first ?? []
        let keys = Set(header.map(normalizedHeader))
        let second = rows.count > 1 ? rows[1] : []
        let third = rows.count > 2 ? rows[2] : []
        if third.contains(where: isImportID) { return Detection(format: .qualtrics) }
        if header.count >= 2, normalizedHeader(header[0]) == "v1", normalizedHeader(header[1]) == "v2",
           second.contains(where: { normalizedHeader($0) == "responseid" }) {
            return Detection(format: .qualtrics)
        }
        if keys.contains("responseid"), keys.contains("finished") || keys.contains("recordeddate") {
            return Detection(format: .qualtrics)
        }
        if keys.contains("start time"), keys.contains("completion time") { return Detection(format: .msForms) }
        if isLimeSurvey(header) { return Detection(format: .limeSurvey) }
        if header.first.map(normalizedHeader) == "#" || keys.contains("submit date (utc)") { return Detection(format: .typeform) }
        if let first = header.first, timestampNames.contains(normalizedHeader(first)) { return Detection(format: .googleForms) }
        if keys.contains("respondent id") || keys.contains("respondentid") { return Detection(format: .surveyMonkey) }
        let responseCells = second.filter { ["response", "open-ended response"].contains(normalizedHeader($0)) }.count
        if responseCells > 0, responseCells * 3 >= max(1, header.count) { return Detection(format: .surveyMonkey) }

        var best: Detection?
        for (format, names) in signatures {
            let found = names.filter(keys.contains)
            if !found.isEmpty, found.count > (best?.matched.count ?? 0) {
                best = Detection(format: .generic, closest: format, matched: found)
            }
        }
        return best ?? Detection(format: .generic)
    }

    /// Header names typical of each platform, to name the closest one when none is recognised.
    static let signatures: [(ExportFormat, [String])] = [
        (.qualtrics, ["startdate", "enddate", "status", "ipaddress", "progress", "duration (in seconds)", "finished",
                      "recordeddate", "responseid", "distributionchannel", "userlanguage"]),
        (.surveyMonkey, ["respondent id", "collector id", "start date", "end date", "ip address", "email address",
                         "first name", "last name", "custom data 1"]),
        (.googleForms, ["timestamp", "email address", "score"]),
        (.msForms, ["id", "start time", "completion time", "email", "name", "last modified time"]),
        (.typeform, ["#", "start date (utc)", "submit date (utc)", "network id", "stage"]),
        (.limeSurvey, ["submitdate", "lastpage", "startlanguage", "seed", "datestamp", "ipaddr", "refurl",
                       "date submitted", "last page", "start language", "date last action", "referrer url"]),
    ]

    /// Whether a header has LimeSurvey's metadata columns, in code, full-text or `code. text` headings.
    static func isLimeSurvey(_ header: [String]) -> Bool {
        var keys = Set<String>()
        for name in header {
            let key = normalizedHeader(name)
            keys.insert(key)
            // `submitdate. Date submitted`: LimeSurvey's "question code & question text" headings.
            if let dot = key.range(of: ". ") { keys.insert(String(key[..<dot.lowerBound])) }
        }
        return (keys.contains("submitdate") && (keys.contains("lastpage") || keys.contains("startlanguage")))
            || (keys.contains("date submitted") && (keys.contains("last page") || keys.contains("start language")))
    }

    /// `Timestamp` as Google Forms writes it in a few interface languages.
    static let timestampNames: Set<String> = ["timestamp", "marca temporal", "horodateur", "zeitstempel",
                                              "carimbo de data/hora", "informazioni cronologiche", "tijdstempel"]

    /// Whether a cell is a Qualtrics import id: `{"ImportId":"QID1"}` or `{'ImportId': 'QID2-1'}`.
    static func isImportID(_ cell: String) -> Bool {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix("{\"ImportId\"") || trimmed.hasPrefix("{'ImportId'")
    }

    /// The value of a Qualtrics import id cell (`QID1`, `_recordId`), or nil.
    static func importID(_ cell: String) -> String? {
        guard isImportID(cell), let colon = cell.firstIndex(of: ":") else { return nil }
        var value = cell[cell.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if let comma = value.firstIndex(of: ",") { value = String(value[..<comma]) }
        return value.trimmingCharacters(in: CharacterSet(charactersIn: "\"' }"))
    }
}

/// A header name as platforms are compared: normalised, with HTML tags removed.
func normalizedHeader(_ name: String) -> String {
    normalizedKey(strippingHTML(name))
}

/// Text without HTML tags, and with the common entities decoded (Typeform and SurveyMonkey headers).
func strippingHTML(_ text: String) -> String {
    guard text.contains("<") || text.contains("&") else { return text }
    var result = ""
    var tag: String?
    for character in text {
        if var name = tag {
            if character == ">" {
                // Block tags separate words; inline ones (`<strong>`, `<em>`) sit inside them.
                let element = name.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "/ ")).prefix { $0.isLetter }
                if ["br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "tr", "td"].contains(String(element)) { result.append(" ") }
                tag = nil
            } else {
                name.append(character)
                tag = name
            }
        } else if character == "<" {
            tag = ""
        } else {
            result.append(character)
        }
    }
    if tag != nil { return text }
    for (entity, value) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"), ("&amp;", "&")] {
        result = result.replacingOccurrences(of: entity, with: value)
    }
    return normalizedSpacing(result)
}

/// Text trimmed, with runs of white space collapsed to one space (case kept).
func normalizedSpacing(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
}
