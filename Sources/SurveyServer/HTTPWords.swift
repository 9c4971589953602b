import Hummingbird
import SurveyCore
import SurveyKit

/// How the service names settings and listings: its query parameters and endpoints.
struct HTTPVocabulary: Vocabulary {
    func phrase(for parameter: Parameter, value: String?) -> String {
        let name = Self.queryName(parameter)
        if let value { return "\(name)=\(value)" }
        return parameter.isFlag ? "\(name)=true" : name
    }

    func phrase(for listing: Listing) -> String {
        switch listing {
        case .imports: "GET /v1/imports"
        case .units, .organisations: "GET /v1/organisations"
        case .waves: "GET /v1/waves"
        case .tokens: "the service's administrator"
        case .importing: "upload an export with POST /v1/imports"
        }
    }

    /// The query parameter (or path segment) that carries a setting.
    static func queryName(_ parameter: Parameter) -> String {
        switch parameter {
        case .survey: "survey"
        case .mapping: "mapping"
        case .wave: "wave"
        case .organisation: "organisation"
        case .division: "division"
        case .unit: "unit"
        case .format: "format"
        case .timeZone: "timezone"
        case .dateOrder: "date-order"
        case .includePartial: "include-partial"
        case .keepIdentifiers: "keep-identifiers"
        case .replace: "replace"
        case .dryRun: "dry-run"
        case .skipInvalid: "skip-invalid"
        case .rejects: "rejects"
        case .from: "from"
        case .to: "to"
        case .minGroup: "min-group"
        case .breakdown: "by"
        case .pairs: "pairs"
        case .headings: "headings"
        case .force: "force"
        case .batch: "id"
        case .file: "filename"
        }
    }
}

/// The service's words, for every message it answers.
let httpWords = HTTPVocabulary()

extension APIError {
    /// The status and error code for each kind of problem, decided here and nowhere else.
    static func status(for code: UserError.Code) -> (HTTPResponse.Status, String) {
        switch code {
        case .invalidData: (.unprocessableContent, "invalid_data")
        case .invalidMapping: (.unprocessableContent, "invalid_mapping")
        case .unknownOrganisation, .notFound: (.notFound, "not_found")
        case .missingFile, .unknownSurvey, .invalidRequest: (.badRequest, "bad_request")
        case .conflict, .fileExists: (.conflict, "conflict")
        case .cancelled: (.serviceUnavailable, "cancelled")
        case .unreadableFile, .unwritableFile, .storeFailure, .internalFailure: (.internalServerError, "internal")
        }
    }

    /// A problem as the service answers it in its words, the diagnostics as details: a bad
    /// request names its parameter first (`format: …`); a 404 names the missing thing itself.
    /// The server's own failures say only what was not done, never the store's text.
    init(_ error: UserError) {
        let (status, code) = Self.status(for: error.code)
        var shown = error
        // Which organisations exist is not a client's business: a viewer may not learn them.
        if error.code == .unknownOrganisation { shown.hint = nil }
        var message = shown.text(in: httpWords)
        switch error.location {
        case .field(let parameter)? where status == .badRequest: message = "\(HTTPVocabulary.queryName(parameter)): " + message
        case .field?: break
        case .source(let location)?: message = "\(location): " + message
        case nil: break
        }
        if status == .internalServerError {
            message = switch error.code {
            case .storeFailure: "the store could not do this; nothing was stored"
            case .unreadableFile, .unwritableFile: "the server could not read or write a file it needs; nothing was stored"
            default: "the server could not answer this request"
            }
        }
        self.init(status, code, message, details: error.diagnostics.map { $0.rendered(in: httpWords) })
        if status == .internalServerError { cause = error.description + (error.underlying.map { " (\($0))" } ?? "") }
    }
}
